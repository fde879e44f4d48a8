package org.foglab.optimize;

import org.foglab.network.Trace;

/**
 * Theorem 3 of Tu et al. (INFOCOM 2020): without binding capacities and with the linear error
 * model, every datapoint of device-slot (i, t) takes its cheapest outlet: processing at
 * {@code c_i(t)}, offloading over the link minimising {@code c_ij(t) + c_j(t+1)}, or discarding
 * at {@code f_i(t)}. This is the optimum of the LP without capacity constraints, hence a lower
 * bound on the capacitated optimum and the optimum itself whenever it respects every capacity.
 *
 * <p>Ties go to processing, then offloading, then discarding; among links, to the smaller
 * destination. The kernel is O(out-degree) per device-slot and allocation-free.
 */
public final class ClosedForm {
  /** Outlet code: process at the collecting device. */
  public static final int PROCESS = -1;
  /** Outlet code: discard. */
  public static final int DISCARD = -2;

  private ClosedForm() {}

  /**
   * The kernel. Offers {@code offer[from..to)} are the costs {@code c_ij(t) + c_j(t+1)} of the
   * usable links, sorted by destination; returns {@link #PROCESS}, {@link #DISCARD} or the index
   * of the chosen offer.
   */
  public static int choose(double processCost, double discardCost, double[] offer, int from,
      int to) {
    int best = -1;
    double bestOffer = Double.POSITIVE_INFINITY;
    for (int e = from; e < to; e++) {
      double o = offer[e];
      if (o < bestOffer) {
        bestOffer = o;
        best = e;
      }
    }
    return decide(processCost, discardCost, bestOffer, best);
  }

  /** The choice given the cheapest usable offer ({@code bestIndex < 0} when there is none). */
  public static int decide(double processCost, double discardCost, double bestOffer,
      int bestIndex) {
    if (processCost <= bestOffer && processCost <= discardCost) {
      return PROCESS;
    }
    if (bestIndex >= 0 && bestOffer <= discardCost) {
      return bestIndex;
    }
    return DISCARD;
  }

  /** The closed-form plan of an in-memory trace. */
  public static Plan solve(Trace tr) {
    double[] kept = new double[tr.deviceSlots()];
    double[] discarded = new double[tr.deviceSlots()];
    double[] offloaded = new double[tr.links()];
    for (int k = 0; k < tr.deviceSlots(); k++) {
      double d = tr.data(k);
      if (!tr.present(k) || d == 0) {
        continue;
      }
      int best = -1;
      double bestOffer = Double.POSITIVE_INFINITY;
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        int r = tr.receiver(k, e);
        if (r < 0) {
          continue;
        }
        double o = tr.linkCost(e) + tr.processCost(r);
        if (o < bestOffer) {
          bestOffer = o;
          best = e;
        }
      }
      int outlet = decide(tr.processCost(k), tr.discardCost(k), bestOffer, best);
      if (outlet == PROCESS) {
        kept[k] = d;
      } else if (outlet == DISCARD) {
        discarded[k] = d;
      } else {
        offloaded[outlet] = d;
      }
    }
    return new Plan(tr, kept, discarded, offloaded);
  }
}
