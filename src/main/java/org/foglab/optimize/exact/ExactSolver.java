package org.foglab.optimize.exact;

import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.foglab.optimize.PlanEvaluation;

/**
 * Exact in-memory solver of the data-movement problem (5)-(9) of Tu et al. (INFOCOM 2020) with
 * the linear error model and node and link capacities (a min-cost flow; see {@code docs/formats.md}).
 *
 * <p>Starts from the closed form of Theorem 3 (every source on its cheapest outlets at price 0,
 * link capacities respected), then removes the overload of every sink by successive shortest
 * paths ({@link FlowEngine}), and certifies the result with the Lagrangian bound of
 * {@link DualBound} at the sink prices the algorithm ends with. Without binding capacities no
 * search runs and the plan is Theorem 3's.
 *
 * <pre>{@code
 * ExactResult r = ExactSolver.builder().gapTolerance(1e-6).build().solve(trace);
 * }</pre>
 */
public final class ExactSolver {
  /** Default certified relative gap. */
  public static final double DEFAULT_GAP_TOLERANCE = 1e-6;

  private final double gapTolerance;

  private ExactSolver(Builder b) {
    this.gapTolerance = b.gapTolerance;
  }

  public static Builder builder() {
    return new Builder();
  }

  public double gapTolerance() {
    return gapTolerance;
  }

  /** Solves and certifies the problem of {@code tr}. */
  public ExactResult solve(Trace tr) {
    long t0 = System.nanoTime();
    FlowEngine eng = FlowEngine.linear(tr);
    eng.coldPrices();
    eng.placeSlots(1, tr.slots());
    FlowEngine.Outcome o = eng.repair();
    if (o != FlowEngine.Outcome.COMPLETE) {
      throw new IllegalStateException("an unrestricted search cannot abort (internal error)");
    }
    Plan plan = new Plan(tr, eng.kept().clone(), eng.discarded().clone(), eng.flow().clone());
    double[] mu = DualBound.linearMultipliers(tr, eng.phiSink());
    double bound = DualBound.linear(tr, mu);
    PlanEvaluation ev = PlanEvaluation.of(plan);
    double primal = primal(plan);
    double gap = ExactResult.relativeGap(primal, bound);
    double[] prices = new double[tr.deviceSlots()];
    for (int s = 0; s < prices.length; s++) {
      prices[s] = tr.present(s) ? mu[s] - tr.processCost(s) : 0;
    }
    ExactStatus st = status(ev.isFeasible(), gap, gapTolerance);
    return new ExactResult(plan, ev, primal, bound, gap, st, eng.searches(), eng.settledNodes(),
        (System.nanoTime() - t0) * 1e-9, prices);
  }

  static ExactStatus status(boolean feasible, double gap, double tol) {
    if (!feasible) {
      return ExactStatus.INFEASIBLE;
    }
    return gap <= tol ? ExactStatus.OPTIMAL : ExactStatus.GAP_NOT_CERTIFIED;
  }

  /** The plan's total cost, summed with compensation (PlanEvaluation's plain sums differ by ~1e-16 relative). */
  public static double primal(Plan plan) {
    Trace tr = plan.trace();
    Sum sum = new Sum();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (!tr.present(k)) {
        continue;
      }
      sum.add(plan.kept(k) * tr.processCost(k));
      sum.add(plan.discarded(k) * tr.discardCost(k));
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        double x = plan.offloaded(e);
        if (x != 0) {
          int r = tr.receiver(k, e);
          sum.add(x * (tr.linkCost(e) + (r >= 0 ? tr.processCost(r) : 0)));
        }
      }
    }
    return sum.value();
  }

  /** Options of {@link ExactSolver}. */
  public static final class Builder {
    private double gapTolerance = DEFAULT_GAP_TOLERANCE;

    /** Relative gap below which the result is reported {@link ExactStatus#OPTIMAL}. */
    public Builder gapTolerance(double tol) {
      if (!(tol >= 0) || tol >= 1) {
        throw new IllegalArgumentException("gapTolerance must be in [0, 1), got " + tol);
      }
      this.gapTolerance = tol;
      return this;
    }

    public ExactSolver build() {
      return new ExactSolver(this);
    }
  }
}
