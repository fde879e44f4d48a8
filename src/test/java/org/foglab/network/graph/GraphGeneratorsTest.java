package org.foglab.network.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphGeneratorsTest {

  @Test
  void completeGraphHasEveryDirectedLink() {
    CompleteGraphGenerator g = new CompleteGraphGenerator(7);
    Set<Long> links = new HashSet<>();
    g.edges(0, 7, (a, b) -> {
      assertTrue(a != b);
      assertTrue(links.add(((long) a << 32) | b));
    });
    assertEquals(7 * 6, links.size());
  }

  /** Out-degree ~ Binomial(n-1, rho): total mean within 4 standard errors. */
  @Test
  void gnpMeanDegreeIsRhoTimesNMinusOne() {
    int n = 2000;
    double rho = 0.03;
    GnpGraphGenerator g = new GnpGraphGenerator(n, rho, 5);
    Set<Long> links = new HashSet<>();
    g.edges(0, n, (a, b) -> {
      assertTrue(a != b, "self-link");
      assertTrue(links.add(((long) a << 32) | b), "repeated link");
    });
    double mean = (double) links.size() / n;
    double expected = rho * (n - 1);
    double se = Math.sqrt(rho * (1 - rho) * (n - 1) / n);
    assertEquals(expected, mean, 4 * se);
    assertEquals(0, countLinks(new GnpGraphGenerator(50, 0.0, 1)));
    assertEquals(50 * 49, countLinks(new GnpGraphGenerator(50, 1.0, 1)));
  }

  @Test
  void wattsStrogatzRingHasExactClusteringAndDegree() {
    int n = 600;
    int k = 10;
    List<Set<Integer>> ring = GraphFixtures.adjacency(new WattsStrogatzGraphGenerator(n, k, 0.0, 1));
    for (Set<Integer> nb : ring) {
      assertEquals(k, nb.size());
    }
    double c0 = 3.0 * (k - 2) / (4.0 * (k - 1));
    assertEquals(c0, GraphFixtures.clustering(ring), 1e-12);
  }

  /**
   * Rewiring keeps the edge count (up to rare repeats) and lowers clustering as
   * C(p) ~ C(0)(1-p)^3 (Barrat and Weigt, Eur. Phys. J. B 13, 2000); 5% tolerance.
   */
  @Test
  void wattsStrogatzRewiringFollowsTheClusteringLaw() {
    int n = 4000;
    int k = 10;
    for (double p : new double[] {0.05, 0.2}) {
      WattsStrogatzGraphGenerator g = new WattsStrogatzGraphGenerator(n, k, p, 3);
      List<Set<Integer>> adj = GraphFixtures.adjacency(g);
      long degreeSum = adj.stream().mapToLong(Set::size).sum();
      assertEquals((double) n * k, degreeSum, 0.002 * n * k, "edges lost to repeats");
      double c0 = 3.0 * (k - 2) / (4.0 * (k - 1));
      double expected = c0 * Math.pow(1 - p, 3);
      assertEquals(expected, GraphFixtures.clustering(adj), 0.05 * expected, "p = " + p);
      for (int i = 0; i < n; i++) {
        assertFalse(adj.get(i).contains(i), "self-link at " + i);
      }
    }
  }

  @Test
  void barabasiAlbertHasMeanDegreeTwoMAndIsConnected() {
    int n = 50_000;
    for (int m : new int[] {1, 2, 5}) {
      BarabasiAlbertGraphGenerator g = new BarabasiAlbertGraphGenerator(n, m, 11);
      List<Set<Integer>> adj = GraphFixtures.adjacency(g);
      long degreeSum = adj.stream().mapToLong(Set::size).sum();
      double mean = (double) degreeSum / n;
      // Exactly 2m less the clique's shortfall and the rare repeated targets.
      assertEquals(2.0 * m, mean, 0.01 * 2 * m, "m = " + m);
      for (int v = m + 1; v < n; v++) {
        assertTrue(adj.get(v).size() >= 1);
        assertFalse(adj.get(v).contains(v));
      }
      assertEquals(n, componentSize(adj, 0), "connected");
    }
  }

  /**
   * The degree tail of preferential attachment has exponent 3. The discrete power-law MLE of
   * Clauset, Shalizi and Newman (SIAM Review 51, 2009), gamma = 1 + N / sum ln(k / (kmin - 1/2))
   * over degrees k >= kmin, on 200,000 devices with m = 3 and kmin = 20: within 0.25 of 3.
   */
  @Test
  void barabasiAlbertTailExponentIsNearThree() {
    int n = 200_000;
    int m = 3;
    int[] degree = new int[n];
    new BarabasiAlbertGraphGenerator(n, m, 2).edges(0, n, (a, b) -> {
      degree[a]++;
      degree[b]++;
    });
    int kmin = 20;
    double sum = 0;
    long count = 0;
    for (int d : degree) {
      if (d >= kmin) {
        sum += Math.log(d / (kmin - 0.5));
        count++;
      }
    }
    double gamma = 1 + count / sum;
    assertEquals(3.0, gamma, 0.25, "tail exponent");
  }

  @Test
  void hierarchyLinksEveryLeafToDistinctParents() {
    int n = 300;
    int[] parents = new int[100];
    for (int r = 0; r < parents.length; r++) {
      parents[r] = 3 * r + 1;
    }
    HierarchicalGraphGenerator g = new HierarchicalGraphGenerator(n, parents, 2, 4);
    Set<Integer> parentSet = new HashSet<>();
    for (int p : parents) {
      parentSet.add(p);
    }
    int[] leafLinks = new int[n];
    g.edges(0, n, (a, b) -> {
      assertFalse(parentSet.contains(a), "parents own no edges");
      assertTrue(parentSet.contains(b), "leaves link to parents only");
      leafLinks[a]++;
    });
    for (int v = 0; v < n; v++) {
      assertEquals(parentSet.contains(v) ? 0 : 2, leafLinks[v]);
    }
    List<Set<Integer>> adj = GraphFixtures.adjacency(g);
    for (int v = 0; v < n; v++) {
      if (!parentSet.contains(v)) {
        assertEquals(2, adj.get(v).size(), "two distinct parents");
      }
    }
    // Ranks are uniform: each parent gets 2 * 200 / 100 = 4 leaves on average.
    double mean = parentSet.stream().mapToInt(p -> adj.get(p).size()).average().orElse(0);
    assertEquals(4.0, mean, 1e-12);
  }

  @Test
  void everyGeneratorGivesTheSameEdgesForAnyRangeSplit() {
    List<GraphGenerator> gens = List.of(new CompleteGraphGenerator(40),
        new GnpGraphGenerator(300, 0.05, 9), new WattsStrogatzGraphGenerator(300, 6, 0.3, 9),
        new BarabasiAlbertGraphGenerator(3000, 3, 9),
        new HierarchicalGraphGenerator(30, new int[] {0, 5, 7, 9, 12, 20, 21, 22, 28, 29}, 2, 9));
    for (GraphGenerator g : gens) {
      int n = g.devices();
      long[] whole = GraphFixtures.emitted(g, new int[] {0, n});
      long[] split = GraphFixtures.emitted(g, new int[] {0, 1, n / 3, n / 2, n - 1, n});
      assertArrayEquals(whole, split, g.getClass().getSimpleName());
    }
  }

  @Test
  void badParametersAreRejectedWithTheirName() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new BarabasiAlbertGraphGenerator(3, 3, 1)).getMessage().contains("m = 3"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new WattsStrogatzGraphGenerator(10, 3, 0.1, 1)).getMessage().contains("even"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new GnpGraphGenerator(10, 1.5, 1)).getMessage().contains("[0, 1]"));
    assertThrows(IllegalArgumentException.class, () -> new CompleteGraphGenerator(0));
  }

  private static long countLinks(GraphGenerator g) {
    long[] c = new long[1];
    g.edges(0, g.devices(), (a, b) -> c[0]++);
    return c[0];
  }

  private static int componentSize(List<Set<Integer>> adj, int start) {
    boolean[] seen = new boolean[adj.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    seen[start] = true;
    int size = 0;
    while (!queue.isEmpty()) {
      int v = queue.poll();
      size++;
      for (int u : adj.get(v)) {
        if (!seen[u]) {
          seen[u] = true;
          queue.add(u);
        }
      }
    }
    return size;
  }
}
