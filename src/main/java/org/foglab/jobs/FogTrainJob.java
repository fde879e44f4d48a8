package org.foglab.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.Installation;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.data.DatasetException;
import org.foglab.learning.TrainingExperiment;
import org.foglab.learning.fog.ClusterSampling;
import org.foglab.learning.fog.FogAccounting;
import org.foglab.learning.fog.FogContext;
import org.foglab.learning.fog.FogData;
import org.foglab.learning.fog.FogExecutor;
import org.foglab.learning.fog.FogMode;
import org.foglab.learning.fog.FogOptions;
import org.foglab.learning.fog.FogTrainer;
import org.foglab.learning.fog.LinearSoftmax;
import org.foglab.learning.fog.Mobility;
import org.foglab.learning.fog.Offloading;
import org.foglab.learning.fog.Subtree;
import org.foglab.learning.fog.Subtrees;
import org.foglab.network.FogTree;
import org.foglab.network.FogTreeTables;
import org.foglab.network.TraceReader;
import org.foglab.network.TraceSchema;
import org.foglab.tables.FogRoundsTable;
import org.foglab.tables.Json;
import scala.Tuple2;

/**
 * {@code train --trace DIR --mode federated|hierarchical|consensus} on a fog-tree trace (seed
 * 002): the linear model (multinomial logistic regression) trained by {@link FogTrainer} over the
 * trace's tree and D2D graphs, with non-IID devices. {@code train} hands a run here when its mode
 * is hierarchical or consensus, or its trace is a fog tree ({@link #route}).
 */
public final class FogTrainJob implements Job<FogTrainJob.Config> {
  static final String F = "foglab.fog.";

  /**
   * @param trace the fog-tree trace directory
   * @param tree its layers
   * @param seed the trace's seed (its D2D graphs); data and sampling draws use foglab.seed
   * @param tableFormat csv or parquet, from trace.json
   * @param options training options
   * @param dataset dataset spec (mnist:DIR or synthetic:...)
   * @param samplesPerDevice local dataset size
   * @param twoClassShare share of devices with two classes (the others one)
   * @param executor spark or local
   * @param partitions Spark partitions of the subtrees (0 = default parallelism)
   * @param evaluateEvery test the root model every K rounds (and after the last)
   * @param out output directory
   * @param overwrite replace it
   * @param offload D2D data offloading inside clusters before training, planned by the
   *     data-movement solver on the trace's costs and capacities
   * @param mobility devices moving between bottom clusters (null: none)
   */
  public record Config(String trace, FogTree tree, long seed, String tableFormat,
      FogOptions options, String dataset, int samplesPerDevice, double twoClassShare,
      TrainJob.Executor executor, int partitions, int evaluateEvery, String out,
      boolean overwrite, boolean offload, Mobility mobility) {
    public Config {
      SAMPLES_PER_DEVICE.check(samplesPerDevice);
      TWO_CLASS_SHARE.check(twoClassShare);
      EXECUTOR.check(executor);
      PARTITIONS.check(partitions);
      EVALUATE_EVERY.check(evaluateEvery);
      OUT.check(out);
      if (offload && mobility != null && mobility.moves()) {
        throw OFFLOAD.error("cannot be combined with --move-probability above 0 yet: an "
            + "offloaded dataset stays in its home cluster's task; run one or the other");
      }
    }
  }

