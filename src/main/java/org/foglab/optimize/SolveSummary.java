package org.foglab.optimize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The summary beside a plan (model.md): cost components, unit cost, data fractions, the solver,
 * its status and the gap it certifies, and capacity violations.
 *
 * @param method solver
 * @param status what the solver certifies
 * @param processCost processing cost
 * @param transferCost transfer (offloading) cost
 * @param discardCost discard (error) cost
 * @param totalData total collected data
 * @param keptData data processed where collected
 * @param offloadedData data offloaded
 * @param discardedData data discarded
 * @param lowerBound a certified lower bound on the optimal cost (the closed form's own cost:
 *     the uncapacitated optimum bounds the capacitated one from below)
 * @param gap certified relative gap (total - lowerBound) / total, or null when the plan is not
 *     feasible
 * @param violations capacity violations of the plan
 * @param deviceSlots device-slots in the trace
 * @param links link-slots in the trace
 * @param solveSeconds wall-clock time of the solve
 */
public record SolveSummary(SolveMethod method, SolveStatus status, double processCost,
    double transferCost, double discardCost, double totalData, double keptData,
    double offloadedData, double discardedData, double lowerBound, Double gap,
    CapacityViolations violations, long deviceSlots, long links, double solveSeconds)
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
        seconds);
  }

  /** The summary.json object. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", method.configName());
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
    return m;
  }
}
