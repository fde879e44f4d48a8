package org.foglab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;
import org.foglab.theory.DegreeDistribution.Empirical;
import org.foglab.theory.DegreeDistribution.Exponent;
import org.foglab.theory.DegreeDistribution.PowerLaw;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffloadingValueTest {

  @Test
  void paperAlternatingSumEqualsTheSimpleFormExactly() {
    for (int k = 0; k <= 150; k++) {
      assertEquals(Rational.of(k, 2L * (k + 2)), OffloadingValue.paperBracketExact(k), "k=" + k);
    }
  }

  @Test
  void paperFormInDoublesIsAccurateOnlyForSmallDegrees() {
    for (int k = 0; k <= 20; k++) {
      double exact = OffloadingValue.perDevice(k);
      assertEquals(exact, OffloadingValue.paperBracket(k), 1e-9 * Math.max(exact, 1e-300),
          "k=" + k);
      assertEquals(OffloadingValue.paperBracketExact(k).toDouble(), exact, 1e-16);
    }
    // Cancellation of ~2^k/k^2-sized terms: garbage well before k = 100.
    assertTrue(Math.abs(OffloadingValue.paperBracket(100) - OffloadingValue.perDevice(100)) > 1,
        "literal evaluation at k=100 should have lost every digit");
  }

  @Test
  void empiricalDistributionUpToAMillionMatchesDecimalReference() {
    int kMax = 1_000_000;
    long[] counts = new long[kMax + 1];
    for (int k = 0; k <= kMax; k++) {
      // Heavy-tailed-ish counts with many zeros, up to 10^9 devices per degree at the low end.
      long h = Streams.hash(3, Purpose.SAMPLING, k);
      counts[k] = (h & 3) == 0 ? 0 : 1 + Streams.below(h, 1_000_000_000L / (1L + k));
    }
    counts[kMax] = 7;
    var n = Empirical.ofCounts(counts);
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal num = BigDecimal.ZERO;
    BigDecimal den = BigDecimal.ZERO;
    for (int k = 0; k <= kMax; k++) {
      if (counts[k] > 0) {
        BigDecimal c = BigDecimal.valueOf(counts[k]);
        num = num.add(c.multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(2L * (k + 2)),
            mc), mc);
        den = den.add(c);
      }
    }
    double reference = num.divide(den, mc).doubleValue();
    assertEquals(reference, OffloadingValue.perUnitCost(n), 1e-12 * reference);
    assertEquals(kMax, n.maxDegree());
  }

  @Test
  void largeDegreesAreAccurate() {
    for (long k : new long[] {1_000_000L, 123_456_789L, 1L << 40}) {
      double exact = new BigDecimal(k).divide(new BigDecimal(2 * (k + 2)), MathContext.DECIMAL128)
          .doubleValue();
      assertEquals(exact, OffloadingValue.perDevice(k), 1e-15);
    }
  }

  /** Independent reference: plain compensated summation of every term. */
  private static double directPowerLaw(double a, int kMax) {
    CompensatedSum z = new CompensatedSum();
    CompensatedSum w = new CompensatedSum();
    for (int k = kMax; k >= 1; k--) {
      double p = Math.pow(k, -a);
      z.add(p);
      w.add(p * k / (2.0 * (k + 2)));
    }
    return w.value() / z.value();
  }

  @Test
  void powerLawUpToAMillionMatchesDirectSummation() {
    for (double gamma : new double[] {2.1, 2.5, 2.9}) {
      for (Exponent ex : Exponent.values()) {
        var p = new PowerLaw(gamma, 1_000_000, ex);
        double direct = directPowerLaw(ex.decay(gamma), 1_000_000);
        assertEquals(direct, OffloadingValue.perUnitCost(p), 1e-12 * direct, gamma + " " + ex);
      }
    }
  }

  @Test
  void powerSumsMatchKnownConstants() {
    assertEquals(Math.PI * Math.PI / 6, PowerSums.zeta(2, PowerSums.INFINITE), 1e-15);
    assertEquals(1.2020569031595942, PowerSums.zeta(3, PowerSums.INFINITE), 1e-15);
    assertEquals(2.6123753486854883, PowerSums.zeta(1.5, PowerSums.INFINITE), 2e-15);
    // sum 1/(k(k+2)) = 3/4 and sum 1/(k^2(k+2)) = pi^2/12 - 3/8 by partial fractions.
    assertEquals(0.75, PowerSums.shiftedZeta(1, PowerSums.INFINITE), 1e-15);
    assertEquals(Math.PI * Math.PI / 12 - 0.375, PowerSums.shiftedZeta(2, PowerSums.INFINITE),
        1e-15);
    // Harmonic numbers: H_K = ln K + Euler's gamma + 1/(2K) - 1/(12K^2) + ...
    long big = 1_000_000_000_000L;
    assertEquals(Math.log(big) + 0.5772156649015329 + 0.5 / big, PowerSums.zeta(1, big), 1e-13);
    // Finite K approaches infinite K by the tail K^{1-s}/(s-1).
    double s = 1.7;
    double diff = PowerSums.zeta(s, PowerSums.INFINITE) - PowerSums.zeta(s, 1_000_000_000_000L);
    assertEquals(Math.pow(1e12, 1 - s) / (s - 1), diff, 1e-6 * diff);
  }

  @Test
  void shiftedZetaTailAgreesWithLongDirectSum() {
    double a = 1.5;
    int kMax = 10_000_000;
    CompensatedSum w = new CompensatedSum();
    for (int k = kMax; k >= 1; k--) {
      w.add(Math.pow(k, -a) / (k + 2));
    }
    // Tail beyond kMax by the midpoint integral of x^{-a-1}: error far below 1e-15 here.
    double tail = Math.pow(kMax + 0.5, -a) / a;
    assertEquals(w.value() + tail, PowerSums.shiftedZeta(a, PowerSums.INFINITE), 1e-14);
    assertEquals(w.value(), PowerSums.shiftedZeta(a, kMax), 1e-14);
  }

  @Test
  void unboundedPowerLawNeedsConvergence() {
    var p = new PowerLaw(2.5, PowerSums.INFINITE, Exponent.PAPER_LITERAL);
    double v = OffloadingValue.perUnitCost(p);
    double finite = OffloadingValue.perUnitCost(new PowerLaw(2.5, 1L << 50, Exponent.PAPER_LITERAL));
    assertEquals(v, finite, 1e-6);
    assertTrue(v > 1.0 / 6 && v < 0.5);
    var e = assertThrows(IllegalArgumentException.class,
        () -> new PowerLaw(1.5, PowerSums.INFINITE, Exponent.PAPER_LITERAL));
    assertTrue(e.getMessage().startsWith("maxDegree"), e.getMessage());
  }

  @Test
  void valueIsExactlyProportionalToTheCostRange() {
    var n = new PowerLaw(2.5, 10_000, Exponent.STANDARD);
    double[] grid = {0.5, 1, 2, 3.7, 10};
    var s = OffloadingValue.series(n, grid);
    for (var p : s) {
      assertEquals(OffloadingValue.perUnitCost(n), p.value() / p.costRange(), 1e-15);
    }
  }

  @Test
  void literalPaperFormulaAgreesOnLowDegreeDistributions() {
    // Degrees above ~20 break the literal form, so use a low-degree empirical law.
    var low = Empirical.ofCounts(new long[] {5, 40, 30, 20, 10, 5, 3, 1, 1, 0, 2});
    assertEquals(OffloadingValue.closedForm(low, 2.0), OffloadingValue.paperFormula(low, 2.0),
        1e-12);
  }

  @Test
  void monteCarloAgreesWithClosedFormOnScaleFreeAndRandomGraphs() {
    var o = new OffloadingValue.Options(3.0, 40, 11);
    for (SimpleGraph g : List.of(GraphFixtures.scaleFree(3000, 2, 1),
        GraphFixtures.erdosRenyi(800, 0.006, 2), GraphFixtures.star(50),
        GraphFixtures.complete(12))) {
      var r = OffloadingValue.onGraph(g, o);
      assertTrue(r.monteCarlo().covers(r.closedForm()),
          "closed form " + r.closedForm() + " outside " + r.monteCarlo());
    }
  }

  @Test
  void confidenceIntervalCoversAboutNinetyFivePercent() {
    // Coverage over 200 independent seeds; Binomial(200, 0.95) lies in [180, 199] w.p. > 0.999.
    var g = GraphFixtures.scaleFree(300, 2, 5);
    double truth = OffloadingValue.closedForm(Empirical.ofGraph(g), 1.0);
    int covered = 0;
    for (int seed = 0; seed < 200; seed++) {
      var mc = OffloadingValue.monteCarlo(g, new OffloadingValue.Options(1.0, 10, 1000 + seed));
      if (mc.covers(truth)) {
        covered++;
      }
    }
    assertTrue(covered >= 180 && covered <= 199, "coverage " + covered + "/200");
  }

  @Test
  void monteCarloScalesWithTheCostRange() {
    var g = GraphFixtures.scaleFree(400, 2, 9);
    var a = OffloadingValue.monteCarlo(g, new OffloadingValue.Options(1.0, 5, 4));
    var b = OffloadingValue.monteCarlo(g, new OffloadingValue.Options(8.0, 5, 4));
    assertEquals(8 * a.mean(), b.mean(), 1e-15 * b.mean());
  }

  @Test
  void isolatedDevicesCountAsDegreeZero() {
    long[] src = {1, 2, 2, 3};
    long[] dst = {2, 1, 3, 2};
    var n = Empirical.ofEdges(src, dst, 2);
    // Devices: 1 (deg 1), 2 (deg 2), 3 (deg 1), two isolated.
    double expected = (2 * OffloadingValue.perDevice(1) + OffloadingValue.perDevice(2)) / 5;
    assertEquals(expected, OffloadingValue.perUnitCost(n), 1e-15);
    var g = SimpleGraph.fromIdEdges(src, dst, new long[] {7, 8});
    assertEquals(5, g.vertices());
    assertEquals(2, g.edges());
  }

  @Test
  void summaryHasTheFieldsTheCommandWrites() {
    var r = OffloadingValue.onGraph(GraphFixtures.path(30), new OffloadingValue.Options(1, 4, 1));
    var s = r.summary();
    for (String f : List.of("closed_form", "monte_carlo", "monte_carlo_ci95", "devices",
        "max_degree")) {
      assertTrue(s.containsKey(f), f);
    }
    assertEquals(30L, s.get("devices"));
    assertEquals(2L, s.get("max_degree"));
  }

  @Test
  void chartIsWrittenAsPng(@TempDir Path dir) throws Exception {
    var n = new PowerLaw(2.5, 1_000_000, Exponent.STANDARD);
    double[] grid = new double[21];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = 0.5 * i + 0.1;
    }
    var g = GraphFixtures.scaleFree(500, 2, 2);
    List<OffloadingValueChart.Estimate> mc = new ArrayList<>();
    for (double c : new double[] {1, 5, 10}) {
      mc.add(new OffloadingValueChart.Estimate(c,
          OffloadingValue.monteCarlo(g, new OffloadingValue.Options(c, 5, 1))));
    }
    Path png = dir.resolve("sub/value.png");
    OffloadingValueChart.write(png, "Value of offloading", OffloadingValue.series(n, grid), mc,
        640, 400);
    BufferedImage img = ImageIO.read(Files.newInputStream(png));
    assertEquals(640, img.getWidth());
    assertEquals(400, img.getHeight());
  }

  @Test
  void badParametersAreNamed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new OffloadingValue.Options(0, 10, 1));
    assertTrue(e.getMessage().startsWith("costRange"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new OffloadingValue.Options(1, 1, 1));
    assertTrue(e.getMessage().startsWith("trials"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new PowerLaw(-1, 10, Exponent.STANDARD));
    assertTrue(e.getMessage().startsWith("gamma"), e.getMessage());
  }
}
