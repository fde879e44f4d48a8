/**
 * The nonlinear error model of Lemma 1 (error cost f / sqrt(G)) and its certified solver:
 * outer approximation by tangents with the exact min-cost flow as LP oracle and a Lagrangian
 * dual bound.
 */
package org.foglab.optimize.convex;
