package org.foglab.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.Choice;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.cost.StragglerCapacity;
import org.foglab.theory.DM1QueueSimulation;
import org.foglab.theory.MonteCarloEstimate;

/**
 * {@code theory capacity}: Theorem 2 of Tu et al. (INFOCOM 2020), the capacity {@code C_i} of a
 * device with exponential straggling (service rate {@code mu_i}) that keeps the mean wait of a
 * datapoint at {@code sigma} slots ({@link StragglerCapacity}), optionally checked by a
 * discrete-event simulation of the D/M/1 queue at that capacity ({@link DM1QueueSimulation}).
 */
public final class TheoryCapacityJob implements Job<TheoryCapacityJob.Config> {
  static final String NAME = "theory capacity";
  private static final String P = "foglab.theory.capacity.";

  /** Which delay sigma bounds. */
  enum Wait implements Choice {
    /** Wait before service starts (the paper's). */
    QUEUE,
    /** Wait plus the datapoint's own service. */
    SOJOURN;

    @Override
    public String configName() {
      return Choice.nameOf(this);
    }

    StragglerCapacity.WaitMeasure measure() {
      return this == QUEUE ? StragglerCapacity.WaitMeasure.QUEUE : StragglerCapacity.WaitMeasure.SOJOURN;
    }
  }

  /**
   * @param mu service rates, datapoints per slot (one result each)
   * @param sigma mean delay bound, slots
   * @param waitMeasure which delay is bounded
   * @param simulate whether to simulate each queue
   * @param customers customers averaged per replication
   * @param warmup customers discarded per replication
   * @param replications independent replications
   * @param seed root seed
   * @param target output directory and table
   */
  public record Config(double[] mu, double sigma, Wait waitMeasure, boolean simulate, int customers,
      int warmup, int replications, long seed, TheorySettings.Target target) {
    public Config {
      MU.check(java.util.Arrays.stream(mu).boxed().toList());
      SIGMA.check(sigma);
      WAIT.check(waitMeasure);
      CUSTOMERS.check(customers);
      WARMUP.check(warmup);
      REPLICATIONS.check(replications);
    }
  }

  /** Declarations of {@code foglab.theory.capacity.*}. */
  static final Setting<List<Double>> MU = TheorySettings.positiveList(P + "mu")
      .require(l -> !l.isEmpty(), l -> "needs at least one service rate, e.g. 1 or 0.5,1,2")
      .require(l -> l.size() <= 10_000,
          l -> "must list at most 10000 service rates, got " + l.size())
      .option("mu", "MU1,MU2,..");
  static final Setting<Double> SIGMA = TheorySettings.positive(P + "sigma").option("sigma", "S");
  static final Setting<Wait> WAIT = Setting.choice(P + "wait", Wait.class).option("wait");
  static final Setting<Boolean> SIMULATE = Setting.bool(P + "simulate").option("simulate");
  static final Setting<Integer> CUSTOMERS =
      Setting.integer(P + "customers", 1, 100_000_000).option("customers", "N");
  static final Setting<Integer> WARMUP =
      Setting.integer(P + "warmup", 0, 100_000_000).option("warmup", "N");
  static final Setting<Integer> REPLICATIONS =
      Setting.integer(P + "replications", 2, 100_000).option("replications", "R");
  static final Setting<String> OUT = Setting.string(P + "out").option("out", "DIR");
  static final Setting<Boolean> OVERWRITE = Setting.bool(P + "overwrite").option("overwrite");

