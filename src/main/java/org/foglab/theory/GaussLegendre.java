package org.foglab.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Gauss-Legendre quadrature on [0, 1]: one rule of {@link #POINTS} nodes, exact for polynomials
 * of degree below {@code 2 * POINTS}, and a composite rule graded towards both ends for
 * polynomials of high degree, whose mass may sit within {@code 1/degree} of an end.
 */
final class GaussLegendre {
  static final int POINTS = 32;
  /** Geometric panels towards each end of [0, 1]. */
  static final int GRADED_PANELS = 56;
  /** Equal parts each graded panel is split into. */
  static final int SUBPANELS = 2;

  private static final double[] NODES = new double[POINTS];
  private static final double[] WEIGHTS = new double[POINTS];

  static {
    // Newton's method on the Legendre polynomial P_n from Chebyshev-like starting points.
    int n = POINTS;
    for (int i = 0; i < n; i++) {
      double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double dp = 0;
      for (int it = 0; it < 100; it++) {
        double p0 = 1;
        double p1 = x;
        for (int k = 2; k <= n; k++) {
          double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        dp = n * (x * p1 - p0) / (x * x - 1);
        double dx = p1 / dp;
        x -= dx;
        if (Math.abs(dx) < 1e-16) {
          break;
        }
      }
      // Recompute the derivative at the converged node for the weight.
      double p0 = 1;
      double p1 = x;
      for (int k = 2; k <= n; k++) {
        double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = n * (x * p1 - p0) / (x * x - 1);
      NODES[i] = 0.5 * (1 - x);
      WEIGHTS[i] = 1 / ((1 - x * x) * dp * dp);
    }
  }

  private GaussLegendre() {}

  /** {@code int_a^b f}, one 32-point rule. */
  static double integrate(DoubleUnaryOperator f, double a, double b) {
    double w = b - a;
    CompensatedSum s = new CompensatedSum();
    for (int i = 0; i < POINTS; i++) {
      s.add(WEIGHTS[i] * f.applyAsDouble(a + w * NODES[i]));
    }
    return w * s.value();
  }

  /** Quadrature nodes {@link #integrateUnit} uses for a polynomial of the given degree. */
  static long nodes(long degree) {
    return degree < 2L * POINTS ? POINTS : (long) POINTS * SUBPANELS * (2L * GRADED_PANELS + 2);
  }

  /**
   * {@code int_0^1 f}: one rule when {@code degree < 2 POINTS} (exact for such polynomials),
   * otherwise a composite rule graded geometrically towards both ends ({@code [2^-(j+1), 2^-j]}
   * and its mirror, each split in {@link #SUBPANELS}), which resolves terms like {@code y^d},
   * {@code (1-y)^d} and {@code y^a (1-y)^d} of high degree whose mass sits near an end.
   */
  static double integrateUnit(DoubleUnaryOperator f, long degree) {
    if (degree < 2L * POINTS) {
      return integrate(f, 0, 1);
    }
    CompensatedSum s = new CompensatedSum();
    double[] cut = new double[2 * GRADED_PANELS + 3];
    int c = 0;
    cut[c++] = 0;
    for (int j = GRADED_PANELS; j >= 1; j--) {
      cut[c++] = Math.scalb(1.0, -j - 1);
    }
    cut[c++] = 0.5;
    for (int j = 1; j <= GRADED_PANELS; j++) {
      cut[c++] = 1 - Math.scalb(1.0, -j - 1);
    }
    cut[c++] = 1;
    for (int p = 0; p + 1 < c; p++) {
      double w = (cut[p + 1] - cut[p]) / SUBPANELS;
      for (int q = 0; q < SUBPANELS; q++) {
        s.add(integrate(f, cut[p] + q * w, q == SUBPANELS - 1 ? cut[p + 1] : cut[p] + (q + 1) * w));
      }
    }
    return s.value();
  }
}
