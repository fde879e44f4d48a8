package org.foglab.optimize;

import java.util.LinkedHashMap;
import java.util.Map;
import org.foglab.optimize.convex.ConvexResult;
import org.foglab.optimize.exact.ExactStatus;
import org.foglab.optimize.exact.ExactSummary;

/**
 * The summary beside a plan (docs/formats.md): cost components, unit cost, data fractions, the solver,
 * its status and the gap it certifies, and capacity violations. One shape for every path: the
 * closed form (Theorem 3), the exact solvers (linear and sqrt error models) and the realised
 * plans of Table III's settings.
 *
 * @param method solver used (never {@link SolveMethod#AUTO}); null for setting A, which plans
 *     nothing
 * @param status what the solver certifies
 * @param processCost processing cost
 * @param transferCost transfer (offloading) cost
 * @param discardCost discard (error) cost: {@code f} per discarded datapoint (linear model), or the
 *     error term {@code sum f / sqrt(G)} (sqrt model)
 * @param totalData total collected data
 * @param keptData data processed where collected
 * @param offloadedData data offloaded
 * @param discardedData data discarded
 * @param lowerBound a certified lower bound on the optimal cost: the closed form's own cost (the
 *     uncapacitated optimum bounds the capacitated one from below), an exact solver's dual bound,
 *     or for a realised setting plan the uncapacitated optimum of the realised trace
 * @param gap certified relative gap (total - lowerBound) / total, or null when the plan is not
 *     feasible
 * @param violations capacity violations of the plan
 * @param deviceSlots device-slots in the trace
 * @param links link-slots in the trace
 * @param solveSeconds wall-clock time of the solve
 * @param requested the method asked for ({@link SolveMethod#AUTO} picks {@code method})
 * @param error the error model
 * @param exact the exact solver's certificate and work, or null when it did not run
 * @param setting how a Table III setting planned, or null without one
 */
