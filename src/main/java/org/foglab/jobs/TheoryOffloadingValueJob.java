package org.foglab.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.network.DistributedTraceGenerator;
import org.foglab.theory.DegreeDistribution;
import org.foglab.theory.MonteCarloEstimate;
import org.foglab.theory.OffloadingValue;
import org.foglab.theory.OffloadingValueChart;
import org.foglab.theory.SparkOffloadingValue;

/**
 * {@code theory offloading-value}: Theorem 5 of Tu et al. (INFOCOM 2020), the average saving per
 * device and datapoint when devices with costs {@code U(0, C)} may offload over free links,
 * {@code V(C) = C sum_k N(k) k / (2(k+2))} ({@link OffloadingValue}), checked by a Monte Carlo
 * that runs as one Spark pass over the network's links ({@link SparkOffloadingValue}).
 *
 * <p>With {@code --max-cost-grid C1,C2,...} it also writes the value against the cost range, as
 * {@code curve.csv}, {@code curve.png} and rows {@code x_name = 'max_cost'} of the theory table.
 * The scan draws {@code trials x (1 + grid points)} independent trials in the same pass: trials
 * {@code 0..T-1} serve {@code --max-cost}, each grid point has its own next {@code T}, so every
 * point is an independent check of the closed form (costs are {@code C u} with {@code u} uniform
 * on [0, 1), hence reusing draws would only rescale one estimate).
 */
public final class TheoryOffloadingValueJob implements Job<TheoryOffloadingValueJob.Config> {
  static final String NAME = "theory offloading-value";
  private static final String P = "foglab.theory.offloading-value.";

  /**
   * @param source the network or power law
   * @param maxCost {@code C}
   * @param grid cost ranges of the curve (may be empty)
   * @param trials Monte Carlo trials per cost range
   * @param partitions Spark partitions of the generated links and of the scan (0 = automatic)
   * @param seed root seed
   * @param target output directory and table
   */
  public record Config(TheoryGraph.Source source, double maxCost, double[] grid, int trials,
      int partitions, long seed, TheorySettings.Target target) {
    public Config {
      MAX_COST.check(maxCost);
      MAX_COST_GRID.check(java.util.Arrays.stream(grid).boxed().toList());
      TRIALS.check(trials);
      if ((long) trials * (1 + grid.length) > 1_000_000) {
        throw TRIALS.error("times (1 + the grid's " + grid.length + " points) must be at most "
            + "1000000 trials in all, got " + trials);
      }
      PARTITIONS.check(partitions);
    }
  }

  /** Declarations of {@code foglab.theory.offloading-value.*}. */
  static final TheoryGraph.Keys GRAPH = new TheoryGraph.Keys(P);
  static final Setting<Double> MAX_COST = TheorySettings.positive(P + "max-cost").option("max-cost", "C");
  static final Setting<List<Double>> MAX_COST_GRID =
      TheorySettings.positiveList(P + "max-cost-grid").option("max-cost-grid", "C1,C2,..");
  static final Setting<Integer> TRIALS = Setting.integer(P + "trials", 2, 1_000_000).option("trials", "N");
  static final Setting<Integer> PARTITIONS =
      Setting.integer(P + "partitions", 0, 1_000_000).option("partitions", "P");
  static final Setting<String> OUT = Setting.string(P + "out").option("out", "DIR");
  static final Setting<Boolean> OVERWRITE = Setting.bool(P + "overwrite").option("overwrite");

