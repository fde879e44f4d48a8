package org.foglab.optimize.convex;

import java.util.Arrays;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.foglab.optimize.exact.DualBound;
import org.foglab.optimize.exact.ExactResult;
import org.foglab.optimize.exact.ExactStatus;
import org.foglab.optimize.exact.FlowEngine;
import org.foglab.optimize.exact.SinkSegments;
import org.foglab.optimize.exact.Sum;

/**
 * Certified solver of the data-movement problem with the nonlinear error model of Lemma 1
 * ({@link SqrtErrorModel}) under node and link capacities.
 *
 * <p><b>Method: outer approximation with an exact LP oracle.</b> The only nonlinearity is the
 * separable, convex cost {@code h_s(G) = c_s G + f_s / sqrt(G)} of each sink. It is replaced by
 * the maximum of its tangents at a few loads per sink, a convex piecewise-linear underestimate,
 * and the resulting linear min-cost flow (one staircase of segments per sink) is solved exactly
 * by {@link FlowEngine}. Each round adds, per sink, the tangents at the load the LP chose and at
 * the load its price {@code mu_s} asks for, so the underestimate becomes exact where it matters
 * (Kelley's cutting planes, separable form).
 *
 * <p><b>Certificate.</b> Every round's plan is feasible, so its true cost is an upper bound.
 * Two lower bounds are valid: the LP optimum of the underestimate, and the Lagrangian dual of the
 * convex problem at the LP's sink prices, {@code q(mu) = sum_k knapsack_k(mu) + sum_s min_G
 * (h_s(G) - mu_s G)} ({@link DualBound} with the conjugate of {@link SqrtErrorModel#minShifted}),
 * valid for any {@code mu} by weak duality and tight at the optimum by strong duality (convex
 * objective, linear constraints). The solver stops when the relative gap is within the tolerance.
 * Frank-Wolfe would certify with its own gap, but converges as O(1/k), far too slowly for 1e-6;
 * the cutting planes reach it in a few tens of exact LPs.
 */
public final class ConvexSolver {
  private final double gapTolerance;
  private final int maxIterations;

