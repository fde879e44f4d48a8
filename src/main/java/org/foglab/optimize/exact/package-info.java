/**
 * Exact solvers of the data-movement problem (5)-(9) of Tu et al. with the linear error model
 * and node and link capacities: successive shortest paths from the Theorem-3 closed form
 * ({@link org.foglab.optimize.exact.ExactSolver} in memory,
 * {@link org.foglab.optimize.exact.DistributedExactSolver} by time blocks on Spark), certified by
 * a Lagrangian dual bound, and their benchmark.
 */
package org.foglab.optimize.exact;
