package org.foglab.optimize;

import org.foglab.config.Choice;

/** The cost of the error a device-slot's training incurs (Tu et al., Section III-C). */
public enum ErrorModel implements Choice {
  /** {@code f_i(t)} per discarded datapoint: the problem is a linear program (min-cost flow). */
  LINEAR,
  /**
   * Lemma 1: {@code f_i(t) / sqrt(G_i(t))} for a processed load {@code G_i(t)}; convex, solved in
   * memory by {@code ConvexSolver}.
   */
  SQRT;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
