package org.foglab.learning.fog;

import org.foglab.config.Choice;

/** How a fog tree trains (seed 002; baselines of Federated2Fog). */
public enum FogMode implements Choice {
  /** The star: every device sends its model straight to the root each global round. */
  FEDERATED,
  /** Every layer aggregates its children weighted by samples on its own period (HierFAVG). */
  HIERARCHICAL,
  /**
   * As hierarchical, but a bottom cluster aggregates by D2D average consensus and its parent
   * samples one device (or a fraction) instead of receiving every model.
   */
  CONSENSUS;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
