package org.foglab.optimize;

import java.util.function.Function;
import org.foglab.network.Trace;

/**
 * Planning with imperfect information (Tu et al., Section V-A, "Perfect information vs.
 * estimation"): the horizon is split into L intervals T_1..T_L of (nearly) equal length; the plan
 * for T_l is computed from the time-averaged observations of T_{l-1} (data, processing and
 * discard costs, capacities per device; cost and capacity per link), then applied to the
 * realised trace as fractions (s_ij(t) = amount / D_i(t), r_i(t)), and its realised cost is
 * what counts.
 *
 * <p>Conventions where the paper is silent: the first interval, having no predecessor, is
 * planned from its own time averages (still not the per-slot values); which devices are active
 * and which links are up in a slot is observed at decision time, so the estimated trace keeps
 * the realised topology and only its parameters are estimates; a link or device never observed
 * in the previous interval takes its average over all earlier slots, and failing that its value
 * in the slot itself (its first observation). Unbounded capacities stay unbounded. A device-slot
 * whose estimated data is 0 keeps its data (nothing was planned for it).
 */
public final class ImperfectInformation {
  private ImperfectInformation() {}

  /** Interval of slot t (1-based) when T slots are split into L intervals: 0..L-1. */
  public static int intervalOf(int t, int slots, int intervals) {
    return (int) (((long) (t - 1) * intervals) / slots);
  }

