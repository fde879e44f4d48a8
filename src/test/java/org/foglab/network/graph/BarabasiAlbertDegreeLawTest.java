package org.foglab.network.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The degree law of preferential attachment, which Theorems 5 and 6 are checked on: for the BA
 * model, {@code P(K >= k) = m(m+1)/(k(k+1))} for {@code k >= m} (Dorogovtsev, Mendes and
 * Samukhin, PRL 85, 2000), here at two degrees and as their ratio.
 */
class BarabasiAlbertDegreeLawTest {

  @Test
  void complementaryDegreeDistributionFollowsTheBaLaw() {
    int n = 200_000;
    int m = 2;
    long[] degree = new long[n];
    new BarabasiAlbertGraphGenerator(n, m, 11).edges(0, n, (a, b) -> {
      degree[a]++;
      degree[b]++;
    });
    long sum = 0;
    long atLeast10 = 0;
    long atLeast20 = 0;
    for (long d : degree) {
      sum += d;
      atLeast10 += d >= 10 ? 1 : 0;
      atLeast20 += d >= 20 ? 1 : 0;
    }
    assertEquals(2.0 * m, (double) sum / n, 0.03 * 2 * m, "mean degree");
    // 10% tolerance: the finite-size correction and sampling noise are a few percent here.
    assertEquals(6.0 / 110, (double) atLeast10 / n, 0.1 * 6 / 110, "P(K >= 10)");
    assertEquals(420.0 / 110, (double) atLeast10 / atLeast20, 0.1 * 420 / 110, "ratio");
  }
}