  private static final CommandSpec SPEC = new CommandSpec(NAME,
      "Theorem 2: straggler-aware capacity C_i from mu_i and sigma, checked by simulation.",
      "Computes Theorem 2's capacity (Tu et al.): datapoints arrive at a device C per slot, each "
          + "served in an Exp(mu) time (a D/M/1 queue); C_i is the largest rate whose mean wait is "
          + "sigma slots, C = -mu (1 - phi) / ln(phi) with phi = sigma mu / (1 + sigma mu) for the "
          + "wait in queue (the paper's reading) or phi = 1 - 1/(sigma mu) for the time in system. "
          + "With --simulate true each queue is simulated event by event at its capacity and the "
          + "mean wait is reported with a 95% interval over replications (it should cover sigma). "
          + "Writes <out>/summary.json, <out>/capacities.csv and rows of the theory table (one "
          + "series point per mu).",
      OptionSpec.of(MU, SIGMA, WAIT, SIMULATE, CUSTOMERS, WARMUP, REPLICATIONS,
          org.foglab.config.CoreSettings.SEED, OUT, OVERWRITE),
      List.of("jobs/foglab theory capacity --mu 0.5,1,2,5 --sigma 1 --out out/t2",
          "jobs/foglab theory capacity --mu 3 --sigma 2 --wait sojourn --out out/t2-sojourn"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    return new Config(TheorySettings.array(root.get(MU)), root.get(SIGMA), root.get(WAIT),
        root.get(SIMULATE), root.get(CUSTOMERS), root.get(WARMUP), root.get(REPLICATIONS),
        root.get(org.foglab.config.CoreSettings.SEED),
        TheorySettings.Target.read(root, OUT, OVERWRITE, List.of()));
  }

  @Override
  public void run(Config config, JobContext ctx) {
    try (TheoryOutput out = TheoryOutput.open(ctx, NAME, config.target(), true)) {
      long t0 = System.nanoTime();
      List<Map<String, Object>> results = new ArrayList<>();
      List<List<Object>> csv = new ArrayList<>();
      for (double mu : config.mu()) {
        StragglerCapacity.Result r = StragglerCapacity.solve(mu, config.sigma(), config.waitMeasure().measure());
        Map<String, Object> m = new LinkedHashMap<>(r.summary());
        MonteCarloEstimate w = null;
        if (config.simulate() && r.capacity() > 0 && r.capacity() < mu) {
          ctx.progress().say(String.format(Locale.ROOT, "simulating mu %s at capacity %.6g",
              Settings.fmt(mu), r.capacity()));
          DM1QueueSimulation.Result sim = DM1QueueSimulation.run(new DM1QueueSimulation.Options(
              mu, r.capacity(), config.warmup(), config.customers(), config.replications(),
              config.seed()));
          w = config.waitMeasure() == Wait.QUEUE ? sim.queueWait() : sim.sojourn();
          m.put("simulated_wait", w.mean());
          m.put("simulated_wait_ci95", List.of(w.ci95Low(), w.ci95High()));
          m.put("sigma_in_ci95", w.covers(config.sigma()));
          m.put("simulated_busy", sim.busyOnArrival().mean());
          m.put("simulated_busy_ci95", List.of(sim.busyOnArrival().ci95Low(),
              sim.busyOnArrival().ci95High()));
        }
        out.rows().scalars("mu", mu, m);
        results.add(m);
        csv.add(java.util.Arrays.asList(mu, r.capacity(), r.phi(), r.utilisation(), r.meanWait(),
            w == null ? null : w.mean(), w == null ? null : w.ci95Low(),
            w == null ? null : w.ci95High()));
      }
      out.writeCsv("capacities.csv", List.of("mu", "capacity", "phi", "utilisation", "mean_wait",
          "simulated_wait", "ci95_low", "ci95_high"), csv);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("theorem", "Theorem 2 (straggler-aware capacity)");
      summary.put("sigma", config.sigma());
      summary.put("wait_measure", config.waitMeasure().configName());
      summary.put("results", results);
      summary.put("seconds", (System.nanoTime() - t0) / 1e9);
      out.rows().metric("seconds", (Double) summary.get("seconds"));
      String table = out.finish(summary);
      ctx.out().print(describe(results, config, out.where(), table, ctx.run().runId()));
    }
  }

  static String describe(List<Map<String, Object>> results, Config config, String where,
      String table, String runId) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Theorem 2, capacity keeping the mean %s at sigma = %s slots:%n",
        config.waitMeasure() == Wait.QUEUE ? "wait in queue" : "time in system", Settings.fmt(config.sigma())));
    b.append(String.format(Locale.ROOT, "  %10s %12s %10s %12s %12s  %s%n", "mu", "capacity",
        "phi", "utilisation", "mean wait", "simulated wait (95% CI)"));
    for (Map<String, Object> m : results) {
      String sim = "";
      if (m.containsKey("simulated_wait")) {
        @SuppressWarnings("unchecked")
        List<Double> ci = (List<Double>) m.get("simulated_wait_ci95");
        sim = String.format(Locale.ROOT, "%.5g (%.5g .. %.5g)%s", (Double) m.get("simulated_wait"),
            ci.get(0), ci.get(1), Boolean.TRUE.equals(m.get("sigma_in_ci95")) ? "" : "  sigma outside");
      } else if (config.simulate()) {
        sim = "not simulated (capacity 0)";
      }
      b.append(String.format(Locale.ROOT, "  %10.5g %12.6g %10.5g %12.5g %12.5g  %s%n",
          (Double) m.get("mu"), (Double) m.get("capacity"), (Double) m.get("phi"),
          (Double) m.get("utilisation"), (Double) m.get("mean_wait"), sim));
    }
    b.append("results in ").append(where).append(" and table ").append(table).append(" (run ")
        .append(runId).append(")\n");
    return b.toString();
  }
}