  /** The trace the planner believes in: realised topology, parameters from past averages. */
  public static Trace estimated(Trace real, int intervals) {
    if (intervals < 1 || intervals > real.slots()) {
      throw new IllegalArgumentException("intervals must be in [1, " + real.slots() + "], got " + intervals);
    }
    int n = real.devices();
    int slots = real.slots();
    // Per device and interval: sums and counts of the observed values.
    int[] count = new int[n * intervals];
    double[] data = new double[n * intervals];
    double[] pc = new double[n * intervals];
    double[] dc = new double[n * intervals];
    double[] cap = new double[n * intervals];
    int[] capCount = new int[n * intervals];
    for (int k = 0; k < real.deviceSlots(); k++) {
      if (!real.present(k)) {
        continue;
      }
      int i = real.deviceOf(k);
      int c = i * intervals + intervalOf(real.slotOf(k), slots, intervals);
      count[c]++;
      data[c] += real.data(k);
      pc[c] += real.processCost(k);
      dc[c] += real.discardCost(k);
      if (real.capacity(k) != Double.POSITIVE_INFINITY) {
        cap[c] += real.capacity(k);
        capCount[c]++;
      }
    }
    LinkAverages links = new LinkAverages(real, intervals);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = real.deviceId(i);
    }
    Trace.Builder b = Trace.builder(ids, slots);
    for (int k = 0; k < real.deviceSlots(); k++) {
      if (!real.present(k)) {
        continue;
      }
      int i = real.deviceOf(k);
      int t = real.slotOf(k);
      int l = intervalOf(t, slots, intervals);
      int src = source(count, i, intervals, l);
      double d;
      double p;
      double f;
      double capacity;
      if (src >= 0) {
        int c = i * intervals + src;
        d = data[c] / count[c];
        p = pc[c] / count[c];
        f = dc[c] / count[c];
        capacity = real.capacity(k) == Double.POSITIVE_INFINITY || capCount[c] == 0
            ? real.capacity(k) : cap[c] / capCount[c];
      } else {
        d = real.data(k);
        p = real.processCost(k);
        f = real.discardCost(k);
        capacity = real.capacity(k);
      }
      b.device(i, t, d, capacity, p, f);
      for (int e = real.linkStart(k); e < real.linkEnd(k); e++) {
        double[] est = links.estimate(k, e, l);
        b.link(i, real.linkDst(e), t, est[1], est[0]);
      }
    }
    return b.build();
  }

  /** The interval whose averages plan interval l: l-1 if observed, else the latest earlier one. */
  private static int source(int[] count, int i, int intervals, int l) {
    if (l == 0) {
      return count[i * intervals] > 0 ? 0 : -1;
    }
    for (int s = l - 1; s >= 0; s--) {
      if (count[i * intervals + s] > 0) {
        return s;
      }
    }
    return -1;
  }

  /** Per-link sums per interval, keyed by (device-slot source device, destination). */
  static final class LinkAverages {
    private final Trace real;
    private final int intervals;
    private final java.util.HashMap<Long, double[]> sums = new java.util.HashMap<>();

    LinkAverages(Trace real, int intervals) {
      this.real = real;
      this.intervals = intervals;
      for (int k = 0; k < real.deviceSlots(); k++) {
        int i = real.deviceOf(k);
        int l = intervalOf(real.slotOf(k), real.slots(), intervals);
        for (int e = real.linkStart(k); e < real.linkEnd(k); e++) {
          // Per interval: cost sum, count, finite capacity sum, finite capacity count.
          double[] s = sums.computeIfAbsent(key(i, real.linkDst(e)), x -> new double[4 * intervals]);
          s[4 * l] += real.linkCost(e);
          s[4 * l + 1]++;
          if (real.linkCapacity(e) != Double.POSITIVE_INFINITY) {
            s[4 * l + 2] += real.linkCapacity(e);
            s[4 * l + 3]++;
          }
        }
      }
    }

    private static long key(int i, int j) {
      return ((long) i << 32) | j;
    }

    /** {cost, capacity} the planner uses for link e of device-slot k in interval l. */
    double[] estimate(int k, int e, int l) {
      double[] s = sums.get(key(real.deviceOf(k), real.linkDst(e)));
      int from = -1;
      if (l == 0) {
        from = s[1] > 0 ? 0 : -1;
      } else {
        for (int q = l - 1; q >= 0 && from < 0; q--) {
          if (s[4 * q + 1] > 0) {
            from = q;
          }
        }
      }
      if (from < 0) {
        return new double[] {real.linkCost(e), real.linkCapacity(e)};
      }
      double cost = s[4 * from] / s[4 * from + 1];
      double cap = real.linkCapacity(e) == Double.POSITIVE_INFINITY || s[4 * from + 3] == 0
          ? real.linkCapacity(e) : s[4 * from + 2] / s[4 * from + 3];
      return new double[] {cost, cap};
    }
  }

  /**
   * Applies a plan made for the estimated trace to the realised one, fraction by fraction: each
   * device-slot keeps, offloads and discards the same shares of its realised data as planned.
   */
  public static Plan applyFractions(Plan planned, Trace real) {
    Trace est = planned.trace();
    double[] kept = new double[real.deviceSlots()];
    double[] discarded = new double[real.deviceSlots()];
    double[] offloaded = new double[real.links()];
    for (int k = 0; k < real.deviceSlots(); k++) {
      if (!real.present(k)) {
        continue;
      }
      double d = real.data(k);
      double planD = est.data(k);
      if (planD <= 0) {
        kept[k] = d;
        continue;
      }
      kept[k] = d * planned.kept(k) / planD;
      discarded[k] = d * planned.discarded(k) / planD;
      for (int e = real.linkStart(k); e < real.linkEnd(k); e++) {
        offloaded[e] = d * planned.offloaded(e) / planD;
      }
    }
    return new Plan(real, kept, discarded, offloaded);
  }

  /**
   * The realised plan of a setting.
   *
   * @param real the realised trace
   * @param setting Table III setting
   * @param intervals L, for settings C and D
   * @param unconstrained solver that ignores capacities (Theorem 3)
   * @param constrained solver that enforces capacities (setting D)
   */
  public static Plan plan(Trace real, InformationSetting setting, int intervals,
      Function<Trace, Plan> unconstrained, Function<Trace, Plan> constrained) {
    switch (setting) {
      case A:
        return keepEverything(real);
      case B:
        return unconstrained.apply(real);
      case C:
        return applyFractions(unconstrained.apply(estimated(real, intervals)), real);
      default:
        return applyFractions(constrained.apply(estimated(real, intervals)), real);
    }
  }

  /** Setting A: every device processes all its data. */
  public static Plan keepEverything(Trace real) {
    double[] kept = new double[real.deviceSlots()];
    for (int k = 0; k < real.deviceSlots(); k++) {
      kept[k] = real.present(k) ? real.data(k) : 0;
    }
    return new Plan(real, kept, new double[real.deviceSlots()], new double[real.links()]);
  }
}
