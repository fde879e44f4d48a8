package org.foglab.jobs;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.foglab.learning.ModelConfig;
import org.foglab.learning.NetworkFactory;
import org.foglab.learning.split.SplitBenchmark;
import org.foglab.tables.Json;

/**
 * {@code bench split}: split-training throughput (samples per wall-clock second) against one
 * DL4J network fitting the joined model on the same batches, and the cost ledger's share of the
 * split run ({@link SplitBenchmark}); the issue's target is split at least 50% of {@code fit}'s
 * throughput.
 */
public final class BenchSplitJob implements Job<BenchSplitJob.Config> {
  private static final String B = "foglab.bench.split.";

  /** The issue's target: split throughput at least this fraction of plain {@code fit}'s. */
  static final double TARGET_RATIO = 0.5;

  /**
   * @param runs the scenarios, in order (MLP, then CNN)
   * @param master the Spark master setting of the run (recorded; split training runs on the
   *     driver's thread whatever it is)
   * @param workDir where bench.json goes
   */
  public record Config(List<SplitBenchmark.Options> runs, String master, String workDir) {}

  /** Which models the benchmark trains. */
  public enum Models implements Choice {
    MLP, CNN, BOTH;

    @Override
    public String configName() {
      return Choice.nameOf(this);
    }
  }

  /** Declarations of {@code foglab.bench.split.*}. */
  static final Setting<Models> MODEL =
      Setting.choice(B + "model", Models.class).option("model");
  static final Setting<String> MLP_CUT =
      Setting.string(B + "mlp-cut").option("mlp-cut", "LAYER");
  static final Setting<String> CNN_CUT =
      Setting.string(B + "cnn-cut").option("cnn-cut", "LAYER");
  static final Setting<Integer> FOG_NODES =
      Setting.integer(B + "fog-nodes", 1, 100_000).option("fog-nodes", "P");
  static final Setting<Integer> BATCH_SIZE =
      Setting.integer(B + "batch-size", 1, 1_000_000).option("batch-size", "B");
  static final Setting<Integer> SAMPLES =
      Setting.integer(B + "samples", 1, 10_000_000).option("samples", "N");
  static final Setting<Integer> TEST_SAMPLES =
      Setting.integer(B + "test-samples", 1, 1_000_000).option("test-samples", "N");
  static final Setting<Integer> MLP_PASSES =
      Setting.integer(B + "mlp-passes", 1, 100_000).option("mlp-passes", "E");
  static final Setting<Integer> CNN_PASSES =
      Setting.integer(B + "cnn-passes", 1, 100_000).option("cnn-passes", "E");
  static final Setting<Double> LEARNING_RATE =
      Setting.number(B + "learning-rate", 1e-9, 100).option("learning-rate", "ETA");
  static final Setting<Integer> REPEATS =
      Setting.integer(B + "repeats", 1, 100).option("repeats", "R");
  static final Setting<Boolean> WARM_UP =
      Setting.bool(B + "warm-up").option("warm-up");
  static final Setting<String> WORK_DIR =
      Setting.string(B + "work-dir").option("work-dir", "DIR");

