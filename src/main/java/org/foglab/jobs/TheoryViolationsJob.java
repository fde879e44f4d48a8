package org.foglab.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.foglab.InputError;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.Choice;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.network.EdgeList;
import org.foglab.network.Topology;
import org.foglab.network.TraceGenerator;
import org.foglab.theory.CapacityDistribution;
import org.foglab.theory.DegreeDistribution.Empirical;
import org.foglab.theory.ExpectedViolations;
import org.foglab.theory.MonteCarloEstimate;
import org.foglab.theory.NeighbourDegrees;
import org.foglab.theory.SimpleGraph;

/**
 * {@code theory violations}: Theorem 6 of Tu et al. (INFOCOM 2020), the expected number of
 * devices whose capacity is exceeded when every device offloads as in Theorem 3 (costs
 * {@code U(0, C)}, free links, data {@code D} per device, capacities i.i.d. from a chosen law).
 * Reports side by side the paper's (16), the correct per-device computation, the degree-only
 * local-tree approximation and a simulation ({@link ExpectedViolations}). The network is held in
 * memory ({@link SimpleGraph}); a power-law degree law gives (16) and the degree-only
 * approximation with the uncorrelated neighbour law, which need no graph.
 */
public final class TheoryViolationsJob implements Job<TheoryViolationsJob.Config> {
  static final String NAME = "theory violations";
  private static final String P = "foglab.theory.violations.";

  /** Capacity laws of {@link CapacityDistribution}. */
  enum CapacityLaw implements Choice {
    UNIFORM, EXPONENTIAL, POINT, STRAGGLER;

    @Override
    public String configName() {
      return Choice.nameOf(this);
    }
  }

  /**
   * @param source the network or power law
   * @param devices devices the power law's counts are scaled to (unused for a network)
   * @param options data per device and capacity law
   * @param capacity the capacity law in words
   * @param trials simulation trials
   * @param workLimit per-device work limit of the exact law
   * @param seed root seed
   * @param target output directory and table
   */
  public record Config(TheoryGraph.Source source, int devices, ExpectedViolations.Options options,
      String capacity, int trials, long workLimit, long seed, TheorySettings.Target target) {
    public Config {
      GRAPH.devices.check(devices);
      TRIALS.check(trials);
      WORK_LIMIT.check(workLimit);
    }
  }

  /** Declarations of {@code foglab.theory.violations.*}. */
  static final TheoryGraph.Keys GRAPH = new TheoryGraph.Keys(P);
  static final Setting<Double> DATA = TheorySettings.positive(P + "data").option("data", "D");
  static final Setting<CapacityLaw> CAPACITY =
      Setting.choice(P + "capacity", CapacityLaw.class).option("capacity");
  static final Setting<Double> CAPACITY_LOW =
      TheorySettings.nonNegative(P + "capacity-low").option("capacity-low", "X");
  static final Setting<Double> CAPACITY_HIGH =
      TheorySettings.positive(P + "capacity-high").option("capacity-high", "X");
  static final Setting<Double> CAPACITY_MEAN =
      TheorySettings.positive(P + "capacity-mean").option("capacity-mean", "X");
  static final Setting<Double> CAPACITY_VALUE =
      TheorySettings.nonNegative(P + "capacity-value").option("capacity-value", "X");
  static final Setting<Double> MU_LOW = TheorySettings.positive(P + "mu-low").option("mu-low", "X");
  static final Setting<Double> MU_HIGH = TheorySettings.positive(P + "mu-high").option("mu-high", "X");
  static final Setting<Double> SIGMA = TheorySettings.positive(P + "sigma").option("sigma", "S");
  static final Setting<Integer> TRIALS =
      Setting.integer(P + "trials", 2, 100_000_000).option("trials", "N");
  static final Setting<Long> WORK_LIMIT =
      Setting.longInt(P + "work-limit", 0, Long.MAX_VALUE).option("work-limit", "W");
  static final Setting<String> OUT = Setting.string(P + "out").option("out", "DIR");
  static final Setting<Boolean> OVERWRITE = Setting.bool(P + "overwrite").option("overwrite");

