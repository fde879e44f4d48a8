package org.foglab.theory;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Theorem 5 of Tu et al. (INFOCOM 2020), the value of offloading: devices with i.i.d. processing
 * costs {@code c_i ~ U(0, C)}, free links ({@code c_ij = 0}), no discarding and no capacity
 * limits; the average over devices of the cost saved per datapoint by allowing offloading.
 *
 * <p><b>Derivation.</b> With time-invariant costs, Theorem 3 sends device i's data to the
 * cheapest device of its closed neighbourhood {@code N[i]} (itself included), so its cost per
 * datapoint drops from {@code c_i} to {@code min_{j in N[i]} c_j}. For a device with {@code k}
 * neighbours, {@code E[c_i] = C/2} and the minimum of {@code k+1} i.i.d. {@code U(0,C)} has mean
 * {@code C/(k+2)}, so the expected saving is {@code C/2 - C/(k+2) = C k / (2(k+2))}, whatever the
 * correlations between neighbouring devices (linearity of expectation). Averaging,
 * {@code V(C) = C sum_k N(k) k / (2(k+2))}: the value is <em>exactly proportional</em> to
 * {@code C}, not only "approximately linear" as the paper says.
 *
 * <p><b>The paper's (15) is the same, in a numerically useless form.</b> Its bracket is
 * {@code C/2 - C(-1)^k/(k+2) - C sum_{l=0}^{k-1} binom(k,l) (-1)^l (k+3)/((l+2)(l+3))}. The
 * {@code l = k} term of the sum would be {@code (-1)^k/(k+2)}, so the two subtracted terms are
 * {@code S = sum_{l=0}^{k} binom(k,l)(-1)^l (k+3)/((l+2)(l+3))}. Since
 * {@code 1/((l+2)(l+3)) = int_0^1 x^{l+1}(1-x) dx},
 * {@code S = (k+3) int_0^1 x (1-x) (1-x)^k dx = (k+3) B(2, k+2) = 1/(k+2)}. Hence the bracket
 * is {@code C/2 - C/(k+2)}. Evaluated in floating point, the alternating binomial sum loses about
 * {@code k log10(2)} digits (terms near {@code 2^k/k^2} cancel to {@code 1/(k+2)}): measured,
 * its relative error passes 1e-9 near {@code k = 35}, 3e-4 at {@code k = 50} and 1.9 at
 * {@code k = 60}; {@link #paperBracket(int)} shows this and
 * {@link #paperBracketExact(int)} evaluates it exactly as an independent check.
 *
 * <p>Devices of degree 0 save nothing (the paper's sum starts at {@code k = 1}); they count in
 * the average over devices.
 */
public final class OffloadingValue {
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

  private OffloadingValue() {}

  /** The expected saving per unit {@code C} of a device with {@code k} neighbours. */
  public static double perDevice(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("degree must be non-negative, got " + k);
    }
    // k/(2(k+2)) = 1/2 - 1/(k+2): both exact enough; the quotient form keeps small k exact.
    return (double) k / (2.0 * ((double) k + 2));
  }

  /** The paper's bracket in (15) per unit {@code C}, evaluated literally in double precision. */
  public static double paperBracket(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("degree must be non-negative, got " + k);
    }
    double sum = 0;
    double binom = 1;
    for (int l = 0; l < k; l++) {
      double sign = (l % 2 == 0) ? 1 : -1;
      sum += binom * sign * (k + 3) / ((l + 2.0) * (l + 3.0));
      binom = binom * (k - l) / (l + 1);
    }
    double last = (k % 2 == 0 ? 1.0 : -1.0) / (k + 2);
    return 0.5 - last - sum;
  }

  /** The paper's bracket in (15) per unit {@code C}, in exact rational arithmetic. */
  public static Rational paperBracketExact(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("degree must be non-negative, got " + k);
    }
    Rational sum = Rational.ZERO;
    BigInteger binom = BigInteger.ONE;
    for (int l = 0; l < k; l++) {
      BigInteger num = binom.multiply(BigInteger.valueOf(k + 3));
      if (l % 2 == 1) {
        num = num.negate();
      }
      sum = sum.plus(new Rational(num, BigInteger.valueOf((long) (l + 2) * (l + 3))));
      binom = binom.multiply(BigInteger.valueOf(k - l)).divide(BigInteger.valueOf(l + 1));
    }
    Rational last = Rational.of(k % 2 == 0 ? 1 : -1, k + 2);
    return Rational.of(1, 2).minus(last).minus(sum);
  }

  /** {@code V(C) / C = sum_k N(k) k/(2(k+2))}, the value per unit cost range. */
  public static double perUnitCost(DegreeDistribution n) {
    if (n instanceof DegreeDistribution.PowerLaw p) {
      // sum N(k) k/(2(k+2)) = 1/2 - sum N(k)/(k+2), with both sums normalised by Z.
      double a = p.decay();
      return 0.5 - PowerSums.shiftedZeta(a, p.maxDegree()) / PowerSums.zeta(a, p.maxDegree());
    }
    DegreeDistribution.Empirical e = (DegreeDistribution.Empirical) n;
    CompensatedSum num = new CompensatedSum();
    CompensatedSum den = new CompensatedSum();
    for (int i = 0; i < e.size(); i++) {
      num.add(e.weightAt(i) * perDevice(e.degreeAt(i)));
      den.add(e.weightAt(i));
    }
    return num.value() / den.value();
  }

  /** The closed form {@code V(C)}: average saving per device and datapoint. */
  public static double closedForm(DegreeDistribution n, double costRange) {
    checkCostRange(costRange);
    return costRange * perUnitCost(n);
  }

  /** The paper's (15) evaluated literally (double precision) for an empirical distribution. */
  public static double paperFormula(DegreeDistribution.Empirical n, double costRange) {
    checkCostRange(costRange);
    CompensatedSum num = new CompensatedSum();
    for (int i = 0; i < n.size(); i++) {
      long k = n.degreeAt(i);
      if (k >= 1) {
        if (k > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("degree too large for the literal form: " + k);
        }
        num.add(n.weightAt(i) * paperBracket((int) k));
      }
    }
    return costRange * num.value() / n.totalWeight();
  }

  /** {@code V(C)} over a grid of cost ranges: exactly {@code C} times {@link #perUnitCost}. */
  public static List<Point> series(DegreeDistribution n, double[] costRanges) {
    double unit = perUnitCost(n);
    List<Point> out = new ArrayList<>(costRanges.length);
    for (double c : costRanges) {
      checkCostRange(c);
      out.add(new Point(c, c * unit));
    }
    return out;
  }

  /** A point of the series {@code V(C)}. */
  public record Point(double costRange, double value) implements Serializable {}

  /**
   * Settings of the Monte Carlo check.
   *
   * @param costRange {@code C}, costs are {@code U(0, C)}
   * @param trials independent trials (cost draws), at least 2
   * @param seed root seed; device costs are {@code C * unit(hash(seed, PROCESS_COST, trial, key))}
   */
  public record Options(double costRange, int trials, long seed) implements Serializable {
    public Options {
      checkCostRange(costRange);
      if (trials < 2) {
        throw new IllegalArgumentException(
            "trials must be at least 2 for a confidence interval, got " + trials);
      }
    }
  }

  /**
   * The 53-bit integer {@code m} of a device's cost in a trial; the cost is
   * {@code C m 2^-53}, as {@link Streams#uniform} would draw it.
   */
  public static long costUnits(long seed, int trial, long key) {
    return Streams.hash(seed, Purpose.PROCESS_COST, trial, key) >>> 11;
  }

  /** Converts an exact sum of cost units over {@code devices} devices to a mean saving. */
  static double meanSaving(Int128 sumUnits, long devices, double costRange) {
    return devices == 0 ? 0 : sumUnits.toDouble() * TWO_POW_MINUS_53 * costRange / devices;
  }

  /**
   * Monte Carlo on an in-memory graph: in each trial every device draws its cost, offloads to
   * its cheapest neighbour when cheaper, and the trial's value is the mean saving per device.
   * Savings are summed exactly in integer cost units, so the result does not depend on the
   * order of summation (and equals the Spark computation on the same graph and seed).
   */
  public static MonteCarloEstimate monteCarlo(SimpleGraph g, Options o) {
    int n = g.vertices();
    long[] units = new long[n];
    double[] values = new double[o.trials()];
    for (int t = 0; t < o.trials(); t++) {
      for (int v = 0; v < n; v++) {
        units[v] = costUnits(o.seed(), t, g.key(v));
      }
      Int128 sum = new Int128();
      for (int v = 0; v < n; v++) {
        long best = units[v];
        for (int p = g.neighbourStart(v); p < g.neighbourEnd(v); p++) {
          best = Math.min(best, units[g.neighbourAt(p)]);
        }
        sum.add(units[v] - best);
      }
      values[t] = meanSaving(sum, n, o.costRange());
    }
    return MonteCarloEstimate.ofTrials(values);
  }

  /** Closed form and Monte Carlo for one in-memory graph. */
  public static Result onGraph(SimpleGraph g, Options o) {
    if (g.vertices() == 0) {
      throw new IllegalArgumentException("the graph must have at least one device");
    }
    var n = DegreeDistribution.Empirical.ofGraph(g);
    return new Result(closedForm(n, o.costRange()), monteCarlo(g, o), g.vertices(),
        g.maxDegree(), o.costRange());
  }

  /**
   * Theorem 5 on one graph.
   *
   * @param closedForm {@code V(C)} from the graph's degree distribution
   * @param monteCarlo the Monte Carlo estimate with its 95% interval over trials
   * @param devices devices (isolated ones included)
   * @param maxDegree the largest degree
   * @param costRange {@code C}
   */
  public record Result(double closedForm, MonteCarloEstimate monteCarlo, long devices,
      long maxDegree, double costRange) implements Serializable {

    /** Fields of a summary.json, snake_case. */
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("closed_form", closedForm);
      m.put("monte_carlo", monteCarlo.mean());
      m.put("monte_carlo_ci95", List.of(monteCarlo.ci95Low(), monteCarlo.ci95High()));
      m.put("devices", devices);
      m.put("max_degree", maxDegree);
      m.put("cost_range", costRange);
      m.put("trials", monteCarlo.trials());
      return m;
    }
  }

  static void checkCostRange(double c) {
    if (!(c > 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("costRange (C) must be positive and finite, got " + c);
    }
  }
}