  private ConvexSolver(Builder b) {
    this.gapTolerance = b.gapTolerance;
    this.maxIterations = b.maxIterations;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Solves and certifies the nonlinear problem of {@code tr}. */
  public ConvexResult solve(Trace tr) {
    long t0 = System.nanoTime();
    int m = tr.deviceSlots();
    double[] u = SqrtErrorModel.maxLoad(tr);
    boolean[] err = new boolean[m];
    double cmax = 0;
    for (int e = 0; e < tr.links(); e++) {
      cmax = Math.max(cmax, tr.linkCost(e));
    }
    double[][] points = new double[m][];
    for (int s = 0; s < m; s++) {
      err[s] = SqrtErrorModel.hasErrorTerm(tr, u, s);
      points[s] = err[s] ? initialPoints(tr.processCost(s), tr.discardCost(s), u[s], cmax)
          : new double[0];
    }
    double[] zeros = new double[m];
    double bestPrimal = Double.POSITIVE_INFINITY;
    double bestBound = Double.NEGATIVE_INFINITY;
    Plan bestPlan = null;
    SqrtErrorModel.Evaluation bestEval = null;
    // Warm prices: round one starts every sink at the marginal value of its best load ignoring
    // the network (0 at (f / 2c)^(2/3), or the slope at U), later rounds at the last prices,
    // so the repairs stay local.
    double[] mu = new double[m];
    for (int s = 0; s < m; s++) {
      double c = tr.processCost(s);
      if (err[s]) {
        double f = tr.discardCost(s);
        double g = c > 0 ? Math.min(u[s], Math.pow(f / (2 * c), 2.0 / 3)) : u[s];
        mu[s] = dh(c, f, g);
      } else {
        mu[s] = c;
      }
    }
    long searches = 0;
    int it = 0;
    double gap = Double.POSITIVE_INFINITY;
    while (it < maxIterations) {
      it++;
      SinkSegments seg = segments(tr, u, err, points);
      FlowEngine eng = new FlowEngine(tr, zeros, seg);
      eng.setPrices(mu);
      eng.placeSlots(1, tr.slots());
      if (eng.repair() != FlowEngine.Outcome.COMPLETE) {
        throw new IllegalStateException("an unrestricted search cannot abort (internal error)");
      }
      searches += eng.searches();
      Plan plan = new Plan(tr, eng.kept().clone(), eng.discarded().clone(), eng.flow().clone());
      SqrtErrorModel.Evaluation ev = SqrtErrorModel.evaluate(plan);
      mu = eng.sinkValues();
      double lpBound = lpValue(tr, plan, ev.loads(), err, points);
      double dual = dualBound(tr, u, err, mu);
      bestBound = Math.max(bestBound, Math.max(lpBound, dual));
      if (ev.total() < bestPrimal) {
        bestPrimal = ev.total();
        bestPlan = plan;
        bestEval = ev;
      }
      gap = ExactResult.relativeGap(bestPrimal, bestBound);
      if (gap <= gapTolerance) {
        break;
      }
      for (int s = 0; s < m; s++) {
        if (err[s]) {
          double c = tr.processCost(s);
          double f = tr.discardCost(s);
          double g = ev.loads()[s];
          double want = c - mu[s] > 0 ? Math.min(u[s], Math.pow(f / (2 * (c - mu[s])), 2.0 / 3))
              : u[s];
          points[s] = addPoint(addPoint(points[s], g, u[s]), want, u[s]);
        }
      }
    }
    ExactStatus st = gap <= gapTolerance ? ExactStatus.OPTIMAL : ExactStatus.GAP_NOT_CERTIFIED;
    return new ConvexResult(bestPlan, bestEval.processCost(), bestEval.transferCost(),
        bestEval.errorCost(), bestPrimal, bestBound, gap, st, it, searches,
        (System.nanoTime() - t0) * 1e-9, bestEval.loads(), mu);
  }

  /** The Lagrangian dual {@code q(mu)} of the convex problem. */
  static double dualBound(Trace tr, double[] u, boolean[] err, double[] mu) {
    return DualBound.lagrangian(tr, new double[tr.deviceSlots()], mu,
        (s, x) -> SqrtErrorModel.minShifted(tr.processCost(s), tr.discardCost(s), u[s], err[s],
            x));
  }

  /** Objective of the plan under the piecewise-linear underestimate (the LP optimum). */
  private static double lpValue(Trace tr, Plan plan, double[] g, boolean[] err,
      double[][] points) {
    Sum sum = new Sum();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (!tr.present(k)) {
        continue;
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        sum.add(tr.linkCost(e) * plan.offloaded(e));
      }
      double c = tr.processCost(k);
      if (!err[k]) {
        sum.add(c * g[k]);
        continue;
      }
      double f = tr.discardCost(k);
      double best = Double.NEGATIVE_INFINITY;
      for (double p : points[k]) {
        best = Math.max(best, h(c, f, p) + dh(c, f, p) * (g[k] - p));
      }
      sum.add(best);
    }
    return sum.value();
  }

  static double h(double c, double f, double g) {
    return c * g + f / Math.sqrt(g);
  }

  static double dh(double c, double f, double g) {
    return c - 0.5 * f / (g * Math.sqrt(g));
  }

  /**
   * Initial tangent points: the capacity, the unconstrained minimiser {@code (f / 2c)^(2/3)} and
   * a geometric grid (ratio 4) down to a quarter of the load whose marginal value exceeds any
   * link cost plus one, below which no sink with spare data goes.
   */
  private static double[] initialPoints(double c, double f, double u, double cmax) {
    double lo = Math.min(u, Math.pow(f / (2 * (c + cmax + 1)), 2.0 / 3)) / 4;
    double[] pts = new double[] {u};
    if (c > 0) {
      pts = addPoint(pts, Math.min(u, Math.pow(f / (2 * c), 2.0 / 3)), u);
    }
    for (double g = u / 4; g >= lo; g /= 4) {
      pts = addPoint(pts, g, u);
    }
    return addPoint(pts, lo, u);
  }