  /** Declarations of {@code foglab.fog.*}. */
  static final Setting<String> TRACE =
      Setting.string(F + "trace").option("trace", "DIR");
  static final Setting<FogMode> MODE =
      Setting.choice(F + "mode", FogMode.class).option("mode");
  static final Setting<List<String>> LAYER_PERIODS =
      Setting.list(F + "layer-periods").option("layer-periods", "T1,..,TK");
  static final Setting<Integer> CONSENSUS_ROUNDS =
      Setting.integer(F + "consensus-rounds", Integer.MIN_VALUE, 1_000_000).option("consensus-rounds", "C");
  static final Setting<Double> SAMPLE_FRACTION =
      Setting.number(F + "sample-fraction", -Double.MAX_VALUE, Double.MAX_VALUE).option("sample-fraction", "F");
  static final Setting<Double> CLUSTER_FRACTION =
      Setting.number(F + "cluster-fraction", -Double.MAX_VALUE, Double.MAX_VALUE).option("cluster-fraction", "F");
  static final Setting<ClusterSampling> CLUSTER_SAMPLING =
      Setting.choice(F + "cluster-sampling", ClusterSampling.class).option("cluster-sampling");
  static final Setting<Integer> ROUNDS =
      Setting.integer(F + "rounds", 1, 10_000_000).option("rounds", "R");
  static final Setting<Integer> BATCH =
      Setting.integer(F + "batch", 1, 1_000_000).option("batch", "B");
  static final Setting<Double> LEARNING_RATE =
      Setting.number(F + "learning-rate", 0, Double.MAX_VALUE).option("learning-rate", "ETA");
  static final Setting<String> DATASET =
      Setting.string(F + "dataset").option("dataset", "SPEC");
  static final Setting<Integer> SAMPLES_PER_DEVICE =
      Setting.integer(F + "samples-per-device", 1, 1_000_000).option("samples-per-device", "N");
  static final Setting<Double> TWO_CLASS_SHARE =
      Setting.probability(F + "two-class-share").option("two-class-share", "P");
  static final Setting<TrainJob.Executor> EXECUTOR =
      Setting.choice(F + "executor", TrainJob.Executor.class).option("executor");
  static final Setting<Integer> PARTITIONS =
      Setting.integer(F + "partitions", 0, 1_000_000).option("partitions", "P");
  static final Setting<Integer> EVALUATE_EVERY =
      Setting.integer(F + "evaluate-every", 0, 10_000_000).option("evaluate-every", "K");
  static final Setting<String> OUT =
      Setting.string(F + "out").option("out", "DIR");
  static final Setting<Boolean> OVERWRITE =
      Setting.bool(F + "overwrite").option("overwrite");
  static final Setting<Boolean> OFFLOAD =
      Setting.bool(F + "offload").option("offload");
  /** Checked by {@link Mobility#random}, whose sentence names the allowed range. */
  static final Setting<Double> MOVE_PROBABILITY =
      Setting.number(F + "move-probability", -Double.MAX_VALUE, Double.MAX_VALUE)
          .option("move-probability", "P");

