package org.foglab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.foglab.network.graph.ClusterGraph;
import org.foglab.network.graph.FogD2dGraphGenerator;
import org.junit.jupiter.api.Test;

class FogTreeTest {

  @Test
  void parentsAndChildRangesAgreeWithBruteForce() {
    for (int[] layers : new int[][] {{625, 125, 25, 5, 1}, {100, 7, 3, 1}, {13, 13, 1},
        {10, 1}, {1, 1}}) {
      FogTree t = FogTree.of(layers);
      for (int l = 1; l < t.depth(); l++) {
        int[] count = new int[t.nodes(l)];
        for (int j = 0; j < t.nodes(l - 1); j++) {
          int p = t.parent(l - 1, j);
          assertTrue(p >= 0 && p < t.nodes(l));
          count[p]++;
          assertTrue(j >= t.firstChild(l, p) && j < t.childEnd(l, p), "child range of " + p);
        }
        int lo = t.nodes(l - 1) / t.nodes(l);
        for (int p = 0; p < t.nodes(l); p++) {
          assertEquals(count[p], t.childEnd(l, p) - t.firstChild(l, p));
          assertTrue(count[p] == lo || count[p] == lo + 1, "balanced clusters");
        }
      }
      for (int i = 0; i < t.devices(); i++) {
        assertEquals(0, t.ancestor(i, t.depth() - 1), "one root");
      }
    }
    FogTree t = FogTree.of(625, 125, 25, 5, 1);
    assertEquals(5, t.clusterEnd(0) - t.clusterStart(0));
    assertEquals("L2-07", t.id(2, 7));
    assertEquals("007", t.id(0, 7));
  }

  @Test
  void badLayerListsAreRefusedWithOneSentence() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FogTree.of(625, 125, 25, 5));
    assertTrue(e.getMessage().contains("must end in 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FogTree.of(5));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FogTree.of(5, 10, 1))
        .getMessage().contains("must not grow"));
    assertThrows(IllegalArgumentException.class, () -> FogTree.of(5, 0, 1));
  }

  @Test
  void d2dGraphsAreConnectedInsideClustersAndIndependentOfTheOwnerRange() {
    FogTree t = FogTree.of(400, 20, 4, 1);
    for (D2dGraph model : D2dGraph.values()) {
      FogD2dGraphGenerator g = new FogD2dGraphGenerator(t, model, 0.2, 42);
      Set<Long> all = new HashSet<>();
      g.edges(0, t.devices(), (a, b) -> {
        assertTrue(a < b, "owned by the smaller endpoint");
        assertEquals(t.clusterOf(a), t.clusterOf(b), "no link between clusters");
        assertTrue(all.add((long) a * t.devices() + b), "no repeats");
      });
      // Any split of the device range into owners gives the same edges.
      Set<Long> split = new HashSet<>();
      FogD2dGraphGenerator fresh = new FogD2dGraphGenerator(t, model, 0.2, 42);
      for (int from = 0; from < t.devices(); from += 37) {
        fresh.edges(from, Math.min(t.devices(), from + 37),
            (a, b) -> split.add((long) a * t.devices() + b));
      }
      assertEquals(all, split);
      long pairs = 0;
      long drawn = 0;
      for (int c = 0; c < t.clusters(); c++) {
        FogD2dGraphGenerator.Cluster cl = g.clusterGraph(c);
        ClusterGraph cg = cl.graph();
        assertTrue(cg.connected(), model + " cluster " + c + " connected");
        pairs += (long) cg.size() * (cg.size() - 1) / 2;
        drawn += cg.edges() - cl.bridges();
      }
      double density = (double) drawn / pairs;
      // ER: binomial over 3,800 pairs, sd ~ 0.0065; RGG: border effects lower the density.
      if (model == D2dGraph.ER) {
        assertEquals(0.2, density, 0.03, "ER density");
      } else {
        assertTrue(density > 0.13 && density < 0.21, "RGG density " + density);
      }
      FogD2dGraphGenerator other = new FogD2dGraphGenerator(t, model, 0.2, 43);
      Set<Long> reseeded = new HashSet<>();
      other.edges(0, t.devices(), (a, b) -> reseeded.add((long) a * t.devices() + b));
      assertFalse(all.equals(reseeded), "the seed matters");
    }
  }

  @Test
  void emptyDensityGivesASpanningChainOfBridges() {
    FogTree t = FogTree.of(12, 2, 1);
    FogD2dGraphGenerator g = new FogD2dGraphGenerator(t, D2dGraph.ER, 0, 1);
    FogD2dGraphGenerator.Cluster c = g.clusterGraph(1);
    assertEquals(5, c.bridges());
    assertEquals(5, c.graph().edges());
    assertTrue(c.graph().connected());
  }
}
