package org.foglab.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.foglab.config.SolveOptions;
import org.foglab.config.TraceSpec;
import org.foglab.network.SyntheticDraws;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;
import org.foglab.testutil.Specs;
import org.junit.jupiter.api.Test;

/** The settings of Table III as {@link InMemorySolver} runs them, and the cost model they need. */
class TableThreeSettingsTest {

  private static SolveOptions setting(InformationSetting s, int intervals) {
    return new SolveOptions(SolveMethod.AUTO, ErrorModel.LINEAR, s, intervals, 1e-6);
  }

  @Test
  void timeInvariantCostsAreOneDrawPerDeviceAndLink() {
    TraceSpec spec = Specs.trace(Map.of("devices", 4, "slots", 5, "costs.time-invariant", true));
    SyntheticDraws d = new SyntheticDraws(spec.seed(), spec.model(), 4);
    for (int t = 2; t <= 5; t++) {
      assertEquals(d.processCost(1, 1), d.processCost(1, t));
      assertEquals(d.discardCost(2, 1), d.discardCost(2, t));
      assertEquals(d.linkCost(0, 3, 1), d.linkCost(0, 3, t));
    }
    assertNotEquals(d.data(1, 1), d.data(1, 2), "data still varies per slot");
    TraceSpec perSlot = Specs.trace(Map.of("devices", 4, "slots", 5));
    SyntheticDraws p = new SyntheticDraws(perSlot.seed(), perSlot.model(), 4);
    assertNotEquals(p.processCost(1, 1), p.processCost(1, 2));
  }

  /**
   * With costs known exactly (time-invariant) and no capacities, averaging only misjudges the
   * data, and fractions applied to the real data make C's realised plan B's: equal costs.
   */
  @Test
  void imperfectInformationLosesNothingWhenCostsAreTimeInvariantAndUncapacitated() {
    Trace real = TraceGenerator.generate(Specs.trace(Map.of("devices", 6, "slots", 20,
        "costs.time-invariant", true, "capacities.enabled", false, "seed", 8)));
    SolveSummary b = InMemorySolver.solve(real, setting(InformationSetting.B, 4)).summary();
    SolveSummary c = InMemorySolver.solve(real, setting(InformationSetting.C, 4)).summary();
    assertEquals(b.totalCost(), c.totalCost(), 1e-9 * b.totalCost());
    assertEquals(SolveStatus.OPTIMAL, c.status(), "gap 0 to the uncapacitated optimum");
    assertEquals(0.0, c.gap(), 1e-9);
    // Per-slot costs make the averages uninformative: C then pays for it.
    Trace noisy = TraceGenerator.generate(Specs.trace(Map.of("devices", 6, "slots", 20,
        "capacities.enabled", false, "seed", 8)));
    SolveSummary bn = InMemorySolver.solve(noisy, setting(InformationSetting.B, 4)).summary();
    SolveSummary cn = InMemorySolver.solve(noisy, setting(InformationSetting.C, 4)).summary();
    assertTrue(cn.totalCost() > bn.totalCost() * 1.5, bn.totalCost() + " vs " + cn.totalCost());
    assertEquals(SolveStatus.FEASIBLE, cn.status());
  }

  /** D plans exactly on the estimates; A moves nothing; B is the closed form on the real trace. */
  @Test
  void settingsReportRealisedCostsAndViolations() {
    Trace real = TraceGenerator.generate(Specs.trace(Map.of("devices", 5, "slots", 12,
        "costs.time-invariant", true, "seed", 2)));
    InMemorySolver.Outcome a = InMemorySolver.solve(real, setting(InformationSetting.A, 3));
    assertEquals(0, a.summary().offloadedData());
    assertEquals(real.totalData(), a.summary().keptData(), 1e-9 * real.totalData());
    assertEquals(null, a.summary().method());
    PlanEvaluation closed = PlanEvaluation.of(ClosedForm.solve(real));
    SolveSummary b = InMemorySolver.solve(real, setting(InformationSetting.B, 3)).summary();
    assertEquals(closed.totalCost(), b.totalCost(), 1e-12 * closed.totalCost());
    assertEquals(closed.capacity(), b.violations());
    InMemorySolver.Outcome d = InMemorySolver.solve(real, setting(InformationSetting.D, 3));
    Trace est = ImperfectInformation.estimated(real, 3);
    double planned = org.foglab.optimize.exact.ExactSolver.builder().build().solve(est).primal();
    assertEquals(planned, d.summary().setting().plannedCost(), 1e-9 * planned);
    assertEquals(SolveStatus.OPTIMAL, d.summary().setting().plannedStatus());
    assertEquals(PlanEvaluation.of(d.plan()).capacity(), d.summary().violations());
    assertEquals(closed.totalCost(), d.summary().lowerBound(), 1e-12 * closed.totalCost());
    assertTrue(d.summary().totalCost() >= d.summary().lowerBound());
  }
}