  /** Inserts {@code g} into the sorted tangent points unless it is (relatively) already there. */
  private static double[] addPoint(double[] pts, double g, double u) {
    if (!(g > 0) || g > u) {
      return pts;
    }
    int pos = Arrays.binarySearch(pts, g);
    if (pos >= 0) {
      return pts;
    }
    int ins = -pos - 1;
    // Tangents closer than 1e-9 relative add nothing measurable and make intersections ill-posed.
    if ((ins > 0 && g - pts[ins - 1] <= 1e-9 * g) || (ins < pts.length && pts[ins] - g <= 1e-9 * g)) {
      return pts;
    }
    double[] out = new double[pts.length + 1];
    System.arraycopy(pts, 0, out, 0, ins);
    out[ins] = g;
    System.arraycopy(pts, ins, out, ins + 1, pts.length - ins);
    return out;
  }

  /**
   * The staircase of every sink: for sinks with an error term, the segments of the maximum of the
   * tangents at its points (breakpoints where consecutive tangents meet), up to the largest load
   * {@code U}; otherwise one segment at the processing cost up to {@code U}. Constant terms do not
   * affect the flow and are left out.
   */
  private static SinkSegments segments(Trace tr, double[] u, boolean[] err, double[][] points) {
    int m = tr.deviceSlots();
    int[] start = new int[m + 1];
    int total = 0;
    for (int s = 0; s < m; s++) {
      start[s] = total;
      total += err[s] ? points[s].length : 1;
    }
    start[m] = total;
    double[] end = new double[total];
    double[] slope = new double[total];
    int q = 0;
    for (int s = 0; s < m; s++) {
      start[s] = q;
      double c = tr.processCost(s);
      if (!err[s]) {
        end[q] = u[s];
        slope[q] = c;
        q++;
        continue;
      }
      double f = tr.discardCost(s);
      double[] p = points[s];
      double prevEnd = 0;
      for (int j = 0; j < p.length; j++) {
        double sl = dh(c, f, p[j]);
        double x;
        if (j + 1 < p.length) {
          double sl2 = dh(c, f, p[j + 1]);
          x = (h(c, f, p[j + 1]) - sl2 * p[j + 1] - h(c, f, p[j]) + sl * p[j]) / (sl - sl2);
          // Where tangents meet lies between the points; rounding may push it outside.
          x = Math.min(Math.max(x, Math.max(prevEnd, p[j])), p[j + 1]);
        } else {
          x = u[s];
        }
        x = Math.min(Math.max(x, prevEnd), u[s]);
        if (q > start[s] && !(sl > slope[q - 1])) {
          // Equal slopes in floating point: extend the previous segment.
          end[q - 1] = x;
        } else {
          end[q] = x;
          slope[q] = sl;
          q++;
        }
        prevEnd = x;
      }
    }
    start[m] = q;
    return new SinkSegments(start, Arrays.copyOf(end, q), Arrays.copyOf(slope, q));
  }

  /** Options of {@link ConvexSolver}. */
  public static final class Builder {
    private double gapTolerance = 1e-6;
    private int maxIterations = 200;

    /** Relative gap at which the solver stops and reports {@link ExactStatus#OPTIMAL}. */
    public Builder gapTolerance(double tol) {
      if (!(tol > 0) || tol >= 1) {
        throw new IllegalArgumentException("gapTolerance must be in (0, 1), got " + tol);
      }
      this.gapTolerance = tol;
      return this;
    }

    /** Outer-approximation rounds after which the solver gives up certifying. */
    public Builder maxIterations(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxIterations must be at least 1, got " + n);
      }
      this.maxIterations = n;
      return this;
    }

    public ConvexSolver build() {
      return new ConvexSolver(this);
    }
  }
}
