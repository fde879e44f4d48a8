package org.foglab.optimize.lp;

import org.foglab.optimize.Plan;

/**
 * The solution of the full data-movement LP of a trace by a general LP solver.
 *
 * @param plan the solver's plan (present only when {@code optimal})
 * @param objective the solver's objective value (total cost under the linear error model)
 * @param optimal whether the solver reports an optimal solution
 * @param solverState the solver's own state description
 * @param variables number of LP variables
 * @param constraints number of LP constraints
 * @param seconds wall-clock time
 */
public record LpResult(
    Plan plan,
    double objective,
    boolean optimal,
    String solverState,
    int variables,
    int constraints,
    double seconds) {}
