package org.foglab.learning.cost;

import org.foglab.config.Choice;

/** What crosses a link while training. */
public enum TrafficKind implements Choice {
  /** Training samples themselves (centralised training, data offloading). */
  RAW_DATA,
  /** Forward activations at a cut layer (split learning, pipelines). */
  ACTIVATIONS,
  /** Gradients at a cut layer, or gradient updates sent for aggregation. */
  GRADIENTS,
  /** Model parameters (federated averaging: uploads and broadcasts). */
  PARAMETERS,
  /** Labels sent to the node that computes the loss. */
  LABELS,
  /** Model parameters a device sends a D2D neighbour in a consensus round (fog learning). */
  CONSENSUS;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
