package org.foglab.learning.fog;

import org.foglab.config.Choice;

/** How clusters are chosen for a global round ({@code --cluster-fraction f}). */
public enum ClusterSampling implements Choice {
  /** Each cluster independently with probability f. */
  UNIFORM,
  /**
   * Each cluster independently with probability {@code min(1, f M N_c / N)}: proportional to its
   * share of the data ({@code M} clusters, {@code N_c} its samples, {@code N} all samples).
   */
  DATA_SIZE;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
