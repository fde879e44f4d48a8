package org.foglab.optimize;

import org.foglab.config.Choice;

/** What a solver can say of its plan. */
public enum SolveStatus implements Choice {
  /** The plan is feasible and optimal (certified gap below tolerance). */
  OPTIMAL,
  /**
   * The closed-form plan exceeds some capacity: it is not feasible, and its cost is only a lower
   * bound on the capacitated optimum.
   */
  CAPACITY_VIOLATED;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
