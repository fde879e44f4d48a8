package org.foglab.optimize;

import org.foglab.config.Choice;

/** What a solver can say of its plan. */
public enum SolveStatus implements Choice {
  /** The plan is feasible and optimal (certified gap within the tolerance). */
  OPTIMAL,
  /**
   * The plan exceeds some capacity: it is not feasible. For the closed form its cost is then a
   * lower bound on the capacitated optimum; for a realised imperfect-information plan (Table III)
   * the violations are what the estimates cost.
   */
  CAPACITY_VIOLATED,
  /** An exact solver's feasible plan whose certified gap exceeds the tolerance. */
  GAP_NOT_CERTIFIED,
  /**
   * A feasible plan with no optimality claim (a realised imperfect-information plan): its gap is
   * measured against the uncapacitated optimum of the realised trace, a lower bound on any plan.
   */
  FEASIBLE;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
