package org.foglab.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.Settings;
import org.foglab.learning.Architecture;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.federated.DeviceExecutor;
import org.foglab.learning.federated.FederatedBenchmark;
import org.foglab.learning.federated.ParameterAveragingBaseline;
import org.foglab.learning.federated.SparkDeviceExecutor;
import org.foglab.tables.Json;

/**
 * {@code bench federated}: training throughput of federated learning (samples per second over
 * all devices) against one plain DL4J {@code fit} over the same samples, batches and model in one
 * process ({@link FederatedBenchmark}); the issue's target is at least 60% of that throughput, for
 * 100 devices, and a 1,000-device run besides.
 */
public final class BenchFederatedJob implements Job<BenchFederatedJob.Config> {
  private static final String B = "foglab.bench.federated.";

  /** The issue's target: federated throughput at least this fraction of plain {@code fit}'s. */
  static final double TARGET_RATIO = 0.6;

  /**
   * @param runs the benchmark scenarios, in order
   * @param executor where the federated devices train
   * @param partitions Spark partitions of the devices (0 = default parallelism)
   * @param workDir where bench.json goes
   */
  public record Config(List<FederatedBenchmark.Options> runs, TrainJob.Executor executor,
      int partitions, String workDir) {}

  private static final CommandSpec SPEC = new CommandSpec("bench federated",
      "Benchmark federated training throughput against one plain DL4J fit.",
      "Trains the MNIST-shaped MLP (784-200-10, or --model cnn) by federated learning on "
          + "synthetic 28x28 data: --devices devices over --slots slots, up to --max-per-slot "
          + "samples per device-slot, aggregation every --tau slots, each device one step per "
          + "slot on what it processes (keep-all plan, or the closed-form plan with --plan "
          + "closed-form). Then runs one DL4J model's fit() and a plain equation-(3) step over "
          + "exactly the same batches in the same order, and reports samples per second of each "
          + "and the ratios (target: federated at least 60% of fit). Rates and ratios are by wall "
          + "time (Spark scheduling and aggregation included); the ratio by the benchmark "
          + "thread's CPU time is reported beside them. The second scenario (--large-devices over "
          + "--large-slots; 0 skips it) shows the scaling to 1,000 devices. With --executor spark, "
          + "DL4J Spark's parameter averaging (SparkDl4jMultiLayer with "
          + "ParameterAveragingTrainingMaster, as many workers as partitions, averaging every "
          + "--tau minibatches) trains the same model on the same samples too, and the wall-clock "
          + "samples per second of all three are compared. Writes <work-dir>/bench.json.",
      List.of(
          OptionSpec.integer("devices", B + "devices", "N", "devices of the main scenario"),
          OptionSpec.integer("slots", B + "slots", "T", "slots of the main scenario"),
          OptionSpec.integer("large-devices", B + "large-devices", "N",
              "devices of the second scenario (0 = skip it)"),
          OptionSpec.integer("large-slots", B + "large-slots", "T", "slots of the second scenario"),
          OptionSpec.integer("tau", B + "tau", "TAU", "aggregation period"),
          OptionSpec.integer("max-per-slot", B + "max-per-slot", "N",
              "largest |D_i(t)|: counts uniform on 0..N"),
          OptionSpec.choice("model", B + "model", Architecture.class, "classifier"),
          OptionSpec.choice("plan", B + "plan", PlanChoice.class, "data-movement plan"),
          OptionSpec.integer("repeats", B + "repeats", "R", "repetitions; the best time is kept"),
          OptionSpec.choice("executor", B + "executor", TrainJob.Executor.class,
              "where federated devices train"),
          OptionSpec.integer("partitions", B + "partitions", "P",
              "Spark partitions (executor spark); 0 = default parallelism"),
          OptionSpec.longInt("seed", "foglab.seed", "S", "root seed"),
          OptionSpec.string("work-dir", B + "work-dir", "DIR", "where bench.json goes")),
      List.of("jobs/foglab bench federated",
          "jobs/foglab bench federated --large-devices 0 --plan closed-form",
          "jobs/foglab bench federated --executor spark --master local[2]"),
      null);

  /** The plan choices of the benchmark. */
  public enum PlanChoice implements org.foglab.config.Choice {
    KEEP_ALL, CLOSED_FORM;

    @Override
    public String configName() {
      return org.foglab.config.Choice.nameOf(this);
    }

    FederatedBenchmark.PlanKind kind() {
      return this == KEEP_ALL ? FederatedBenchmark.PlanKind.KEEP_ALL
          : FederatedBenchmark.PlanKind.CLOSED_FORM;
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    Settings b = root.at("bench.federated");
    int tau = b.intValue("tau", 1, 1_000_000);
    int max = b.intValue("max-per-slot", 1, 1_000_000);
    ModelConfig model = b.choice("model", Architecture.class) == Architecture.CNN
        ? ModelConfig.mnistCnn() : ModelConfig.mnistMlp();
    FederatedBenchmark.PlanKind plan = b.choice("plan", PlanChoice.class).kind();
    int repeats = b.intValue("repeats", 1, 100);
    long seed = root.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE);
    List<FederatedBenchmark.Options> runs = new ArrayList<>();
    runs.add(new FederatedBenchmark.Options(b.intValue("devices", 1, 1_000_000),
        b.intValue("slots", 1, 1_000_000), tau, max, model, plan, repeats, seed));
    int large = b.intValue("large-devices", 0, 1_000_000);
    if (large > 0) {
      runs.add(new FederatedBenchmark.Options(large, b.intValue("large-slots", 1, 1_000_000), tau,
          max, model, plan, repeats, seed));
    }
    return new Config(runs, b.choice("executor", TrainJob.Executor.class),
        b.intValue("partitions", 0, 1_000_000), OutputDirectory.workDir(b.string("work-dir")));
  }

