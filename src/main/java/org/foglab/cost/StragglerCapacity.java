package org.foglab.cost;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Theorem 2 of Tu et al. (INFOCOM 2020): the processing capacity {@code C_i} a device with
 * exponential straggling can be given so that the mean waiting time of a datapoint stays below
 * a threshold {@code sigma}.
 *
 * <p><b>Model and units.</b> Datapoints arrive at device i deterministically, {@code C} per slot
 * (one every {@code 1/C} slots); each takes an {@code Exp(mu)} service time, so {@code mu} is the
 * mean number of datapoints served per slot and {@code 1/mu} the mean service time in slots.
 * This is a D/M/1 queue, stable iff {@code C < mu}. Capacities are in datapoints per slot,
 * {@code sigma} is in slots.
 *
 * <p><b>Derivation (re-done; the paper only sketches it).</b> For a GI/M/1 queue whose
 * inter-arrival time has Laplace-Stieltjes transform {@code A(s)}, the number in system seen by
 * an arrival is geometric with parameter {@code phi}, the root in (0,1) of
 * {@code phi = A(mu (1 - phi))}. Deterministic inter-arrivals {@code 1/C} give
 * {@code A(s) = exp(-s/C)}, hence the paper's equation {@code phi = exp(-mu (1 - phi) / C)}
 * ({@code phi = 1} is always a root; the root in (0,1) exists iff {@code C < mu} and is the
 * smallest one). An arrival waits for the {@code N} customers ahead of it, each needing an
 * {@code Exp(mu)} time (memorylessness), so the mean wait in queue is
 * {@code W_q = E[N]/mu = phi / (mu (1 - phi))} and the mean sojourn (queue plus service) is
 * {@code W = 1 / (mu (1 - phi))}. The paper's condition {@code phi = sigma mu / (1 + sigma mu)}
 * is exactly {@code W_q = sigma}: the theorem bounds the wait <em>in queue</em>, excluding the
 * datapoint's own service (so "sigma = 1 guarantees processing within one slot" in the paper's
 * remark holds for the start of processing, not its end). {@link WaitMeasure#SOJOURN} offers the
 * stricter reading, {@code phi = 1 - 1/(sigma mu)}, feasible only when {@code sigma mu > 1}.
 *
 * <p><b>Closed form.</b> Inverting the fixed point, {@code C = -mu (1 - phi) / ln(phi)}, which
 * is increasing in {@code phi} from 0 (phi to 0) to {@code mu} (phi to 1). With
 * {@code x = sigma mu}: {@code C = mu / ((1 + x) ln(1 + 1/x))} for the queue wait and
 * {@code C = mu / (x (-ln(1 - 1/x)))} for the sojourn. Limits: {@code sigma -> 0} gives
 * {@code C -> 0} (any load makes some datapoints wait); {@code sigma -> infinity} gives
 * {@code C -> mu}, the stability limit, which is returned as the supremum (not attained: the
 * mean wait at {@code C = mu} is infinite). {@code mu = +infinity} (instant service) gives an
 * unbounded capacity, matching the trace convention that {@code +infinity} means unbounded.
 */
public final class StragglerCapacity {

  /** Which delay the threshold {@code sigma} bounds. */
  public enum WaitMeasure {
    /** Mean waiting time before service starts, {@code phi / (mu (1 - phi))}: the paper's. */
    QUEUE,
    /** Mean time in system (wait plus own service), {@code 1 / (mu (1 - phi))}. */
    SOJOURN
  }

  private StragglerCapacity() {}

  /**
   * The largest capacity (datapoints per slot) whose mean delay is at most {@code sigma} slots,
   * under the paper's reading ({@link WaitMeasure#QUEUE}).
   */
  public static double capacity(double mu, double sigma) {
    return capacity(mu, sigma, WaitMeasure.QUEUE);
  }

  /**
   * The largest capacity (datapoints per slot) whose mean delay, as {@code measure}, is at most
   * {@code sigma} slots, for service rate {@code mu} (datapoints per slot).
   */
  public static double capacity(double mu, double sigma, WaitMeasure measure) {
    checkRate(mu);
    checkSigma(sigma);
    if (mu == 0) {
      return 0;
    }
    if (mu == Double.POSITIVE_INFINITY) {
      // Instant service: nobody waits, at any load.
      return Double.POSITIVE_INFINITY;
    }
    if (sigma == Double.POSITIVE_INFINITY) {
      return mu;
    }
    double x = sigma * mu;
    if (measure == WaitMeasure.QUEUE) {
      if (x == 0) {
        return 0;
      }
      if (x == Double.POSITIVE_INFINITY) {
        return mu;
      }
      // (1 + x) ln(1 + 1/x) decreases from +inf (x -> 0) to 1 (x -> inf).
      return mu / ((1 + x) * Math.log1p(1 / x));
    }
    if (x <= 1) {
      // Even an empty queue gives a mean sojourn of 1/mu >= sigma.
      return 0;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return mu;
    }
    return mu / (x * -Math.log1p(-1 / x));
  }

  /** {@link #capacity(double, double)} for each device's service rate (paper's reading). */
  public static double[] capacities(double[] mu, double sigma) {
    return capacities(mu, sigma, WaitMeasure.QUEUE);
  }

  /** {@link #capacity(double, double, WaitMeasure)} for each device's service rate. */
  public static double[] capacities(double[] mu, double sigma, WaitMeasure measure) {
    double[] out = new double[mu.length];
    for (int i = 0; i < mu.length; i++) {
      out[i] = capacity(mu[i], sigma, measure);
    }
    return out;
  }

  /** {@link #capacity(double, double, WaitMeasure)} per device, with per-device thresholds. */
  public static double[] capacities(double[] mu, double[] sigma, WaitMeasure measure) {
    if (mu.length != sigma.length) {
      throw new IllegalArgumentException("mu and sigma must have one entry per device, got "
          + mu.length + " and " + sigma.length);
    }
    double[] out = new double[mu.length];
    for (int i = 0; i < mu.length; i++) {
      out[i] = capacity(mu[i], sigma[i], measure);
    }
    return out;
  }

  /** The target root of Theorem 2: {@code sigma mu / (1 + sigma mu)} (queue-wait reading). */
  public static double targetPhi(double mu, double sigma) {
    checkRate(mu);
    checkSigma(sigma);
    double x = sigma * mu;
    if (Double.isNaN(x)) {
      // 0 * infinity: instant service with a zero threshold still has no wait.
      return 1;
    }
    return x == Double.POSITIVE_INFINITY ? 1 : x / (1 + x);
  }

  /**
   * {@code phi(C)}: the smallest root in [0, 1] of {@code phi = exp(-mu (1 - phi) / C)}, the
   * probability that an arrival finds the device busy. It is 0 for {@code C = 0} and 1 when the
   * queue is unstable ({@code C >= mu}).
   */
  public static double phi(double mu, double capacity) {
    checkRate(mu);
    if (!(capacity >= 0) || Double.isNaN(capacity)) {
      throw new IllegalArgumentException("capacity must be non-negative, got " + capacity);
    }
    if (capacity == 0) {
      return 0;
    }
    if (capacity >= mu) {
      return 1;
    }
    double a = mu / capacity;
    if (a == Double.POSITIVE_INFINITY) {
      return 0;
    }
    if (a >= 2) {
      // Root phi <= 1/a <= 1/2: solve z + a (1 - e^z) = 0 for z = ln(phi) in [-a, -ln a], where
      // the left side is negative below the root and positive above it.
      double lo = -a;
      double hi = -Math.log(a);
      for (int it = 0; it < 200; it++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) {
          break;
        }
        double f = mid - a * Math.expm1(mid);
        if (f < 0) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return Math.exp(0.5 * (lo + hi));
    }
    // Root near 1 when a is near 1: solve a u + ln(1 - u) = 0 for u = 1 - phi in
    // [1 - 1/a, 1), where the left side is positive below the root and negative above it.
    double lo = 1 - 1 / a;
    double hi = 1;
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      double f = a * mid + Math.log1p(-mid);
      if (f > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 1 - 0.5 * (lo + hi);
  }

  /**
   * The mean delay (slots) of a datapoint at capacity {@code capacity} and service rate
   * {@code mu}: {@code phi/(mu (1 - phi))} in queue or {@code 1/(mu (1 - phi))} in system;
   * {@code +infinity} when the queue is unstable.
   */
  public static double meanWait(double mu, double capacity, WaitMeasure measure) {
    double p = phi(mu, capacity);
    if (mu == Double.POSITIVE_INFINITY) {
      return 0;
    }
    if (mu == 0 || p >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    // At capacity 0 these are the limits C -> 0: no wait in queue, a sojourn of 1/mu.
    return (measure == WaitMeasure.QUEUE ? p : 1) / (mu * (1 - p));
  }

  /** Theorem 2 for one device, with the quantities a summary reports. */
  public static Result solve(double mu, double sigma, WaitMeasure measure) {
    double c = capacity(mu, sigma, measure);
    if (mu == Double.POSITIVE_INFINITY) {
      return new Result(mu, sigma, measure, c, 0, 0, 0);
    }
    if (mu == 0) {
      return new Result(mu, sigma, measure, 0, 0, 0, Double.POSITIVE_INFINITY);
    }
    return new Result(mu, sigma, measure, c, phi(mu, c), c / mu, meanWait(mu, c, measure));
  }

  /**
   * Theorem 2 for one device.
   *
   * @param mu service rate, datapoints per slot
   * @param sigma delay threshold, slots
   * @param measure which delay is bounded
   * @param capacity the capacity, datapoints per slot
   * @param phi the root {@code phi(C)} at that capacity
   * @param utilisation {@code C / mu}
   * @param meanWait the mean delay at that capacity (equals {@code sigma} when interior)
   */
  public record Result(double mu, double sigma, WaitMeasure measure, double capacity, double phi,
      double utilisation, double meanWait) implements Serializable {

    /** Fields of a summary.json, snake_case. */
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("mu", mu);
      m.put("sigma", sigma);
      m.put("wait_measure", measure.name().toLowerCase());
      m.put("capacity", capacity);
      m.put("phi", phi);
      m.put("utilisation", utilisation);
      m.put("mean_wait", meanWait);
      return m;
    }
  }

  private static void checkRate(double mu) {
    if (!(mu >= 0)) {
      throw new IllegalArgumentException(
          "mu (service rate, datapoints per slot) must be non-negative, got " + mu);
    }
  }

  private static void checkSigma(double sigma) {
    if (!(sigma >= 0)) {
      throw new IllegalArgumentException(
          "sigma (mean delay threshold, slots) must be non-negative, got " + sigma);
    }
  }
}
