package org.foglab.theory;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Theorem 4 of Tu et al. (INFOCOM 2020): {@code n} identical devices (processing cost {@code c},
 * data {@code D} each) offload a fraction {@code s} of their data to one edge server
 * {@code n+1} (processing cost {@code c_{n+1}}, transfer cost {@code c_t} per datapoint), discard
 * a fraction {@code r} and process the rest, with the nonlinear error cost
 * {@code gamma / sqrt(G)} of Lemma 1 at every device and at the server. The objective is
 *
 * <pre>
 *   F(r, s) = n (1-r-s) D c + n s D (c_{n+1} + c_t) + n gamma / sqrt((1-r-s) D) + gamma / sqrt(s n D).
 * </pre>
 *
 * <p><b>Derivation.</b> Write {@code u = 1 - r - s} (the fraction each device processes).
 * {@code dF/dr = -n D c + (n gamma D / 2) (u D)^{-3/2} = 0} gives {@code u D = (gamma/(2c))^{2/3}},
 * i.e. the paper's (13), {@code r*(s) = 1 - (1/D)(gamma/(2c))^{2/3} - s}. With {@code u} fixed
 * there, {@code dF/ds = n D (c_{n+1} + c_t) - (gamma n D / 2) (s n D)^{-3/2} = 0} gives (14),
 * {@code s* = (1/(nD)) (gamma/(2(c_{n+1} + c_t)))^{2/3}}; both match the printed formulas. F is
 * convex on {@code {r >= 0, s > 0, u > 0}} and both error terms blow up as {@code u} or
 * {@code s} reach 0, so the only constraint that can bind is {@code r >= 0}. "D sufficiently
 * large" means exactly {@code D >= a + b/n} with {@code a = (gamma/(2c))^{2/3}} and
 * {@code b = (gamma/(2(c_{n+1}+c_t)))^{2/3}}: then (13-14) are optimal. Otherwise {@code r* = 0}
 * and {@code s*} is the unique root in (0, 1) of
 * {@code dF/ds|_{r=0} = n D (c_{n+1} + c_t - c) + (n gamma D/2)((1-s)D)^{-3/2} - (gamma n D/2)(s n D)^{-3/2}},
 * which increases from minus to plus infinity (found by bisection). The optimum does not need
 * the paper's assumption {@code c > c_{n+1}}: each processing site balances its own marginal
 * cost against its own error term, so the assumption is recorded but not required.
 *
 * @param devices {@code n}, at least 1
 * @param data {@code D}, datapoints per device, positive
 * @param deviceCost {@code c}, positive
 * @param serverCost {@code c_{n+1}}, non-negative
 * @param linkCost {@code c_t}, non-negative, with {@code c_{n+1} + c_t > 0}
 * @param gamma the error scale of Lemma 1, positive
 */
