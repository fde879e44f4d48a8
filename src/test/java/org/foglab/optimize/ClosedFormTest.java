package org.foglab.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;
import org.foglab.testutil.Specs;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/** Theorem 3 against an exact LP optimum, and the kernel's tie rules. */
class ClosedFormTest {

  /**
   * The full LP of model.md (one variable per outlet, conservation per device-slot, node and link
   * capacities) solved by ojAlgo: the independent reference.
   */
  static double lpOptimum(Trace tr) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    List<List<Variable>> into = new ArrayList<>();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      into.add(new ArrayList<>());
    }
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (!tr.present(k) || tr.data(k) == 0) {
        continue;
      }
      Expression conserve = model.addExpression("conserve" + k).level(tr.data(k));
      Variable keep = model.addVariable("keep" + k).lower(0).weight(tr.processCost(k));
      Variable drop = model.addVariable("drop" + k).lower(0).weight(tr.discardCost(k));
      conserve.set(keep, 1);
      conserve.set(drop, 1);
      into.get(k).add(keep);
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        int r = tr.receiver(k, e);
        if (r < 0) {
          continue;
        }
        Variable x = model.addVariable("x" + e).lower(0)
            .weight(tr.linkCost(e) + tr.processCost(r));
        if (tr.linkCapacity(e) != Double.POSITIVE_INFINITY) {
          x.upper(tr.linkCapacity(e));
        }
        conserve.set(x, 1);
        into.get(r).add(x);
      }
    }
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (tr.present(k) && tr.capacity(k) != Double.POSITIVE_INFINITY && !into.get(k).isEmpty()) {
        Expression cap = model.addExpression("cap" + k).upper(tr.capacity(k));
        for (Variable v : into.get(k)) {
          cap.set(v, 1);
        }
      }
    }
    Optimisation.Result result = model.minimise();
    assertTrue(result.getState().isOptimal(), "LP state " + result.getState());
    return result.getValue();
  }

  @Test
  void closedFormEqualsTheLpOptimumWithoutBindingCapacities() {
    List<Map<String, Object>> cases = List.of(
        Map.of("topology", "full", "devices", 6, "slots", 5, "capacities.enabled", false),
        Map.of("topology", "random", "devices", 12, "slots", 6, "link-probability", 0.3,
            "capacities.enabled", false, "dynamics.active-probability", 0.7,
            "dynamics.link-up-probability", 0.6),
        Map.of("topology", "scale-free", "devices", 15, "slots", 4, "attach", 2,
            "capacities.enabled", false, "costs.discard.max", 0.3),
        Map.of("topology", "hierarchical", "devices", 12, "slots", 5, "capacities.enabled", false,
            "costs.link.per-device", false));
    for (Map<String, Object> c : cases) {
      for (long seed = 1; seed <= 4; seed++) {
        java.util.Map<String, Object> all = new java.util.HashMap<>(c);
        all.put("seed", seed);
        Trace tr = TraceGenerator.generate(Specs.trace(all));
        PlanEvaluation e = PlanEvaluation.of(ClosedForm.solve(tr));
        assertTrue(e.isFeasible(), c + " seed " + seed);
        double lp = lpOptimum(tr);
        assertEquals(lp, e.totalCost(), 1e-9 * Math.max(1, Math.abs(lp)), c + " seed " + seed);
        assertEquals(e.totalData(), e.keptData() + e.offloadedData() + e.discardedData(),
            1e-9 * e.totalData());
      }
    }
  }

  /** Generous capacities never bind: the closed form is still the LP optimum and feasible. */
  @Test
  void closedFormIsOptimalWhenCapacitiesAreLarge() {
    Trace tr = TraceGenerator.generate(Specs.trace(Map.of("topology", "full", "devices", 8,
        "slots", 4, "capacities.node-factor", 1e7, "capacities.link-factor", 1e7, "seed", 3)));
    PlanEvaluation e = PlanEvaluation.of(ClosedForm.solve(tr));
    assertTrue(e.isFeasible());
    assertFalse(e.capacity().any());
    assertEquals(lpOptimum(tr), e.totalCost(), 1e-9 * e.totalCost());
  }

  /** With tight capacities the closed form undercuts the capacitated LP and reports violations. */
  @Test
  void bindingCapacitiesAreReportedAndTheClosedFormBoundsTheOptimumFromBelow() {
    Trace tr = TraceGenerator.generate(Specs.trace(Map.of("topology", "full", "devices", 8,
        "slots", 4, "capacities.node-factor", 0.5, "capacities.link-factor", 0.5, "seed", 5)));
    PlanEvaluation e = PlanEvaluation.of(ClosedForm.solve(tr));
    assertTrue(e.capacity().any());
    assertFalse(e.isFeasible());
    assertTrue(e.totalCost() <= lpOptimum(tr) + 1e-9);
  }

  @Test
  void kernelBreaksTiesTowardsProcessingThenOffloadingThenTheFirstLink() {
    double[] offers = {0.5, 0.2, 0.2, 0.9};
    assertEquals(ClosedForm.PROCESS, ClosedForm.choose(0.2, 0.2, offers, 0, 4));
    assertEquals(1, ClosedForm.choose(0.3, 0.2, offers, 0, 4));
    assertEquals(ClosedForm.DISCARD, ClosedForm.choose(0.3, 0.1, offers, 0, 4));
    assertEquals(ClosedForm.DISCARD, ClosedForm.choose(0.3, 0.1, offers, 0, 0));
    assertEquals(ClosedForm.PROCESS, ClosedForm.choose(0.1, 0.3, offers, 0, 0));
    assertEquals(2, ClosedForm.choose(0.3, 0.3, offers, 2, 4));
  }

  /** Offloading in the last slot is impossible, and so is offloading to an absent device-slot. */
  @Test
  void noOffloadingPastTheHorizonOrToAbsentDevices() {
    Trace.Builder b = Trace.builder(new String[] {"a", "b", "c"}, 2);
    b.device(0, 1, 10, Double.POSITIVE_INFINITY, 0.9, 0.95);
    b.device(0, 2, 10, Double.POSITIVE_INFINITY, 0.9, 0.95);
    b.device(1, 2, 0, Double.POSITIVE_INFINITY, 0.1, 1);
    b.device(2, 1, 0, Double.POSITIVE_INFINITY, 0.0, 1);
    b.link(0, 1, 1, Double.POSITIVE_INFINITY, 0.1); // b present at t=2: usable
    b.link(0, 2, 1, Double.POSITIVE_INFINITY, 0.0); // c absent at t=2: unusable
    b.link(0, 1, 2, Double.POSITIVE_INFINITY, 0.0); // last slot: unusable
    Trace tr = b.build();
    Plan p = ClosedForm.solve(tr);
    assertEquals(10, p.offloaded(0), 0);
    assertEquals(0, p.offloaded(1), 0);
    assertEquals(0, p.offloaded(2), 0);
    assertEquals(10, p.kept(tr.index(0, 2)), 0);
    PlanEvaluation e = PlanEvaluation.of(p);
    assertEquals(10 * 0.2 + 10 * 0.9, e.totalCost(), 1e-12);
    assertEquals(10, p.processedLoad()[tr.index(1, 2)], 0);
  }
}