  private static final CommandSpec SPEC = new CommandSpec(NAME,
      "Theorem 5: value of offloading V(C), closed form and Spark Monte Carlo.",
      "Computes the value of offloading (Tu et al., Theorem 5): devices draw processing costs "
          + "U(0, C), links are free, nothing is discarded; V(C) is the average saving per device "
          + "and datapoint when each device may send its data to its cheapest neighbour. The "
          + "closed form C sum_k N(k) k/(2(k+2)) (the paper's (15) simplified exactly) uses the "
          + "network's degree distribution; the Monte Carlo draws the costs and offloads, as one "
          + "Spark pass over the links, and reports a 95% interval over trials. The network is "
          + "generated (the generate topology options), read from --edges FILE, or replaced by a "
          + "degree distribution, --degree-distribution power-law (the paper's N(k)) or empirical "
          + "(--degrees FILE with columns degree,devices), for the closed form only. --max-cost-grid adds the curve "
          + "V against C (curve.csv, curve.png). Writes <out>/summary.json and rows of the theory "
          + "table.",
      GenerateJob.concat(GRAPH.options(), OptionSpec.of(MAX_COST, MAX_COST_GRID, TRIALS,
          PARTITIONS, OUT, OVERWRITE)),
      List.of("jobs/foglab theory offloading-value --topology scale-free --devices 100000 --attach 2 --trials 20 --out out/v5",
          "jobs/foglab theory offloading-value --edges my-graph.csv --max-cost 2 --out out/v5-mine",
          "jobs/foglab theory offloading-value --degree-distribution power-law --gamma 2.5 --max-degree 1000000 --out out/v5-law",
          "jobs/foglab theory offloading-value --degree-distribution empirical --degrees counts.csv --out out/v5-counts",
          "jobs/foglab theory offloading-value --devices 20000 --max-cost-grid 0.5,1,2,4,8 --out out/v5-curve"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    Settings s = root.at("theory.offloading-value");
    TheoryGraph.Source source = TheoryGraph.read(root, s, GRAPH);
    return new Config(source, root.get(MAX_COST), TheorySettings.array(root.get(MAX_COST_GRID)),
        root.get(TRIALS), root.get(PARTITIONS), root.get(org.foglab.config.CoreSettings.SEED),
        TheorySettings.Target.read(root, OUT, OVERWRITE, List.of(GRAPH.edges, GRAPH.degrees)));
  }

  @Override
  public void run(Config config, JobContext ctx) throws Exception {
    Progress progress = ctx.progress();
    try (TheoryOutput out = TheoryOutput.open(ctx, NAME, config.target(), true)) {
      long t0 = System.nanoTime();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("theorem", "Theorem 5 (value of offloading)");
      summary.put("network", config.source().describe());
      summary.put("max_cost", config.maxCost());
      Curve curve;
      if (!config.source().isNetwork()) {
        DegreeDistribution law = config.source().isPowerLaw() ? config.source().powerLaw()
            : TheoryGraph.readDegrees(config.source().degreesFile());
        progress.say("closed form over the " + config.source().describe());
        double unit = OffloadingValue.perUnitCost(law);
        summary.put("closed_form", config.maxCost() * unit);
        summary.put("value_per_unit_cost", unit);
        summary.put("monte_carlo", null);
        summary.put("monte_carlo_ci95", null);
        if (law instanceof DegreeDistribution.Empirical e) {
          summary.put("devices", e.totalWeight());
          summary.put("max_degree", e.maxDegree());
          summary.put("mean_degree", meanDegree(e));
        } else {
          DegreeDistribution.PowerLaw p = (DegreeDistribution.PowerLaw) law;
          summary.put("devices", null);
          summary.put("max_degree", p.maxDegree() == org.foglab.theory.PowerSums.INFINITE
              ? null : p.maxDegree());
          summary.put("gamma", p.gamma());
          summary.put("decay_exponent", p.decay());
        }
        curve = new Curve(config.grid(), unit, null);
      } else {
        SparkOffloadingValue.Scan scan = monteCarlo(config, ctx);
        double unit = OffloadingValue.perUnitCost(scan.degrees());
        MonteCarloEstimate mc = scan.estimate(config.maxCost(), 0, config.trials());
        double cf = config.maxCost() * unit;
        summary.put("closed_form", cf);
        summary.put("value_per_unit_cost", unit);
        summary.put("monte_carlo", mc.mean());
        summary.put("monte_carlo_ci95", List.of(mc.ci95Low(), mc.ci95High()));
        summary.put("monte_carlo_standard_error", mc.standardError());
        summary.put("closed_form_in_ci95", mc.covers(cf));
        summary.put("relative_difference", TheorySettings.relative(mc.mean(), cf));
        summary.put("devices", scan.devices());
        summary.put("max_degree", scan.degrees().maxDegree());
        summary.put("mean_degree", meanDegree(scan.degrees()));
        summary.put("trials", config.trials());
        curve = new Curve(config.grid(), unit, scan);
      }
      summary.put("seconds", (System.nanoTime() - t0) / 1e9);
      out.rows().scalars(null, null, summary);
      if (config.grid().length > 0) {
        summary.put("curve", curve.write(out, config, ctx));
      }
      String table = out.finish(summary);
      ctx.out().print(describe(summary, config, out.where(), table, ctx.run().runId()));
    }
  }

  /** One Spark pass: the network's links, then the scan with every trial of every cost range. */
  private static SparkOffloadingValue.Scan monteCarlo(Config config, JobContext ctx) {
    Progress progress = ctx.progress();
    DistributedTraceGenerator.Tables t = DistributedTraceGenerator.generate(ctx.spark(),
        config.source().trace(), config.partitions());
    int trials = config.trials() * (1 + config.grid().length);
    progress.say(String.format(Locale.ROOT, "Monte Carlo over the %s: %d trials in one Spark pass "
        + "over its links", config.source().describe(), trials));
    // Costs are keyed like the trace's draws: a generated device's index, an edge-file id's key.
    Dataset<Row> links = t.pairs().select(col("src_key").as("src"), col("dst_key").as("dst"));
    SparkOffloadingValue mc = SparkOffloadingValue.of(
        new OffloadingValue.Options(1.0, trials, config.seed())).totalDevices(t.devicesCount());
    if (config.partitions() > 0) {
      mc.partitions(config.partitions());
    }
    SparkOffloadingValue.Scan scan;
    ctx.spark().sparkContext().setJobDescription("theory offloading-value: Monte Carlo scan");
    try {
      scan = mc.scan(links);
    } finally {
      ctx.spark().sparkContext().setJobDescription(null);
      // Edge files are cached by the generator; release them.
      t.pairs().unpersist();
      t.deviceKeys().unpersist();
    }
    progress.say(String.format(Locale.ROOT, "scanned %d devices, max degree %d",
        scan.devices(), scan.degrees().maxDegree()));
    return scan;
  }

  private static double meanDegree(DegreeDistribution.Empirical d) {
    long[] k = d.degrees();
    double[] w = d.weights();
    double sum = 0;
    double n = 0;
    for (int i = 0; i < k.length; i++) {
      sum += k[i] * w[i];
      n += w[i];
    }
    return sum / n;
  }

  /** The value against the cost range: closed form, and a Monte Carlo point per C if a scan. */
  private record Curve(double[] grid, double unit, SparkOffloadingValue.Scan scan) {
    List<Map<String, Object>> write(TheoryOutput out, Config config, JobContext ctx)
        throws Exception {
      List<Map<String, Object>> points = new ArrayList<>();
      List<List<Object>> csv = new ArrayList<>();
      // V(0) = 0: the line starts at the origin, showing the exact proportionality.
      List<OffloadingValue.Point> line = new ArrayList<>(List.of(new OffloadingValue.Point(0, 0)));
      List<OffloadingValueChart.Estimate> dots = new ArrayList<>();
      int t = config.trials();
      for (int p = 0; p < grid.length; p++) {
        double c = grid[p];
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_cost", c);
        m.put("closed_form", c * unit);
        line.add(new OffloadingValue.Point(c, c * unit));
        out.rows().metric("max_cost", c, "closed_form", c * unit);
        if (scan != null) {
          MonteCarloEstimate mc = scan.estimate(c, (p + 1) * t, (p + 2) * t);
          m.put("monte_carlo", mc.mean());
          m.put("monte_carlo_ci95", List.of(mc.ci95Low(), mc.ci95High()));
          m.put("closed_form_in_ci95", mc.covers(c * unit));
          out.rows().estimate("max_cost", c, "monte_carlo", mc.mean(), mc.ci95Low(), mc.ci95High());
          dots.add(new OffloadingValueChart.Estimate(c, mc));
          csv.add(List.of(c, c * unit, mc.mean(), mc.ci95Low(), mc.ci95High(), t));
        } else {
          csv.add(java.util.Arrays.asList(c, c * unit, null, null, null, null));
        }
        points.add(m);
      }
      out.writeCsv("curve.csv", List.of("max_cost", "closed_form", "monte_carlo", "ci95_low",
          "ci95_high", "trials"), csv);
      line.sort((a, b) -> Double.compare(a.costRange(), b.costRange()));
      try (OutputStream png = out.create("curve.png")) {
        OffloadingValueChart.write(png, "Value of offloading (Theorem 5): "
            + config.source().describe(), line, dots, 900, 560);
      }
      ctx.progress().say("curve of " + grid.length + " cost ranges written (curve.csv, curve.png)");
      return points;
    }
  }

  static String describe(Map<String, Object> s, Config config, String where, String table,
      String runId) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Theorem 5, value of offloading on a %s, costs U(0, %s):%n",
        config.source().describe(), Settings.fmt(config.maxCost())));
    b.append(String.format(Locale.ROOT, "  closed form  %.6g  (%.6g per unit of C)%n",
        (Double) s.get("closed_form"), (Double) s.get("value_per_unit_cost")));
    if (s.get("monte_carlo") != null) {
      @SuppressWarnings("unchecked")
      List<Double> ci = (List<Double>) s.get("monte_carlo_ci95");
      b.append(String.format(Locale.ROOT,
          "  Monte Carlo  %.6g  (95%% CI %.6g .. %.6g over %d trials): the closed form is %s the interval%n",
          (Double) s.get("monte_carlo"), ci.get(0), ci.get(1), config.trials(),
          Boolean.TRUE.equals(s.get("closed_form_in_ci95")) ? "inside" : "OUTSIDE"));
    }
    if (s.get("devices") != null) {
      b.append(String.format(Locale.ROOT, "  %s devices, max degree %d%n",
          Settings.fmt(((Number) s.get("devices")).doubleValue()), (Long) s.get("max_degree")));
    }
    if (config.grid().length > 0) {
      b.append("  curve over ").append(config.grid().length).append(" cost ranges: curve.csv, curve.png\n");
    }
    b.append("results in ").append(where).append(" and table ").append(table).append(" (run ")
        .append(runId).append(")\n");
    return b.toString();
  }
}
