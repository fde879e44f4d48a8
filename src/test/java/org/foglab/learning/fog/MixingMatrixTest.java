package org.foglab.learning.fog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.foglab.network.graph.ClusterGraph;
import org.junit.jupiter.api.Test;

class MixingMatrixTest {

  /** Connected test graphs: path, star, ring, complete, and seeded Erdos-Renyi with a path. */
  static List<ClusterGraph> graphs() {
    List<ClusterGraph> out = new ArrayList<>();
    out.add(path(7));
    out.add(star(9));
    out.add(ring(10));
    out.add(complete(6));
    for (int seed = 1; seed <= 4; seed++) {
      out.add(erdosRenyi(12 + seed * 3, 0.25, seed));
    }
    return out;
  }

  static ClusterGraph path(int m) {
    int[] a = new int[m - 1];
    int[] b = new int[m - 1];
    for (int i = 0; i + 1 < m; i++) {
      a[i] = i;
      b[i] = i + 1;
    }
    return ClusterGraph.of(m, a, b);
  }

  static ClusterGraph star(int m) {
    int[] a = new int[m - 1];
    int[] b = new int[m - 1];
    for (int i = 1; i < m; i++) {
      a[i - 1] = 0;
      b[i - 1] = i;
    }
    return ClusterGraph.of(m, a, b);
  }

  static ClusterGraph ring(int m) {
    int[] a = new int[m];
    int[] b = new int[m];
    for (int i = 0; i < m; i++) {
      a[i] = i;
      b[i] = (i + 1) % m;
    }
    return ClusterGraph.of(m, a, b);
  }

