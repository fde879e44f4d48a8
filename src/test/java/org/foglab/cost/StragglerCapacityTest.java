package org.foglab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foglab.cost.StragglerCapacity.WaitMeasure;
import org.foglab.theory.DM1QueueSimulation;
import org.junit.jupiter.api.Test;

class StragglerCapacityTest {

  /** Independent reference: phi_{n+1} = exp(-a (1 - phi_n)) from 0 increases to the smallest root. */
  private static double phiByIteration(double mu, double capacity) {
    double a = mu / capacity;
    double p = 0;
    for (int it = 0; it < 50_000_000; it++) {
      double q = Math.exp(-a * (1 - p));
      if (q <= p) {
        return q;
      }
      p = q;
    }
    throw new AssertionError("no convergence for a=" + a);
  }

  @Test
  void phiIsTheSmallestRootFoundByFixedPointIteration() {
    double mu = 3;
    for (double load : new double[] {1e-3, 0.05, 0.2, 0.5, 0.7, 0.9, 0.97}) {
      double c = load * mu;
      double p = StragglerCapacity.phi(mu, c);
      assertEquals(phiByIteration(mu, c), p, 1e-12, "phi at load " + load);
      // It is a root: residual of the fixed-point equation.
      assertEquals(p, Math.exp(-mu * (1 - p) / c), 1e-14);
    }
    assertEquals(0, StragglerCapacity.phi(mu, 0));
    assertEquals(1, StragglerCapacity.phi(mu, mu));
    assertEquals(1, StragglerCapacity.phi(mu, 2 * mu));
  }

  @Test
  void phiIsIncreasingInCapacity() {
    // Below C ~ mu/745 the root exp(-mu/C)(1 + ...) underflows to 0 in double precision.
    double prev = 0;
    for (int k = 2; k < 1000; k++) {
      double p = StragglerCapacity.phi(1, k / 1000.0);
      assertTrue(p > prev, "phi must increase, at C=" + k / 1000.0);
      prev = p;
    }
  }

  @Test
  void capacityMakesTheMeanQueueWaitEqualSigma() {
    for (double mu : new double[] {0.01, 1, 7.5, 1e4}) {
      for (double sigma : new double[] {1e-3, 0.1, 1, 10, 1e3}) {
        double c = StragglerCapacity.capacity(mu, sigma);
        assertTrue(c > 0 && c < mu, "stable capacity for mu=" + mu + " sigma=" + sigma);
        assertEquals(StragglerCapacity.targetPhi(mu, sigma), StragglerCapacity.phi(mu, c), 1e-12);
        double w = StragglerCapacity.meanWait(mu, c, WaitMeasure.QUEUE);
        assertEquals(sigma, w, 1e-9 * sigma, "W_q at mu=" + mu + " sigma=" + sigma);
      }
    }
  }

