package org.foglab.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.fpl.FplBenchmark;
import org.foglab.tables.Json;

/**
 * {@code bench fpl}: samples per second of flexible parallel learning (seed 004) against one
 * process fitting the same CNN on the concatenated views ({@link FplBenchmark}).
 */
public final class BenchFplJob implements Job<BenchFplJob.Config> {
  private static final String B = "foglab.bench.fpl.";

  /**
   * @param options the benchmark
   * @param workDir where bench.json goes
   */
  public record Config(FplBenchmark.Options options, String workDir) {}

  /** Declarations of {@code foglab.bench.fpl.*}. */
  static final Setting<Integer> SOURCES =
      Setting.integer(B + "sources", 2, 1000).option("sources", "S");
  static final Setting<Integer> SAMPLES =
      Setting.integer(B + "samples", 1, 10_000_000).option("samples", "N");
  static final Setting<Integer> BATCH_SIZE =
      Setting.integer(B + "batch-size", 1, 100_000).option("batch-size", "B");
  static final Setting<String> JUNCTION_BEFORE =
      Setting.string(B + "junction-before").option("junction-before", "LAYER");
  static final Setting<Boolean> LEAF =
      Setting.bool(B + "leaf").option("leaf");
  static final Setting<Integer> REPEATS =
      Setting.integer(B + "repeats", 1, 100).option("repeats", "R");
  static final Setting<String> WORK_DIR =
      Setting.string(B + "work-dir").option("work-dir", "DIR");

  private static final CommandSpec SPEC = new CommandSpec("bench fpl",
      "Benchmark flexible parallel learning against one fit on the concatenated views.",
      "Trains FPL (the CNN's layers before --junction-before replicated for --sources sources, "
          + "the junction and the rest) on --samples seeded multi-view samples in batches of "
          + "--batch-size, then one DL4J network with one input channel per view fits the same "
          + "batches; both plain SGD, both in the benchmark thread. Reports multi-view samples "
          + "per wall second of each and their ratio (and by the thread's CPU time). --leaf "
          + "false uses the "
          + "small CNN. Writes <work-dir>/bench.json.",
      List.of(
          OptionSpec.of(SOURCES),
          OptionSpec.of(SAMPLES),
          OptionSpec.of(BATCH_SIZE),
          OptionSpec.of(JUNCTION_BEFORE),
          OptionSpec.of(LEAF),
          OptionSpec.of(REPEATS),
          OptionSpec.of(org.foglab.config.CoreSettings.SEED),
          OptionSpec.of(WORK_DIR)),
      List.of("jobs/foglab bench fpl", "jobs/foglab bench fpl --junction-before F2 --samples 640"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    ModelConfig model = root.get(LEAF) ? ModelConfig.leafCnn() : ModelConfig.mnistCnn();
    try {
      return new Config(new FplBenchmark.Options(model, root.get(SOURCES),
          root.get(JUNCTION_BEFORE), root.get(SAMPLES),
          root.get(BATCH_SIZE), root.get(REPEATS),
          root.get(org.foglab.config.CoreSettings.SEED)), OutputDirectory.workDir(root.get(WORK_DIR)));
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, e.getMessage());
    }
  }

  @Override
  public void run(Config config, JobContext ctx) throws Exception {
    FplBenchmark.Options o = config.options();
    ctx.progress().say(String.format(Locale.ROOT, "%d sources, %d samples in batches of %d, "
        + "junction before %s", o.sources(), o.samples(), o.batch(), o.junctionBefore()));
    FplBenchmark.Result r;
    try {
      r = FplBenchmark.run(o);
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, e.getMessage());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sources", o.sources());
    m.put("samples", o.samples());
    m.put("batch_size", o.batch());
    m.put("junction_before", o.junctionBefore());
    m.put("model", o.model().denseUnits() == 2048 ? "leaf-cnn" : "cnn");
    m.put("rates_by", "wall_seconds");
    m.put("fpl_samples_per_second", r.fplSamplesPerSecond());
    m.put("fit_samples_per_second", r.fitSamplesPerSecond());
    m.put("fpl_over_fit", r.ratio());
    m.put("fpl_wall_seconds", r.fpl().wallSeconds());
    m.put("fit_wall_seconds", r.fit().wallSeconds());
    m.put("fpl_cpu_seconds", r.fpl().cpuSeconds());
    m.put("fit_cpu_seconds", r.fit().cpuSeconds());
    m.put("cpu_fpl_over_fit", r.cpuRatio());
    m.put("fpl_parameters", r.fplParameters());
    m.put("fit_parameters", r.fitParameters());
    m.put("load_average", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage());
    m.put("run_id", ctx.run().runId());
    m.put("git_commit", ctx.run().gitCommit());
    Path dir = Path.of(config.workDir());
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("bench.json"), Json.write(m));
    ctx.out().println(r.summary());
    ctx.out().printf(Locale.ROOT, "parameters: fpl %,d, fit %,d; results in %s%n",
        r.fplParameters(), r.fitParameters(), dir.resolve("bench.json"));
  }
}