  static ClusterGraph complete(int m) {
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        e.add(new int[] {i, j});
      }
    }
    return fromList(m, e);
  }

  /** G(m, p) plus the path 0-1-...-(m-1), so it is connected. */
  static ClusterGraph erdosRenyi(int m, double p, long seed) {
    Random r = new Random(seed);
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        if (r.nextDouble() < p || j == i + 1) {
          e.add(new int[] {i, j});
        }
      }
    }
    return fromList(m, e);
  }

  static ClusterGraph fromList(int m, List<int[]> e) {
    int[] a = new int[e.size()];
    int[] b = new int[e.size()];
    for (int k = 0; k < e.size(); k++) {
      a[k] = e.get(k)[0];
      b[k] = e.get(k)[1];
    }
    return ClusterGraph.of(m, a, b);
  }

  static List<MixingMatrix> matrices(ClusterGraph g) {
    double eps = MixingMatrix.maxLaplacianStep(g);
    return List.of(MixingMatrix.metropolisHastings(g), MixingMatrix.laplacian(g, eps),
        MixingMatrix.laplacian(g, eps / 2));
  }

  @Test
  void doublyStochasticSymmetricAndNonNegative() {
    for (ClusterGraph g : graphs()) {
      for (MixingMatrix w : matrices(g)) {
        double[][] d = w.dense();
        int m = d.length;
        for (int i = 0; i < m; i++) {
          double row = 0;
          double col = 0;
          for (int j = 0; j < m; j++) {
            row += d[i][j];
            col += d[j][i];
            assertEquals(d[i][j], d[j][i], 1e-12, "symmetry");
            assertTrue(d[i][j] >= 0, "non-negative entry");
            if (i != j && d[i][j] != 0) {
              assertTrue(java.util.Arrays.binarySearch(g.neighbours(i), j) >= 0,
                  "weight only on edges");
            }
          }
          assertEquals(1, row, 1e-12, "row sum");
          assertEquals(1, col, 1e-12, "column sum");
        }
      }
    }
  }

  @Test
  void laplacianStepAboveOneOverMaxDegreeIsRefused() {
    ClusterGraph g = star(5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MixingMatrix.laplacian(g, 0.26));
    assertTrue(e.getMessage().contains("1/max degree"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MixingMatrix.laplacian(g, 0));
    MixingMatrix.laplacian(g, 0.25);
  }

  /** Second-largest eigenvalue modulus of symmetric W: power iteration on (W - J)^2. */
  static double slem(double[][] w) {
    int m = w.length;
    double[] v = new double[m];
    Random r = new Random(99);
    for (int i = 0; i < m; i++) {
      v[i] = r.nextGaussian();
    }
    double lambdaSquared = 0;
    for (int it = 0; it < 200_000; it++) {
      double[] u = timesCentered(w, timesCentered(w, v));
      double norm = Math.sqrt(dot(u, u));
      double next = dot(v, u) / dot(v, v);
      for (int i = 0; i < m; i++) {
        v[i] = u[i] / norm;
      }
      if (it > 100 && Math.abs(next - lambdaSquared) < 1e-16) {
        lambdaSquared = next;
        break;
      }
      lambdaSquared = next;
    }
    return Math.sqrt(lambdaSquared);
  }

  /** (W - 11^T/m) v. */
  private static double[] timesCentered(double[][] w, double[] v) {
    int m = v.length;
    double mean = 0;
    for (double x : v) {
      mean += x / m;
    }
    double[] out = new double[m];
    for (int i = 0; i < m; i++) {
      double s = 0;
      for (int j = 0; j < m; j++) {
        s += w[i][j] * v[j];
      }
      out[i] = s - mean;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double deviation(double[] x, double avg) {
    double s = 0;
    for (double v : x) {
      s += (v - avg) * (v - avg);
    }
    return Math.sqrt(s);
  }

  @Test
  void consensusErrorBoundedByLambda2PowerAndDecaysAtThatRate() {
    for (ClusterGraph g : graphs()) {
      if (g.size() == 6) {
        continue; // complete graph with MH: lambda_2 = 0, exact after one round (checked below)
      }
      for (MixingMatrix w : matrices(g)) {
        double lambda = slem(w.dense());
        if (lambda > 1 - 1e-9) {
          continue; // I - L/d on a regular bipartite graph: eigenvalue -1 (see below)
        }
        int m = g.size();
        Random r = new Random(m);
        double[] x = new double[m];
        double avg = 0;
        for (int i = 0; i < m; i++) {
          x[i] = r.nextGaussian() * 10;
        }
        for (double v : x) {
          avg += v;
        }
        avg /= m;
        double e0 = deviation(x, avg);
        double[] errors = new double[81];
        for (int c = 0; c <= 80; c++) {
          errors[c] = deviation(x, avg);
          assertTrue(errors[c] <= Math.pow(lambda, c) * e0 * (1 + 1e-9) + 1e-12,
              "||x(c) - avg|| <= lambda_2^c ||x(0) - avg|| at c = " + c);
          x = w.apply(x);
        }
        // The observed rate from a generic start approaches lambda_2.
        if (errors[80] > 1e-10) {
          double rate = Math.pow(errors[80] / errors[40], 1.0 / 40);
          assertEquals(lambda, rate, 0.02 * lambda + 1e-6, "empirical decay rate");
        }
      }
    }
  }

  @Test
  void metropolisAndHalfStepLaplacianContractOnConnectedGraphs() {
    for (ClusterGraph g : graphs()) {
      assertTrue(slem(MixingMatrix.metropolisHastings(g).dense()) < 1 - 1e-9);
      double eps = MixingMatrix.maxLaplacianStep(g) / 2;
      assertTrue(slem(MixingMatrix.laplacian(g, eps).dense()) < 1 - 1e-9);
    }
  }

  /** eps = 1/max degree on an even ring (2-regular, bipartite): W has eigenvalue -1. */
  @Test
  void fullLaplacianStepOnEvenRingOscillates() {
    MixingMatrix w = MixingMatrix.laplacian(ring(10), 0.5);
    assertEquals(1, slem(w.dense()), 1e-9);
    double[] x = {1, -1, 1, -1, 1, -1, 1, -1, 1, -1};
    double[] y = w.apply(x);
    for (int i = 0; i < 10; i++) {
      assertEquals(-x[i], y[i], 1e-12, "the alternating vector flips sign and never averages");
    }
  }

  @Test
  void completeGraphMetropolisAveragesInOneRound() {
    ClusterGraph g = complete(6);
    MixingMatrix w = MixingMatrix.metropolisHastings(g);
    double[] x = w.apply(new double[] {1, 2, 3, 4, 5, 9});
    for (double v : x) {
      assertEquals(4, v, 1e-12);
    }
  }

  @Test
  void mixOnVectorsMatchesScalarApplyPerCoordinate() {
    ClusterGraph g = erdosRenyi(15, 0.3, 7);
    MixingMatrix w = MixingMatrix.metropolisHastings(g);
    Random r = new Random(3);
    double[][] x = new double[15][4];
    for (double[] row : x) {
      for (int p = 0; p < 4; p++) {
        row[p] = r.nextDouble();
      }
    }
    for (int rounds : new int[] {0, 1, 2, 5}) {
      double[][] v = new double[15][];
      for (int i = 0; i < 15; i++) {
        v[i] = x[i].clone();
      }
      w.mix(v, new double[15][4], rounds);
      for (int p = 0; p < 4; p++) {
        double[] col = new double[15];
        for (int i = 0; i < 15; i++) {
          col[i] = x[i][p];
        }
        for (int c = 0; c < rounds; c++) {
          col = w.apply(col);
        }
        for (int i = 0; i < 15; i++) {
          assertEquals(col[i], v[i][p], 0.0, "same arithmetic");
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> w.mix(x, new double[15][4], -1));
  }

  /**
   * Row-normalising the adjacency with self-loops is row stochastic only: it converges to the
   * average weighted by d_i + 1, not the average, while Metropolis-Hastings reaches the average.
   */
  @Test
  void rowNormalisedAdjacencyConvergesToDegreeWeightedAverage() {
    ClusterGraph g = star(6); // hub degree 5, leaves degree 1
    int m = g.size();
    double[][] p = new double[m][m];
    for (int i = 0; i < m; i++) {
      p[i][i] = 1.0 / (g.degree(i) + 1);
      for (int j : g.neighbours(i)) {
        p[i][j] = 1.0 / (g.degree(i) + 1);
      }
    }
    double[] x0 = {10, 0, 0, 0, 0, 0};
    double[] x = x0.clone();
    for (int c = 0; c < 2000; c++) {
      double[] y = new double[m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          y[i] += p[i][j] * x[j];
        }
      }
      x = y;
    }
    double avg = 10.0 / 6;
    double weighted = 0;
    double wsum = 0;
    for (int i = 0; i < m; i++) {
      weighted += (g.degree(i) + 1) * x0[i];
      wsum += g.degree(i) + 1;
    }
    weighted /= wsum; // 60 / 16 = 3.75
    for (double v : x) {
      assertEquals(weighted, v, 1e-9, "row-normalised adjacency: degree-weighted limit");
      assertTrue(Math.abs(v - avg) > 2, "and not the average");
    }
    double[] y = x0.clone();
    MixingMatrix w = MixingMatrix.metropolisHastings(g);
    for (int c = 0; c < 2000; c++) {
      y = w.apply(y);
    }
    for (double v : y) {
      assertEquals(avg, v, 1e-12, "Metropolis-Hastings: the exact average");
    }
  }
}