  private static final CommandSpec SPEC = new CommandSpec("bench split",
      "Benchmark split-training throughput against one plain DL4J fit.",
      "Trains the MNIST-shaped MLP (784-200-10, cut before --mlp-cut), the CNN (cut before "
          + "--cnn-cut) or both (--model) by split training on synthetic 28x28 data held by --fog-nodes fog nodes, "
          + "--batch-size samples per node and round, no stragglers. Then fits one DL4J network "
          + "(MultiLayerNetwork.fit) and takes plain equation-(3) steps over exactly the same "
          + "batches of fog-nodes x batch-size samples in the same order, and reports samples "
          + "per wall-clock second of each, the ratios (target: split at least 50% of fit), the "
          + "cost ledger's share of the split run's time (its calls replayed and timed) and the "
          + "final test accuracies, which agree since the three compute the same SGD. Times "
          + "exclude the final test evaluation and nothing else; all three run single-threaded "
          + "ND4J ops on one thread, as split training does. Each side runs --repeats times, "
          + "interleaved, and its best wall time is its figure. Writes <work-dir>/bench.json.",
      List.of(
          OptionSpec.of(MODEL),
          OptionSpec.of(MLP_CUT),
          OptionSpec.of(CNN_CUT),
          OptionSpec.of(FOG_NODES),
          OptionSpec.of(BATCH_SIZE),
          OptionSpec.of(SAMPLES),
          OptionSpec.of(TEST_SAMPLES),
          OptionSpec.of(MLP_PASSES),
          OptionSpec.of(CNN_PASSES),
          OptionSpec.of(LEARNING_RATE),
          OptionSpec.of(REPEATS),
          OptionSpec.of(WARM_UP),
          OptionSpec.of(org.foglab.config.CoreSettings.SEED),
          OptionSpec.of(WORK_DIR)),
      List.of("jobs/foglab bench split",
          "jobs/foglab bench split --model both",
          "jobs/foglab bench split --model cnn --cnn-cut conv2 --cnn-passes 2"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    Models models = root.get(MODEL);
    int p = root.get(FOG_NODES);
    int batch = root.get(BATCH_SIZE);
    int samples = root.get(SAMPLES);
    int test = root.get(TEST_SAMPLES);
    double eta = root.get(LEARNING_RATE);
    int repeats = root.get(REPEATS);
    boolean warmUp = root.get(WARM_UP);
    long seed = root.get(org.foglab.config.CoreSettings.SEED);
    if ((long) p * batch > samples) {
      throw SAMPLES.error(samples + " samples give the " + p + " fog nodes fewer than "
          + "--batch-size " + batch + " each; use at least " + (long) p * batch
          + " samples, or fewer fog nodes or a smaller batch");
    }
    List<SplitBenchmark.Options> runs = new ArrayList<>();
    if (models != Models.CNN) {
      ModelConfig mlp = ModelConfig.mnistMlp().withLearningRate(eta);
      runs.add(new SplitBenchmark.Options(mlp, cut(root, MLP_CUT, mlp), p, batch, samples, test,
          root.get(MLP_PASSES), repeats, seed, warmUp));
    }
    if (models != Models.MLP) {
      ModelConfig cnn = ModelConfig.mnistCnn().withLearningRate(eta);
      runs.add(new SplitBenchmark.Options(cnn, cut(root, CNN_CUT, cnn), p, batch, samples, test,
          root.get(CNN_PASSES), repeats, seed, warmUp));
    }
    return new Config(runs, root.get(org.foglab.config.SparkSettings.MASTER), OutputDirectory.workDir(root.get(WORK_DIR)));
  }

  @Override
  public void run(Config config, JobContext ctx) throws Exception {
    var os = ManagementFactory.getOperatingSystemMXBean();
    double loadBefore = os.getSystemLoadAverage();
    List<Map<String, Object>> results = new ArrayList<>();
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%-5s %-7s %3s %5s %9s %11s %11s %11s %9s %10s %8s %9s %9s%n", "model", "cut", "p", "B",
        "samples", "split smp/s", "fit smp/s", "step smp/s", "split/fit", "split/step",
        "ledger", "acc split", "acc fit"));
    for (SplitBenchmark.Options o : config.runs()) {
      ctx.progress().say(String.format(Locale.ROOT, "%s cut before %s: %d fog nodes x B = %d, "
              + "%,d samples, %d pass(es)", o.model().architecture().configName(), o.cut(),
          o.fogNodes(), o.batchSize(), o.samples(), o.passes()));
      SplitBenchmark.Result r = SplitBenchmark.run(o);
      ctx.progress().say(r.summary());
      table.append(String.format(Locale.ROOT, "%-5s %-7s %3d %5d %9d %11.0f %11.0f %11.0f %9.2f "
              + "%10.2f %7.2f%% %9.4f %9.4f%n", o.model().architecture().configName(), o.cut(),
          o.fogNodes(), o.batchSize(), r.samples(), r.splitSamplesPerSecond(),
          r.fitSamplesPerSecond(), r.stepSamplesPerSecond(), r.splitOverFit(),
          r.splitOverStep(), 100 * r.ledgerFraction(), r.split().accuracy(),
          r.fit().accuracy()));
      results.add(row(r));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("target_split_over_fit", TARGET_RATIO);
    json.put("rates_by", "wall_seconds");
    json.put("timing", "wall clock of each side from its start to its last step, final test "
        + "evaluation excluded, best of the interleaved repeats; one thread, ND4J ops "
        + "single-threaded (OpenMP), as split training runs");
    json.put("runs", results);
    json.put("spark_master", config.master());
    json.put("available_processors", Runtime.getRuntime().availableProcessors());
    // OpenBLAS runs large matrix products on this many threads (unset: one per core), which
    // helps the joined network's p B-row products more than the fog nodes' B-row ones.
    json.put("openblas_num_threads", System.getenv("OPENBLAS_NUM_THREADS"));
    json.put("load_average_before", loadBefore);
    json.put("load_average_after", os.getSystemLoadAverage());
    json.put("run_id", ctx.run().runId());
    json.put("git_commit", ctx.run().gitCommit());
    Path dir = Path.of(config.workDir());
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("bench.json"), Json.write(json));
    ctx.out().print(table);
    ctx.out().printf(Locale.ROOT, "target: split at least %.0f%% of fit's samples per second "
        + "(wall clock); results in %s%n", 100 * TARGET_RATIO, dir.resolve("bench.json"));
  }

  /** A layer of {@code model} after its first, checked before anything runs. */
  private static String cut(Settings root, Setting<String> key, ModelConfig model) {
    String cut = root.get(key);
    List<String> layers = NetworkFactory.layerNames(model);
    if (layers.indexOf(cut) < 1) {
      throw key.error("must name a layer of the " + model.architecture().configName()
          + " after its first (the first layer of the cloud's stage), one of "
          + String.join(", ", layers.subList(1, layers.size())) + "; got \"" + cut + "\"");
    }
    return cut;
  }

  private static Map<String, Object> row(SplitBenchmark.Result r) {
    SplitBenchmark.Options o = r.options();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", o.model().architecture().configName());
    m.put("cut", o.cut());
    m.put("fog_nodes", o.fogNodes());
    m.put("batch_size", o.batchSize());
    m.put("training_samples", o.samples());
    m.put("test_samples", o.testSamples());
    m.put("passes", o.passes());
    m.put("learning_rate", o.model().learningRate());
    m.put("warm_up", o.warmUp());
    m.put("repeats", o.repeats());
    m.put("rounds", r.rounds());
    m.put("samples", r.samples());
    m.put("split_wall_seconds", r.split().wallSeconds());
    m.put("fit_wall_seconds", r.fit().wallSeconds());
    m.put("step_wall_seconds", r.step().wallSeconds());
    m.put("split_repeat_wall_seconds", r.split().repeatSeconds());
    m.put("fit_repeat_wall_seconds", r.fit().repeatSeconds());
    m.put("step_repeat_wall_seconds", r.step().repeatSeconds());
    m.put("split_samples_per_second", r.splitSamplesPerSecond());
    m.put("fit_samples_per_second", r.fitSamplesPerSecond());
    m.put("step_samples_per_second", r.stepSamplesPerSecond());
    m.put("split_over_fit", r.splitOverFit());
    m.put("split_over_step", r.splitOverStep());
    m.put("meets_target", r.splitOverFit() >= TARGET_RATIO);
    m.put("ledger_sends", r.ledger().sends());
    m.put("ledger_computes", r.ledger().computes());
    m.put("ledger_seconds", r.ledger().ledgerSeconds());
    m.put("ledger_with_clock_seconds", r.ledger().withClockSeconds());
    m.put("ledger_fraction_of_split", r.ledgerFraction());
    m.put("measured_bytes_per_round", r.measuredBytesPerRound());
    m.put("split_accuracy", r.split().accuracy());
    m.put("fit_accuracy", r.fit().accuracy());
    m.put("step_accuracy", r.step().accuracy());
    m.put("split_loss", r.split().loss());
    m.put("fit_loss", r.fit().loss());
    m.put("max_parameter_difference_split_fit", r.maxParameterDifferenceToFit());
    m.put("max_parameter_difference_split_step", r.maxParameterDifferenceToStep());
    return m;
  }
}
