package org.foglab.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.foglab.bench.ClosedFormKernelBenchmark;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.GenerateConfig;
import org.foglab.config.OutputSpec;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.config.SolveConfig;
import org.foglab.config.SolveOptions;
import org.foglab.config.CapacitySource;
import org.foglab.config.TraceSpec;
import org.foglab.network.TableFormat;
import org.foglab.tables.Json;

/**
 * {@code bench closed-form}: the Theorem 3 kernel's decisions per second per core, then the
 * end-to-end time of generate + solve for a large scale-free trace on the session's master.
 */
public final class BenchClosedFormJob implements Job<BenchClosedFormJob.Config> {
  private static final String B = "foglab.bench.closed-form.";

  /**
   * @param kernelDeviceSlots device-slots per kernel round and thread
   * @param kernelDegree mean offers per device-slot
   * @param kernelRounds timed rounds
   * @param kernelThreads threads
   * @param trace the end-to-end trace
   * @param format end-to-end table format
   * @param graphStats whether generate computes graph statistics
   * @param workDir where the end-to-end run writes
   * @param kernelOnly skip the end-to-end run
   */
  public record Config(int kernelDeviceSlots, int kernelDegree, int kernelRounds,
      int kernelThreads, TraceSpec trace, TableFormat format, boolean graphStats, String workDir,
      boolean kernelOnly) {
    public Config {
      KERNEL_DEVICE_SLOTS.check(kernelDeviceSlots);
      KERNEL_DEGREE.check(kernelDegree);
      KERNEL_ROUNDS.check(kernelRounds);
      KERNEL_THREADS.check(kernelThreads);
      FORMAT.check(format);
      WORK_DIR.check(workDir);
    }
  }

  /** Declarations of {@code foglab.bench.closed-form.*}. */
  static final Setting<Integer> KERNEL_DEVICE_SLOTS =
      Setting.integer(B + "kernel-device-slots", 1, 100_000_000).option("kernel-device-slots", "N");
  static final Setting<Integer> KERNEL_DEGREE =
      Setting.integer(B + "kernel-degree", 1, 10_000).option("kernel-degree", "D");
  static final Setting<Integer> KERNEL_ROUNDS =
      Setting.integer(B + "kernel-rounds", 1, 1000).option("kernel-rounds", "R");
  static final Setting<Integer> KERNEL_THREADS =
      Setting.integer(B + "kernel-threads", 1, 1024).option("kernel-threads", "T");
  static final Setting<Integer> DEVICES =
      Setting.integer(B + "devices", 2, Integer.MAX_VALUE - 8).option("devices", "N");
  static final Setting<Integer> SLOTS =
      Setting.integer(B + "slots", 1, 1_000_000).option("slots", "T");
  static final Setting<Integer> ATTACH =
      Setting.integer(B + "attach", 1, 1_000_000).option("attach", "M");
  static final Setting<TableFormat> FORMAT =
      Setting.choice(B + "format", TableFormat.class).option("format");
  static final Setting<Boolean> GRAPH_STATS =
      Setting.bool(B + "graph-stats").option("graph-stats");
  static final Setting<String> WORK_DIR =
      Setting.string(B + "work-dir").option("work-dir", "DIR");
  static final Setting<Boolean> KERNEL_ONLY =
      Setting.bool(B + "kernel-only").option("kernel-only");

