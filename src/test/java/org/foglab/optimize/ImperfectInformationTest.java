package org.foglab.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;
import org.foglab.testutil.Specs;
import org.junit.jupiter.api.Test;

class ImperfectInformationTest {

  @Test
  void intervalsSplitTheHorizonEvenly() {
    int[] counts = new int[3];
    for (int t = 1; t <= 10; t++) {
      counts[ImperfectInformation.intervalOf(t, 10, 3)]++;
    }
    assertEquals(4, counts[0], "first interval");
    assertEquals(10, counts[0] + counts[1] + counts[2]);
    for (int c : counts) {
      assertTrue(c == 3 || c == 4);
    }
    assertEquals(0, ImperfectInformation.intervalOf(1, 10, 3));
    assertEquals(2, ImperfectInformation.intervalOf(10, 10, 3));
  }

  /** Hand-built trace: the planner sees the previous interval's averages. */
  @Test
  void estimatesArePreviousIntervalAverages() {
    Trace.Builder b = Trace.builder(new String[] {"a", "b"}, 4);
    double inf = Double.POSITIVE_INFINITY;
    b.device(0, 1, 2, 10, 0.2, 0.9).device(0, 2, 4, 20, 0.4, 0.7)
        .device(0, 3, 6, 30, 0.6, 0.5).device(0, 4, 8, inf, 0.8, 0.3);
    b.device(1, 1, 1, inf, 0.1, 0.1).device(1, 2, 1, inf, 0.1, 0.1)
        .device(1, 3, 1, inf, 0.1, 0.1).device(1, 4, 1, inf, 0.1, 0.1);
    b.link(0, 1, 1, 5, 0.01).link(0, 1, 2, 7, 0.03).link(0, 1, 3, 1, 0.5);
    Trace real = b.build();
    Trace est = ImperfectInformation.estimated(real, 2);
    // Interval 0 = slots 1-2 plans from itself; interval 1 = slots 3-4 from slots 1-2.
    for (int t = 1; t <= 4; t++) {
      int k = est.index(0, t);
      assertEquals(3.0, est.data(k), 1e-12);
      assertEquals(0.3, est.processCost(k), 1e-12);
      assertEquals(0.8, est.discardCost(k), 1e-12);
    }
    assertEquals(15.0, est.capacity(est.index(0, 3)), 1e-12);
    assertEquals(inf, est.capacity(est.index(0, 4)), "unbounded stays unbounded");
    int e3 = est.linkStart(est.index(0, 3));
    assertEquals(0.02, est.linkCost(e3), 1e-12);
    assertEquals(6.0, est.linkCapacity(e3), 1e-12);
    assertEquals(real.links(), est.links(), "realised topology");
  }

  /** With constant parameters, imperfect information loses nothing. */
  @Test
  void constantTracesPlanAsWithPerfectInformation() {
    Trace.Builder b = Trace.builder(new String[] {"a", "b", "c"}, 6);
    double inf = Double.POSITIVE_INFINITY;
    for (int t = 1; t <= 6; t++) {
      b.device(0, t, 5, inf, 0.9, 0.95).device(1, t, 3, inf, 0.1, 0.5).device(2, t, 2, inf, 0.5, 0.2);
      b.link(0, 1, t, inf, 0.05).link(2, 1, t, inf, 0.5);
    }
    Trace real = b.build();
    PlanEvaluation perfect = PlanEvaluation.of(ClosedForm.solve(real));
    for (InformationSetting s : new InformationSetting[] {InformationSetting.C, InformationSetting.D}) {
      PlanEvaluation e = PlanEvaluation.of(ImperfectInformation.plan(real, s, 3, ClosedForm::solve,
          ClosedForm::solve));
      assertEquals(perfect.totalCost(), e.totalCost(), 1e-9);
    }
  }

  @Test
  void realisedPlansConserveDataAndSettingAMovesNothing() {
    Trace real = TraceGenerator.generate(Specs.trace(Map.of("devices", 10, "slots", 20,
        "capacities.enabled", false, "dynamics.active-probability", 0.8, "seed", 4)));
    PlanEvaluation b = PlanEvaluation.of(ImperfectInformation.plan(real, InformationSetting.B, 4,
        ClosedForm::solve, ClosedForm::solve));
    PlanEvaluation c = PlanEvaluation.of(ImperfectInformation.plan(real, InformationSetting.C, 4,
        ClosedForm::solve, ClosedForm::solve));
    PlanEvaluation a = PlanEvaluation.of(ImperfectInformation.plan(real, InformationSetting.A, 4,
        ClosedForm::solve, ClosedForm::solve));
    for (PlanEvaluation e : new PlanEvaluation[] {a, b, c}) {
      assertTrue(e.isFeasible(), "conserved, no capacities");
      assertEquals(e.totalData(), e.keptData() + e.offloadedData() + e.discardedData(), 1e-9 * e.totalData());
    }
    assertEquals(0, a.offloadedData(), 0);
    assertEquals(0, a.discardedData(), 0);
    // Perfect information is optimal: imperfect plans cost at least as much, moving nothing most.
    assertTrue(b.totalCost() <= c.totalCost() + 1e-9);
    assertTrue(c.totalCost() < a.totalCost());
  }
}
