package org.foglab.optimize;

import org.foglab.config.Choice;

/** Solvers of the data-movement problem. */
public enum SolveMethod implements Choice {
  /**
   * The closed form when no capacity binds, the exact solver otherwise: the closed-form pass
   * runs first and reports its capacity violations, which decide (never reported as the method
   * used).
   */
  AUTO,
  /** Theorem 3: each datapoint to its cheapest outlet; optimal when no capacity binds. */
  CLOSED_FORM,
  /**
   * The certified exact solver: successive shortest paths from the Theorem 3 start under node
   * and link capacities (linear error model), or outer approximation with exact LPs (sqrt error
   * model, Lemma 1).
   */
  EXACT;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