public record HierarchicalOffloading(int devices, double data, double deviceCost,
    double serverCost, double linkCost, double gamma) implements Serializable {

  public HierarchicalOffloading {
    if (devices < 1) {
      throw new IllegalArgumentException("devices (n) must be at least 1, got " + devices);
    }
    requireFinite("data (D)", data, true);
    requireFinite("deviceCost (c)", deviceCost, true);
    requireFinite("serverCost (c_{n+1})", serverCost, false);
    requireFinite("linkCost (c_t)", linkCost, false);
    requireFinite("gamma", gamma, true);
    if (!(serverCost + linkCost > 0)) {
      throw new IllegalArgumentException(
          "serverCost + linkCost (c_{n+1} + c_t) must be positive, or offloading is free and the"
              + " optimum unbounded");
    }
  }

  private static void requireFinite(String name, double v, boolean positive) {
    if (Double.isNaN(v) || Double.isInfinite(v) || (positive ? v <= 0 : v < 0)) {
      throw new IllegalArgumentException(name + " must be " + (positive ? "positive" : "non-negative")
          + " and finite, got " + v);
    }
  }

  /** Whether the paper's assumption {@code c > c_{n+1}} holds (not needed for the optimum). */
  public boolean serverCheaper() {
    return deviceCost > serverCost;
  }

  /** The objective {@code F(r, s)}; {@code +infinity} outside {@code r >= 0, s > 0, 1-r-s > 0}. */
  public double objective(double r, double s) {
    double u = 1 - r - s;
    if (!(r >= 0) || !(s > 0) || !(u > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    double n = devices;
    return n * u * data * deviceCost + n * s * data * (serverCost + linkCost)
        + n * gamma / Math.sqrt(u * data) + gamma / Math.sqrt(s * n * data);
  }

  /** {@code (gamma/(2c))^{2/3}}: the datapoints each device processes at the optimum, (13). */
  public double deviceProcessed() {
    return Math.pow(gamma / (2 * deviceCost), 2.0 / 3);
  }

  /** {@code (gamma/(2(c_{n+1}+c_t)))^{2/3}}: the datapoints the server processes, (14). */
  public double serverProcessed() {
    return Math.pow(gamma / (2 * (serverCost + linkCost)), 2.0 / 3);
  }

  /** The paper's (13), {@code r*(s)}, without clamping. */
  public double paperDiscard(double s) {
    return 1 - deviceProcessed() / data - s;
  }

  /** The paper's (14), {@code s*}, without clamping. */
  public double paperOffload() {
    return serverProcessed() / (devices * data);
  }

  /** The smallest {@code D} for which (13-14) give a feasible (interior) optimum. */
  public double interiorDataThreshold() {
    return deviceProcessed() + serverProcessed() / devices;
  }

  /** The exact optimum: (13-14) when interior, otherwise {@code r = 0} and a 1-D root. */
  public Solution solve() {
    double s;
    double r;
    boolean interior = data >= interiorDataThreshold();
    if (interior) {
      s = paperOffload();
      r = Math.max(0, paperDiscard(s));
    } else {
      r = 0;
      s = boundaryOffload();
    }
    double u = 1 - r - s;
    return new Solution(r, s, u, objective(r, s), interior, serverCheaper(),
        interiorDataThreshold());
  }

  /**
   * The optimum found numerically, independently of (13-14) and of the boundary analysis:
   * golden-section search over {@code s in (0, 1)} of the golden-section minimum over
   * {@code r in [0, 1 - s)} of {@link #objective}. F is convex, so its minimum over r is convex
   * in s and both searches converge to the optimum (200 steps each: intervals below 1e-40).
   */
  public Numeric numericOptimum() {
    java.util.function.DoubleUnaryOperator bestR = s -> argmin(r -> objective(r, s), 0, 1 - s);
    double s = argmin(x -> objective(bestR.applyAsDouble(x), x), 0, 1);
    double r = bestR.applyAsDouble(s);
    return new Numeric(r, s, objective(r, s));
  }

  /**
   * A numerically found optimum.
   *
   * @param discard r
   * @param offload s
   * @param cost the objective there
   */
  public record Numeric(double discard, double offload, double cost) implements Serializable {}

  /** Golden-section minimum of a convex function on [lo, hi]. */
  private static double argmin(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
    double g = (Math.sqrt(5) - 1) / 2;
    double a = lo;
    double b = hi;
    double x1 = b - g * (b - a);
    double x2 = a + g * (b - a);
    double f1 = f.applyAsDouble(x1);
    double f2 = f.applyAsDouble(x2);
    for (int it = 0; it < 200; it++) {
      if (f1 <= f2) {
        b = x2;
        x2 = x1;
        f2 = f1;
        x1 = b - g * (b - a);
        f1 = f.applyAsDouble(x1);
      } else {
        a = x1;
        x1 = x2;
        f1 = f2;
        x2 = a + g * (b - a);
        f2 = f.applyAsDouble(x2);
      }
    }
    return 0.5 * (a + b);
  }

  /** Root in (0,1) of {@code dF/ds} along {@code r = 0}, by bisection (the slope increases). */
  private double boundaryOffload() {
    double n = devices;
    double lo = 0;
    double hi = 1;
    for (int it = 0; it < 400; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      double slope = n * data * (serverCost + linkCost - deviceCost)
          + 0.5 * n * gamma * data * Math.pow((1 - mid) * data, -1.5)
          - 0.5 * gamma * n * data * Math.pow(mid * n * data, -1.5);
      if (slope < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /**
   * The optimum of Theorem 4.
   *
   * @param discard {@code r*}
   * @param offload {@code s*}
   * @param keep {@code 1 - r* - s*}, the fraction each device processes
   * @param cost the objective at the optimum
   * @param interior whether (13-14) hold ({@code D} large enough); otherwise {@code r* = 0}
   * @param serverCheaper whether the paper's {@code c > c_{n+1}} holds
   * @param interiorDataThreshold the {@code D} above which the optimum is interior
   */
  public record Solution(double discard, double offload, double keep, double cost,
      boolean interior, boolean serverCheaper, double interiorDataThreshold)
      implements Serializable {

    /** Fields of a summary.json, snake_case. */
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("discard", discard);
      m.put("offload", offload);
      m.put("keep", keep);
      m.put("cost", cost);
      m.put("interior", interior);
      m.put("server_cheaper", serverCheaper);
      m.put("interior_data_threshold", interiorDataThreshold);
      return m;
    }
  }
}
