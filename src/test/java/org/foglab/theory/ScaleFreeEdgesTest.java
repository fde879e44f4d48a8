package org.foglab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScaleFreeEdgesTest {

  @Test
  void everyDeviceAttachesToEarlierDevicesSoTheGraphIsConnected() {
    int m = 3;
    for (long e = m; e < 3000; e++) {
      long v = e / m;
      long w = ScaleFreeEdges.target(7, m, e);
      assertTrue(w <= v && w >= 0, "edge " + e);
      if (e % m == 0) {
        assertTrue(w < v, "a device's first edge reaches an earlier device");
      }
    }
    SimpleGraph g = ScaleFreeEdges.graph(2000, 1, 3);
    assertEquals(1999, g.edges(), "m = 1 gives a tree");
  }

  @Test
  void degreesFollowThePreferentialAttachmentLaw() {
    int m = 2;
    SimpleGraph g = ScaleFreeEdges.graph(200_000, m, 11);
    long[] c = g.degreeCounts();
    long n = g.vertices();
    double mean = 2.0 * g.edges() / n;
    assertTrue(mean > 2 * m * 0.97 && mean <= 2 * m, "mean degree " + mean);
    // BA: P(K >= k) = m(m+1)/(k(k+1)), so P(K >= 10)/P(K >= 20) = 420/110.
    double ccdf10 = 0;
    double ccdf20 = 0;
    for (int k = 0; k < c.length; k++) {
      if (k >= 10) {
        ccdf10 += c[k];
      }
      if (k >= 20) {
        ccdf20 += c[k];
      }
    }
    assertEquals(420.0 / 110, ccdf10 / ccdf20, 0.1 * 420 / 110);
    assertEquals(6.0 / 110, ccdf10 / n, 0.1 * 6 / 110);
  }

  @Test
  void sameSeedSameGraph() {
    SimpleGraph a = ScaleFreeEdges.graph(500, 2, 4);
    SimpleGraph b = ScaleFreeEdges.graph(500, 2, 4);
    SimpleGraph c = ScaleFreeEdges.graph(500, 2, 5);
    assertEquals(a.edges(), b.edges());
    for (int v = 0; v < 500; v++) {
      assertEquals(a.degree(v), b.degree(v));
    }
    boolean differs = false;
    for (int v = 0; v < 500 && !differs; v++) {
      differs = a.degree(v) != c.degree(v);
    }
    assertTrue(differs);
  }

  @Test
  void badParametersAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> ScaleFreeEdges.graph(1, 1, 1));
    assertTrue(e.getMessage().startsWith("devices"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ScaleFreeEdges.graph(10, 0, 1));
    assertTrue(e.getMessage().startsWith("edgesPerDevice"), e.getMessage());
  }
}
