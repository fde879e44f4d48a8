package org.foglab.optimize;

import org.foglab.config.Choice;

/** Solvers of the data-movement problem. */
public enum SolveMethod implements Choice {
  /** Theorem 3: each datapoint to its cheapest outlet; optimal when no capacity binds. */
  CLOSED_FORM;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
