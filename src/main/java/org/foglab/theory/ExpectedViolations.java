package org.foglab.theory;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;
import org.foglab.theory.DegreeDistribution.Empirical;

/**
 * Theorem 6 of Tu et al. (INFOCOM 2020): the expected number of devices whose processing
 * capacity is exceeded when every device offloads as in Theorem 3, with costs
 * {@code c_i ~ U(0, C)} i.i.d., free links, no discarding, equal data {@code D} per device and
 * capacities i.i.d. from {@link CapacityDistribution}, independent of the costs.
 *
 * <p><b>Exact model.</b> Device j sends its {@code D} datapoints to the cheapest device of its
 * closed neighbourhood {@code N[j]} (itself included). So the load of device i is
 * {@code D M_i} with {@code M_i = #{j in N[i] : i = argmin_{N[j]} c}}: the number of closed
 * neighbourhoods containing i in which i is the cheapest ({@code j = i} is i keeping its own
 * data). A device is violated when {@code D M_i > X_i}; by linearity the expected number is
 * {@code sum_i E[P(X < D M_i)]}, which needs the law of each {@code M_i}, not only its mean.
 *
 * <p><b>The paper's (16), faithfully read.</b> Inside the probability of (16),
 * {@code 1 - P_o(k) + k sum_n P_o(n) p_k(n)/n} is deterministic: with {@code P_o(k) = k/(k+1)}
 * (a device offloads unless it is the cheapest of its {@code k+1}) and a neighbour of degree
 * {@code n} choosing this device with probability {@code 1/n} when it offloads, it is the
 * <em>mean</em> load (per {@code D}) of a degree-k device, {@code l(k) = 1/(k+1) + k sum_n
 * p_k(n)/(n+1)}, which is exact by linearity. The outer integral over the capacity law then
 * gives {@code P(X <= D l(k))}, so (16) reads {@code sum_{k>=1} N(k) P(X <= D l(k))}
 * ({@link #paperFormula}). It replaces the random load by its class mean, which is exact when
 * the capacity CDF is linear over the range of the loads (e.g. {@code U(0, 4D)} with loads at
 * most 4, as in the paper's experiments) and can be far off otherwise (narrow capacity laws,
 * hubs whose load exceeds the support, devices of one degree class with different neighbours).
 *
 * <p><b>Correct computation on a graph ({@link #localExact}).</b> Condition on device i's cost,
 * {@code y = 1 - c_i / C ~ U(0, 1)}: a device {@code l != i} is dearer than i with probability
 * {@code y}, independently. For a neighbour j let {@code T_j = N[j] \ {i}}; i takes j's data
 * iff every device of {@code T_j} is dearer (event {@code A_j}), and keeps its own iff all its
 * neighbours are dearer (event {@code B = and_j B_j}, {@code B_j = c_j > c_i}, with
 * {@code A_j} inside {@code B_j}). The devices that occur in two or more of the sets
 * {@code T_j} (triangles and 4-cycles through i) are the only source of dependence: conditioning
 * on which of them are dearer (at most {@code 2^|Q|} cases), the pairs {@code (B_j, A_j)} are
 * independent and {@code P(M = m) = P(B, sum A = m - 1) + P(sum A = m) - P(B, sum A = m)} follows
 * from two Poisson-binomial laws. The result is a polynomial in {@code y}, integrated by
 * Gauss-Legendre quadrature (exact up to degree 63, graded composite rule above). This is exact
 * for every device whose shared set {@code Q} is small enough (the work limit); for the others
 * the sets {@code T_j} are treated as disjoint (the local tree approximation with the actual
 * neighbour degrees), and the result reports how many devices were approximated.
 *
 * <p><b>Degree-only approximation ({@link #degreeApproximation}).</b> The same local tree law,
 * with neighbour degrees drawn i.i.d. from {@code p_k(n)}: {@code P(A_j) = sum_n p_k(n) y^n}.
 * Devices of degree 0 keep their data (load {@code D}) and are included, whereas the paper's sum
 * starts at {@code k = 1}.
 *
 * <p>Violation means load strictly above capacity, {@code P(X < D M)}; the paper's "{@code >=}"
 * differs only when the capacity law has atoms at multiples of {@code D}.
 */
public final class ExpectedViolations {
  /** Default bound on the work per device of the exact law (cases x nodes x terms). */
  public static final long DEFAULT_WORK_LIMIT = 10_000_000L;

