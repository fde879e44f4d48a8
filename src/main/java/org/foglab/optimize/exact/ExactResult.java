package org.foglab.optimize.exact;

import org.foglab.optimize.Plan;
import org.foglab.optimize.PlanEvaluation;

/**
 * An exact solution of the linear data-movement problem of an in-memory trace.
 *
 * @param plan the optimal plan
 * @param evaluation its costs and feasibility under the linear error model
 * @param primal total cost of the plan (processing + transfer + discard)
 * @param bound Lagrangian lower bound {@code L(p)} at the solver's sink prices
 * @param gap {@code (primal - bound) / max(|primal|, tiny)}; rounding may make it slightly
 *     negative (around 1e-15)
 * @param status {@link ExactStatus#OPTIMAL} when feasible and {@code gap <= tolerance}
 * @param searches shortest-path searches (one per augmentation)
 * @param settledNodes nodes settled over all searches (a measure of work)
 * @param seconds wall-clock time of the solve, including certification
 * @param sinkPrices price {@code p_s >= 0} of each device-slot's processing capacity (its LP
 *     dual; 0 for absent device-slots and where capacity does not bind)
 */
public record ExactResult(
    Plan plan,
    PlanEvaluation evaluation,
    double primal,
    double bound,
    double gap,
    ExactStatus status,
    long searches,
    long settledNodes,
    double seconds,
    double[] sinkPrices) {

  /** The relative gap of a primal value and a lower bound. */
  public static double relativeGap(double primal, double bound) {
    return (primal - bound) / Math.max(Math.abs(primal), Double.MIN_NORMAL);
  }

  @Override
  public String toString() {
    return "ExactResult[status=" + status + ", primal=" + primal + ", bound=" + bound + ", gap="
        + gap + ", searches=" + searches + ", seconds=" + seconds + "]";
  }
}
