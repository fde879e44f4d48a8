package org.foglab.optimize.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foglab.network.Trace;
import org.junit.jupiter.api.Test;

/** The benchmark baselines agree with the exact solver, so their timings compare like with like. */
class OrToolsBaselinesTest {
  @Test
  void baselinesAgreeWithExactSolver() {
    for (long seed = 1; seed <= 5; seed++) {
      Trace tr = TraceFixtures.random(seed, 10, 4, 0.5, 0.5);
      double exact = ExactSolver.builder().build().solve(tr).primal();
      OrToolsBaselines.Solved glop = OrToolsBaselines.lp(tr, "GLOP", 60_000);
      assertEquals(exact, glop.objective(), 1e-6 * exact, "GLOP seed " + seed);
      // Integer min-cost flow: amounts x1e6, costs x1e6; rounding costs 1e-6 of each unit.
      OrToolsBaselines.Solved mcf = OrToolsBaselines.minCostFlow(tr, 1e6, 1e6);
      assertEquals(exact, mcf.objective(), 1e-5 * exact, "min-cost flow seed " + seed);
      assertTrue(mcf.objective() >= exact - 1e-5 * exact, "no plan beats the optimum");
    }
  }

  /**
   * On a trace already on the integer grid (as the scaling benchmark builds it), min-cost flow
   * solves exactly the same problem: its optimum equals the exact solver's to summation order
   * (1e-9 relative, the benchmark's tolerance), where off the grid rounding costs about 1e-5.
   */
  @Test
  void minCostFlowOnTheGridMatchesTheExactOptimum() {
    for (long seed = 1; seed <= 5; seed++) {
      Trace tr = OrToolsBaselines.onGrid(TraceFixtures.random(seed, 12, 5, 0.5, 0.4), 1e3, 1e6);
      double exact = ExactSolver.builder().build().solve(tr).primal();
      OrToolsBaselines.Solved mcf = OrToolsBaselines.minCostFlow(tr, 1e3, 1e6, true);
      assertEquals(exact, mcf.objective(), OrToolsScaling.COST_TOLERANCE * exact, "seed " + seed);
      for (int k = 0; k < tr.deviceSlots(); k++) {
        double d = tr.data(k) * 1e3;
        assertEquals(Math.rint(d), d, 1e-6, "data on the grid");
      }
    }
  }
}
