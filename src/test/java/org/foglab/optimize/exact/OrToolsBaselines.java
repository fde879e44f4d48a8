package org.foglab.optimize.exact;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.Locale;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.foglab.optimize.PlanEvaluation;

/**
 * OR-Tools baselines of the exact solver (test scope): its min-cost flow (integer data: amounts
 * and costs are scaled and rounded, see {@link #minCostFlow}) and its LP solvers GLOP (simplex)
 * and PDLP (first-order primal-dual) on the explicit LP of {@code TraceLp}.
 */
public final class OrToolsBaselines {
  private OrToolsBaselines() {}

  static {
    Loader.loadNativeLibraries();
  }

  /** Result of a baseline: its plan evaluated under the real-valued model, and notes. */
  public record Solved(Plan plan, double objective, String note) {}

  /**
   * OR-Tools {@code MinCostFlow} on the network of {@link FlowEngine} with integer data: amounts
   * are multiplied by {@code amountScale} and rounded (supplies to nearest, capacities down, so
   * the plan stays within capacity), costs multiplied by {@code costScale} and rounded to
   * nearest. The plan's flows are divided back and evaluated with the real costs; the rounding of
   * supplies leaves a conservation error of at most {@code 0.5 / amountScale} per source.
   */
  public static Solved minCostFlow(Trace tr, double amountScale, double costScale) {
    return minCostFlow(tr, amountScale, costScale, false);
  }

