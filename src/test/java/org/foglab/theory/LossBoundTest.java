package org.foglab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.junit.jupiter.api.Test;

class LossBoundTest {
  private final LossBound b = new LossBound(2.5, 1.2, 0.5, 0.4, 5, 0.3, 0.2);

  @Test
  void gAndHFollowTheirRecursions() {
    // g(x) = (1 + eta beta) g(x-1) + eta delta_i, g(0) = 0 (the drift lemma's induction).
    double g = 0;
    double h = 0;
    double gAvg = 0;
    for (int x = 1; x <= 30; x++) {
      // h(x) = h(x-1) + eta beta gbar(x-1) with gbar the drift of the average-delta device.
      h += b.eta() * b.beta() * gAvg;
      gAvg = (1 + b.eta() * b.beta()) * gAvg + b.eta() * b.delta();
      g = (1 + b.eta() * b.beta()) * g + b.eta() * b.deltaLocal();
      assertEquals(g, b.g(x), 1e-12 * g, "g(" + x + ")");
      // h is a difference of two terms: allow rounding of the larger one (at x = 1 it is 0).
      assertEquals(h, b.h(x), 1e-12 * h + 1e-15, "h(" + x + ")");
    }
    assertEquals(0, b.g(0));
    assertEquals(0, b.h(0));
    assertEquals(0, b.h(1), 1e-16, "h(1) = 0: one local step from a common point averages out");
  }

  @Test
  void epsilon0IsTheFixedPointOfY() {
    for (long t : new long[] {1, 4, 5, 17, 1000, 1_000_000}) {
      double eps = b.epsilon0(t);
      long k = t / b.tau();
      double denom = t * b.omega() * b.eta() * (1 - b.beta() * b.eta() / 2)
          - b.rho() / (eps * eps) * (k * b.h(b.tau()) + b.g(t - k * b.tau()));
      assertEquals(eps, 1 / denom, 1e-10 * eps, "y(eps) = eps at t=" + t);
      assertEquals(b.epsilon0Quadratic(t), eps, 1e-12 * eps, "bisection vs quadratic");
    }
  }

  @Test
  void printedClosedFormMissesTheFactorRho() {
    assertTrue(Math.abs(b.epsilon0Printed(100) - b.epsilon0(100)) > 0.01 * b.epsilon0(100));
    var rhoOne = new LossBound(1, 1.2, 0.5, 0.4, 5, 0.3, 0.2);
    assertEquals(rhoOne.epsilon0(100), rhoOne.epsilon0Printed(100), 1e-12);
    // tau = 1 and a step on an aggregation: K h(1) + g(0) = 0 and all forms agree.
    var tauOne = new LossBound(3, 1.2, 0.5, 0.4, 1, 0.3, 0.2);
    assertEquals(tauOne.epsilon0(50), tauOne.epsilon0Printed(50), 1e-12);
    assertEquals(1 / (50 * 0.4 * 0.5 * (1 - 0.3)), tauOne.epsilon0(50), 1e-12);
  }

  @Test
  void boundHasTheLimitingFloor() {
    double floor = Math.sqrt(b.rho() * b.h(b.tau())
        / (b.tau() * b.omega() * b.eta() * (1 - b.beta() * b.eta() / 2)));
    long t = 50_000_000L;
    assertEquals(floor, b.epsilon0(t), 1e-3 * floor);
  }

  @Test
  void assumptionsAndBadParameters() {
    assertTrue(b.stepAssumptionHolds());
    assertFalse(new LossBound(1, 1, 1.5, 1, 1, 0, 0).stepAssumptionHolds());
    var e = assertThrows(IllegalArgumentException.class,
        () -> new LossBound(1, 1, 2.5, 1, 1, 0, 0));
    assertTrue(e.getMessage().startsWith("eta"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LossBound(1, 1, 1, 1, 0, 0, 0));
    assertTrue(e.getMessage().startsWith("tau"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> b.epsilon0(0));
    assertTrue(e.getMessage().startsWith("t "), e.getMessage());
  }

  @Test
  void jacobiEigenvalues() {
    double[] ev = SymmetricEigen.eigenvalues(new double[][] {{2, 1}, {1, 2}});
    Arrays.sort(ev);
    assertEquals(1, ev[0], 1e-14);
    assertEquals(3, ev[1], 1e-14);
    // Invariants of a random symmetric matrix: trace and Frobenius norm.
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    double[][] m = new double[6][6];
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j <= i; j++) {
        m[i][j] = m[j][i] = r.nextDouble(-1, 1);
      }
    }
    double[] e = SymmetricEigen.eigenvalues(m);
    double trace = 0;
    double frob = 0;
    double sumSq = 0;
    for (int i = 0; i < 6; i++) {
      trace += m[i][i];
      sumSq += e[i] * e[i];
      for (int j = 0; j < 6; j++) {
        frob += m[i][j] * m[i][j];
      }
    }
    assertEquals(trace, Arrays.stream(e).sum(), 1e-12);
    assertEquals(frob, sumSq, 1e-12);
    // The top eigenvalue dominates the Rayleigh quotient of any vector.
    double top = SymmetricEigen.largest(m);
    for (int k = 0; k < 100; k++) {
      double[] v = new double[6];
      double num = 0;
      double den = 0;
      for (int i = 0; i < 6; i++) {
        v[i] = r.nextDouble(-1, 1);
      }
      for (int i = 0; i < 6; i++) {
        den += v[i] * v[i];
        for (int j = 0; j < 6; j++) {
          num += v[i] * m[i][j] * v[j];
        }
      }
      assertTrue(num / den <= top + 1e-12);
    }
  }

  @Test
  void processedSetsFollowAFractionalPlan() {
    Trace tr = Trace.builder(new String[] {"a", "b", "c"}, 2)
        .device(0, 1, 10, Double.POSITIVE_INFINITY, 1, 1)
        .device(1, 1, 4, Double.POSITIVE_INFINITY, 1, 1)
        .device(2, 1, 0, Double.POSITIVE_INFINITY, 1, 1)
        .device(0, 2, 0, Double.POSITIVE_INFINITY, 1, 1)
        .device(1, 2, 0, Double.POSITIVE_INFINITY, 1, 1)
        .device(2, 2, 0, Double.POSITIVE_INFINITY, 1, 1)
        .link(0, 1, 1, Double.POSITIVE_INFINITY, 0)
        .link(0, 2, 1, Double.POSITIVE_INFINITY, 0)
        .build();
    int a = tr.index(0, 1);
    int bIdx = tr.index(1, 1);
    double[] kept = new double[tr.deviceSlots()];
    double[] discarded = new double[tr.deviceSlots()];
    double[] off = new double[tr.links()];
    kept[a] = 2.5;
    off[tr.linkStart(a)] = 3.0;
    off[tr.linkStart(a) + 1] = 3.0;
    discarded[a] = 1.5;
    kept[bIdx] = 4;
    int[][] g = ProcessedData.fromPlan(new Plan(tr, kept, discarded, off), 1,
        new int[][] {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {10, 11, 12, 13}, {}});
    // Boundaries round(2.5) = 3 (half up), round(5.5) = 6, round(8.5) = 9: row 9 discarded.
    assertEquals(Arrays.toString(new int[] {0, 1, 2}), Arrays.toString(g[0]));
    assertEquals(Arrays.toString(new int[] {3, 4, 5, 10, 11, 12, 13}), Arrays.toString(g[1]));
    assertEquals(Arrays.toString(new int[] {6, 7, 8}), Arrays.toString(g[2]));
  }
}
