package org.foglab.learning.federated;

import java.io.Serializable;
import java.util.Arrays;
import org.foglab.data.DeviceData;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;

/**
 * A data-movement {@link Plan} in whole datapoints: what training actually executes.
 *
 * <p>Rounding (plans from capacitated solvers may carry fractional amounts): for each source
 * device-slot with {@code D} collected samples, its outlets in the fixed order <em>keep</em>,
 * <em>links by ascending destination</em>, <em>discard</em> first get the floors of their
 * amounts, then the {@code D - sum floors} remaining samples go one each to the outlets with the
 * largest fractional parts (compared on a 1e-9 grid), ties to the earlier outlet (Hamilton's
 * largest-remainder method).
 * Every rounded amount is the floor or the ceiling of the given one, and the counts sum to
 * {@code D} exactly. A capacity can therefore be exceeded by less than one datapoint per outlet
 * feeding it; the costs reported are those of the rounded plan.
 *
 * <p>The plan must conserve data (amounts of a device-slot summing to {@code D} within
 * {@code 1e-6 D}, no negative amounts beyond that tolerance) and must not offload over a link
 * whose receiver is past the horizon or absent.
 */
public final class RoundedPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Trace trace;
  private final int[] kept;
  private final int[] discarded;
  private final int[] offloaded;
  private final double maxShift;

  private RoundedPlan(Trace trace, int[] kept, int[] discarded, int[] offloaded, double maxShift) {
    this.trace = trace;
    this.kept = kept;
    this.discarded = discarded;
    this.offloaded = offloaded;
    this.maxShift = maxShift;
  }

  /** Rounds {@code plan}, whose trace must hold exactly the counts of {@code data}. */
  public static RoundedPlan of(Plan plan, DeviceData data) {
    Trace tr = plan.trace();
    data.requireConsistent(tr);
    int m = tr.deviceSlots();
    int[] kept = new int[m];
    int[] discarded = new int[m];
    int[] offloaded = new int[tr.links()];
    double shift = 0;
    double[] amount = new double[16];
    int[] floor = new int[16];
    Integer[] order = new Integer[16];
    for (int k = 0; k < m; k++) {
      int d = data.count(k);
      int links = tr.linkEnd(k) - tr.linkStart(k);
      int outlets = links + 2;
      if (amount.length < outlets) {
        amount = new double[outlets];
        floor = new int[outlets];
        order = new Integer[outlets];
      }
      double tol = Math.min(0.5, 1e-6 * Math.max(1, d));
      amount[0] = plan.kept(k);
      for (int e = tr.linkStart(k), o = 1; e < tr.linkEnd(k); e++, o++) {
        double x = plan.offloaded(e);
        if (x != 0 && tr.receiver(k, e) < 0) {
          if (Math.abs(x) > tol) {
            throw new IllegalArgumentException("the plan offloads " + x + " datapoints from "
                + where(tr, k) + " to device " + tr.deviceId(tr.linkDst(e)) + ", which cannot "
                + "process them in slot " + (tr.slotOf(k) + 1) + " (past the horizon or absent)");
          }
          x = 0;
        }
        amount[o] = x;
      }
      amount[outlets - 1] = plan.discarded(k);
      double sum = 0;
      for (int o = 0; o < outlets; o++) {
        double x = amount[o];
        if (!Double.isFinite(x) || x < -tol) {
          throw new IllegalArgumentException("the plan assigns " + x + " datapoints to an outlet "
              + "of " + where(tr, k) + "; amounts must be finite and non-negative");
        }
        amount[o] = Math.max(0, x);
        sum += amount[o];
      }
      if (Math.abs(sum - d) > tol) {
        throw new IllegalArgumentException("the plan routes " + sum + " datapoints of "
            + where(tr, k) + " but it collects " + d);
      }
      int rest = d;
      int fractional = 0;
      for (int o = 0; o < outlets; o++) {
        floor[o] = (int) Math.min(d, Math.floor(amount[o]));
        rest -= floor[o];
        if (amount[o] > floor[o]) {
          order[fractional++] = o;
        }
      }
      if (rest < 0) {
        // Amounts above D within tolerance: trim floors from the last outlet backwards.
        for (int o = outlets - 1; o >= 0 && rest < 0; o--) {
          int cut = Math.min(floor[o], -rest);
          floor[o] -= cut;
          rest += cut;
        }
      } else if (rest > 0) {
        // Fractions on a 1e-9 grid, so solver noise (1.4999999999999998) does not break ties.
        final long[] frac = new long[outlets];
        for (int r = 0; r < fractional; r++) {
          frac[order[r]] = Math.round((amount[order[r]] - floor[order[r]]) * 1e9);
        }
        Arrays.sort(order, 0, fractional, (p, q) -> {
          int c = Long.compare(frac[q], frac[p]);
          return c != 0 ? c : Integer.compare(p, q);
        });
        for (int r = 0; r < fractional && rest > 0; r++, rest--) {
          floor[order[r]]++;
        }
        // Only reachable through tolerance slack: the keep outlet absorbs what is left.
        floor[0] += rest;
      }
      kept[k] = floor[0];
      shift = Math.max(shift, Math.abs(floor[0] - amount[0]));
      for (int e = tr.linkStart(k), o = 1; e < tr.linkEnd(k); e++, o++) {
        offloaded[e] = floor[o];
        shift = Math.max(shift, Math.abs(floor[o] - amount[o]));
      }
      discarded[k] = floor[outlets - 1];
      shift = Math.max(shift, Math.abs(floor[outlets - 1] - amount[outlets - 1]));
    }
    return new RoundedPlan(tr, kept, discarded, offloaded, shift);
  }

  /** The plan without data movement: every device processes all it collects ({@code G = D}). */
  public static RoundedPlan keepAll(Trace trace, DeviceData data) {
    data.requireConsistent(trace);
    return new RoundedPlan(trace, data.counts(), new int[trace.deviceSlots()],
        new int[trace.links()], 0);
  }

  /** The keep-all plan as a {@link Plan} (setting A of Table III, and the federated baseline). */
  public static Plan keepAllPlan(Trace trace) {
    double[] kept = new double[trace.deviceSlots()];
    for (int k = 0; k < kept.length; k++) {
      kept[k] = trace.present(k) ? trace.data(k) : 0;
    }
    return new Plan(trace, kept, new double[kept.length], new double[trace.links()]);
  }

  private static String where(Trace tr, int k) {
    return "device " + tr.deviceId(tr.deviceOf(k)) + " in slot " + tr.slotOf(k);
  }

  public Trace trace() {
    return trace;
  }

  public int kept(int k) {
    return kept[k];
  }

  public int discarded(int k) {
    return discarded[k];
  }

  public int offloaded(int e) {
    return offloaded[e];
  }

  /** Largest |rounded - given| amount over all outlets (0 for an integral plan). */
  public double maxRoundingShift() {
    return maxShift;
  }

  /** The rounded amounts as a {@link Plan}, for cost evaluation. */
  public Plan toPlan() {
    double[] k = new double[kept.length];
    double[] d = new double[kept.length];
    double[] o = new double[offloaded.length];
    for (int i = 0; i < k.length; i++) {
      k[i] = kept[i];
      d[i] = discarded[i];
    }
    for (int e = 0; e < o.length; e++) {
      o[e] = offloaded[e];
    }
    return new Plan(trace, k, d, o);
  }
}
