package org.foglab.theory;

import java.io.Serializable;
import org.foglab.cost.StragglerCapacity;

/**
 * The distribution {@code C~} of device capacities (datapoints per slot) in Theorem 6 of Tu et
 * al. (INFOCOM 2020), i.i.d. across devices.
 */
public sealed interface CapacityDistribution extends Serializable
    permits CapacityDistribution.Uniform, CapacityDistribution.Exponential,
    CapacityDistribution.PointMass, CapacityDistribution.Straggler {

  /** {@code P(X <= x)}. */
  double cdf(double x);

  /** {@code P(X < x)}. */
  double cdfBelow(double x);

  /** A draw from a uniform {@code u in [0, 1)}: the generalised inverse of the CDF. */
  double quantile(double u);

  /** {@code U(low, high)}, the paper's experiments use {@code U(0, 4 max D)}. */
  record Uniform(double low, double high) implements CapacityDistribution {
    public Uniform {
      if (!(low >= 0) || !(high > low) || Double.isInfinite(high)) {
        throw new IllegalArgumentException(
            "uniform capacity needs 0 <= low < high < infinity, got low " + low + ", high " + high);
      }
    }

    @Override
    public double cdf(double x) {
      return x <= low ? 0 : x >= high ? 1 : (x - low) / (high - low);
    }

    @Override
    public double cdfBelow(double x) {
      return cdf(x);
    }

    @Override
    public double quantile(double u) {
      return low + (high - low) * u;
    }
  }

  /** Exponential with the given mean. */
  record Exponential(double mean) implements CapacityDistribution {
    public Exponential {
      if (!(mean > 0) || Double.isInfinite(mean)) {
        throw new IllegalArgumentException(
            "exponential capacity needs a positive finite mean, got " + mean);
      }
    }

    @Override
    public double cdf(double x) {
      return x <= 0 ? 0 : -Math.expm1(-x / mean);
    }

    @Override
    public double cdfBelow(double x) {
      return cdf(x);
    }

    @Override
    public double quantile(double u) {
      return -mean * Math.log1p(-u);
    }
  }

  /** Every device has the same capacity: the case where (16)'s averaging matters most. */
  record PointMass(double value) implements CapacityDistribution {
    public PointMass {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            "point-mass capacity must be non-negative and finite, got " + value);
      }
    }

    @Override
    public double cdf(double x) {
      return x >= value ? 1 : 0;
    }

    @Override
    public double cdfBelow(double x) {
      return x > value ? 1 : 0;
    }

    @Override
    public double quantile(double u) {
      return value;
    }
  }

  /**
   * Theorem 2's capacity model: device service rates {@code mu ~ U(muLow, muHigh)} and the
   * capacity {@link StragglerCapacity#capacity(double, double)} that keeps the mean queue wait
   * at {@code sigma} slots. The capacity increases with {@code mu}, so its CDF is that of
   * {@code mu} at the rate giving capacity {@code x} (found by bisection).
   */
  record Straggler(double muLow, double muHigh, double sigma) implements CapacityDistribution {
    public Straggler {
      if (!(muLow > 0) || !(muHigh > muLow) || Double.isInfinite(muHigh)) {
        throw new IllegalArgumentException("straggler capacity needs 0 < muLow < muHigh < "
            + "infinity, got muLow " + muLow + ", muHigh " + muHigh);
      }
      if (!(sigma > 0) || Double.isInfinite(sigma)) {
        throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
      }
    }

    @Override
    public double cdf(double x) {
      if (x < StragglerCapacity.capacity(muLow, sigma)) {
        return 0;
      }
      if (x >= StragglerCapacity.capacity(muHigh, sigma)) {
        return 1;
      }
      double lo = muLow;
      double hi = muHigh;
      for (int it = 0; it < 200; it++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) {
          break;
        }
        if (StragglerCapacity.capacity(mid, sigma) <= x) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return (0.5 * (lo + hi) - muLow) / (muHigh - muLow);
    }

    @Override
    public double cdfBelow(double x) {
      return cdf(x);
    }

    @Override
    public double quantile(double u) {
      return StragglerCapacity.capacity(muLow + (muHigh - muLow) * u, sigma);
    }
  }
}
