package org.foglab.theory;

/**
 * Sums of powers over long degree ranges, {@code sum_{k=1}^{K} k^-s} and
 * {@code sum_{k=1}^{K} k^-a / (k+2)}, accurate to about 1e-15 relative for any {@code K} up to
 * infinity: the first {@link #DIRECT} terms are added with compensation, the tail by the
 * Euler-Maclaurin formula (Hurwitz-zeta style) with four Bernoulli corrections, and
 * {@code 1/(k+2) = sum_m (-2)^m k^{-1-m}} (valid for {@code k > 2}) reduces the second tail to
 * tails of the first kind.
 */
public final class PowerSums {
  /** Terms added directly before the asymptotic tail takes over. */
  public static final int DIRECT = 1000;
  /** Marks an unbounded range. */
  public static final long INFINITE = Long.MAX_VALUE;

  /** {@code B_{2j} / (2j)!} for j = 1..5. */
  private static final double[] BERNOULLI_OVER_FACTORIAL = {
      1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600, 1.0 / 47900160};

  private PowerSums() {}

  /** {@code sum_{k=1}^{K} k^-s}; {@code K = INFINITE} needs {@code s > 1}. */
  public static double zeta(double s, long maxK) {
    check(s, maxK, 1);
    long m = Math.min(maxK, DIRECT);
    CompensatedSum sum = new CompensatedSum();
    for (long k = m; k >= 1; k--) {
      sum.add(Math.pow(k, -s));
    }
    if (maxK > m) {
      sum.add(tail(s, m, maxK));
    }
    return sum.value();
  }

  /** {@code sum_{k=1}^{K} k^-a / (k + 2)}; {@code K = INFINITE} needs {@code a > 0}. */
  public static double shiftedZeta(double a, long maxK) {
    check(a + 1, maxK, 1);
    long m = Math.min(maxK, DIRECT);
    CompensatedSum sum = new CompensatedSum();
    for (long k = m; k >= 1; k--) {
      sum.add(Math.pow(k, -a) / (k + 2));
    }
    if (maxK > m) {
      // sum_{k>m} k^-a/(k+2) = sum_j (-2)^j sum_{k>m} k^{-a-1-j}; terms shrink like (2/m)^j.
      double factor = 1;
      CompensatedSum series = new CompensatedSum();
      for (int j = 0; j < 60; j++) {
        double t = factor * tail(a + 1 + j, m, maxK);
        series.add(t);
        if (Math.abs(t) <= 1e-18 * Math.abs(series.value())) {
          break;
        }
        factor *= -2;
      }
      sum.add(series.value());
    }
    return sum.value();
  }

  /** {@code sum_{k=m+1}^{K} k^-s} by Euler-Maclaurin around {@code m >= DIRECT}. */
  static double tail(double s, long m, long maxK) {
    boolean infinite = maxK == INFINITE;
    double x0 = m;
    double x1 = maxK;
    double integral;
    if (infinite) {
      integral = Math.pow(x0, 1 - s) / (s - 1);
    } else {
      double logRatio = Math.log(x1 / x0);
      double z = (1 - s) * logRatio;
      // (m^{1-s} - K^{1-s})/(s-1) = m^{1-s} log(K/m) (e^z - 1)/z, stable as s -> 1.
      double rel = z == 0 ? 1 : Math.expm1(z) / z;
      integral = Math.pow(x0, 1 - s) * logRatio * rel;
    }
    double sum = integral + 0.5 * ((infinite ? 0 : Math.pow(x1, -s)) - Math.pow(x0, -s));
    // f^{(r)}(x) = (-1)^r s(s+1)...(s+r-1) x^{-s-r}; the corrections use odd r = 2j - 1.
    double rising = s;
    for (int j = 1; j <= BERNOULLI_OVER_FACTORIAL.length; j++) {
      int r = 2 * j - 1;
      if (j > 1) {
        rising *= (s + r - 2) * (s + r - 1);
      }
      double atM = -rising * Math.pow(x0, -s - r);
      double atK = infinite ? 0 : -rising * Math.pow(x1, -s - r);
      sum += BERNOULLI_OVER_FACTORIAL[j - 1] * (atK - atM);
    }
    return sum;
  }

  private static void check(double s, long maxK, long minK) {
    if (maxK < minK) {
      throw new IllegalArgumentException("maxDegree must be at least " + minK + ", got " + maxK);
    }
    if (maxK == INFINITE && !(s > 1)) {
      throw new IllegalArgumentException(
          "the sum over all degrees diverges for exponent " + s + " <= 1; give a finite maxDegree");
    }
    if (Double.isNaN(s)) {
      throw new IllegalArgumentException("exponent must be a number");
    }
  }
}
