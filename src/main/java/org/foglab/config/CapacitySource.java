package org.foglab.config;

/** Where {@code solve} takes device capacities from. */
public enum CapacitySource implements Choice {
  /** The trace's {@code capacity} column. */
  TRACE,
  /**
   * Theorem 2: {@code C = StragglerCapacity.capacity(mu, sigma)} from the devices table's
   * {@code service_rate} column {@code mu} and the wait bound {@code sigma}.
   */
  STRAGGLER;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
