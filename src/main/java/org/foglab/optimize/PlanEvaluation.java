package org.foglab.optimize;

import org.foglab.network.Trace;

/**
 * Costs and feasibility of a {@link Plan} under the linear error model of {@code docs/formats.md}:
 * processing at the processing device-slot's cost, transfer at the link's cost, discarding at
 * the source's discard cost.
 *
 * @param processCost sum of processed amounts times the processing cost where they are processed
 * @param transferCost sum of offloaded amounts times link costs
 * @param discardCost sum of discarded amounts times discard costs
 * @param totalData total collected data
 * @param keptData data processed where it was collected
 * @param offloadedData data offloaded to a neighbour
 * @param discardedData data discarded
 * @param conservationError largest |kept + offloaded + discarded - D| over device-slots
 * @param invalidFlow largest amount placed on an outlet that does not exist (negative amounts,
 *     offloads past the horizon or to absent device-slots), 0 for a well-formed plan
 * @param capacity capacity violations of the plan
 */
public record PlanEvaluation(
    double processCost,
    double transferCost,
    double discardCost,
    double totalData,
    double keptData,
    double offloadedData,
    double discardedData,
    double conservationError,
    double invalidFlow,
    CapacityViolations capacity) {

  public double totalCost() {
    return processCost + transferCost + discardCost;
  }

  /** Total cost per collected datapoint (0 when there is no data). */
  public double unitCost() {
    return totalData > 0 ? totalCost() / totalData : 0;
  }

  public double offloadedFraction() {
    return totalData > 0 ? offloadedData / totalData : 0;
  }

  public double discardedFraction() {
    return totalData > 0 ? discardedData / totalData : 0;
  }

  public double keptFraction() {
    return totalData > 0 ? keptData / totalData : 0;
  }

  /** Relative tolerance on capacities and conservation used by {@link #isFeasible()}. */
  public static final double FEASIBILITY_TOLERANCE = 1e-9;

  /** Every datapoint assigned once and no capacity exceeded, to {@link #FEASIBILITY_TOLERANCE}. */
  public boolean isFeasible() {
    double scale = Math.max(1.0, totalData);
    return conservationError <= FEASIBILITY_TOLERANCE * scale
        && invalidFlow <= FEASIBILITY_TOLERANCE * scale
        && !capacity.any();
  }

  /** Evaluates a plan against its trace. */
  public static PlanEvaluation of(Plan plan) {
    Trace tr = plan.trace();
    double process = 0;
    double transfer = 0;
    double discard = 0;
    double total = 0;
    double kept = 0;
    double off = 0;
    double disc = 0;
    double conservation = 0;
    double invalid = 0;
    CapacityViolations.Accumulator cap = new CapacityViolations.Accumulator();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      double d = tr.data(k);
      double sent = 0;
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        double x = plan.offloaded(e);
        if (x == 0) {
          continue;
        }
        int r = tr.receiver(k, e);
        if (r < 0 || x < 0) {
          invalid = Math.max(invalid, Math.abs(x));
          continue;
        }
        sent += x;
        transfer += x * tr.linkCost(e);
        process += x * tr.processCost(r);
        cap.link(x, tr.linkCapacity(e));
      }
      double keep = plan.kept(k);
      double drop = plan.discarded(k);
      if (keep < 0 || drop < 0 || (!tr.present(k) && (keep != 0 || drop != 0))) {
        invalid = Math.max(invalid, Math.max(Math.abs(keep), Math.abs(drop)));
      }
      process += keep * tr.processCost(k);
      discard += drop * tr.discardCost(k);
      total += d;
      kept += keep;
      off += sent;
      disc += drop;
      conservation = Math.max(conservation, Math.abs(keep + sent + drop - d));
    }
    double[] load = plan.processedLoad();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (tr.present(k)) {
        cap.node(load[k], tr.capacity(k));
      }
    }
    return new PlanEvaluation(process, transfer, discard, total, kept, off, disc, conservation,
        invalid, cap.result());
  }
}
