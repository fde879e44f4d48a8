package org.foglab.optimize;

import org.foglab.config.Choice;

/**
 * The four settings of Tu et al. Table III, which differ in what the planner may do and know.
 */
public enum InformationSetting implements Choice {
  /** No data movement: every device processes all it collects (offloading and discarding off). */
  A,
  /** Network-aware, perfect information, capacities ignored. */
  B,
  /** Network-aware, imperfect information (previous interval's averages), capacities ignored. */
  C,
  /** Network-aware, imperfect information, capacities enforced on the estimates. */
  D;

  @Override
  public String configName() {
    return name();
  }

  public boolean imperfect() {
    return this == C || this == D;
  }
}
