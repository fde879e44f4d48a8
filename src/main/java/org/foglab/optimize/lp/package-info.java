/**
 * The data-movement problem written out as an explicit linear program for a general LP solver
 * (ojAlgo): the independent oracle of the exact solvers and a solver for small sub-problems.
 */
package org.foglab.optimize.lp;