  private static final CommandSpec SPEC = new CommandSpec("fog-train",
      "Fog learning on a fog-tree trace: federated, hierarchical (HierFAVG) or D2D consensus.",
      "Trains multinomial logistic regression (features x classes weights and biases: 7,850 "
          + "parameters on MNIST) over the trace's tree (generate --topology fog-tree). Each device "
          + "holds --samples-per-device samples of one or two classes; a local step is SGD on a "
          + "batch of min(--batch, samples). Layer l aggregates its children, weighted by samples, "
          + "every tau_l local steps (--layer-periods, one per layer above the devices, bottom-up; "
          + "the last is the global round). --mode consensus replaces a bottom cluster's "
          + "aggregation by --consensus-rounds rounds of Metropolis-Hastings average consensus on "
          + "its D2D graph, after which the parent samples --sample-fraction of the devices. "
          + "--cluster-fraction of the bottom clusters take part in each round. Also reachable as "
          + "train --trace DIR --mode hierarchical|consensus. Writes <out>/summary.json (accuracy, "
          + "transfers per layer and direction, D2D messages, device radio energy, reductions "
          + "against federated averaging with and without D2D traffic), <out>/rounds.csv (accuracy "
          + "and cumulative transfers per global round) and <out>/ledger.csv, and the rounds to the "
          + "warehouse table fog_rounds (jobs/foglab sql \"SELECT * FROM fog_rounds\"). "
          + "--offload true moves samples between trusted D2D neighbours before training as the "
          + "data-movement solver plans on the trace's costs; --move-probability P lets devices "
          + "move between bottom clusters, carrying their models.",
      List.of(
          OptionSpec.of(TRACE),
          OptionSpec.of(MODE),
          OptionSpec.of(LAYER_PERIODS),
          OptionSpec.of(CONSENSUS_ROUNDS),
          OptionSpec.of(SAMPLE_FRACTION),
          OptionSpec.of(CLUSTER_FRACTION),
          OptionSpec.of(CLUSTER_SAMPLING),
          OptionSpec.of(ROUNDS),
          OptionSpec.of(BATCH),
          OptionSpec.of(LEARNING_RATE),
          OptionSpec.of(DATASET),
          OptionSpec.of(SAMPLES_PER_DEVICE),
          OptionSpec.of(TWO_CLASS_SHARE),
          OptionSpec.of(EXECUTOR),
          OptionSpec.of(PARTITIONS),
          OptionSpec.of(EVALUATE_EVERY),
          OptionSpec.of(OUT),
          OptionSpec.of(OVERWRITE),
          OptionSpec.of(OFFLOAD),
          OptionSpec.of(MOVE_PROBABILITY)),
      List.of("jobs/foglab generate --topology fog-tree --layers 125,25,5,1 --slots 1 --out out/fog125",
          "jobs/foglab train --trace out/fog125 --mode consensus --layer-periods 1,1,1 "
              + "--consensus-rounds 5 --rounds 20 --out out/fog125-c5",
          "jobs/foglab fog-train --trace out/fog125 --mode federated --layer-periods 1,1,1 "
              + "--rounds 20 --out out/fog125-fl"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  /**
   * {@code train} arguments that belong here (mode hierarchical or consensus, or a trace whose
   * trace.json has a fog tree) rewritten to {@code fog-train}; others unchanged.
   */
  public static String[] route(String[] args) {
    if (args.length == 0 || !args[0].equals("train")) {
      return args;
    }
    boolean fog = false;
    for (int i = 1; i + 1 < args.length; i++) {
      if (args[i].equals("--mode") && List.of("hierarchical", "consensus").contains(args[i + 1])) {
        fog = true;
      }
      if (args[i].equals("--trace")) {
        try {
          Path meta = Path.of(args[i + 1]).resolve(TraceSchema.METADATA);
          fog |= Files.isRegularFile(meta) && Files.readString(meta).contains("\"fog_tree\"");
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
          // Not a readable fog trace: train reports the trace itself.
        }
      }
    }
    if (!fog) {
      return args;
    }
    String[] out = args.clone();
    out[0] = "fog-train";
    return out;
  }

  @Override
  public Config configure(Settings root) {
    String trace = root.get(TRACE);
    Path meta = Path.of(trace).resolve(TraceSchema.METADATA);
    if (!Files.isRegularFile(meta)) {
      throw TRACE.error("names " + trace + ", which has no " + TraceSchema.METADATA
          + "; generate a fog tree with generate --topology fog-tree");
    }
    Map<String, Object> m;
    try {
      m = Json.readMap(Files.readString(meta));
    } catch (Exception e) {
      throw TRACE.error("has an unreadable " + meta + ": " + e.getMessage());
    }
    Object fog = m.get("fog_tree");
    if (!(fog instanceof Map<?, ?> fm) || !(fm.get("layers") instanceof List<?> ls)) {
      throw TRACE.error(trace + " is not a fog-tree trace (its trace.json has no fog_tree "
          + "layers); generate one with generate --topology fog-tree");
    }
    int[] layers = new int[ls.size()];
    for (int l = 0; l < layers.length; l++) {
      layers[l] = ((Number) ls.get(l)).intValue();
    }
    FogTree tree;
    try {
      tree = FogTree.of(layers);
    } catch (IllegalArgumentException e) {
      throw TRACE.error(trace + "'s fog tree is invalid: " + e.getMessage());
    }
    long seed = ((Number) m.get("seed")).longValue();
    List<String> p = root.get(LAYER_PERIODS);
    int[] periods;
    if (p.isEmpty()) {
      periods = new int[tree.depth() - 1];
      java.util.Arrays.fill(periods, 1);
    } else {
      periods = new int[p.size()];
      for (int i = 0; i < periods.length; i++) {
        try {
          periods[i] = Integer.parseInt(p.get(i));
        } catch (NumberFormatException e) {
          throw LAYER_PERIODS.error("must list whole step counts, got \"" + p.get(i) + "\"");
        }
      }
    }
    FogOptions o;
    try {
      o = new FogOptions(root.get(MODE), periods,
          root.get(CONSENSUS_ROUNDS),
          root.get(SAMPLE_FRACTION),
          root.get(CLUSTER_FRACTION),
          root.get(CLUSTER_SAMPLING),
          root.get(ROUNDS), root.get(BATCH),
          root.get(LEARNING_RATE),
          root.get(org.foglab.config.CoreSettings.SEED));
      if (o.layerPeriods().length != tree.depth() - 1) {
        throw new IllegalArgumentException("--layer-periods must give one period per layer above "
            + "the devices (" + (tree.depth() - 1) + " for the trace's " + tree.depth()
            + "-layer tree), got " + o.layerPeriods().length);
      }
      if (o.mode() == FogMode.CONSENSUS && tree.depth() < 3) {
        throw new IllegalArgumentException("consensus needs a tree of at least three layers "
            + "(devices, cluster heads, root); the trace's has " + tree.depth());
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, e.getMessage());
    }
    String dataset = Installation.dataset(root.get(DATASET), root.get(org.foglab.config.CoreSettings.HOME));
    String format = String.valueOf(m.getOrDefault("table_format", "csv"));
    double move = root.get(MOVE_PROBABILITY);
    boolean offload = root.get(OFFLOAD);
    Mobility mobility;
    try {
      Object density = fm.get("d2d_density");
      mobility = Mobility.random(tree, move,
          density instanceof Number d ? d.doubleValue() : 0.3, seed);
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, e.getMessage());
    }
    return new Config(trace, tree, seed, format, o, dataset,
        root.get(SAMPLES_PER_DEVICE), root.get(TWO_CLASS_SHARE),
        root.get(EXECUTOR), root.get(PARTITIONS),
        root.get(EVALUATE_EVERY), root.get(OUT), root.get(OVERWRITE),
        offload, mobility.moves() ? mobility : null);
  }

  @Override
  public void run(Config c, JobContext ctx) {
    Progress progress = ctx.progress();
    TrainingExperiment.Split split;
    try {
      split = TrainingExperiment.dataset(c.dataset(), c.options().seed());
    } catch (DatasetException e) {
      throw new org.foglab.InputError(e.getMessage());
    }
    SparkSession spark = ctx.spark();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = c.partitions() > 0 ? c.partitions() : jsc.defaultParallelism();
    JavaRDD<Subtree> subtrees = readSubtrees(spark, c, partitions);
    FogData data = new FogData(split.train(), c.samplesPerDevice(), c.twoClassShare(),
        c.options().seed());
    FogContext fc = new FogContext(c.tree(), data, c.options()).withMobility(c.mobility());
    FogExecutor executor;
    try {
      // Cluster graphs are checked (connected, inside their cluster) before any round, in the
      // tasks: only the first problem's sentence comes back.
      FogTree tree = c.tree();
      List<String> problems = subtrees.map(st -> {
        try {
          checkClusters(tree, List.of(st));
          return "";
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      }).filter(m -> !m.isEmpty()).take(1);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(problems.get(0));
      }
      executor = c.executor() == TrainJob.Executor.LOCAL ? FogExecutor.local(subtrees.collect())
          : FogExecutor.spark(jsc, subtrees);
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, e.getMessage());
    }
    try (OutputDirectory out = OutputDirectory.open(c.out(), c.overwrite(), ctx.run().runId(),
        spark.sparkContext().hadoopConfiguration(), "--out")) {
      progress.say(c.options().mode().configName() + " on a fog tree of " + layersText(c.tree())
          + " nodes per layer, " + c.options().rounds() + " global rounds");
      FogTrainer.Result r = FogTrainer.train(fc, executor, split.test(), c.evaluateEvery(),
          rec -> {
            if (!Double.isNaN(rec.accuracy())) {
              progress.say(String.format(Locale.ROOT, "round %d: accuracy %.4f, %d devices",
                  rec.round(), rec.accuracy(), rec.devices()));
            }
          });
      int params = LinearSoftmax.parameters(data.features(), data.classes());
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("mode", c.options().mode().configName());
      summary.put("trace", c.trace());
      summary.put("layers", layersList(c.tree()));
      summary.put("layer_periods", c.options().layerPeriods());
      summary.put("consensus_rounds", c.options().consensusRounds());
      summary.put("sample_fraction", c.options().sampleFraction());
      summary.put("cluster_fraction", c.options().clusterFraction());
      summary.put("cluster_sampling", c.options().clusterSampling().configName());
      summary.put("rounds", c.options().rounds());
      summary.put("batch", c.options().batch());
      summary.put("learning_rate", c.options().learningRate());
      summary.put("dataset", c.dataset());
      summary.put("samples_per_device", c.samplesPerDevice());
      summary.put("parameters", params);
      summary.put("executor", c.executor().configName());
      summary.put("offload", c.offload());
      summary.put("move_probability", c.mobility() == null ? 0.0
          : ctx.settings().config().getDouble(F + "move-probability"));
      summary.put("table", FogRoundsTable.TABLE);
      summary.put("accuracy", r.accuracy());
      summary.put("steps", r.steps());
      summary.put("samples", r.samples());
      summary.put("seconds", r.seconds());
      summary.put("accounting", FogAccounting.summary(c.tree(), c.options().mode(), r, params));
      summary.put("run_id", ctx.run().runId());
      summary.put("git_commit", ctx.run().gitCommit());
      out.writeText("summary.json", Json.write(summary));
      out.writeText("rounds.csv", roundsCsv(r, params));
      out.writeText("ledger.csv", TrainJob.ledgerCsv(FogAccounting.ledger(c.tree(),
          c.options().mode(), r, params)));
      double move = c.mobility() == null ? 0.0
          : ctx.settings().config().getDouble(F + "move-probability");
      String key = c.options().mode() == FogMode.CONSENSUS
          ? "consensus-c" + c.options().consensusRounds() : c.options().mode().configName();
      key += (c.offload() ? "-offload" : "") + (move > 0 ? "-move" + move : "");
      Path traceName = Path.of(c.trace()).toAbsolutePath().normalize().getFileName();
      FogRoundsTable.commit(spark, org.foglab.config.WarehouseSettings.read(ctx.settings()),
          FogRoundsTable.TABLE, FogRoundsTable.rows(ctx.run().runId(), ctx.run().gitCommit(),
              new FogRoundsTable.Run("fog-train", traceName == null ? c.trace()
                  : traceName.toString(), key, c.options().mode(),
                  c.options().consensusRounds(), c.offload(), move), c.tree(), r, params,
              java.time.Instant.now()));
      out.commit();
      @SuppressWarnings("unchecked")
      Map<String, Object> red = (Map<String, Object>) ((Map<String, Object>) summary
          .get("accounting")).get("reduction_vs_fl");
      ctx.out().println(String.format(Locale.ROOT, "%s: accuracy %.4f after %d rounds; parameter "
          + "transfers vs FL: %.1f%% fewer device uplinks, %.1f%% fewer without D2D, %.1f%% with "
          + "D2D; written to %s", c.options().mode().configName(), r.accuracy(),
          c.options().rounds(), 100 * (Double) red.get("device_uplinks_only"),
          100 * (Double) red.get("parameter_transfers_without_d2d"),
          100 * (Double) red.get("parameter_transfers_with_d2d"), out.target()));
    }
  }

