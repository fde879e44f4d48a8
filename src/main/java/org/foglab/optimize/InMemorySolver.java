package org.foglab.optimize;

import org.foglab.config.SolveOptions;
import org.foglab.network.Trace;
import org.foglab.optimize.convex.ConvexResult;
import org.foglab.optimize.convex.ConvexSolver;
import org.foglab.optimize.exact.ExactResult;
import org.foglab.optimize.exact.ExactSolver;
import org.foglab.optimize.exact.ExactSummary;

/**
 * Solves an in-memory trace as {@link SolveOptions} say, with one summary shape for every path:
 * Theorem 3's closed form, the exact linear solver ({@link ExactSolver}), the sqrt error model
 * of Lemma 1 ({@link ConvexSolver}), and the realised plans of Table III's settings
 * ({@link ImperfectInformation}). Sweep tasks use it for whole scenarios, and {@code solve} for
 * the paths that have no distributed form.
 */
public final class InMemorySolver {
  private InMemorySolver() {}

  /**
   * A solve's plan and summary.
   *
   * @param plan the plan (for a setting, the realised plan on the real trace)
   * @param summary its summary
   * @param closedForm with {@link org.foglab.optimize.SolveMethod#AUTO}, the closed-form pass
   *     that decided (null otherwise)
   */
  public record Outcome(Plan plan, SolveSummary summary, SolveSummary closedForm) {}

  public static Outcome solve(Trace tr, SolveOptions o) {
    long t0 = System.nanoTime();
    long deviceSlots = presentSlots(tr);
    if (o.setting() != null) {
      return setting(tr, o, deviceSlots, t0);
    }
    if (o.error() == ErrorModel.SQRT) {
      ConvexResult r = ConvexSolver.builder().gapTolerance(o.gapTolerance()).build().solve(tr);
      SolveSummary s = SolveSummary.convex(r, PlanEvaluation.of(r.plan()), deviceSlots, tr.links(),
          seconds(t0), o.gapTolerance());
      return new Outcome(r.plan(), s.requestedAs(o.method(), seconds(t0)), null);
    }
    SolveSummary closed = null;
    if (o.method() != SolveMethod.EXACT) {
      Plan plan = ClosedForm.solve(tr);
      closed = SolveSummary.closedForm(PlanEvaluation.of(plan), deviceSlots, tr.links(),
          seconds(t0));
      if (o.method() == SolveMethod.CLOSED_FORM || !AutoPolicy.decide(closed).exact()) {
        return new Outcome(plan, closed.requestedAs(o.method(), seconds(t0)),
            o.method() == SolveMethod.AUTO ? closed : null);
      }
    }
    ExactResult r = ExactSolver.builder().gapTolerance(o.gapTolerance()).build().solve(tr);
    SolveSummary s = SolveSummary.exact(ExactSummary.of(r), deviceSlots, tr.links(), seconds(t0),
        o.gapTolerance());
    return new Outcome(r.plan(), s.requestedAs(o.method(), seconds(t0)), closed);
  }

  /**
   * A Table III setting: plan on the trace the setting believes in (the real one for A and B,
   * the previous intervals' averages for C and D), apply the plan's fractions to the real trace,
   * and report the realised cost and violations against the real trace's uncapacitated optimum.
   */
  private static Outcome setting(Trace real, SolveOptions o, long deviceSlots, long t0) {
    InformationSetting setting = o.setting();
    Trace belief = setting.imperfect() ? ImperfectInformation.estimated(real, o.intervals()) : real;
    Plan planned;
    SolveStatus plannedStatus;
    SolveMethod planner;
    switch (setting) {
      case A: {
        planned = ImperfectInformation.keepEverything(real);
        plannedStatus = PlanEvaluation.of(planned).capacity().any()
            ? SolveStatus.CAPACITY_VIOLATED : SolveStatus.FEASIBLE;
        planner = null;
        break;
      }
      case D: {
        ExactResult r = ExactSolver.builder().gapTolerance(o.gapTolerance()).build().solve(belief);
        planned = r.plan();
        plannedStatus = SolveSummary.exact(ExactSummary.of(r), 0, 0, 0, o.gapTolerance()).status();
        planner = SolveMethod.EXACT;
        break;
      }
      default: {
        planned = ClosedForm.solve(belief);
        plannedStatus = PlanEvaluation.of(planned).capacity().any()
            ? SolveStatus.CAPACITY_VIOLATED : SolveStatus.OPTIMAL;
        planner = SolveMethod.CLOSED_FORM;
      }
    }
    double plannedCost = PlanEvaluation.of(planned).totalCost();
    Plan realised = setting.imperfect() ? ImperfectInformation.applyFractions(planned, real)
        : planned;
    // The uncapacitated optimum of the real trace bounds every plan's cost from below.
    double lowerBound = setting == InformationSetting.B ? plannedCost
        : PlanEvaluation.of(ClosedForm.solve(real)).totalCost();
    SolveSummary s = SolveSummary.realised(PlanEvaluation.of(realised), lowerBound, planner,
        new SettingDetails(setting, o.intervals(), plannedCost, plannedStatus), deviceSlots,
        real.links(), seconds(t0), o.gapTolerance());
    return new Outcome(realised, s, null);
  }

  static long presentSlots(Trace tr) {
    long c = 0;
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (tr.present(k)) {
        c++;
      }
    }
    return c;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
