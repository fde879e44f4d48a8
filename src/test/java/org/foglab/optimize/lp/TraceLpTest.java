package org.foglab.optimize.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foglab.network.Trace;
import org.foglab.optimize.PlanEvaluation;
import org.junit.jupiter.api.Test;

class TraceLpTest {
  /**
   * Device a collects 10 in slot 1 and can process 4 at 0.5, offload 3 to b (0.1 + 0.2 for b's
   * processing in slot 2) or discard at 0.9: the optimum offloads 3, processes 4 and discards 3,
   * at cost 3 * 0.3 + 4 * 0.5 + 3 * 0.9 = 5.6.
   */
  static Trace handExample() {
    Trace.Builder b = Trace.builder(new String[] {"a", "b"}, 2);
    b.device(0, 1, 10, 4, 0.5, 0.9);
    b.device(1, 1, 0, Double.POSITIVE_INFINITY, 0.7, 1);
    b.device(1, 2, 0, Double.POSITIVE_INFINITY, 0.2, 1);
    b.link(0, 1, 1, 3, 0.1);
    return b.build();
  }

  @Test
  void solvesHandExample() {
    Trace tr = handExample();
    LpResult r = TraceLp.solve(tr);
    assertTrue(r.optimal(), r.solverState());
    assertEquals(5.6, r.objective(), 1e-9);
    int a1 = tr.index(0, 1);
    assertEquals(4, r.plan().kept(a1), 1e-9);
    assertEquals(3, r.plan().discarded(a1), 1e-9);
    assertEquals(3, r.plan().offloaded(tr.linkStart(a1)), 1e-9);
    PlanEvaluation ev = PlanEvaluation.of(r.plan());
    assertTrue(ev.isFeasible());
    assertEquals(5.6, ev.totalCost(), 1e-9);
    // 2 variables per present device-slot (3) and one per usable link.
    assertEquals(7, r.variables());
  }

  @Test
  void refusesTracesBeyondOjAlgosReach() {
    Trace.Builder b = Trace.builder(new String[] {"a"}, 10_001);
    for (int t = 1; t <= 10_001; t++) {
      b.device(0, t, 1, 1, 0.5, 0.5);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TraceLp.solve(b.build()));
    assertTrue(e.getMessage().contains("20000"), e.getMessage());
  }
}