  private ExpectedViolations() {}

  /**
   * @param data {@code D}, datapoints collected by every device, positive
   * @param capacity the capacity law (datapoints per slot)
   */
  public record Options(double data, CapacityDistribution capacity) implements Serializable {
    public Options {
      if (!(data > 0) || Double.isInfinite(data)) {
        throw new IllegalArgumentException("data (D) must be positive and finite, got " + data);
      }
      if (capacity == null) {
        throw new IllegalArgumentException("capacity distribution must be given");
      }
    }

    /** {@code P(X < m D)}. */
    double violated(long m) {
      return capacity.cdfBelow(m * data);
    }

    /** {@code P(X < m D)} for {@code m = 0..size-1}, computed once per computation. */
    double[] table(long size) {
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("load table too large: " + size);
      }
      double[] t = new double[(int) size];
      for (int m = 0; m < t.length; m++) {
        t[m] = violated(m);
      }
      return t;
    }
  }

  /**
   * The smallest load count {@code m <= cap} from which {@code P(X < m D)} is 1 to double
   * precision (larger loads all violate), or {@code cap}.
   */
  private static int saturation(double[] below, long cap) {
    int m = 0;
    while (m < cap && m < below.length && below[m] < 1 - 1e-17) {
      m++;
    }
    if (m == below.length && m < cap) {
      throw new IllegalArgumentException("the capacity law is not saturated at " + m
          + " times the data per device; loads beyond that are not supported");
    }
    return m;
  }

  /** Load tables stop here: capacity laws saturate long before in any sensible setting. */
  private static final int MAX_TABLE = 1 << 22;

  /** {@code P_o(k) = k/(k+1)}: a device offloads unless it is the cheapest of its k+1. */
  public static double offloadProbability(long k) {
    return k / (k + 1.0);
  }

  /** The paper's {@code 1 - P_o(k) + k sum_n P_o(n) p_k(n)/n}, the mean load per {@code D}. */
  public static double paperLoad(long k, NeighbourDegrees p) {
    double own = 1 - offloadProbability(k);
    if (k == 0) {
      return own;
    }
    Empirical pk = p.of(k);
    if (pk == null) {
      throw new IllegalArgumentException("no neighbour-degree law for degree " + k);
    }
    CompensatedSum s = new CompensatedSum();
    double total = pk.totalWeight();
    for (int i = 0; i < pk.size(); i++) {
      long n = pk.degreeAt(i);
      s.add(pk.weightAt(i) / total * offloadProbability(n) / n);
    }
    return own + k * s.value();
  }

  /** The paper's (16): {@code sum_{k>=1} N(k) P(X <= D l(k))}, {@code N(k)} device counts. */
  public static double paperFormula(Empirical counts, NeighbourDegrees p, Options o) {
    CompensatedSum s = new CompensatedSum();
    for (int i = 0; i < counts.size(); i++) {
      long k = counts.degreeAt(i);
      if (k >= 1) {
        s.add(counts.weightAt(i) * o.capacity().cdf(o.data() * paperLoad(k, p)));
      }
    }
    return s.value();
  }

  /**
   * The local tree law with neighbour degrees i.i.d. from {@code p_k(n)}, summed over device
   * counts {@code N(k)} (degree 0 included).
   */
  public static double degreeApproximation(Empirical counts, NeighbourDegrees p, Options o) {
    double[] below = o.table(Math.min(counts.maxDegree() + 3, MAX_TABLE));
    CompensatedSum total = new CompensatedSum();
    for (int i = 0; i < counts.size(); i++) {
      long k = counts.degreeAt(i);
      if (k == 0) {
        total.add(counts.weightAt(i) * below[1]);
        continue;
      }
      Empirical pk = p.of(k);
      if (pk == null) {
        throw new IllegalArgumentException("no neighbour-degree law for degree " + k);
      }
      int mc = saturation(below, k + 2);
      double norm = pk.totalWeight();
      // (1 - a(y))^k has degree k max(n): saturate rather than overflow.
      long degreeBound = pk.maxDegree() > (Long.MAX_VALUE / 4) / (k + 1)
          ? Long.MAX_VALUE / 4 : (k + 1) * pk.maxDegree() + k + 2;
      double e = GaussLegendre.integrateUnit(y -> {
        double a = 0;
        for (int j = 0; j < pk.size(); j++) {
          a += pk.weightAt(j) / norm * Math.pow(y, pk.degreeAt(j));
        }
        double allB = Math.pow(y, k);
        double[] pa = binomialTruncated(k, a, mc);
        double[] pc = binomialTruncated(k, y > 0 ? Math.min(1, a / y) : 0, mc);
        return expectation(pa, pc, allB, mc, below);
      }, degreeBound);
      total.add(counts.weightAt(i) * e);
    }
    return total.value();
  }

  /** {@code P(Bin(k, p) = r)} for {@code r < mc}, and the remaining mass at index {@code mc}. */
  private static double[] binomialTruncated(long k, double p, int mc) {
    double[] out = new double[mc + 1];
    double rest = 1;
    if (p <= 0) {
      if (mc > 0) {
        out[0] = 1;
        rest = 0;
      }
    } else if (p >= 1) {
      if (k < mc) {
        out[(int) k] = 1;
        rest = 0;
      }
    } else {
      double logP = Math.log(p);
      double logQ = Math.log1p(-p);
      double logC = 0;
      for (int r = 0; r < mc && r <= k; r++) {
        if (r > 0) {
          logC += Math.log((double) (k - r + 1) / r);
        }
        out[r] = Math.exp(logC + r * logP + (k - r) * logQ);
        rest -= out[r];
      }
    }
    out[mc] = Math.max(0, rest);
    return out;
  }

  /**
   * {@code E[P(X < D M)]} for {@code M = 1{B} + sum A}: {@code pa} is the law of
   * {@code sum A}, {@code pc} its law given B, {@code allB = P(B)}, both truncated at
   * {@code mc} (last entry = remaining mass, whose loads all violate).
   */
  private static double expectation(double[] pa, double[] pc, double allB, int mc,
      double[] below) {
    double e = 0;
    double seen = 0;
    for (int m = 0; m < mc; m++) {
      double pm = pa[m] - allB * pc[m] + (m > 0 ? allB * pc[m - 1] : 0);
      pm = Math.max(0, pm);
      seen += pm;
      e += pm * below[m];
    }
    return e + Math.max(0, 1 - seen);
  }

  /**
   * The violation probability of one device from its exact load law (or the local tree
   * approximation when its shared set is too large for {@code workLimit}).
   *
   * @param probability {@code P(D M_i > X_i)}
   * @param meanLoad {@code E[M_i]}, per {@code D}
   * @param exact whether the law was exact
   */
  public record DeviceLaw(double probability, double meanLoad, boolean exact)
      implements Serializable {}

  /** The law of device {@code i}'s load on graph {@code g}. */
  public static DeviceLaw deviceLaw(SimpleGraph g, int i, Options o, long workLimit) {
    return deviceLaw(g, i, o.table(g.degree(i) + 3L), workLimit);
  }

  private static DeviceLaw deviceLaw(SimpleGraph g, int i, double[] below, long workLimit) {
    int k = g.degree(i);
    double mean = 1.0 / (k + 1);
    for (int p = g.neighbourStart(i); p < g.neighbourEnd(i); p++) {
      mean += 1.0 / (g.degree(g.neighbourAt(p)) + 1);
    }
    if (k == 0) {
      return new DeviceLaw(below[1], 1, true);
    }
    // Occurrences of each device across the sets T_j = N[j] \ {i}.
    Map<Integer, Integer> occ = new HashMap<>();
    for (int p = g.neighbourStart(i); p < g.neighbourEnd(i); p++) {
      int j = g.neighbourAt(p);
      occ.merge(j, 1, Integer::sum);
      for (int q = g.neighbourStart(j); q < g.neighbourEnd(j); q++) {
        int l = g.neighbourAt(q);
        if (l != i) {
          occ.merge(l, 1, Integer::sum);
        }
      }
    }
    Map<Integer, Integer> shared = new HashMap<>();
    occ.forEach((v, c) -> {
      if (c >= 2) {
        shared.put(v, shared.size());
      }
    });
    int mc = saturation(below, k + 2);
    long degreeBound = shared.size() + k + 2;
    for (int p = g.neighbourStart(i); p < g.neighbourEnd(i); p++) {
      degreeBound += g.degree(g.neighbourAt(p));
    }
    long nodes = GaussLegendre.nodes(degreeBound);
    // Without shared devices the local tree law is exact at any cost; otherwise condition on
    // the shared devices while the work stays under the limit.
    boolean exact = shared.isEmpty() || (shared.size() < 31
        && (1L << shared.size()) * nodes * (k + 1L) * (mc + 1L) <= workLimit);
    int qSize = exact ? shared.size() : 0;
    long[] qMask = new long[k];
    int[] selfIndex = new int[k];
    int[] privateSize = new int[k];
    int idx = 0;
    for (int p = g.neighbourStart(i); p < g.neighbourEnd(i); p++, idx++) {
      int j = g.neighbourAt(p);
      int size = g.degree(j);
      long mask = 0;
      selfIndex[idx] = -1;
      if (exact) {
        Integer sj = shared.get(j);
        if (sj != null) {
          mask |= 1L << sj;
          selfIndex[idx] = sj;
        }
        for (int q = g.neighbourStart(j); q < g.neighbourEnd(j); q++) {
          int l = g.neighbourAt(q);
          Integer sl = l == i ? null : shared.get(l);
          if (sl != null) {
            mask |= 1L << sl;
          }
        }
      }
      qMask[idx] = mask;
      privateSize[idx] = size - Long.bitCount(mask);
    }
    final int kk = k;
    double prob = GaussLegendre.integrateUnit(y -> {
      double total = 0;
      double[] pa = new double[kk];
      double[] pc = new double[kk];
      for (long c = 0; c < (1L << qSize); c++) {
        int ones = Long.bitCount(c);
        double weight = Math.pow(y, ones) * Math.pow(1 - y, qSize - ones);
        if (weight == 0) {
          continue;
        }
        double allB = 1;
        for (int j = 0; j < kk; j++) {
          boolean qOk = (qMask[j] & ~c) == 0;
          if (selfIndex[j] >= 0) {
            boolean dear = ((c >>> selfIndex[j]) & 1) == 1;
            allB *= dear ? 1 : 0;
            pa[j] = qOk ? Math.pow(y, privateSize[j]) : 0;
            pc[j] = dear ? pa[j] : 0;
          } else {
            allB *= y;
            pa[j] = qOk ? Math.pow(y, privateSize[j]) : 0;
            pc[j] = qOk ? Math.pow(y, privateSize[j] - 1) : 0;
          }
        }
        double[] la = poissonBinomial(pa, mc);
        double[] lc = allB > 0 ? poissonBinomial(pc, mc) : la;
        total += weight * expectation(la, lc, allB, mc, below);
      }
      return total;
    }, degreeBound);
    return new DeviceLaw(prob, mean, exact);
  }

  /** The law of a sum of independent Bernoullis, truncated at {@code mc} (last = the rest). */
  private static double[] poissonBinomial(double[] p, int mc) {
    double[] d = new double[mc + 1];
    if (mc == 0) {
      d[0] = 1;
      return d;
    }
    d[0] = 1;
    for (double q : p) {
      d[mc] += d[mc - 1] * q;
      for (int m = mc - 1; m >= 1; m--) {
        d[m] = d[m] * (1 - q) + d[m - 1] * q;
      }
      d[0] *= 1 - q;
    }
    return d;
  }

  /**
   * The expected number of violated devices on a graph, summing each device's exact (or, past
   * the work limit, local-tree) violation probability.
   *
   * @param expected the expected number of violated devices
   * @param exactDevices devices whose law was exact
   * @param approximatedDevices devices treated by the local tree approximation
   */
  public record GraphValue(double expected, long exactDevices, long approximatedDevices)
      implements Serializable {}

  public static GraphValue localExact(SimpleGraph g, Options o, long workLimit) {
    double[] below = o.table(g.maxDegree() + 3L);
    CompensatedSum s = new CompensatedSum();
    long exact = 0;
    for (int v = 0; v < g.vertices(); v++) {
      DeviceLaw law = deviceLaw(g, v, below, workLimit);
      s.add(law.probability());
      if (law.exact()) {
        exact++;
      }
    }
    return new GraphValue(s.value(), exact, g.vertices() - exact);
  }

  /**
   * Monte Carlo estimates over independent trials: the number of violated devices with costs
   * and capacities both drawn ({@code counted}), and its conditional expectation given the
   * costs, {@code sum_i P(X < D M_i)} ({@code conditional}, lower variance).
   */
  public record Simulation(MonteCarloEstimate counted, MonteCarloEstimate conditional)
      implements Serializable {}

  /**
   * Simulates Theorem 3's offloading: costs as in {@link OffloadingValue#costUnits} and
   * capacities {@code quantile(unit(hash(seed, NODE_CAPACITY, trial, key)))}.
   */
  public static Simulation monteCarlo(SimpleGraph g, Options o, int trials, long seed) {
    if (trials < 2) {
      throw new IllegalArgumentException("trials must be at least 2, got " + trials);
    }
    int n = g.vertices();
    double[] below = o.table(g.maxDegree() + 3L);
    long[] units = new long[n];
    int[] load = new int[n];
    double[] counted = new double[trials];
    double[] conditional = new double[trials];
    for (int t = 0; t < trials; t++) {
      for (int v = 0; v < n; v++) {
        units[v] = OffloadingValue.costUnits(seed, t, g.key(v));
        load[v] = 0;
      }
      for (int v = 0; v < n; v++) {
        int best = v;
        for (int p = g.neighbourStart(v); p < g.neighbourEnd(v); p++) {
          int u = g.neighbourAt(p);
          if (units[u] < units[best] || (units[u] == units[best] && u < best)) {
            best = u;
          }
        }
        load[best]++;
      }
      long violated = 0;
      CompensatedSum cond = new CompensatedSum();
      for (int v = 0; v < n; v++) {
        double cap = o.capacity().quantile(
            Streams.unit(Streams.hash(seed, Purpose.NODE_CAPACITY, t, g.key(v))));
        if (load[v] * o.data() > cap) {
          violated++;
        }
        cond.add(below[load[v]]);
      }
      counted[t] = violated;
      conditional[t] = cond.value();
    }
    return new Simulation(MonteCarloEstimate.ofTrials(counted),
        MonteCarloEstimate.ofTrials(conditional));
  }

  /**
   * Theorem 6 on one graph: the paper's (16) with the graph's {@code N(k)} and {@code p_k(n)},
   * the degree-only approximation, the per-device computation and the simulation.
   */
  public static Result onGraph(SimpleGraph g, Options o, int trials, long seed) {
    return onGraph(g, o, trials, seed, DEFAULT_WORK_LIMIT);
  }

  /** As {@link #onGraph(SimpleGraph, Options, int, long)}, with the per-device work limit. */
  public static Result onGraph(SimpleGraph g, Options o, int trials, long seed, long workLimit) {
    if (workLimit < 0) {
      throw new IllegalArgumentException("workLimit must be non-negative, got " + workLimit);
    }
    if (g.vertices() == 0) {
      throw new IllegalArgumentException("the graph must have at least one device");
    }
    Empirical counts = Empirical.ofGraph(g);
    NeighbourDegrees p = NeighbourDegrees.ofGraph(g);
    GraphValue local = localExact(g, o, workLimit);
    return new Result(paperFormula(counts, p, o), local.expected(), local.exactDevices(),
        local.approximatedDevices(), degreeApproximation(counts, p, o),
        monteCarlo(g, o, trials, seed), g.vertices(), g.maxDegree());
  }

  /**
   * Theorem 6 on one graph.
   *
   * @param paperFormula the paper's (16), faithfully read
   * @param exact the per-device computation (exact for {@code exactDevices} devices)
   * @param exactDevices devices with an exact load law
   * @param approximatedDevices devices treated by the local tree approximation
   * @param degreeApproximation the local tree law from {@code N(k)} and {@code p_k(n)} only
   * @param simulation the Monte Carlo estimates
   * @param devices devices
   * @param maxDegree the largest degree
   */
  public record Result(double paperFormula, double exact, long exactDevices,
      long approximatedDevices, double degreeApproximation, Simulation simulation, long devices,
      long maxDegree) implements Serializable {

    /** Fields of a summary.json, snake_case. */
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("paper_formula", paperFormula);
      m.put("exact", exact);
      m.put("exact_devices", exactDevices);
      m.put("approximated_devices", approximatedDevices);
      m.put("degree_approximation", degreeApproximation);
      m.put("monte_carlo", simulation.counted().mean());
      m.put("monte_carlo_ci95", List.of(simulation.counted().ci95Low(),
          simulation.counted().ci95High()));
      m.put("monte_carlo_conditional", simulation.conditional().mean());
      m.put("monte_carlo_conditional_ci95", List.of(simulation.conditional().ci95Low(),
          simulation.conditional().ci95High()));
      m.put("devices", devices);
      m.put("max_degree", maxDegree);
      return m;
    }
  }
}
