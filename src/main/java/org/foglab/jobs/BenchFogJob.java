package org.foglab.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.foglab.bench.HeapSampler;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.fog.ClusterSampling;
import org.foglab.learning.fog.FogContext;
import org.foglab.learning.fog.FogData;
import org.foglab.learning.fog.FogExecutor;
import org.foglab.learning.fog.FogMode;
import org.foglab.learning.fog.FogOptions;
import org.foglab.learning.fog.FogTrainer;
import org.foglab.learning.fog.Subtrees;
import org.foglab.network.D2dGraph;
import org.foglab.network.FogTree;
import org.foglab.network.graph.FogD2dGraphGenerator;
import org.foglab.tables.Json;

/**
 * {@code bench fog-learning}: the linear model on synthetic 784-feature data over a large fog
 * tree on Spark, each listed mode in turn: device-steps per second, global rounds per minute,
 * peak heap, and how task time splits between local steps, consensus and aggregation. The
 * subtrees and their D2D graphs are generated in the tasks; the driver only sees the model and
 * fixed-size counters.
 */
public final class BenchFogJob implements Job<BenchFogJob.Config> {
  private static final String B = "foglab.bench.fog-learning.";

  /**
   * @param tree the fog tree
   * @param d2dDensity RGG density of the D2D graphs
   * @param modes modes to run, in order
   * @param options the shared options (mode replaced per run)
   * @param samplesPerDevice local dataset size
   * @param partitions Spark partitions (0 = default parallelism)
   * @param workDir where bench.json goes
   */
  public record Config(FogTree tree, double d2dDensity, List<FogMode> modes, FogOptions options,
      int samplesPerDevice, int partitions, String workDir) {
    public Config {
      D2D_DENSITY.check(d2dDensity);
      SAMPLES_PER_DEVICE.check(samplesPerDevice);
      PARTITIONS.check(partitions);
      WORK_DIR.check(workDir);
    }
  }

  /** Declarations of {@code foglab.bench.fog-learning.*}. */
  static final Setting<String> LAYERS =
      Setting.string(B + "layers").option("layers", "N0,..,1");
  static final Setting<Double> D2D_DENSITY =
      Setting.probability(B + "d2d-density").option("d2d-density", "P");
  static final Setting<String> MODES =
      Setting.string(B + "modes").option("modes", "M1,M2");
  static final Setting<Integer> ROUNDS =
      Setting.integer(B + "rounds", 1, 1_000_000).option("rounds", "R");
  static final Setting<String> LAYER_PERIODS =
      Setting.string(B + "layer-periods").optional().option("layer-periods", "T1,..,TK");
  static final Setting<Integer> CONSENSUS_ROUNDS =
      Setting.integer(B + "consensus-rounds", -1_000, 1_000).option("consensus-rounds", "C");
  static final Setting<Integer> SAMPLES_PER_DEVICE =
      Setting.integer(B + "samples-per-device", 1, 1_000_000).option("samples-per-device", "N");
  static final Setting<Integer> BATCH =
      Setting.integer(B + "batch", 1, 1_000_000).option("batch", "B");
  static final Setting<Integer> PARTITIONS =
      Setting.integer(B + "partitions", 0, 1_000_000).option("partitions", "P");
  static final Setting<String> WORK_DIR =
      Setting.string(B + "work-dir").option("work-dir", "DIR");

  private static final CommandSpec SPEC = new CommandSpec("bench fog-learning",
      "Benchmark fog learning (hierarchical, consensus) over a 100,000-device fog tree.",
      "Generates the fog tree (--layers) with RGG D2D graphs in Spark tasks, gives every device "
          + "--samples-per-device synthetic 784-feature samples of one or two of 10 classes, and "
          + "trains multinomial logistic regression (7,850 parameters) for --rounds global rounds "
          + "in each of --modes. Reports device-steps per second, global rounds per minute (the "
          + "first round includes generating the subtrees; steady-state figures exclude it), the "
          + "peak heap of the driver JVM (which holds the executors in local mode) and the task "
          + "time in local steps, consensus and aggregation. Writes <work-dir>/bench.json.",
      List.of(
          OptionSpec.of(LAYERS),
          OptionSpec.of(D2D_DENSITY),
          OptionSpec.of(MODES),
          OptionSpec.of(ROUNDS),
          OptionSpec.of(LAYER_PERIODS),
          OptionSpec.of(CONSENSUS_ROUNDS),
          OptionSpec.of(SAMPLES_PER_DEVICE),
          OptionSpec.of(BATCH),
          OptionSpec.of(PARTITIONS),
          OptionSpec.of(org.foglab.config.CoreSettings.SEED),
          OptionSpec.of(WORK_DIR)),
      List.of("jobs/foglab bench fog-learning --master local[2]",
          "jobs/foglab bench fog-learning --layers 10000,2000,100,10,1 --rounds 3"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    try {
      FogTree tree = FogTree.of(ints(root.get(LAYERS), "--layers"));
      List<FogMode> modes = new ArrayList<>();
      for (String m : root.get(MODES).split(",")) {
        boolean found = false;
        for (FogMode f : FogMode.values()) {
          if (f.configName().equals(m.trim())) {
            modes.add(f);
            found = true;
          }
        }
        if (!found) {
          throw new IllegalArgumentException("--modes must list federated, hierarchical or "
              + "consensus, got \"" + m.trim() + "\"");
        }
      }
      String periods = root.get(LAYER_PERIODS);
      int[] p = periods == null ? ones(tree.depth() - 1) : ints(periods, "--layer-periods");
      FogOptions o = new FogOptions(modes.get(0), p, root.get(CONSENSUS_ROUNDS),
          1e-9, 1.0, ClusterSampling.UNIFORM, root.get(ROUNDS),
          root.get(BATCH), 0.01, root.get(org.foglab.config.CoreSettings.SEED));
      new FogContext(tree, new FogData(SyntheticSpec.defaults().train(), 1, 0.5, 1), o);
      return new Config(tree, root.get(D2D_DENSITY), modes, o,
          root.get(SAMPLES_PER_DEVICE), root.get(PARTITIONS),
          root.get(WORK_DIR));
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, e.getMessage());
    }
  }

