package org.foglab.optimize.exact;

/**
 * The sink side of a Lagrangian dual: for sink {@code s} with processing cost function
 * {@code h_s(G)} on its domain, {@code min over G of h_s(G) - mu G} (the negated convex conjugate
 * {@code -h_s*(mu)}). May be {@code -infinity}, which makes the bound vacuous but valid.
 */
@FunctionalInterface
public interface SinkConjugate {
  double minShifted(int sink, double mu);
}
