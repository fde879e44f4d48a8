package org.foglab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HierarchicalOffloadingTest {

  private static void assertMatchesNumeric(HierarchicalOffloading h) {
    var sol = h.solve();
    // Nested golden-section search on F, which knows nothing of (13-14).
    var num = h.numericOptimum();
    assertEquals(num.cost(), sol.cost(), 1e-9 * Math.abs(num.cost()), "cost " + h);
    assertTrue(sol.cost() <= num.cost() * (1 + 1e-12), "closed form is no worse than numeric");
    assertEquals(num.discard(), sol.discard(), 1e-6, "r* " + h);
    assertEquals(num.offload(), sol.offload(), 1e-4 * sol.offload(), "s* " + h);
  }

  @Test
  void interiorOptimumMatchesPaperFormulasAndNumericMinimum() {
    var h = new HierarchicalOffloading(10, 1000, 1, 0.2, 0.1, 50);
    var sol = h.solve();
    assertTrue(sol.interior());
    assertEquals(h.paperOffload(), sol.offload(), 1e-15);
    assertEquals(h.paperDiscard(sol.offload()), sol.discard(), 1e-15);
    assertEquals(Math.pow(50 / 2.0, 2.0 / 3) / 1000, sol.keep(), 1e-12, "(13)");
    assertEquals(Math.pow(50 / (2 * 0.3), 2.0 / 3) / (10 * 1000), sol.offload(), 1e-15, "(14)");
    assertMatchesNumeric(h);
  }

  @Test
  void serverDearerThanDevicesIsStillInterior() {
    var h = new HierarchicalOffloading(3, 200, 0.5, 2, 0.5, 20);
    assertFalse(h.serverCheaper());
    assertTrue(h.solve().interior());
    assertMatchesNumeric(h);
  }

  @Test
  void smallDataPutsTheOptimumOnTheBoundaryRZero() {
    var h = new HierarchicalOffloading(4, 5, 1, 0.2, 0.1, 50);
    assertTrue(h.data() < h.interiorDataThreshold());
    var sol = h.solve();
    assertFalse(sol.interior());
    assertEquals(0, sol.discard());
    assertTrue(h.paperDiscard(h.paperOffload()) < 0, "the paper's r* would be negative here");
    assertMatchesNumeric(h);
  }

  @Test
  void thresholdIsWhereTheRegimesMeet() {
    var base = new HierarchicalOffloading(5, 1, 1, 0.3, 0.2, 10);
    double d = base.interiorDataThreshold();
    var at = new HierarchicalOffloading(5, d, 1, 0.3, 0.2, 10).solve();
    var below = new HierarchicalOffloading(5, d * (1 - 1e-9), 1, 0.3, 0.2, 10).solve();
    assertTrue(at.interior());
    assertFalse(below.interior());
    assertEquals(at.offload(), below.offload(), 1e-6);
    assertEquals(0, at.discard(), 1e-12);
  }

  @Test
  void manyRandomInstancesMatchNumericMinimum() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    for (int k = 0; k < 40; k++) {
      var h = new HierarchicalOffloading(1 + rnd.nextInt(20), Math.exp(rnd.nextDouble(0, 8)),
          rnd.nextDouble(0.1, 2), rnd.nextDouble(0, 1), rnd.nextDouble(0, 1) + 0.01,
          Math.exp(rnd.nextDouble(-2, 5)));
      assertMatchesNumeric(h);
    }
  }

  @Test
  void badParametersAreNamed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new HierarchicalOffloading(0, 1, 1, 1, 1, 1));
    assertTrue(e.getMessage().startsWith("devices"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new HierarchicalOffloading(1, 1, 1, 0, 0, 1));
    assertTrue(e.getMessage().startsWith("serverCost + linkCost"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new HierarchicalOffloading(1, 1, 1, 1, 1, -1));
    assertTrue(e.getMessage().startsWith("gamma"), e.getMessage());
  }
}