public record SolveSummary(SolveMethod method, SolveStatus status, double processCost,
    double transferCost, double discardCost, double totalData, double keptData,
    double offloadedData, double discardedData, double lowerBound, Double gap,
    CapacityViolations violations, long deviceSlots, long links, double solveSeconds,
    SolveMethod requested, ErrorModel error, ExactDetails exact, SettingDetails setting)
    implements java.io.Serializable {

  public double totalCost() {
    return processCost + transferCost + discardCost;
  }

  public double unitCost() {
    return totalData > 0 ? totalCost() / totalData : 0;
  }

  public double keptFraction() {
    return totalData > 0 ? keptData / totalData : 0;
  }

  public double offloadedFraction() {
    return totalData > 0 ? offloadedData / totalData : 0;
  }

  public double discardedFraction() {
    return totalData > 0 ? discardedData / totalData : 0;
  }

  /** Summary of a closed-form plan from its evaluation. */
  public static SolveSummary closedForm(PlanEvaluation e, long deviceSlots, long links,
      double seconds) {
    return closedForm(e.processCost(), e.transferCost(), e.discardCost(), e.totalData(),
        e.keptData(), e.offloadedData(), e.discardedData(), e.capacity(), deviceSlots, links, seconds);
  }

  public static SolveSummary closedForm(double process, double transfer, double discard,
      double total, double kept, double offloaded, double discarded, CapacityViolations v,
      long deviceSlots, long links, double seconds) {
    boolean feasible = !v.any();
    double cost = process + transfer + discard;
    return new SolveSummary(SolveMethod.CLOSED_FORM,
        feasible ? SolveStatus.OPTIMAL : SolveStatus.CAPACITY_VIOLATED, process, transfer, discard,
        total, kept, offloaded, discarded, cost, feasible ? 0.0 : null, v, deviceSlots, links,
        seconds, SolveMethod.CLOSED_FORM, ErrorModel.LINEAR, null, null);
  }

  /**
   * Summary of an exact linear solve (in memory or on Spark).
   *
   * @throws IllegalStateException if the solver's plan is infeasible, which the problem never
   *     forces (discarding is always possible) and therefore means a solver fault
   */
  public static SolveSummary exact(ExactSummary s, long deviceSlots, long links, double seconds,
      double gapTolerance) {
    if (s.status() == ExactStatus.INFEASIBLE) {
      throw new IllegalStateException("internal error: the exact solver's plan is infeasible "
          + "(conservation error " + s.conservationError() + ", " + s.capacity() + ")");
    }
    SolveStatus st = s.status() == ExactStatus.OPTIMAL ? SolveStatus.OPTIMAL
        : SolveStatus.GAP_NOT_CERTIFIED;
    return new SolveSummary(SolveMethod.EXACT, st, s.processCost(), s.transferCost(),
        s.discardCost(), s.totalData(), s.keptData(), s.offloadedData(), s.discardedData(),
        s.bound(), nonNegative(s.gap()), s.capacity(), deviceSlots, links, seconds,
        SolveMethod.EXACT, ErrorModel.LINEAR, ExactDetails.of(s, gapTolerance), null);
  }

  /**
   * Summary of a sqrt-model solve: costs from the solver, data fractions and capacity checks from
   * the plan's (linear) evaluation, whose discard cost is not used.
   */
  public static SolveSummary convex(ConvexResult r, PlanEvaluation plan, long deviceSlots,
      long links, double seconds, double gapTolerance) {
    if (!plan.isFeasible()) {
      throw new IllegalStateException("internal error: the sqrt-model plan is infeasible ("
          + plan.capacity() + ", conservation error " + plan.conservationError() + ")");
    }
    SolveStatus st = r.status() == ExactStatus.OPTIMAL ? SolveStatus.OPTIMAL
        : SolveStatus.GAP_NOT_CERTIFIED;
    return new SolveSummary(SolveMethod.EXACT, st, r.processCost(), r.transferCost(),
        r.errorCost(), plan.totalData(), plan.keptData(), plan.offloadedData(),
        plan.discardedData(), r.bound(), nonNegative(r.gap()), plan.capacity(), deviceSlots,
        links, seconds, SolveMethod.EXACT, ErrorModel.SQRT, ExactDetails.of(r, gapTolerance),
        null);
  }

  /**
   * Summary of a Table III setting's realised plan: its cost on the realised trace, its realised
   * capacity violations, and its gap to {@code lowerBound} (the realised trace's uncapacitated
   * optimum) when feasible.
   *
   * @param planner the solver that planned (null for setting A)
   */
  public static SolveSummary realised(PlanEvaluation e, double lowerBound, SolveMethod planner,
      SettingDetails setting, long deviceSlots, long links, double seconds, double gapTolerance) {
    boolean feasible = e.isFeasible();
    double cost = e.totalCost();
    Double gap = null;
    SolveStatus st = SolveStatus.CAPACITY_VIOLATED;
    if (feasible) {
      gap = nonNegative(cost > 0 ? (cost - lowerBound) / cost : 0);
      st = gap <= gapTolerance ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE;
    }
    return new SolveSummary(planner, st, e.processCost(), e.transferCost(), e.discardCost(),
        e.totalData(), e.keptData(), e.offloadedData(), e.discardedData(), lowerBound, gap,
        e.capacity(), deviceSlots, links, seconds, SolveMethod.AUTO, ErrorModel.LINEAR, null,
        setting);
  }

  /** The same summary, asked for as {@code m} and taking {@code seconds} in all. */
  public SolveSummary requestedAs(SolveMethod m, double seconds) {
    return new SolveSummary(method, status, processCost, transferCost, discardCost, totalData,
        keptData, offloadedData, discardedData, lowerBound, gap, violations, deviceSlots, links,
        seconds, m, error, exact, setting);
  }

  /** Rounding leaves certified gaps around -1e-15; a gap is never reported below 0. */
  private static double nonNegative(double gap) {
    return Math.max(0.0, gap);
  }

  /** The summary.json object. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method == null ? null : method.configName());
    m.put("requested_method", requested.configName());
    m.put("error_model", error.configName());
    m.put("status", status.configName());
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("process", processCost);
    cost.put("transfer", transferCost);
    cost.put("discard", discardCost);
    cost.put("total", totalCost());
    m.put("cost", cost);
    m.put("unit_cost", unitCost());
    m.put("total_data", totalData);
    m.put("kept_fraction", keptFraction());
    m.put("offloaded_fraction", offloadedFraction());
    m.put("discarded_fraction", discardedFraction());
    m.put("lower_bound", lowerBound);
    m.put("gap", gap);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("node_slots", violations.nodeSlots());
    v.put("node_excess", violations.nodeExcess());
    v.put("max_node_excess", violations.maxNodeExcess());
    v.put("links", violations.links());
    v.put("link_excess", violations.linkExcess());
    v.put("max_link_excess", violations.maxLinkExcess());
    m.put("capacity_violations", v);
    m.put("device_slots", deviceSlots);
    m.put("links", links);
    m.put("solve_seconds", solveSeconds);
    m.put("exact", exact == null ? null : exact.toJson());
    m.put("setting", setting == null ? null : setting.toJson());
    return m;
  }
}