  @Override
  public void run(Config config, JobContext ctx) throws Exception {
    DeviceExecutor executor;
    String name;
    JavaSparkContext jsc = null;
    int p = 0;
    if (config.executor() == TrainJob.Executor.SPARK) {
      jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
      p = config.partitions() > 0 ? config.partitions() : jsc.defaultParallelism();
      executor = new SparkDeviceExecutor(jsc, p);
      name = "spark(" + jsc.master() + ", " + p + " partitions)";
    } else {
      executor = DeviceExecutor.local();
      name = "local";
    }
    List<Map<String, Object>> results = new ArrayList<>();
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%8s %6s %4s %-11s %10s %12s %12s %12s %10s %10s %10s%n", "devices", "slots", "tau",
        "plan", "samples", "fed samp/s", "fit samp/s", "step samp/s", "fed/fit", "fed/step",
        "cpu f/f"));
    StringBuilder pavgLines = new StringBuilder();
    for (FederatedBenchmark.Options o : config.runs()) {
      ctx.progress().say(String.format(Locale.ROOT, "%d devices x %d slots (%s, %d repeat(s))",
          o.devices(), o.slots(), o.plan(), o.repeats()));
      // On Spark, DL4J Spark's parameter averaging on as many workers is the third baseline.
      FederatedBenchmark.Result r = FederatedBenchmark.run(o, executor, name, jsc, p);
      ctx.progress().say(r.summary());
      // Rates by wall time: what a user waits for, Spark scheduling and aggregation included
      // (one thread's CPU time hides them). The CPU-time ratio stays beside it in the JSON.
      double fed = r.samples() / r.federated().wallSeconds();
      double fit = r.samples() / r.fit().wallSeconds();
      double step = r.samples() / r.step().wallSeconds();
      table.append(String.format(Locale.ROOT, "%8d %6d %4d %-11s %10d %12.0f %12.0f %12.0f %10.2f "
          + "%10.2f %10.2f%n", o.devices(), o.slots(), o.tau(), o.plan().name().toLowerCase(
              Locale.ROOT), r.samples(), fed, fit, step, fed / fit, fed / step,
          r.ratioToFit()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("devices", o.devices());
      m.put("slots", o.slots());
      m.put("tau", o.tau());
      m.put("plan", o.plan().name().toLowerCase(Locale.ROOT));
      m.put("model", o.model().architecture().configName());
      m.put("executor", name);
      m.put("rates_by", "wall_seconds");
      m.put("steps", r.steps());
      m.put("samples", r.samples());
      m.put("federated_samples_per_second", fed);
      m.put("fit_samples_per_second", fit);
      m.put("step_samples_per_second", step);
      m.put("federated_over_fit", fed / fit);
      m.put("federated_over_step", fed / step);
      m.put("cpu_federated_over_fit", r.ratioToFit());
      m.put("federated_wall_seconds", r.federated().wallSeconds());
      m.put("fit_wall_seconds", r.fit().wallSeconds());
      m.put("meets_target", fed / fit >= TARGET_RATIO);
      if (r.parameterAveraging() != null) {
        // Wall-clock samples per second of all three on the same samples and model.
        ParameterAveragingBaseline.Result pa = r.parameterAveraging();
        double pavg = pa.samples() / pa.wallSeconds();
        m.put("dl4j_parameter_averaging_samples_per_second", pavg);
        m.put("dl4j_parameter_averaging_wall_seconds", pa.wallSeconds());
        m.put("dl4j_parameter_averaging_workers", pa.workers());
        m.put("dl4j_parameter_averaging_batch_size", pa.batchSize());
        m.put("federated_over_parameter_averaging", fed / pavg);
        pavgLines.append(String.format(Locale.ROOT, "%8d %6d %14.0f %14.0f %14.0f %10.2f%n",
            o.devices(), o.slots(), fed, fit, pavg, fed / pavg));
      }
      results.add(m);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("target_federated_over_fit", TARGET_RATIO);
    json.put("runs", results);
    json.put("load_average", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage());
    json.put("run_id", ctx.run().runId());
    json.put("git_commit", ctx.run().gitCommit());
    java.nio.file.Path dir = java.nio.file.Path.of(config.workDir());
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("bench.json"), Json.write(json));
    ctx.out().print(table);
    if (pavgLines.length() > 0) {
      ctx.out().printf(Locale.ROOT, "%nwall-clock samples/s against DL4J Spark's parameter "
          + "averaging (SparkDl4jMultiLayer, %d workers, averaging every tau minibatches):%n", p);
      ctx.out().printf(Locale.ROOT, "%8s %6s %14s %14s %14s %10s%n", "devices", "slots",
          "federated", "fit", "dl4j-spark", "fed/dl4j");
      ctx.out().print(pavgLines);
    }
    ctx.out().printf(Locale.ROOT, "target: federated at least %.0f%% of fit's throughput; "
        + "results in %s%n", 100 * TARGET_RATIO, dir.resolve("bench.json"));
  }
}