  @Test
  void capacityAgreesWithBisectionOnTheIteratedMeanWait() {
    // Independent of the closed form: bisection on C of W_q(C) = sigma with phi by iteration.
    double mu = 4;
    for (double sigma : new double[] {0.05, 0.5, 2}) {
      double lo = 0;
      double hi = mu;
      for (int it = 0; it < 60; it++) {
        double mid = 0.5 * (lo + hi);
        double p = phiByIteration(mu, mid);
        if (p / (mu * (1 - p)) < sigma) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      assertEquals(0.5 * (lo + hi), StragglerCapacity.capacity(mu, sigma), 1e-9);
    }
  }

  @Test
  void sojournReadingBoundsTheTimeInSystem() {
    double mu = 2;
    assertEquals(0, StragglerCapacity.capacity(mu, 0.5, WaitMeasure.SOJOURN), "sigma mu = 1");
    assertEquals(0, StragglerCapacity.capacity(mu, 0.3, WaitMeasure.SOJOURN), "sigma mu < 1");
    for (double sigma : new double[] {0.6, 1, 3, 100}) {
      double c = StragglerCapacity.capacity(mu, sigma, WaitMeasure.SOJOURN);
      assertEquals(sigma, StragglerCapacity.meanWait(mu, c, WaitMeasure.SOJOURN), 1e-9 * sigma);
      assertTrue(c < StragglerCapacity.capacity(mu, sigma), "sojourn is the stricter reading");
    }
  }

  @Test
  void edgeCasesAndLimits() {
    assertEquals(0, StragglerCapacity.capacity(5, 0));
    assertEquals(5, StragglerCapacity.capacity(5, Double.POSITIVE_INFINITY));
    assertEquals(0, StragglerCapacity.capacity(0, 1));
    assertEquals(Double.POSITIVE_INFINITY, StragglerCapacity.capacity(Double.POSITIVE_INFINITY, 1));
    assertEquals(Double.POSITIVE_INFINITY, StragglerCapacity.capacity(Double.POSITIVE_INFINITY, 0));
    // sigma -> 0: C ~ mu / ln(1/(sigma mu)) -> 0; sigma -> inf: C -> mu from below.
    double tiny = StragglerCapacity.capacity(1, 1e-300);
    assertTrue(tiny > 0 && tiny < 2e-3, "C(1e-300) = " + tiny);
    double big = StragglerCapacity.capacity(1, 1e12);
    assertTrue(big < 1 && big > 1 - 1e-11, "C(1e12) = " + big);
    assertEquals(1 - 1 / (2 * 1e12), big, 1e-15, "C = mu (1 - 1/(2 sigma mu) + ...)");
    double prev = 0;
    for (double sigma = 1e-6; sigma < 1e6; sigma *= 1.5) {
      double c = StragglerCapacity.capacity(1, sigma);
      assertTrue(c > prev, "capacity increases with sigma");
      prev = c;
    }
  }

  @Test
  void unitsScale() {
    // Measuring time in half-slots doubles rates and halves sigma: C doubles.
    double c1 = StragglerCapacity.capacity(3, 0.7);
    double c2 = StragglerCapacity.capacity(6, 0.35);
    assertEquals(2 * c1, c2, 1e-12);
  }

  @Test
  void vectorisedMatchesScalar() {
    double[] mu = {0.5, 1, 2, 4, 8};
    double[] c = StragglerCapacity.capacities(mu, 1.0);
    for (int i = 0; i < mu.length; i++) {
      assertEquals(StragglerCapacity.capacity(mu[i], 1.0), c[i]);
    }
    assertArrayEquals(c, StragglerCapacity.capacities(mu, new double[] {1, 1, 1, 1, 1},
        WaitMeasure.QUEUE));
  }

  @Test
  void badParametersAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> StragglerCapacity.capacity(-1, 1));
    assertTrue(e.getMessage().startsWith("mu"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StragglerCapacity.capacity(1, -1));
    assertTrue(e.getMessage().startsWith("sigma"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> StragglerCapacity.capacity(Double.NaN, 1));
    assertTrue(e.getMessage().startsWith("mu"), e.getMessage());
  }

  @Test
  void discreteEventSimulationConfirmsTheMeanWait() {
    double mu = 5;
    for (double sigma : new double[] {0.05, 0.4, 1.0}) {
      double c = StragglerCapacity.capacity(mu, sigma);
      var r = DM1QueueSimulation.run(new DM1QueueSimulation.Options(mu, c, 2_000, 100_000, 20,
          17));
      // The 95% interval covers the theory, and the error is within 4 standard errors (a
      // 99.99% statement) for a margin against seed luck in future edits.
      assertTrue(r.queueWait().covers(sigma), "W_q " + r.queueWait() + " vs sigma " + sigma);
      assertTrue(Math.abs(r.queueWait().mean() - sigma) < 4 * r.queueWait().standardError());
      double phi = StragglerCapacity.phi(mu, c);
      assertTrue(Math.abs(r.busyOnArrival().mean() - phi) < 4 * r.busyOnArrival().standardError(),
          "busy fraction " + r.busyOnArrival() + " vs phi " + phi);
      double sojourn = StragglerCapacity.meanWait(mu, c, WaitMeasure.SOJOURN);
      assertTrue(Math.abs(r.sojourn().mean() - sojourn) < 4 * r.sojourn().standardError());
    }
  }
}
