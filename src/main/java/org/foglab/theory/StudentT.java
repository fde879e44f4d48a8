package org.foglab.theory;

/**
 * Student's t distribution: the CDF through the regularised incomplete beta function and the
 * quantile by bisection, for confidence intervals over independent Monte Carlo trials.
 */
public final class StudentT {
  private StudentT() {}

  /** {@code P(T <= t)} for {@code df} degrees of freedom. */
  public static double cdf(double t, double df) {
    if (!(df > 0)) {
      throw new IllegalArgumentException("degrees of freedom must be positive, got " + df);
    }
    if (t == 0) {
      return 0.5;
    }
    double x = df / (df + t * t);
    double tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
    return t > 0 ? 1 - tail : tail;
  }

  /** The {@code p}-quantile, {@code 0 < p < 1}; {@code df = +infinity} gives the normal one. */
  public static double quantile(double p, double df) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
    }
    if (p == 0.5) {
      return 0;
    }
    if (p < 0.5) {
      return -quantile(1 - p, df);
    }
    if (df == Double.POSITIVE_INFINITY) {
      return normalQuantile(p);
    }
    double lo = 0;
    double hi = 1;
    while (cdf(hi, df) < p) {
      lo = hi;
      hi *= 2;
      if (hi > 1e300) {
        return Double.POSITIVE_INFINITY;
      }
    }
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (cdf(mid, df) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** Standard normal quantile by bisection on {@code Phi(z) = erfc(-z/sqrt 2)/2}. */
  static double normalQuantile(double p) {
    double lo = 0;
    double hi = 40;
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (1 - 0.5 * erfc(mid / Math.sqrt(2)) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** {@code erfc(x)} for {@code x >= 0} via {@code Q(1/2, x^2)}, the upper regularised gamma. */
  static double erfc(double x) {
    if (x == 0) {
      return 1;
    }
    double z = x * x;
    // Series for small z, continued fraction for large z (both for a = 1/2).
    if (z < 1.5) {
      double sum = 1 / 0.5;
      double term = 1 / 0.5;
      for (int n = 1; n < 500; n++) {
        term *= z / (0.5 + n);
        sum += term;
        if (term < sum * 1e-17) {
          break;
        }
      }
      double lower = Math.exp(-z + 0.5 * Math.log(z) - logGamma(0.5)) * sum;
      return 1 - lower;
    }
    double b = z + 1 - 0.5;
    double c = 1 / 1e-300;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 500; i++) {
      double an = -i * (i - 0.5);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < 1e-300) {
        d = 1e-300;
      }
      c = b + an / c;
      if (Math.abs(c) < 1e-300) {
        c = 1e-300;
      }
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-16) {
        break;
      }
    }
    return Math.exp(-z + 0.5 * Math.log(z) - logGamma(0.5)) * h;
  }

  /** {@code I_x(a, b)}, the regularised incomplete beta function. */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double logFront = a * Math.log(x) + b * Math.log1p(-x)
        - (logGamma(a) + logGamma(b) - logGamma(a + b));
    // The continued fraction converges fast for x < (a + 1)/(a + b + 2); use symmetry otherwise.
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(logFront) * betaFraction(x, a, b) / a;
    }
    return 1 - Math.exp(logFront) * betaFraction(1 - x, b, a) / b;
  }

  /** The continued fraction of the incomplete beta function, by the modified Lentz method. */
  private static double betaFraction(double x, double a, double b) {
    final double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    if (Math.abs(d) < tiny) {
      d = tiny;
    }
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + aa * d;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + aa * d;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-16) {
        return h;
      }
    }
    throw new ArithmeticException("incomplete beta fraction did not converge for x=" + x
        + ", a=" + a + ", b=" + b);
  }

  /**
   * {@code ln Gamma(x)} for {@code x > 0}: shift to {@code x >= 12} by the recurrence, then
   * Stirling's series to the {@code x^-9} term (error below 1e-14 there).
   */
  public static double logGamma(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
    }
    double shift = 0;
    while (x < 12) {
      shift -= Math.log(x);
      x += 1;
    }
    double inv = 1 / x;
    double inv2 = inv * inv;
    double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260
        - inv2 * (1.0 / 1680 - inv2 / 1188))));
    return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
  }
}
