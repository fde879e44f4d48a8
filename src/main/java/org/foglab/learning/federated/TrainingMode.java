package org.foglab.learning.federated;

import org.foglab.config.Choice;

/** The training regimes compared in Section V-B of Tu et al. (INFOCOM 2020). */
public enum TrainingMode implements Choice {
  /**
   * All collected data in one place: minibatch SGD over the union of the device streams for the
   * same number of passes, by default with {@code T} steps per pass (one per slot).
   */
  CENTRALIZED,
  /**
   * The paper's federated baseline: every device processes exactly what it collects
   * ({@code G_i(t) = D_i(t)}, no offloading or discarding) and the server aggregates every slot
   * ({@code tau = 1}).
   */
  FEDERATED,
  /** Devices process what a data-movement plan assigns them; aggregation every {@code tau} slots. */
  NETWORK_AWARE;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
