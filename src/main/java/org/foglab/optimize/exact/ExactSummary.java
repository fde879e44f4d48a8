package org.foglab.optimize.exact;

import java.io.Serializable;
import org.foglab.optimize.CapacityViolations;
import org.foglab.optimize.PlanEvaluation;

/**
 * The result record of an exact solve (in memory or on Spark): costs under the linear error
 * model, feasibility, the certificate and the work done.
 *
 * @param processCost processing cost of kept and offloaded data where it is processed
 * @param transferCost cost of the offloaded data on the links
 * @param discardCost cost of the discarded data
 * @param totalCost sum of the three
 * @param totalData total collected data
 * @param keptData data processed where collected
 * @param offloadedData data offloaded to a neighbour
 * @param discardedData data discarded
 * @param primal total cost, compensated sum (the certified objective)
 * @param bound Lagrangian lower bound at the solver's sink prices
 * @param gap {@code (primal - bound) / max(|primal|, tiny)}
 * @param status {@link ExactStatus}
 * @param conservationError largest |kept + offloaded + discarded - D| over device-slots
 * @param capacity capacity violations (none for a feasible plan)
 * @param searches shortest-path searches (augmentations), including aborted window attempts
 * @param settledNodes nodes settled over all searches
 * @param blocks time blocks (1 for the in-memory solver)
 * @param windowRounds rounds of seam-window solves (0 without seams)
 * @param windows seam windows in the final decomposition
 * @param widestWindowSlots source slots of the widest final window
 * @param blockSeconds time to read the tables into blocks and solve them (0 in memory)
 * @param windowSeconds time of the seam windows (0 without seams)
 * @param seconds wall-clock time in total, including merging and certification
 * @param deviceSlots device-slots of the trace (present ones)
 * @param links link-slots of present device-slots
 */
public record ExactSummary(
    double processCost,
    double transferCost,
    double discardCost,
    double totalCost,
    double totalData,
    double keptData,
    double offloadedData,
    double discardedData,
    double primal,
    double bound,
    double gap,
    ExactStatus status,
    double conservationError,
    CapacityViolations capacity,
    long searches,
    long settledNodes,
    int blocks,
    int windowRounds,
    int windows,
    int widestWindowSlots,
    double blockSeconds,
    double windowSeconds,
    double seconds,
    long deviceSlots,
    long links) implements Serializable {

  /** Total cost per collected datapoint (0 without data). */
  public double unitCost() {
    return totalData > 0 ? totalCost / totalData : 0;
  }

  public double offloadedFraction() {
    return totalData > 0 ? offloadedData / totalData : 0;
  }

  public double discardedFraction() {
    return totalData > 0 ? discardedData / totalData : 0;
  }

  public boolean feasible() {
    return status != ExactStatus.INFEASIBLE;
  }

  /** The summary of an in-memory result. */
  public static ExactSummary of(ExactResult r) {
    PlanEvaluation ev = r.evaluation();
    org.foglab.network.Trace tr = r.plan().trace();
    long slots = 0;
    long links = 0;
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (tr.present(k)) {
        slots++;
        links += tr.linkEnd(k) - tr.linkStart(k);
      }
    }
    return new ExactSummary(ev.processCost(), ev.transferCost(), ev.discardCost(),
        ev.totalCost(), ev.totalData(), ev.keptData(), ev.offloadedData(), ev.discardedData(),
        r.primal(), r.bound(), r.gap(), r.status(), ev.conservationError(), ev.capacity(),
        r.searches(), r.settledNodes(), 1, 0, 0, 0, 0, 0, r.seconds(), slots, links);
  }
}
