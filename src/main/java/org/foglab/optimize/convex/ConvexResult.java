package org.foglab.optimize.convex;

import org.foglab.optimize.Plan;
import org.foglab.optimize.exact.ExactStatus;

/**
 * A certified solution of the nonlinear (Lemma 1) data-movement problem.
 *
 * @param plan the best plan found (discarded = collected - kept - offloaded)
 * @param processCost {@code sum c_s G_s}
 * @param transferCost {@code sum c_e x_e}
 * @param errorCost {@code sum f_s / sqrt(G_s)} (see {@link SqrtErrorModel} for the conventions)
 * @param primal objective of the plan (the sum of the three)
 * @param bound best certified lower bound on the optimum (Lagrangian dual or the LP bound of the
 *     piecewise-linear underestimate, whichever is larger)
 * @param gap {@code (primal - bound) / primal}
 * @param status {@link ExactStatus#OPTIMAL} when feasible and certified within the tolerance
 * @param iterations outer-approximation rounds (one exact LP each)
 * @param searches shortest-path searches over all rounds
 * @param seconds wall-clock time
 * @param loads processed load {@code G} of every device-slot in the plan
 * @param sinkValues the multipliers {@code mu} of the last round: marginal value of load
 */
public record ConvexResult(
    Plan plan,
    double processCost,
    double transferCost,
    double errorCost,
    double primal,
    double bound,
    double gap,
    ExactStatus status,
    int iterations,
    long searches,
    double seconds,
    double[] loads,
    double[] sinkValues) {

  @Override
  public String toString() {
    return "ConvexResult[status=" + status + ", primal=" + primal + ", bound=" + bound + ", gap="
        + gap + ", iterations=" + iterations + ", searches=" + searches + ", seconds=" + seconds
        + "]";
  }
}
