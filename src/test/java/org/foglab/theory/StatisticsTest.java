package org.foglab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  @Test
  void studentQuantilesMatchCommonsMath() {
    for (double df : new double[] {1, 2, 3, 5, 9, 19, 39, 99, 999}) {
      TDistribution ref = new TDistribution(df);
      for (double p : new double[] {0.6, 0.9, 0.975, 0.995, 0.025}) {
        assertEquals(ref.inverseCumulativeProbability(p), StudentT.quantile(p, df),
            1e-8 * Math.abs(ref.inverseCumulativeProbability(p)), "df=" + df + " p=" + p);
      }
      for (double t : new double[] {-3, -0.5, 0.1, 1, 2.5, 10}) {
        assertEquals(ref.cumulativeProbability(t), StudentT.cdf(t, df), 1e-12);
      }
    }
    assertEquals(1.959963984540054, StudentT.quantile(0.975, Double.POSITIVE_INFINITY), 1e-9);
    assertEquals(Math.log(24), StudentT.logGamma(5), 1e-13);
    assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-13);
  }

  @Test
  void estimateFromTrials() {
    var e = MonteCarloEstimate.ofTrials(new double[] {1, 2, 3, 4});
    assertEquals(2.5, e.mean());
    double se = Math.sqrt(5.0 / 3 / 4);
    assertEquals(se, e.standardError(), 1e-15);
    assertEquals(new TDistribution(3).inverseCumulativeProbability(0.975) * se, e.halfWidth(),
        1e-9);
    assertTrue(e.covers(2.5));
    var ex = assertThrows(IllegalArgumentException.class,
        () -> MonteCarloEstimate.ofTrials(new double[] {1}));
    assertTrue(ex.getMessage().contains("at least 2"), ex.getMessage());
  }

  @Test
  void compensatedSumKeepsSmallTerms() {
    CompensatedSum s = new CompensatedSum();
    s.add(1e16);
    for (int i = 0; i < 1000; i++) {
      s.add(1.0);
    }
    s.add(-1e16);
    assertEquals(1000, s.value());
  }
}