  /** Rejects a disconnected cluster or a link between clusters, naming the cluster. */
  static void checkClusters(FogTree tree, List<Subtree> subtrees) {
    int top = Subtrees.topLayer(tree);
    for (Subtree s : subtrees) {
      int[] cr = top >= 1 ? Subtree.nodeRange(tree, top, s.top(), 1) : new int[] {0, 1};
      s.clusterGraphs(tree, cr[0], cr[1]);
    }
  }

  /**
   * The trace's D2D table grouped by subtree, each partition owning whole subtrees; with
   * {@link Config#offload} also the devices' rows of slots 1 and 2 and the links of slot 1, from
   * which each subtree's offloading is planned in its task ({@link Offloading}).
   */
  static JavaRDD<Subtree> readSubtrees(SparkSession spark, Config c, int partitions) {
    FogTree tree = c.tree();
    String path = Path.of(c.trace()).resolve(FogTreeTables.D2D).toString();
    if (!Files.isDirectory(Path.of(path))) {
      throw new ConfigError(null, c.trace() + " has no " + FogTreeTables.D2D + " table; "
          + "regenerate it with generate --topology fog-tree");
    }
    Dataset<Row> d2d = c.tableFormat().equals("parquet") ? spark.read().parquet(path)
        : spark.read().option("header", "true").schema(FogTreeTables.D2D_SCHEMA).csv(path);
    int topLayer = Subtrees.topLayer(tree);
    int tops = tree.nodes(topLayer);
    int width = org.foglab.network.DeviceIds.width(tree.devices());
    // Tagged rows keyed by subtree: {0, a, b} a D2D edge; {1, device, t, capacity, cost} a
    // device row; {2, src, dst, capacity, cost} a link row of slot 1 inside a cluster.
    JavaPairRDD<Integer, double[]> edges = d2d.javaRDD().flatMapToPair(r -> {
      int a = index(r.getString(0), tree, width);
      int b = index(r.getString(1), tree, width);
      List<Tuple2<Integer, double[]>> o = new ArrayList<>();
      if (a < b) {
        o.add(new Tuple2<>(tree.ancestor(a, topLayer), new double[] {0, a, b}));
      }
      return o.iterator();
    });
    JavaPairRDD<Integer, double[]> all = edges.union(
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(range(tops), Math.max(1, Math.min(partitions, tops)))
            .mapToPair(t -> new Tuple2<>(t, new double[] {-1})));
    int receiveSlot;
    if (c.offload()) {
      TraceReader.Tables t = TraceReader.read(spark, c.trace(), TraceReader.Checks.VERIFIED);
      receiveSlot = t.horizon() >= 2 ? 2 : 1;
      int rs = receiveSlot;
      JavaPairRDD<Integer, double[]> devices = t.devices().javaRDD().flatMapToPair(r -> {
        List<Tuple2<Integer, double[]>> o = new ArrayList<>();
        int slot = r.getInt(r.fieldIndex(TraceSchema.T));
        if (slot == 1 || slot == rs) {
          int i = index(r.getString(r.fieldIndex(TraceSchema.DEVICE)), tree, width);
          Object cap = r.get(r.fieldIndex(TraceSchema.CAPACITY));
          o.add(new Tuple2<>(tree.ancestor(i, topLayer), new double[] {1, i, slot,
              cap == null ? Double.POSITIVE_INFINITY : ((Number) cap).doubleValue(),
              ((Number) r.get(r.fieldIndex(TraceSchema.PROCESS_COST))).doubleValue()}));
        }
        return o.iterator();
      });
      JavaPairRDD<Integer, double[]> links = t.links().javaRDD().flatMapToPair(r -> {
        List<Tuple2<Integer, double[]>> o = new ArrayList<>();
        if (r.getInt(r.fieldIndex(TraceSchema.T)) == 1) {
          int a = index(r.getString(r.fieldIndex(TraceSchema.SRC)), tree, width);
          int b = index(r.getString(r.fieldIndex(TraceSchema.DST)), tree, width);
          if (tree.clusterOf(a) == tree.clusterOf(b)) {
            Object cap = r.get(r.fieldIndex(TraceSchema.CAPACITY));
            o.add(new Tuple2<>(tree.ancestor(a, topLayer), new double[] {2, a, b,
                cap == null ? Double.POSITIVE_INFINITY : ((Number) cap).doubleValue(),
                ((Number) r.get(r.fieldIndex(TraceSchema.COST))).doubleValue()}));
          }
        }
        return o.iterator();
      });
      all = all.union(devices).union(links);
    } else {
      receiveSlot = 1;
    }
    boolean offload = c.offload();
    int samples = c.samplesPerDevice();
    int rs = receiveSlot;
    return all.groupByKey(Math.max(1, Math.min(partitions, tops))).map(g -> {
      List<int[]> list = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      for (double[] e : g._2()) {
        if (e[0] == 0) {
          list.add(new int[] {(int) e[1], (int) e[2]});
        } else if (e[0] > 0) {
          rows.add(e);
        }
      }
      list.sort((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]));
      int[] src = new int[list.size()];
      int[] dst = new int[list.size()];
      for (int k = 0; k < src.length; k++) {
        src[k] = list.get(k)[0];
        dst[k] = list.get(k)[1];
      }
      Subtree st = new Subtree(g._1(), src, dst);
      if (!offload) {
        return st;
      }
      return st.withOffload(offloadFromRows(tree, st, rows, samples, rs));
    });
  }

  /**
   * A subtree's offloading from its trace rows: device rows of slots 1 and {@code receiveSlot},
   * links of slot 1 that are edges of the D2D graph (trusted); a missing device row is an absent
   * device-slot (no capacity there).
   */
  static Offloading.Offload offloadFromRows(FogTree tree, Subtree st, List<double[]> rows,
      int samplesPerDevice, int receiveSlot) {
    int[] r = Subtree.deviceRange(tree, Subtrees.topLayer(tree), st.top());
    int n = r[1] - r[0];
    double[] cap1 = new double[n];
    double[] cost1 = new double[n];
    double[] cap2 = new double[n];
    double[] cost2 = new double[n];
    java.util.Arrays.fill(cap1, Double.NaN);
    java.util.Arrays.fill(cap2, Double.NaN);
    java.util.Set<Long> d2d = new java.util.HashSet<>();
    for (int e = 0; e < st.d2dSrc().length; e++) {
      d2d.add(((long) st.d2dSrc()[e] << 32) | st.d2dDst()[e]);
      d2d.add(((long) st.d2dDst()[e] << 32) | st.d2dSrc()[e]);
    }
    List<double[]> links = new ArrayList<>();
    for (double[] row : rows) {
      if (row[0] == 1) {
        int i = (int) row[1] - r[0];
        if ((int) row[2] == 1) {
          cap1[i] = row[3];
          cost1[i] = row[4];
        }
        if ((int) row[2] == receiveSlot) {
          cap2[i] = row[3];
          cost2[i] = row[4];
        }
      } else if (d2d.contains(((long) (int) row[1] << 32) | (int) row[2])) {
        links.add(new double[] {row[1], row[2], row[3], row[4]});
      }
    }
    int[] samples = new int[n];
    java.util.Arrays.fill(samples, samplesPerDevice);
    return Offloading.apply(tree, r[0], r[1], samples,
        Offloading.inputs(r[0], cap1, cost1, cap2, cost2, links));
  }

  private static List<Integer> range(int n) {
    List<Integer> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }

  private static int index(String id, FogTree tree, int width) {
    int i;
    try {
      i = Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("D2D link names device \"" + id + "\", which is not a "
          + "device of the fog tree (devices are 0.." + (tree.devices() - 1) + ")");
    }
    if (i < 0 || i >= tree.devices() || id.length() != width) {
      throw new IllegalArgumentException("D2D link names device \"" + id + "\", which is not a "
          + "device of the fog tree (devices are 0.." + (tree.devices() - 1) + ")");
    }
    return i;
  }

  private static String layersText(FogTree t) {
    return layersList(t).toString().replace(" ", "");
  }

  private static List<Integer> layersList(FogTree t) {
    List<Integer> l = new ArrayList<>();
    for (int n : t.layers()) {
      l.add(n);
    }
    return l;
  }

  /** One row per global round: accuracy and cumulative transfers. */
  static String roundsCsv(FogTrainer.Result r, int params) {
    StringBuilder b = new StringBuilder("round,devices,clusters,accuracy,loss");
    int links = r.last().up().length;
    for (int l = 0; l < links; l++) {
      b.append(",up_").append(l).append(",down_").append(l);
    }
    b.append(",d2d_messages,tree_transfers,fl_transfers,parameter_bytes\n");
    for (FogTrainer.RoundRecord rec : r.records()) {
      b.append(rec.round()).append(',').append(rec.devices()).append(',').append(rec.clusters())
          .append(',').append(Double.isNaN(rec.accuracy()) ? "" : rec.accuracy()).append(',')
          .append(Double.isNaN(rec.loss()) ? "" : rec.loss());
      for (int l = 0; l < links; l++) {
        b.append(',').append(rec.up()[l]).append(',').append(rec.down()[l]);
      }
      b.append(',').append(rec.d2dMessages()).append(',').append(rec.treeTransfers()).append(',')
          .append(rec.flDeviceTransfers()).append(',')
          .append(FogAccounting.modelBytes(params) * (rec.treeTransfers() + rec.d2dMessages()))
          .append('\n');
    }
    return b.toString();
  }
}