  private static int[] ones(int n) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, 1);
    return a;
  }

  private static int[] ints(String text, String option) {
    String[] parts = text.split(",");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " must list whole numbers, got \""
            + parts[i].trim() + "\"");
      }
    }
    return out;
  }

  @Override
  public void run(Config c, JobContext ctx) throws Exception {
    Progress progress = ctx.progress();
    SparkSession spark = ctx.spark();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = c.partitions() > 0 ? c.partitions() : jsc.defaultParallelism();
    FogTree tree = c.tree();
    long samples = (long) tree.devices() * c.samplesPerDevice();
    // Pools of one or two classes are drawn from a synthetic set of 50 samples per device (at
    // most 10^6), generated on demand.
    int pool = (int) Math.min(1_000_000, Math.max(10_000, 50L * tree.devices()));
    SyntheticSpec spec = new SyntheticSpec(10, 784, pool, 2_000, c.options().seed(), 6.0, 1.0);
    FogData data = new FogData(spec.train(), c.samplesPerDevice(), 0.5, c.options().seed());
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.RGG, c.d2dDensity(),
        c.options().seed());
    List<Object> runs = new ArrayList<>();
    progress.say("fog tree " + java.util.Arrays.toString(tree.layers()) + ", " + samples
        + " samples, " + partitions + " partitions, master " + spark.sparkContext().master());
    try (HeapSampler heap = new HeapSampler()) {
      for (FogMode mode : c.modes()) {
        heap.reset();
        FogOptions o = c.options().withMode(mode);
        FogContext fc = new FogContext(tree, data, o);
        List<Long> stamps = new ArrayList<>();
        long t0 = System.nanoTime();
        FogTrainer.Result r = FogTrainer.train(fc, FogExecutor.spark(jsc,
            Subtrees.generatedRdd(spark, gen, partitions)), spec.test(), 0, rec -> {
              stamps.add(System.nanoTime());
              progress.say(String.format(Locale.ROOT, "%s round %d: %.1f s", mode.configName(),
                  rec.round(), (System.nanoTime() - t0) / 1e9));
            });
        double wall = r.seconds();
        double steady = stamps.size() > 1
            ? (stamps.get(stamps.size() - 1) - stamps.get(0)) / 1e9 / (stamps.size() - 1) : wall;
        long stepsPerRound = r.steps() / o.rounds();
        double task = (r.nanosLocal() + r.nanosConsensus() + r.nanosAggregation()) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode.configName());
        m.put("rounds", o.rounds());
        m.put("device_steps", r.steps());
        m.put("wall_seconds", wall);
        m.put("device_steps_per_second", r.steps() / wall);
        m.put("rounds_per_minute", 60 * o.rounds() / wall);
        m.put("steady_round_seconds", steady);
        m.put("steady_device_steps_per_second", stepsPerRound / steady);
        m.put("steady_rounds_per_minute", 60 / steady);
        m.put("peak_heap_gb", heap.peakGb());
        m.put("task_seconds_local", r.nanosLocal() / 1e9);
        m.put("task_seconds_consensus", r.nanosConsensus() / 1e9);
        m.put("task_seconds_aggregation", r.nanosAggregation() / 1e9);
        m.put("share_local", r.nanosLocal() / 1e9 / task);
        m.put("share_consensus", r.nanosConsensus() / 1e9 / task);
        m.put("share_aggregation", r.nanosAggregation() / 1e9 / task);
        m.put("d2d_messages", r.last().d2dMessages());
        m.put("accuracy", r.accuracy());
        runs.add(m);
        ctx.out().println(String.format(Locale.ROOT, "%-12s %,d devices: %,.0f device-steps/s "
            + "(steady %,.0f), %.2f rounds/min (steady %.2f), peak heap %.2f GB, task time "
            + "local %.0f%% consensus %.0f%% aggregation %.0f%%, accuracy %.3f",
            mode.configName(), tree.devices(), r.steps() / wall, stepsPerRound / steady,
            60 * o.rounds() / wall, 60 / steady, heap.peakGb(),
            100 * (Double) m.get("share_local"), 100 * (Double) m.get("share_consensus"),
            100 * (Double) m.get("share_aggregation"), r.accuracy()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    List<Integer> layers = new ArrayList<>();
    for (int n : tree.layers()) {
      layers.add(n);
    }
    out.put("layers", layers);
    out.put("samples_per_device", c.samplesPerDevice());
    out.put("batch", c.options().batch());
    out.put("consensus_rounds", c.options().consensusRounds());
    out.put("partitions", partitions);
    out.put("master", spark.sparkContext().master());
    out.put("load_average", HeapSampler.loadAverage());
    out.put("runs", runs);
    java.nio.file.Path dir = java.nio.file.Path.of(c.workDir());
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("bench.json"), Json.write(out));
    ctx.out().println("wrote " + dir.resolve("bench.json"));
  }
}