  /**
   * As {@link #minCostFlow(Trace, double, double)}; {@code onGrid} says that every amount and
   * capacity of the trace is already a multiple of {@code 1 / amountScale} and every cost of
   * {@code 1 / costScale} (see {@link #onGrid}), so all of them are rounded to nearest: OR-Tools
   * then solves exactly the trace's problem, whose optimum is integral (total unimodularity).
   */
  public static Solved minCostFlow(Trace tr, double amountScale, double costScale,
      boolean onGrid) {
    int m = tr.deviceSlots();
    int z = 2 * m;
    MinCostFlow mcf = new MinCostFlow(2 * m + 1, 2 * m + tr.links() + m);
    long[] supply = new long[m];
    long total = 0;
    for (int k = 0; k < m; k++) {
      if (tr.present(k)) {
        supply[k] = Math.round(tr.data(k) * amountScale);
        total += supply[k];
      }
    }
    int[] keepArc = new int[m];
    int[] dropArc = new int[m];
    int[] linkArc = new int[tr.links()];
    java.util.Arrays.fill(keepArc, -1);
    java.util.Arrays.fill(dropArc, -1);
    java.util.Arrays.fill(linkArc, -1);
    for (int k = 0; k < m; k++) {
      if (!tr.present(k)) {
        continue;
      }
      mcf.setNodeSupply(k, supply[k]);
      keepArc[k] = mcf.addArcWithCapacityAndUnitCost(k, m + k, supply[k], 0);
      dropArc[k] = mcf.addArcWithCapacityAndUnitCost(k, z,
          supply[k], Math.round(tr.discardCost(k) * costScale));
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        int r = tr.receiver(k, e);
        if (r < 0) {
          continue;
        }
        double c = tr.linkCapacity(e);
        long cap = c == Double.POSITIVE_INFINITY ? supply[k]
            : Math.min(supply[k], onGrid ? Math.round(c * amountScale)
                : (long) Math.floor(c * amountScale));
        linkArc[e] = mcf.addArcWithCapacityAndUnitCost(k, m + r, cap,
            Math.round(tr.linkCost(e) * costScale));
      }
      double c = tr.capacity(k);
      long cap = c == Double.POSITIVE_INFINITY ? Long.MAX_VALUE / 4
          : onGrid ? Math.round(c * amountScale) : (long) Math.floor(c * amountScale);
      mcf.addArcWithCapacityAndUnitCost(m + k, z, cap, Math.round(tr.processCost(k) * costScale));
    }
    mcf.setNodeSupply(z, -total);
    MinCostFlowBase.Status st = mcf.solve();
    if (st != MinCostFlowBase.Status.OPTIMAL) {
      return new Solved(null, Double.NaN, "min-cost flow status " + st);
    }
    double[] kept = new double[m];
    double[] discarded = new double[m];
    double[] offloaded = new double[tr.links()];
    for (int k = 0; k < m; k++) {
      if (keepArc[k] >= 0) {
        kept[k] = mcf.getFlow(keepArc[k]) / amountScale;
        discarded[k] = mcf.getFlow(dropArc[k]) / amountScale;
      }
    }
    for (int e = 0; e < offloaded.length; e++) {
      if (linkArc[e] >= 0) {
        offloaded[e] = mcf.getFlow(linkArc[e]) / amountScale;
      }
    }
    Plan plan = new Plan(tr, kept, discarded, offloaded);
    PlanEvaluation ev = PlanEvaluation.of(plan);
    return new Solved(plan, ExactSolver.primal(plan), String.format(Locale.ROOT,
        "integer scaling: amounts x%.0e (round), costs x%.0e (round); conservation error %.1e",
        amountScale, costScale, ev.conservationError()));
  }

  /**
   * {@code x} on the grid of multiples of {@code 1 / scale}: {@code floor(x scale + 0.5) / scale}
   * in double arithmetic, the same expression as {@link #onGridColumn}, so that a trace rounded in
   * memory and its tables rounded by Spark hold the same doubles.
   */
  public static double onGrid(double x, double scale) {
    return x == Double.POSITIVE_INFINITY ? x : Math.floor(x * scale + 0.5) / scale;
  }

  /** {@link #onGrid} as a Spark column expression (null, i.e. unbounded, stays null). */
  public static org.apache.spark.sql.Column onGridColumn(String name, double scale) {
    return org.apache.spark.sql.functions.floor(org.apache.spark.sql.functions.col(name)
        .cast("double").multiply(scale).plus(0.5)).cast("double").divide(scale);
  }

  /** The trace with amounts and capacities on the {@code amountScale} grid, costs on {@code costScale}'s. */
  public static Trace onGrid(Trace tr, double amountScale, double costScale) {
    String[] ids = new String[tr.devices()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = tr.deviceId(i);
    }
    Trace.Builder b = Trace.builder(ids, tr.slots());
    for (int k = 0; k < tr.deviceSlots(); k++) {
      int i = tr.deviceOf(k);
      int t = tr.slotOf(k);
      if (tr.present(k)) {
        b.device(i, t, onGrid(tr.data(k), amountScale), onGrid(tr.capacity(k), amountScale),
            onGrid(tr.processCost(k), costScale), onGrid(tr.discardCost(k), costScale));
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        b.link(i, tr.linkDst(e), t, onGrid(tr.linkCapacity(e), amountScale),
            onGrid(tr.linkCost(e), costScale));
      }
    }
    return b.build();
  }

  /** GLOP or PDLP on the explicit LP (5)-(9) with the linear error model. */
  public static Solved lp(Trace tr, String solverId, long timeLimitMs) {
    MPSolver solver = MPSolver.createSolver(solverId);
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no solver " + solverId);
    }
    solver.setTimeLimit(timeLimitMs);
    int m = tr.deviceSlots();
    MPObjective obj = solver.objective();
    MPVariable[] keep = new MPVariable[m];
    MPVariable[] drop = new MPVariable[m];
    MPVariable[] off = new MPVariable[tr.links()];
    MPConstraint[] cap = new MPConstraint[m];
    double inf = MPSolver.infinity();
    for (int k = 0; k < m; k++) {
      if (!tr.present(k)) {
        continue;
      }
      keep[k] = solver.makeNumVar(0, inf, "");
      drop[k] = solver.makeNumVar(0, inf, "");
      obj.setCoefficient(keep[k], tr.processCost(k));
      obj.setCoefficient(drop[k], tr.discardCost(k));
      if (tr.capacity(k) != Double.POSITIVE_INFINITY) {
        cap[k] = solver.makeConstraint(-inf, tr.capacity(k), "");
        cap[k].setCoefficient(keep[k], 1);
      }
    }
    for (int k = 0; k < m; k++) {
      if (!tr.present(k)) {
        continue;
      }
      MPConstraint src = solver.makeConstraint(tr.data(k), tr.data(k), "");
      src.setCoefficient(keep[k], 1);
      src.setCoefficient(drop[k], 1);
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        int r = tr.receiver(k, e);
        if (r < 0) {
          continue;
        }
        double c = tr.linkCapacity(e);
        off[e] = solver.makeNumVar(0, c == Double.POSITIVE_INFINITY ? inf : c, "");
        obj.setCoefficient(off[e], tr.linkCost(e) + tr.processCost(r));
        src.setCoefficient(off[e], 1);
        if (cap[r] != null) {
          cap[r].setCoefficient(off[e], 1);
        }
      }
    }
    obj.setMinimization();
    MPSolver.ResultStatus st = solver.solve();
    String note = solverId + " status " + st + ", " + solver.numVariables() + " variables, "
        + solver.numConstraints() + " constraints";
    if (st != MPSolver.ResultStatus.OPTIMAL && st != MPSolver.ResultStatus.FEASIBLE) {
      solver.delete();
      return new Solved(null, Double.NaN, note);
    }
    double[] kept = new double[m];
    double[] discarded = new double[m];
    double[] offloaded = new double[tr.links()];
    for (int k = 0; k < m; k++) {
      if (keep[k] != null) {
        kept[k] = keep[k].solutionValue();
        discarded[k] = drop[k].solutionValue();
      }
    }
    for (int e = 0; e < off.length; e++) {
      if (off[e] != null) {
        offloaded[e] = off[e].solutionValue();
      }
    }
    double value = obj.value();
    solver.delete();
    Plan plan = new Plan(tr, kept, discarded, offloaded);
    PlanEvaluation ev = PlanEvaluation.of(plan);
    return new Solved(plan, value, note + String.format(Locale.ROOT,
        ", feasible to 1e-9: %s, max capacity excess %.1e", ev.isFeasible(),
        Math.max(ev.capacity().maxNodeExcess(), ev.capacity().maxLinkExcess())));
  }

  /** As benchmark baselines. */
  public static ExactBenchmark.Baseline minCostFlowBaseline(double amountScale, double costScale) {
    return new ExactBenchmark.Baseline() {
      @Override
      public String name() {
        return "or-tools min-cost flow";
      }

      @Override
      public Outcome solve(Trace tr) {
        Solved s = minCostFlow(tr, amountScale, costScale);
        return new Outcome(s.objective(), s.note());
      }
    };
  }

  public static ExactBenchmark.Baseline lpBaseline(String solverId, long timeLimitMs) {
    return new ExactBenchmark.Baseline() {
      @Override
      public String name() {
        return "or-tools " + solverId;
      }

      @Override
      public Outcome solve(Trace tr) {
        Solved s = lp(tr, solverId, timeLimitMs);
        return new Outcome(s.objective(), s.note());
      }
    };
  }
}