  /**
   * Largest power-law degree: the degree-only law's work grows as K^3 (K degrees, each a
   * quadrature of a degree-K^2 polynomial over K neighbour degrees); K = 200 takes about 40 s.
   */
  static final long MAX_POWER_LAW_DEGREE = 300;

  private static final CommandSpec SPEC = new CommandSpec(NAME,
      "Theorem 6: expected capacity violations, paper's (16) vs exact vs simulation.",
      "Computes the expected number of devices whose capacity is exceeded when every device "
          + "sends its data D to the cheapest device of its closed neighbourhood (Tu et al., "
          + "Theorems 3 and 6; costs U(0, C), free links, capacities i.i.d. from --capacity). "
          + "Reports side by side: the paper's (16) with the network's N(k) and p_k(n); the "
          + "correct value from each device's exact load law (shared-neighbour conditioning; past "
          + "--work-limit a device uses the local-tree law and is counted as approximated); the "
          + "degree-only local-tree approximation; and a simulation (--trials draws of costs and "
          + "capacities, with a 95% interval). The network is generated (the generate topology "
          + "options; undirected only), read from --edges FILE, or replaced by a degree "
          + "distribution, --degree-distribution power-law (for --devices devices) or empirical "
          + "(--degrees FILE with columns degree,devices): then (16) and the degree-only law with "
          + "uncorrelated neighbour degrees, and no simulation. Writes <out>/summary.json and rows of the theory table.",
      GenerateJob.concat(GRAPH.options(), OptionSpec.of(DATA, CAPACITY, CAPACITY_LOW,
          CAPACITY_HIGH, CAPACITY_MEAN, CAPACITY_VALUE, MU_LOW, MU_HIGH, SIGMA, TRIALS, WORK_LIMIT,
          OUT, OVERWRITE)),
      List.of("jobs/foglab theory violations --topology scale-free --devices 5000 --attach 2 --out out/v6",
          "jobs/foglab theory violations --edges my-graph.csv --capacity point --capacity-value 2.5 --out out/v6-mine",
          "jobs/foglab theory violations --capacity straggler --mu-low 1 --mu-high 6 --sigma 1 --out out/v6-straggler",
          "jobs/foglab theory violations --degree-distribution power-law --gamma 2.5 --max-degree 200 --devices 100000 --out out/v6-law"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    Settings s = root.at("theory.violations");
    TheoryGraph.Source source = TheoryGraph.read(root, s, GRAPH);
    int devices = root.get(GRAPH.devices);
    if (source.isPowerLaw()) {
      if (source.powerLaw().maxDegree() > MAX_POWER_LAW_DEGREE) {
        throw GRAPH.maxDegree.error("must be between 1 and " + MAX_POWER_LAW_DEGREE
            + " for Theorem 6's power law (its degree-only law sums over every pair of degrees), got "
            + (source.powerLaw().maxDegree() == org.foglab.theory.PowerSums.INFINITE ? "0 (unbounded)"
                : source.powerLaw().maxDegree()));
      }
    } else if (source.isNetwork() && source.trace().network().topology() == Topology.RANDOM) {
      throw GRAPH.topology.error("random generates directed links, and Theorem 6 needs undirected "
          + "ones; choose full, small-world, scale-free, hierarchical or edges");
    }
    double data = root.get(DATA);
    CapacityLaw law = root.get(CAPACITY);
    CapacityDistribution capacity;
    String words;
    switch (law) {
      case UNIFORM: {
        double low = root.get(CAPACITY_LOW);
        double high = root.get(CAPACITY_HIGH);
        if (!(high > low)) {
          throw CAPACITY_HIGH.error("must be above capacity-low (" + Settings.fmt(low)
              + "), got " + Settings.fmt(high));
        }
        capacity = new CapacityDistribution.Uniform(low, high);
        words = "U(" + Settings.fmt(low) + ", " + Settings.fmt(high) + ")";
        break;
      }
      case EXPONENTIAL: {
        double mean = root.get(CAPACITY_MEAN);
        capacity = new CapacityDistribution.Exponential(mean);
        words = "exponential with mean " + Settings.fmt(mean);
        break;
      }
      case POINT: {
        double v = root.get(CAPACITY_VALUE);
        capacity = new CapacityDistribution.PointMass(v);
        words = "every device " + Settings.fmt(v);
        break;
      }
      default: {
        double lo = root.get(MU_LOW);
        double hi = root.get(MU_HIGH);
        if (!(hi > lo)) {
          throw MU_HIGH.error("must be above mu-low (" + Settings.fmt(lo) + "), got "
              + Settings.fmt(hi));
        }
        double sigma = root.get(SIGMA);
        capacity = new CapacityDistribution.Straggler(lo, hi, sigma);
        words = "Theorem 2 capacities for mu ~ U(" + Settings.fmt(lo) + ", " + Settings.fmt(hi)
            + "), sigma " + Settings.fmt(sigma);
        break;
      }
    }
    return new Config(source, devices, new ExpectedViolations.Options(data, capacity), words,
        root.get(TRIALS), root.get(WORK_LIMIT), root.get(org.foglab.config.CoreSettings.SEED),
        TheorySettings.Target.read(root, OUT, OVERWRITE, List.of(GRAPH.edges, GRAPH.degrees)));
  }

  @Override
  public void run(Config config, JobContext ctx) {
    Progress progress = ctx.progress();
    try (TheoryOutput out = TheoryOutput.open(ctx, NAME, config.target(), true)) {
      long t0 = System.nanoTime();
      ExpectedViolations.Options o = config.options();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("theorem", "Theorem 6 (expected capacity violations)");
      summary.put("network", config.source().describe());
      summary.put("capacity", config.capacity());
      summary.put("data", o.data());
      if (!config.source().isNetwork()) {
        Empirical counts;
        if (config.source().isPowerLaw()) {
          counts = config.source().powerLaw().expectedCounts(config.devices());
        } else {
          String file = config.source().degreesFile();
          counts = TheoryGraph.readDegrees(file);
          if (counts.maxDegree() > MAX_POWER_LAW_DEGREE) {
            throw new InputError(file, -1, null, "the largest degree, " + counts.maxDegree()
                + ", is above the " + MAX_POWER_LAW_DEGREE + " that Theorem 6's degree-only law "
                + "handles without a network (its work grows as the cube of the largest degree)");
          }
        }
        NeighbourDegrees p = NeighbourDegrees.uncorrelated(counts);
        progress.say("paper's (16) and the degree-only law for " + Settings.fmt(counts.totalWeight())
            + " devices (uncorrelated neighbour degrees)");
        summary.put("paper_formula", ExpectedViolations.paperFormula(counts, p, o));
        summary.put("exact", null);
        summary.put("degree_approximation", ExpectedViolations.degreeApproximation(counts, p, o));
        summary.put("monte_carlo", null);
        summary.put("devices", counts.totalWeight());
        summary.put("max_degree", counts.maxDegree());
      } else {
        SimpleGraph g = graph(config, progress);
        Empirical counts = Empirical.ofGraph(g);
        NeighbourDegrees p = NeighbourDegrees.ofGraph(g);
        double paper = ExpectedViolations.paperFormula(counts, p, o);
        progress.say("exact per-device load laws (work limit " + config.workLimit() + ")");
        ExpectedViolations.GraphValue exact = ExpectedViolations.localExact(g, o, config.workLimit());
        double degree = ExpectedViolations.degreeApproximation(counts, p, o);
        progress.say("simulating " + config.trials() + " trials");
        ExpectedViolations.Simulation sim = ExpectedViolations.monteCarlo(g, o, config.trials(),
            config.seed());
        var r = new ExpectedViolations.Result(paper, exact.expected(), exact.exactDevices(),
            exact.approximatedDevices(), degree, sim, g.vertices(), g.maxDegree());
        summary.putAll(r.summary());
        // "exact" is exact only if no device fell back to the local-tree law: say which it is.
        summary.put("exact_complete", exact.approximatedDevices() == 0);
        summary.put("exact_label", exact.approximatedDevices() == 0 ? "exact"
            : String.format(Locale.ROOT, "approximate: exact law on %d devices, local-tree law on "
                + "%d past --work-limit %d", exact.exactDevices(), exact.approximatedDevices(),
                config.workLimit()));
        MonteCarloEstimate cond = sim.conditional();
        summary.put("paper_formula_relative_error", TheorySettings.relative(paper, cond.mean()));
        summary.put("exact_relative_error", TheorySettings.relative(exact.expected(), cond.mean()));
        summary.put("exact_in_ci95", cond.covers(exact.expected()));
        summary.put("paper_formula_in_ci95", cond.covers(paper));
        summary.put("trials", config.trials());
      }
      summary.put("seconds", (System.nanoTime() - t0) / 1e9);
      out.rows().scalars(null, null, summary);
      String table = out.finish(summary);
      ctx.out().print(describe(summary, config, out.where(), table, ctx.run().runId()));
    }
  }

  private static SimpleGraph graph(Config config, Progress progress) {
    var net = config.source().trace().network();
    if (net.topology() == Topology.EDGES) {
      progress.say("reading " + net.edges());
      EdgeList edges = EdgeList.read(net.edges(), net.directed());
      try {
        return SimpleGraph.of(edges);
      } catch (IllegalArgumentException e) {
        throw new InputError(net.edges(), -1, null, e.getMessage()
            + " (Theorem 6 needs undirected links: leave --directed false)");
      }
    }
    progress.say("generating the " + config.source().describe() + " in memory");
    return SimpleGraph.of(TraceGenerator.graph(config.source().trace()));
  }

  static String describe(Map<String, Object> s, Config config, String where, String table,
      String runId) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "Theorem 6, expected devices over capacity on a %s; D = %s, capacity %s:%n",
        config.source().describe(), Settings.fmt(config.options().data()), config.capacity()));
    Object mc = s.get("monte_carlo_conditional");
    double ref = mc == null ? Double.NaN : (Double) mc;
    b.append(line("paper's (16)", (Double) s.get("paper_formula"), ref));
    if (s.get("exact") != null) {
      long approximated = (Long) s.get("approximated_devices");
      b.append(line(approximated == 0 ? "exact per-device law" : "per-device law (APPROXIMATE)",
          (Double) s.get("exact"), ref).stripTrailing())
          .append(String.format(Locale.ROOT, "  (%d devices exact, %d local-tree)%n",
              (Long) s.get("exact_devices"), approximated));
      if (approximated > 0) {
        b.append(String.format(Locale.ROOT, "  (not exact: %d of %d devices passed --work-limit %d "
            + "and use the local-tree law; raise --work-limit for an exact value)%n", approximated,
            (Long) s.get("exact_devices") + approximated, config.workLimit()));
      }
    }
    b.append(line("degree-only approximation", (Double) s.get("degree_approximation"), ref));
    if (mc != null) {
      @SuppressWarnings("unchecked")
      List<Double> ci = (List<Double>) s.get("monte_carlo_conditional_ci95");
      b.append(String.format(Locale.ROOT, "  %-27s %12.6g  (95%% CI %.6g .. %.6g, %d trials)%n",
          "simulation", ref, ci.get(0), ci.get(1), config.trials()));
      b.append("  (simulation: violated devices averaged over cost draws given each draw's loads; the\n"
          + "   count with capacities drawn too is monte_carlo in summary.json)\n");
    }
    b.append("results in ").append(where).append(" and table ").append(table).append(" (run ")
        .append(runId).append(")\n");
    return b.toString();
  }

  private static String line(String what, double v, double ref) {
    return Double.isNaN(ref) || ref == 0
        ? String.format(Locale.ROOT, "  %-27s %12.6g%n", what, v)
        : String.format(Locale.ROOT, "  %-27s %12.6g  (%+.2f%% vs simulation)%n", what, v,
            100 * (v - ref) / ref);
  }
}