  private static final CommandSpec SPEC = new CommandSpec("bench closed-form",
      "Benchmark the closed-form kernel and generate + solve end to end.",
      "Measures (1) the Theorem 3 kernel's device-slot decisions per second per core on arrays "
          + "larger than the caches (target: at least 10 million), and (2) the wall-clock time of "
          + "generate + solve for a scale-free trace (default 1,000,000 devices x 10 slots; target "
          + "at most 60 s on local[2]), through the same code as the commands. Prints a table "
          + "and writes <work-dir>/bench.json.",
      List.of(
          OptionSpec.of(KERNEL_DEVICE_SLOTS),
          OptionSpec.of(KERNEL_DEGREE),
          OptionSpec.of(KERNEL_ROUNDS),
          OptionSpec.of(KERNEL_THREADS),
          OptionSpec.of(DEVICES),
          OptionSpec.of(SLOTS),
          OptionSpec.of(ATTACH),
          OptionSpec.of(org.foglab.config.CoreSettings.SEED),
          OptionSpec.of(FORMAT),
          OptionSpec.of(GRAPH_STATS),
          OptionSpec.of(WORK_DIR),
          OptionSpec.of(KERNEL_ONLY)),
      List.of("jobs/foglab bench closed-form --master local[2]",
          "jobs/foglab bench closed-form --kernel-only true"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    com.typesafe.config.Config c = com.typesafe.config.ConfigFactory.parseMap(Map.of(
        "foglab.generate.topology", "scale-free",
        "foglab.generate.devices", root.get(DEVICES),
        "foglab.generate.slots", root.get(SLOTS),
        "foglab.generate.attach", root.get(ATTACH)))
        .withFallback(root.config());
    TraceSpec trace = TraceSpec.read(new Settings(c, "foglab"));
    return new Config(root.get(KERNEL_DEVICE_SLOTS),
        root.get(KERNEL_DEGREE), root.get(KERNEL_ROUNDS),
        root.get(KERNEL_THREADS), trace, root.get(FORMAT),
        root.get(GRAPH_STATS), OutputDirectory.workDir(root.get(WORK_DIR)), root.get(KERNEL_ONLY));
  }

  /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
  static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim()
          .split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  @Override
  public void run(Config config, JobContext ctx) throws Exception {
    Progress progress = ctx.progress();
    progress.say(String.format(Locale.ROOT, "kernel: %,d device-slots x %d rounds, mean degree %d, %d thread(s)",
        config.kernelDeviceSlots(), config.kernelRounds(), config.kernelDegree(), config.kernelThreads()));
    ClosedFormKernelBenchmark.Result k = ClosedFormKernelBenchmark.run(config.kernelDeviceSlots(),
        config.kernelDegree(), config.kernelRounds(), config.kernelThreads());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kernel_decisions_per_second_per_core", k.decisionsPerSecondPerThread());
    json.put("kernel_target", 10_000_000);
    json.put("kernel_round_rates", k.roundRates());
    json.put("kernel_device_slots", config.kernelDeviceSlots());
    json.put("kernel_degree", config.kernelDegree());
    json.put("kernel_threads", config.kernelThreads());
    ctx.out().printf(Locale.ROOT, "kernel: %.3g decisions/s per core (median of %d rounds; target 1e7: %.2fx)%n",
        k.decisionsPerSecondPerThread(), config.kernelRounds(), k.decisionsPerSecondPerThread() / 1e7);
    if (!config.kernelOnly()) {
      SparkSession spark = ctx.spark();
      String trace = config.workDir() + "/trace";
      String plan = config.workDir() + "/plan";
      progress.say("end to end on " + spark.sparkContext().master() + ": "
          + config.trace().network().devices() + " scale-free devices x "
          + config.trace().model().slots() + " slots");
      String loadBefore = loadAverage();
      int firstStep = progress.said().size();
      double p0 = progress.elapsedSeconds();
      double cpu0 = Progress.processCpuSeconds();
      long t0 = System.nanoTime();
      new GenerateJob().run(new GenerateConfig(config.trace(),
          new OutputSpec(trace, config.format(), true), 0, config.graphStats()), ctx);
      long t1 = System.nanoTime();
      new SolveJob().run(new SolveConfig(trace, new OutputSpec(plan, config.format(), true),
          SolveOptions.CLOSED_FORM, CapacitySource.TRACE, 1.0, 0, 0,
          ctx.settings().get(org.foglab.config.SolveSettings.BROADCAST_LIMIT),
          ctx.settings().get(org.foglab.config.SolveSettings.VALIDATION)
              == SolveConfig.Validation.AUTO), ctx);
      long t2 = System.nanoTime();
      double gen = (t1 - t0) / 1e9;
      double solve = (t2 - t1) / 1e9;
      json.put("master", spark.sparkContext().master());
      json.put("devices", config.trace().network().devices());
      json.put("slots", config.trace().model().slots());
      json.put("attach", config.trace().network().attach());
      json.put("graph_stats", config.graphStats());
      json.put("generate_seconds", gen);
      json.put("solve_seconds", solve);
      json.put("end_to_end_seconds", gen + solve);
      json.put("end_to_end_target_seconds", 60);
      // Where the time went: every progress line of generate and solve, wall and process CPU
      // seconds since the start of generate (a step lasts until the next line; CPU time counts
      // all threads, and is what a loaded machine does not inflate).
      List<Map<String, Object>> steps = new java.util.ArrayList<>();
      List<Progress.Said> said = progress.said();
      for (Progress.Said e : said.subList(Math.min(firstStep, said.size()), said.size())) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("seconds", Math.round((e.seconds() - p0) * 10) / 10.0);
        step.put("cpu_seconds", cpu0 < 0 ? -1 : Math.round((e.cpuSeconds() - cpu0) * 10) / 10.0);
        step.put("line", e.line());
        steps.add(step);
      }
      double cpu2 = Progress.processCpuSeconds();
      json.put("end_to_end_cpu_seconds", cpu0 < 0 ? -1 : Math.round((cpu2 - cpu0) * 10) / 10.0);
      json.put("steps", steps);
      json.put("load_average_before", loadBefore);
      json.put("load_average_after", loadAverage());
      json.put("available_processors", Runtime.getRuntime().availableProcessors());
      json.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
      ctx.out().printf(Locale.ROOT,
          "end to end: generate %.1f s + solve %.1f s = %.1f s (target 60 s: %.2fx) on %s, "
              + "load average %s before, %s after%n",
          gen, solve, gen + solve, (gen + solve) / 60, spark.sparkContext().master(), loadBefore,
          json.get("load_average_after"));
    }
    java.nio.file.Path dir = java.nio.file.Path.of(config.workDir());
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("bench.json"), Json.write(json));
  }
}
