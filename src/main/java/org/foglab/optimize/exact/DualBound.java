package org.foglab.optimize.exact;

import java.util.Arrays;
import org.foglab.network.Trace;

/**
 * Lagrangian lower bounds that certify a plan's optimality.
 *
 * <p>Relax the sink constraints {@code G_s = inflow_s} with multipliers {@code mu_s} (the marginal
 * value of sink capacity). What remains separates: each source places its data at outlet costs
 * {@code mu_k} (process here), {@code c_e + mu_r} (link e, at most {@code C_e}) and its discard
 * cost, a continuous knapsack solved greedily (the per-device closed form of Theorem 3 with
 * prices); each sink contributes {@code min_G h_s(G) - mu_s G}. For the linear model
 * {@code h_s(G) = c_s G} on {@code [0, C_s]} and {@code mu_s = c_s + p_s}, this is
 * {@code L(p) = sum_k knapsack_k(p) - sum_s p_s C_s}. By weak duality any {@code mu} gives a lower
 * bound on the optimum, so the bound is a certificate no matter how {@code mu} was found.
 */
public final class DualBound {
  private double[] val = new double[16];
  private double[] cap = new double[16];
  private Integer[] idx = new Integer[16];

  /**
   * The cheapest placement of source {@code k}'s data at multipliers {@code mu}: links cheaper
   * than the best uncapacitated outlet (processing here at {@code mu_k} or discarding at
   * {@code discard}) in order of cost up to their capacities, the rest at that outlet.
   */
  public double sourceTerm(Trace tr, int k, double[] mu, double discard) {
    double d = tr.data(k);
    if (!tr.present(k) || d == 0) {
      return 0;
    }
    double unbounded = Math.min(mu[k], discard);
    int cnt = 0;
    for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
      int r = tr.receiver(k, e);
      if (r < 0 || tr.linkCapacity(e) <= 0) {
        continue;
      }
      double v = tr.linkCost(e) + mu[r];
      if (v < unbounded) {
        if (cnt == val.length) {
          val = Arrays.copyOf(val, cnt * 2);
          cap = Arrays.copyOf(cap, cnt * 2);
          idx = Arrays.copyOf(idx, cnt * 2);
        }
        val[cnt] = v;
        cap[cnt] = tr.linkCapacity(e);
        idx[cnt] = cnt;
        cnt++;
      }
    }
    if (cnt > 1) {
      final double[] vv = val;
      Arrays.sort(idx, 0, cnt, (a, b) -> Double.compare(vv[a], vv[b]));
    }
    double rest = d;
    double cost = 0;
    for (int q = 0; q < cnt && rest > 0; q++) {
      int o = idx[q];
      double x = Math.min(rest, cap[o]);
      cost += x * val[o];
      rest -= x;
    }
    if (rest > 0) {
      cost += rest * unbounded;
    }
    return cost;
  }

  /** The full Lagrangian bound of a trace at multipliers {@code mu}. */
  public static double lagrangian(Trace tr, double[] discardCost, double[] mu, SinkConjugate h) {
    DualBound b = new DualBound();
    Sum sum = new Sum();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (tr.present(k)) {
        sum.add(b.sourceTerm(tr, k, mu, discardCost[k]));
        sum.add(h.minShifted(k, mu[k]));
      }
    }
    return sum.value();
  }

  /** {@code min_G c G - mu G} over {@code [0, C]}: {@code -p C} with {@code p = mu - c >= 0}. */
  public static double linearSinkTerm(double processCost, double capacity, double mu) {
    double slope = processCost - mu;
    if (slope >= 0) {
      return 0;
    }
    return capacity == Double.POSITIVE_INFINITY ? Double.NEGATIVE_INFINITY : slope * capacity;
  }

  /**
   * Linear-model multipliers from sink potentials: {@code mu_s = max(c_s, -phi_s)}, and exactly
   * {@code c_s} (price 0) for unbounded sinks, whose price must vanish for a finite bound.
   */
  public static double[] linearMultipliers(Trace tr, double[] phiSink) {
    double[] mu = new double[tr.deviceSlots()];
    for (int s = 0; s < mu.length; s++) {
      if (!tr.present(s)) {
        continue;
      }
      double c = tr.processCost(s);
      mu[s] = tr.capacity(s) == Double.POSITIVE_INFINITY ? c : Math.max(c, -phiSink[s]);
    }
    return mu;
  }

  /** The linear-model bound {@code L(p)} at multipliers {@code mu = c + p}. */
  public static double linear(Trace tr, double[] mu) {
    double[] f = new double[tr.deviceSlots()];
    for (int k = 0; k < f.length; k++) {
      f[k] = tr.discardCost(k);
    }
    return lagrangian(tr, f, mu,
        (s, x) -> linearSinkTerm(tr.processCost(s), tr.capacity(s), x));
  }
}
