package org.foglab.theory;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.foglab.network.Trace;
import org.foglab.optimize.ClosedForm;
import org.foglab.optimize.Plan;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Checks Theorem 1 of Tu et al. (INFOCOM 2020) on a convex model: L2-regularised logistic
 * regression trained by weighted federated averaging, equations (3) and (4), on the datasets
 * {@code G_i} a plan leaves at each device.
 *
 * <p>Each participating device (one with {@code G_i} non-empty; the others hold no data and
 * only receive the aggregate) takes full-batch gradient steps on its local loss
 * {@code L_i(w | G_i)}, the same rows every slot (the paper's i.i.d.-over-time assumption in its
 * stationary form, under which the analysis of Wang et al. applies exactly); every {@code tau}
 * steps the server averages with weights {@code H_i = tau |G_i|} and the devices synchronise.
 * The global loss is the weighted mean {@code L = sum_i H_i L_i / sum_i H_i}, i.e. the loss over
 * the processed datapoints, which is what the aggregation minimises (discarded points are in no
 * {@code L_i}). {@code w*} is found by centralised gradient descent to a gradient norm of 1e-12.
 *
 * <p>The constants are estimated so that the steps of the proof hold on the run:
 * {@code beta} = the largest top eigenvalue of {@code X_i^T X_i / (4 |G_i|)} plus the ridge (an
 * exact smoothness constant of every local loss); {@code rho} = the largest mean feature norm
 * plus ridge times the largest iterate norm (a Lipschitz constant of every loss on a ball holding
 * all iterates); {@code delta_i} = the largest {@code ||grad L_i - grad L||} over the centralised
 * iterates {@code v_k(t)}, the only points where the proof evaluates it; {@code omega} as in Wang
 * et al. The report gives the ratios of the observed quantities to the drift lemma
 * ({@code ||w_i - v_k|| <= g_i}), Wang et al.'s {@code h} ({@code ||w_bar - v_k|| <= h}) and the
 * bound (10), and says whether the theorem's assumptions held ({@code eta <= 1/beta}; the final
 * excess at least {@code epsilon_0}).
 */
public final class LossBoundValidation {
  private LossBoundValidation() {}

  /**
   * @param tau aggregation period, at least 1
   * @param iterations local steps {@code T}, at least 1
   * @param stepFraction {@code eta = stepFraction / beta}, in (0, 2)
   * @param ridge the L2 coefficient {@code lambda}, positive (makes {@code w*} unique)
   */
  public record Settings(int tau, int iterations, double stepFraction, double ridge)
      implements Serializable {
    public Settings {
      if (tau < 1) {
        throw new IllegalArgumentException("tau must be at least 1, got " + tau);
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
      }
      if (!(stepFraction > 0 && stepFraction < 2)) {
        throw new IllegalArgumentException(
            "stepFraction (eta beta) must be in (0, 2), got " + stepFraction);
      }
      if (!(ridge > 0) || Double.isInfinite(ridge)) {
        throw new IllegalArgumentException("ridge must be positive and finite, got " + ridge);
      }
    }
  }

