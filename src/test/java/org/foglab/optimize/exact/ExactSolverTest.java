package org.foglab.optimize.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foglab.network.Trace;
import org.foglab.optimize.ClosedForm;
import org.foglab.optimize.Plan;
import org.foglab.optimize.lp.LpResult;
import org.foglab.optimize.lp.TraceLp;
import org.junit.jupiter.api.Test;

class ExactSolverTest {
  private static final double COST_TOL = 1e-6;

  @Test
  void matchesOjAlgoLpOnRandomCapacitatedTraces() {
    int binding = 0;
    for (long seed = 1; seed <= 60; seed++) {
      int n = 3 + (int) (seed % 6);
      int slots = 1 + (int) (seed % 4);
      double capScale = seed % 3 == 0 ? 0.3 : seed % 3 == 1 ? 1 : 3;
      Trace tr = TraceFixtures.random(seed, n, slots, 0.5, capScale);
      ExactResult ex = ExactSolver.builder().build().solve(tr);
      LpResult lp = TraceLp.solve(tr);
      assertTrue(lp.optimal(), "ojAlgo did not solve seed " + seed + ": " + lp.solverState());
      assertTrue(ex.evaluation().isFeasible(), "infeasible plan, seed " + seed);
      assertEquals(lp.objective(), ex.primal(), COST_TOL * Math.max(1, Math.abs(lp.objective())),
          "seed " + seed);
      assertEquals(ex.evaluation().totalCost(), ex.primal(), 1e-9 * Math.max(1, ex.primal()));
      assertTrue(ex.gap() <= 1e-6 && ex.gap() >= -1e-9, "gap " + ex.gap() + " seed " + seed);
      assertEquals(ExactStatus.OPTIMAL, ex.status());
      if (ex.searches() > 0) {
        binding++;
      }
    }
    assertTrue(binding > 30, "too few instances with binding capacities: " + binding);
  }

  /** The hand example of TraceLpTest: optimum 5.6, and a's capacity is worth 0.9 - 0.5. */
  @Test
  void handExampleWithItsDuals() {
    Trace.Builder b = Trace.builder(new String[] {"a", "b"}, 2);
    b.device(0, 1, 10, 4, 0.5, 0.9);
    b.device(1, 1, 0, Double.POSITIVE_INFINITY, 0.7, 1);
    b.device(1, 2, 0, Double.POSITIVE_INFINITY, 0.2, 1);
    b.link(0, 1, 1, 3, 0.1);
    Trace tr = b.build();
    ExactResult r = ExactSolver.builder().build().solve(tr);
    assertEquals(5.6, r.primal(), 1e-12);
    assertEquals(5.6, r.bound(), 1e-12);
    assertEquals(0.4, r.sinkPrices()[tr.index(0, 1)], 1e-12);
    assertEquals(0, r.sinkPrices()[tr.index(1, 2)], 0);
    assertEquals(3, r.plan().offloaded(tr.linkStart(tr.index(0, 1))), 1e-12);
  }

  @Test
  void equalsClosedFormWhenNoCapacityBinds() {
    for (long seed = 100; seed < 120; seed++) {
      Trace tr = TraceFixtures.unbounded(seed, 6, 3, 0.5);
      ExactResult ex = ExactSolver.builder().build().solve(tr);
      Plan cf = ClosedForm.solve(tr);
      assertEquals(0, ex.searches());
      for (int k = 0; k < tr.deviceSlots(); k++) {
        assertEquals(cf.kept(k), ex.plan().kept(k), 0, "kept " + k);
        assertEquals(cf.discarded(k), ex.plan().discarded(k), 0, "discarded " + k);
      }
      for (int e = 0; e < tr.links(); e++) {
        assertEquals(cf.offloaded(e), ex.plan().offloaded(e), 0, "link " + e);
      }
      assertEquals(0, ex.gap(), 1e-12);
      double[] zero = new double[tr.deviceSlots()];
      assertArrayEquals(zero, ex.sinkPrices(), 0);
    }
  }
}
