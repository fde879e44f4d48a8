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
}
