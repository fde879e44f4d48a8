package org.foglab.cost;

import org.foglab.config.Choice;

/** How {@code generate} draws device capacities {@code C_i(t)} (Tu et al., Sections IV-A, V-A). */
public enum CapacityModel implements Choice {
  /** {@code C_i(t) ~ U(0, node-factor * Dmax)}, independently per device-slot (Section V-A). */
  UNIFORM,
  /**
   * Theorem 2: a service rate {@code mu_i} per device, and the time-invariant capacity
   * {@code C_i = StragglerCapacity.capacity(mu_i, sigma)} whose mean queueing delay is
   * {@code sigma} slots (D/M/1 queue).
   */
  STRAGGLER;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