  /**
   * The outcome of a check.
   *
   * @param devices participating devices (non-empty {@code G_i})
   * @param processed datapoints processed per participating device
   * @param eta step size
   * @param beta smoothness constant
   * @param rho Lipschitz constant
   * @param omega Wang et al.'s omega
   * @param deltaLocal {@code delta_i} per participating device
   * @param delta weighted mean of the {@code delta_i}
   * @param lossStar {@code L(w*)}
   * @param optimumGradientNorm {@code ||grad L(w*)||} reached
   * @param initialExcess {@code L(w(0)) - L(w*)}
   * @param finalExcess the largest {@code L(w_i(T)) - L(w*)} over devices
   * @param epsilon0Final the largest {@code epsilon_0} at {@code T} over devices (root)
   * @param epsilon0PrintedFinal the same with the paper's printed closed form
   * @param maxBoundRatio the largest observed excess over bound (10), over devices and steps
   * @param boundViolations (device, step) pairs where the excess exceeds bound (10)
   * @param checkedPoints (device, step) pairs checked
   * @param maxLemmaRatio the largest {@code ||w_i(t) - v_k(t)|| / g_i(t - (k-1) tau)}
   * @param maxAverageDriftRatio the largest {@code ||w_bar(t) - v_k(t)|| / h(t - (k-1) tau)}
   * @param nontrivialFraction the fraction of pairs whose bound is below the initial excess
   * @param stepAssumptionHolds whether {@code eta <= 1/beta}
   * @param excessAssumptionHolds whether {@code finalExcess >= epsilon0Final}, the proof's
   *     standing assumption
   * @param observedExcess {@code [t-1][device]}: {@code L(w_i(t)) - L(w*)} after synchronising
   * @param bound {@code [t-1][device]}: bound (10)
   */
  public record Report(int devices, int[] processed, double eta, double beta, double rho,
      double omega, double[] deltaLocal, double delta, double lossStar,
      double optimumGradientNorm, double initialExcess, double finalExcess, double epsilon0Final,
      double epsilon0PrintedFinal, double maxBoundRatio, long boundViolations,
      long checkedPoints, double maxLemmaRatio, double maxAverageDriftRatio,
      double nontrivialFraction, boolean stepAssumptionHolds, boolean excessAssumptionHolds,
      double[][] observedExcess, double[][] bound) implements Serializable {

    /** Fields of a summary.json, snake_case (the per-step series are left out). */
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("devices", devices);
      m.put("processed", Arrays.stream(processed).boxed().toList());
      m.put("eta", eta);
      m.put("beta", beta);
      m.put("rho", rho);
      m.put("omega", omega);
      m.put("delta_local", Arrays.stream(deltaLocal).boxed().toList());
      m.put("delta", delta);
      m.put("loss_star", lossStar);
      m.put("initial_excess", initialExcess);
      m.put("final_excess", finalExcess);
      m.put("epsilon0_final", epsilon0Final);
      m.put("epsilon0_printed_final", epsilon0PrintedFinal);
      m.put("max_bound_ratio", maxBoundRatio);
      m.put("bound_violations", boundViolations);
      m.put("checked_points", checkedPoints);
      m.put("max_lemma_ratio", maxLemmaRatio);
      m.put("max_average_drift_ratio", maxAverageDriftRatio);
      m.put("nontrivial_fraction", nontrivialFraction);
      m.put("step_assumption_holds", stepAssumptionHolds);
      m.put("excess_assumption_holds", excessAssumptionHolds);
      return m;
    }
  }

  /**
   * Trains and checks. {@code x[d]} are feature rows (include a constant feature for a bias),
   * {@code y[d]} labels in {0, 1}, {@code processed[i]} the rows device i processes.
   */
  public static Report check(double[][] x, int[] y, int[][] processed, Settings s) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("x and y must be non-empty with one label per row, got "
          + x.length + " rows and " + y.length + " labels");
    }
    for (int v : y) {
      if (v != 0 && v != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, got " + v);
      }
    }
    int dim = x[0].length;
    int participants = 0;
    int totalRows = 0;
    for (int[] g : processed) {
      for (int r : g) {
        if (r < 0 || r >= x.length) {
          throw new IllegalArgumentException("processed row " + r + " is not in 0.." + (x.length - 1));
        }
      }
      if (g.length > 0) {
        participants++;
        totalRows += g.length;
      }
    }
    if (participants == 0) {
      throw new IllegalArgumentException("no device processes any data");
    }
    LogisticModel[] local = new LogisticModel[participants];
    double[] weight = new double[participants];
    int[] sizes = new int[participants];
    int[] all = new int[totalRows];
    int p = 0;
    int fill = 0;
    for (int[] g : processed) {
      if (g.length > 0) {
        local[p] = new LogisticModel(x, y, g, s.ridge());
        weight[p] = (double) g.length / totalRows;
        sizes[p] = g.length;
        System.arraycopy(g, 0, all, fill, g.length);
        fill += g.length;
        p++;
      }
    }
    LogisticModel global = new LogisticModel(x, y, all, s.ridge());
    double beta = 0;
    double maxMeanNorm = 0;
    for (LogisticModel m : local) {
      beta = Math.max(beta, m.smoothness());
      maxMeanNorm = Math.max(maxMeanNorm, m.meanFeatureNorm());
    }
    double eta = s.stepFraction() / beta;

    // w*: centralised gradient descent with step 1/beta (beta bounds the global smoothness).
    double[] wStar = new double[dim];
    double gradNorm = Double.POSITIVE_INFINITY;
    for (int it = 0; it < 2_000_000 && gradNorm > 1e-12; it++) {
      double[] gr = global.gradient(wStar);
      gradNorm = LogisticModel.norm(gr);
      for (int j = 0; j < dim; j++) {
        wStar[j] -= gr[j] / beta;
      }
    }
    double lossStar = global.loss(wStar);

    int steps = s.iterations();
    int tau = s.tau();
    int n = participants;
    double[][][] pre = new double[steps + 1][n][];
    double[][][] post = new double[steps + 1][n][];
    double[] w0 = new double[dim];
    for (int i = 0; i < n; i++) {
      pre[0][i] = w0.clone();
      post[0][i] = w0.clone();
    }
    for (int t = 1; t <= steps; t++) {
      for (int i = 0; i < n; i++) {
        double[] prev = post[t - 1][i];
        double[] gr = local[i].gradient(prev);
        double[] w = new double[dim];
        for (int j = 0; j < dim; j++) {
          w[j] = prev[j] - eta * gr[j];
        }
        pre[t][i] = w;
      }
      if (t % tau == 0) {
        double[] avg = average(pre[t], weight);
        for (int i = 0; i < n; i++) {
          post[t][i] = avg.clone();
        }
      } else {
        for (int i = 0; i < n; i++) {
          post[t][i] = pre[t][i];
        }
      }
    }
    // Centralised runs v_k on [(k-1) tau, k tau], each from the aggregate w(k-1).
    double[][] v = new double[steps + 1][];
    double[][] vStart = new double[(steps + tau - 1) / tau + 1][];
    double omegaInv = 0;
    double radius = LogisticModel.norm(wStar);
    double[] deltaLocal = new double[n];
    for (int k = 1; (long) (k - 1) * tau < steps; k++) {
      int t0 = (k - 1) * tau;
      double[] cur = k == 1 ? w0.clone() : post[t0][0].clone();
      vStart[k] = cur.clone();
      omegaInv = Math.max(omegaInv, square(LogisticModel.distance(cur, wStar)));
      for (int t = t0; t <= Math.min(k * tau, steps); t++) {
        if (t > t0) {
          double[] gr = global.gradient(cur);
          double[] next = new double[dim];
          for (int j = 0; j < dim; j++) {
            next[j] = cur[j] - eta * gr[j];
          }
          cur = next;
        }
        if (t > t0 || k == 1) {
          v[t] = cur;
        }
        radius = Math.max(radius, LogisticModel.norm(cur));
        if (t < Math.min(k * tau, steps) || t == t0) {
          double[] gGlobal = global.gradient(cur);
          for (int i = 0; i < n; i++) {
            deltaLocal[i] = Math.max(deltaLocal[i],
                LogisticModel.distance(local[i].gradient(cur), gGlobal));
          }
        }
      }
    }
    for (int t = 0; t <= steps; t++) {
      for (int i = 0; i < n; i++) {
        radius = Math.max(radius, Math.max(LogisticModel.norm(pre[t][i]),
            LogisticModel.norm(post[t][i])));
      }
    }
    double rho = maxMeanNorm + s.ridge() * radius;
    double omega = omegaInv > 0 ? 1 / omegaInv : Double.MAX_VALUE;
    double delta = 0;
    for (int i = 0; i < n; i++) {
      delta += weight[i] * deltaLocal[i];
    }
    LossBound[] bounds = new LossBound[n];
    for (int i = 0; i < n; i++) {
      bounds[i] = new LossBound(rho, beta, eta, omega, tau, deltaLocal[i], delta);
    }

    double initialExcess = global.loss(w0) - lossStar;
    double[][] observed = new double[steps][n];
    double[][] bound = new double[steps][n];
    double maxRatio = 0;
    long violations = 0;
    long nontrivial = 0;
    double maxLemma = 0;
    double maxDrift = 0;
    for (int t = 1; t <= steps; t++) {
      int k = (t + tau - 1) / tau;
      int x0 = t - (k - 1) * tau;
      double[] vt = v[t];
      for (int i = 0; i < n; i++) {
        double excess = global.loss(post[t][i]) - lossStar;
        double b = bounds[i].bound(t);
        observed[t - 1][i] = excess;
        bound[t - 1][i] = b;
        maxRatio = Math.max(maxRatio, excess / b);
        if (excess > b) {
          violations++;
        }
        if (b < initialExcess) {
          nontrivial++;
        }
        maxLemma = Math.max(maxLemma,
            ratio(LogisticModel.distance(pre[t][i], vt), bounds[i].g(x0)));
      }
      maxDrift = Math.max(maxDrift,
          ratio(LogisticModel.distance(average(pre[t], weight), vt), bounds[0].h(x0)));
    }
    double finalExcess = 0;
    double eps = 0;
    double epsPrinted = 0;
    for (int i = 0; i < n; i++) {
      finalExcess = Math.max(finalExcess, observed[steps - 1][i]);
      eps = Math.max(eps, bounds[i].epsilon0(steps));
      epsPrinted = Math.max(epsPrinted, bounds[i].epsilon0Printed(steps));
    }
    return new Report(n, sizes, eta, beta, rho, omega, deltaLocal, delta, lossStar, gradNorm,
        initialExcess, finalExcess, eps, epsPrinted, maxRatio, violations, (long) steps * n,
        maxLemma, maxDrift, (double) nontrivial / ((long) steps * n),
        bounds[0].stepAssumptionHolds(), finalExcess >= eps, observed, bound);
  }

  /**
   * {@code a / b} for a distance {@code a} and its bound {@code b}; distances at rounding level
   * (below 1e-12) count as 0, since the bounds are exactly 0 where the exact distance is
   * ({@code g_i(0)}, {@code h(0)}, {@code h(1)}).
   */
  private static double ratio(double a, double b) {
    if (a <= 1e-12) {
      return 0;
    }
    return b > 0 ? a / b : Double.POSITIVE_INFINITY;
  }

  private static double square(double v) {
    return v * v;
  }

  private static double[] average(double[][] w, double[] weight) {
    double[] avg = new double[w[0].length];
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < avg.length; j++) {
        avg[j] += weight[i] * w[i][j];
      }
    }
    return avg;
  }

  /**
   * A synthetic scenario: non-i.i.d. logistic data per device, moved by the closed-form plan
   * (Theorem 3) of a two-slot trace with random costs.
   *
   * @param devices devices, at least 2
   * @param pointsPerDevice datapoints each device collects, at least 1
   * @param features features besides the bias, at least 1
   * @param separation how far apart the devices' feature means are (non-i.i.d.-ness), >= 0
   * @param settings training settings
   * @param seed root seed
   */
  public record Scenario(int devices, int pointsPerDevice, int features, double separation,
      Settings settings, long seed) implements Serializable {
    public Scenario {
      if (devices < 2) {
        throw new IllegalArgumentException("devices must be at least 2, got " + devices);
      }
      if (pointsPerDevice < 1) {
        throw new IllegalArgumentException(
            "pointsPerDevice must be at least 1, got " + pointsPerDevice);
      }
      if (features < 1) {
        throw new IllegalArgumentException("features must be at least 1, got " + features);
      }
      if (!(separation >= 0) || Double.isInfinite(separation)) {
        throw new IllegalArgumentException(
            "separation must be non-negative and finite, got " + separation);
      }
      if (settings == null) {
        throw new IllegalArgumentException("settings must be given");
      }
    }

    /** The data, the plan's processed sets and the check. */
    public Report run() {
      int n = devices;
      int m = pointsPerDevice;
      double[][] x = new double[n * m][features + 1];
      int[] y = new int[n * m];
      int[][] collected = new int[n][m];
      for (int i = 0; i < n; i++) {
        for (int d = 0; d < m; d++) {
          int row = i * m + d;
          collected[i][d] = row;
          x[row][0] = 1;
          double z = 0.5;
          for (int f = 1; f <= features; f++) {
            // Device i's mean is shifted along feature (i mod features), alternating in sign.
            double shift = ((i % features) + 1 == f) ? separation * (i % 2 == 0 ? 1 : -1) : 0;
            x[row][f] = shift + gaussian(seed, row, f);
            z += (f % 2 == 0 ? -1.0 : 1.0) * x[row][f];
          }
          double pr = 1 / (1 + Math.exp(-z));
          y[row] = Streams.unit(Streams.hash(seed, Purpose.DATASET, row, 0)) < pr ? 1 : 0;
        }
      }
      Plan plan = ClosedForm.solve(trace());
      return check(x, y, ProcessedData.fromPlan(plan, 1, collected), settings);
    }

    /** Two slots: data in slot 1, receivers in slot 2; full mesh of links in slot 1. */
    public Trace trace() {
      String[] ids = new String[devices];
      for (int i = 0; i < devices; i++) {
        ids[i] = String.format("d%04d", i);
      }
      Trace.Builder b = Trace.builder(ids, 2);
      for (int i = 0; i < devices; i++) {
        double c = Streams.uniform(Streams.hash(seed, Purpose.PROCESS_COST, i), 0, 1);
        double f = Streams.uniform(Streams.hash(seed, Purpose.DISCARD_COST, i), 0.2, 1.2);
        b.device(i, 1, pointsPerDevice, Double.POSITIVE_INFINITY, c, f);
        b.device(i, 2, 0, Double.POSITIVE_INFINITY, c, f);
        for (int j = 0; j < devices; j++) {
          if (j != i) {
            b.link(i, j, 1, Double.POSITIVE_INFINITY,
                Streams.uniform(Streams.hash(seed, Purpose.LINK_COST, i, j), 0, 0.6));
          }
        }
      }
      return b.build();
    }

    private static double gaussian(long seed, int row, int f) {
      double u1 = Streams.unitOpen(Streams.hash(seed, Purpose.DATASET, row, f, 1));
      double u2 = Streams.unit(Streams.hash(seed, Purpose.DATASET, row, f, 2));
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
  }
}
