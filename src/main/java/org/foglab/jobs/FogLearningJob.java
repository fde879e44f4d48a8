package org.foglab.jobs;

import com.typesafe.config.ConfigObject;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
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
import org.foglab.learning.fog.Subtrees;
import org.foglab.network.D2dGraph;
import org.foglab.network.FogTree;
import org.foglab.network.graph.FogD2dGraphGenerator;
import org.foglab.tables.FogRoundsTable;
import org.foglab.tables.Json;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code fog-learning --spec FILE}: a Federated2Fog-style comparison (seed 002) of federated
 * averaging, hierarchical averaging (HierFAVG) and D2D consensus with several {@code c} on the
 * same non-IID data, for each listed network; every run's accuracy and cumulative transfers per
 * global round go to {@code rounds.csv}, one summary row per run to {@code runs.csv}, and two
 * charts (accuracy against global rounds and against parameters transferred, D2D included) per
 * network. The networks' D2D graphs come from the same seeded generator as
 * {@code generate --topology fog-tree}.
 */
public final class FogLearningJob implements Job<FogLearningJob.Spec> {

  /** One network of the comparison. */
  public record Network(String name, FogTree tree, int[] periods) {}

  /** One run: mode, consensus rounds, D2D offloading and the devices' move probability. */
  public record Run(FogMode mode, int consensusRounds, boolean offload, double moveProbability) {
    public Run(FogMode mode, int consensusRounds) {
      this(mode, consensusRounds, false, 0);
    }

    String key() {
      String k = mode == FogMode.CONSENSUS ? "consensus-c" + consensusRounds : mode.configName();
      if (offload) {
        k += "-offload";
      }
      if (moveProbability > 0) {
        k += "-move" + moveProbability;
      }
      return k;
    }
  }

  /** The parsed spec. */
  public record Spec(String name, String dataset, List<Network> networks, List<Run> runs,
      FogOptions base, int samplesPerDevice, double twoClassShare, D2dGraph d2dGraph,
      double d2dDensity, TrainJob.Executor executor, int partitions, int evaluateEvery,
      String out, boolean overwrite, String table) {}

  private static final String L = "foglab.fog-learning.";

  /** Declarations of {@code foglab.fog-learning.*}. */
  static final Setting<String> SPEC_FILE =
      Setting.string(L + "spec").option("spec", "FILE");
  static final Setting<String> OUT =
      Setting.string(L + "out").option("out", "DIR");
  static final Setting<Integer> ROUNDS =
      Setting.integer(L + "rounds", 1, 1_000_000).optional().option("rounds", "R");
  static final Setting<Boolean> OVERWRITE =
      Setting.bool(L + "overwrite").option("overwrite");

  private static final CommandSpec SPEC = new CommandSpec("fog-learning",
      "Compare FL, HierFAVG and D2D consensus on fog trees (a --spec file).",
      "Reads the fog-learning block of --spec (see jobs/fog-learning.conf): networks (layers and "
          + "layer periods), runs (modes; consensus with a list of c), data and training settings. "
          + "Writes <out>/rounds.csv (accuracy and cumulative transfers per run and global "
          + "round), <out>/runs.csv, <out>/summary.json and <out>/<network>-accuracy-rounds.png, "
          + "<out>/<network>-accuracy-transfers.png (D2D messages counted) and "
          + "<out>/<network>-accuracy-tree-transfers.png (not counted), and commits every round "
          + "to the warehouse table fog_rounds (the spec's table key) once at the end; plot "
          + "--spec draws its figures from there. A run may set offload = true (D2D data "
          + "offloading planned by the data-movement solver) or move-probability = P (devices "
          + "moving between clusters).",
      List.of(OptionSpec.of(SPEC_FILE),
          OptionSpec.of(OUT),
          OptionSpec.of(ROUNDS),
          OptionSpec.of(OVERWRITE)),
      List.of("jobs/foglab fog-learning --spec jobs/fog-learning.conf --out out/fog-learning",
          "jobs/foglab fog-learning --spec jobs/fog-learning.conf --rounds 5 --out out/fog-short"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Spec configure(Settings root) {
    String file = root.get(SPEC_FILE);
    if (!Files.isRegularFile(Path.of(file))) {
      throw SPEC_FILE.error("names " + file + ", which is not a file");
    }
    FogLearningSpecReader r = FogLearningSpecReader.open(file);
    ConfigObject b = r.block();
    String w = "fog-learning";
    List<Network> networks = new ArrayList<>();
    for (ConfigObject n : r.objects(b, w, "networks", FogLearningSpecReader.NETWORK_KEYS)) {
      String nw = w + ".networks." + r.string(n, w + ".networks", "name");
      int[] layers = r.integers(n, nw, "layers", 1, Integer.MAX_VALUE);
      FogTree tree;
      try {
        tree = FogTree.of(layers);
      } catch (IllegalArgumentException e) {
        throw r.error(n, nw, "layers", "is not a fog tree: " + e.getMessage());
      }
      int[] periods = r.has(n, "layer-periods")
          ? r.integers(n, nw, "layer-periods", 1, Integer.MAX_VALUE) : ones(layers.length - 1);
      networks.add(new Network(r.string(n, w + ".networks", "name"), tree, periods));
    }
    boolean offload = r.has(b, "offload") && r.bool(b, w, "offload");
    double move = r.has(b, "move-probability")
        ? r.number(b, w, "move-probability", 0, Math.nextDown(1.0)) : 0;
    List<Run> runs = new ArrayList<>();
    for (ConfigObject o : r.objects(b, w, "runs", FogLearningSpecReader.RUN_KEYS)) {
      String rw = w + ".runs";
      FogMode mode = r.choice(o, rw, "mode", FogMode.class);
      boolean off = r.has(o, "offload") ? r.bool(o, rw, "offload") : offload;
      double mv = r.has(o, "move-probability")
          ? r.number(o, rw, "move-probability", 0, Math.nextDown(1.0)) : move;
      if (off && mv > 0) {
        throw r.error(o, rw, "offload", "cannot be combined with a move-probability above 0 "
            + "yet (an offloaded dataset stays in its home cluster's task)");
      }
      if (mode == FogMode.CONSENSUS) {
        for (int k : r.integers(o, rw, "consensus-rounds", 0, 1_000_000)) {
          runs.add(new Run(mode, k, off, mv));
        }
      } else {
        if (r.has(o, "consensus-rounds")) {
          throw r.error(o, rw, "consensus-rounds", "belongs to mode consensus only, not "
              + mode.configName());
        }
        runs.add(new Run(mode, 0, off, mv));
      }
    }
    Integer given = root.get(ROUNDS);
    int rounds = given != null ? given : r.integer(b, w, "rounds", 1, 1_000_000);
    FogOptions base;
    try {
      base = new FogOptions(FogMode.HIERARCHICAL, networks.get(0).periods(), 0,
          r.number(b, w, "sample-fraction", Double.MIN_VALUE, 1),
          r.number(b, w, "cluster-fraction", Double.MIN_VALUE, 1),
          r.choice(b, w, "cluster-sampling", ClusterSampling.class), rounds,
          r.integer(b, w, "batch", 1, 1_000_000),
          r.number(b, w, "learning-rate", Double.MIN_VALUE, 1e6), r.longValue(b, w, "seed"));
      for (Network n : networks) {
        for (Run run : runs) {
          FogTree t = n.tree();
          new FogContext(t, new FogData(new org.foglab.data.SyntheticSpec(10, 1, 10, 1, 1,
              1, 1).train(), 1, 0.5, 1), base.withLayerPeriods(n.periods()).withMode(run.mode())
              .withConsensusRounds(run.consensusRounds()));
          Mobility.random(t, run.moveProbability(), 0, 1);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, file + ": " + e.getMessage());
    }
    String table = r.has(b, "table") ? r.string(b, w, "table") : FogRoundsTable.TABLE;
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw r.error(b, w, "table", "must be a plain table name (letters, digits, '_'), got \""
          + table + "\"");
    }
    String dataset = r.string(b, w, "dataset");
    return new Spec(r.string(b, w, "name"), Installation.dataset(dataset,
        root.get(org.foglab.config.CoreSettings.HOME)),
        networks, runs, base, r.integer(b, w, "samples-per-device", 1, 1_000_000),
        r.number(b, w, "two-class-share", 0, 1), r.choice(b, w, "d2d-graph", D2dGraph.class),
        r.number(b, w, "d2d-density", 0, 1), r.choice(b, w, "executor", TrainJob.Executor.class),
        r.integer(b, w, "partitions", 0, 1_000_000), r.integer(b, w, "evaluate-every", 0,
            10_000_000), root.get(OUT), root.get(OVERWRITE), table);
  }

  /**
   * The name and result table of a fog-learning spec file, read strictly; null when the file
   * holds no fog-learning block (a sweep spec).
   */
  static String[] nameAndTable(String file) {
    if (!Files.isRegularFile(Path.of(file))) {
      return null;
    }
    try {
      if (!com.typesafe.config.ConfigFactory.parseFile(Path.of(file).toFile())
          .hasPath("fog-learning")) {
        return null;
      }
    } catch (com.typesafe.config.ConfigException e) {
      return null;
    }
    FogLearningSpecReader r = FogLearningSpecReader.open(file);
    ConfigObject b = r.block();
    return new String[] {r.string(b, "fog-learning", "name"),
        r.has(b, "table") ? r.string(b, "fog-learning", "table") : FogRoundsTable.TABLE};
  }

  private static int[] ones(int n) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, 1);
    return a;
  }

  @Override
  public void run(Spec spec, JobContext ctx) throws Exception {
    Progress progress = ctx.progress();
    TrainingExperiment.Split split;
    try {
      split = TrainingExperiment.dataset(spec.dataset(), spec.base().seed());
    } catch (DatasetException e) {
      throw new org.foglab.InputError(e.getMessage());
    }
    SparkSession spark = ctx.spark();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = spec.partitions() > 0 ? spec.partitions() : jsc.defaultParallelism();
    FogData data = new FogData(split.train(), spec.samplesPerDevice(), spec.twoClassShare(),
        spec.base().seed());
    int params = LinearSoftmax.parameters(data.features(), data.classes());
    StringBuilder rounds = new StringBuilder("network,run,mode,consensus_rounds,round,devices,"
        + "accuracy,loss,device_uplinks,tree_transfers,d2d_messages,fl_transfers,"
        + "transfers_with_d2d\n");
    StringBuilder runs = new StringBuilder("network,run,mode,consensus_rounds,accuracy,"
        + "device_uplinks,tree_transfers,d2d_messages,fl_transfers,reduction_uplinks,"
        + "reduction_without_d2d,reduction_with_d2d,device_radio_joules,fl_device_radio_joules,"
        + "seconds\n");
    List<Object> summaries = new ArrayList<>();
    List<org.apache.spark.sql.Row> tableRows = new ArrayList<>();
    try (OutputDirectory out = OutputDirectory.open(spec.out(), spec.overwrite(),
        ctx.run().runId(), spark.sparkContext().hadoopConfiguration(), "--out")) {
      for (Network n : spec.networks()) {
        FogD2dGraphGenerator gen = new FogD2dGraphGenerator(n.tree(), spec.d2dGraph(),
            spec.d2dDensity(), spec.base().seed());
        XYSeriesCollection byRound = new XYSeriesCollection();
        XYSeriesCollection byTransfers = new XYSeriesCollection();
        XYSeriesCollection byTreeTransfers = new XYSeriesCollection();
        for (Run run : spec.runs()) {
          FogOptions o = spec.base().withLayerPeriods(n.periods()).withMode(run.mode())
              .withConsensusRounds(run.consensusRounds());
          FogContext fc = new FogContext(n.tree(), data, o).withMobility(Mobility.random(
              n.tree(), run.moveProbability(), spec.d2dDensity(), spec.base().seed()));
          org.foglab.network.SyntheticDraws draws = run.offload()
              ? Subtrees.offloadDraws(org.foglab.config.SyntheticModel.read(
                  ctx.settings().at("generate")), spec.base().seed(), n.tree().devices(),
                  spec.samplesPerDevice())
              : null;
          FogExecutor ex = spec.executor() == TrainJob.Executor.LOCAL
              ? FogExecutor.local(Subtrees.generatedList(gen, draws, spec.samplesPerDevice()))
              : FogExecutor.spark(jsc, Subtrees.generatedRdd(spark, gen, partitions, draws,
                  spec.samplesPerDevice()));
          FogTrainer.Result r = FogTrainer.train(fc, ex, split.test(), spec.evaluateEvery(),
              rec -> { });
          tableRows.addAll(FogRoundsTable.rows(ctx.run().runId(), ctx.run().gitCommit(),
              new FogRoundsTable.Run(spec.name(), n.name(), run.key(), run.mode(),
                  run.consensusRounds(), run.offload(), run.moveProbability()), n.tree(), r,
              params, java.time.Instant.now()));
          XYSeries a = new XYSeries(run.key());
          XYSeries t = new XYSeries(run.key());
          XYSeries tt = new XYSeries(run.key());
          for (FogTrainer.RoundRecord rec : r.records()) {
            rounds.append(String.join(",", n.name(), run.key(), run.mode().configName(),
                String.valueOf(run.consensusRounds()), String.valueOf(rec.round()),
                String.valueOf(rec.devices()),
                Double.isNaN(rec.accuracy()) ? "" : String.valueOf(rec.accuracy()),
                Double.isNaN(rec.loss()) ? "" : String.valueOf(rec.loss()),
                String.valueOf(rec.up()[0]), String.valueOf(rec.treeTransfers()),
                String.valueOf(rec.d2dMessages()), String.valueOf(rec.flDeviceTransfers()),
                String.valueOf(rec.treeTransfers() + rec.d2dMessages()))).append('\n');
            if (!Double.isNaN(rec.accuracy())) {
              a.add(rec.round(), rec.accuracy());
              t.add(rec.treeTransfers() + rec.d2dMessages(), rec.accuracy());
              tt.add(rec.treeTransfers(), rec.accuracy());
            }
          }
          byRound.addSeries(a);
          byTransfers.addSeries(t);
          byTreeTransfers.addSeries(tt);
          Map<String, Object> acc = FogAccounting.summary(n.tree(), run.mode(), r, params);
          @SuppressWarnings("unchecked")
          Map<String, Object> red = (Map<String, Object>) acc.get("reduction_vs_fl");
          @SuppressWarnings("unchecked")
          Map<String, Object> energy = (Map<String, Object>) acc.get("energy");
          FogTrainer.RoundRecord last = r.last();
          runs.append(String.join(",", n.name(), run.key(), run.mode().configName(),
              String.valueOf(run.consensusRounds()), String.valueOf(r.accuracy()),
              String.valueOf(last.up()[0]), String.valueOf(last.treeTransfers()),
              String.valueOf(last.d2dMessages()), String.valueOf(last.flDeviceTransfers()),
              String.valueOf(red.get("device_uplinks_only")),
              String.valueOf(red.get("parameter_transfers_without_d2d")),
              String.valueOf(red.get("parameter_transfers_with_d2d")),
              String.valueOf(energy.get("device_radio_joules")),
              String.valueOf(energy.get("fl_device_radio_joules")),
              String.valueOf(r.seconds()))).append('\n');
          Map<String, Object> sm = new LinkedHashMap<>();
          sm.put("network", n.name());
          sm.put("run", run.key());
          sm.put("accuracy", r.accuracy());
          sm.put("accounting", acc);
          summaries.add(sm);
          progress.say(String.format(Locale.ROOT, "%s %s: accuracy %.4f after %d rounds, "
              + "uplink reduction %.1f%%, with D2D %.1f%%", n.name(), run.key(), r.accuracy(),
              o.rounds(), 100 * (Double) red.get("device_uplinks_only"),
              100 * (Double) red.get("parameter_transfers_with_d2d")));
        }
        out.writeBytes(n.name() + "-accuracy-rounds.png", chart(n.name()
            + ": accuracy per global round", "global round", byRound));
        out.writeBytes(n.name() + "-accuracy-transfers.png", chart(n.name()
            + ": accuracy against model transfers (tree links and D2D)",
            String.format(Locale.ROOT, "model transfers (%,.0f bytes each)", FogAccounting.modelBytes(params)), byTransfers));
        out.writeBytes(n.name() + "-accuracy-tree-transfers.png", chart(n.name()
            + ": accuracy against model transfers over tree links (D2D not counted)",
            String.format(Locale.ROOT, "model transfers (%,.0f bytes each)", FogAccounting.modelBytes(params)), byTreeTransfers));
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("name", spec.name());
      summary.put("dataset", spec.dataset());
      summary.put("rounds", spec.base().rounds());
      summary.put("runs", summaries);
      summary.put("run_id", ctx.run().runId());
      summary.put("git_commit", ctx.run().gitCommit());
      out.writeText("rounds.csv", rounds.toString());
      out.writeText("runs.csv", runs.toString());
      out.writeText("summary.json", Json.write(summary));
      // One commit for every run of the spec: a failure above leaves the table as it was.
      FogRoundsTable.commit(spark, org.foglab.config.WarehouseSettings.read(ctx.settings()),
          spec.table(), tableRows);
      progress.say(tableRows.size() + " rows in table " + spec.table());
      out.commit();
      ctx.out().println("fog-learning " + spec.name() + ": " + spec.networks().size()
          + " networks x " + spec.runs().size() + " runs written to " + out.target());
    }
  }

  private static byte[] chart(String title, String xLabel, XYSeriesCollection data)
      throws java.io.IOException {
    XYPlot plot = new XYPlot(data, new NumberAxis(xLabel), new NumberAxis("test accuracy"),
        new XYLineAndShapeRenderer(true, false));
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, 900, 560);
    return png.toByteArray();
  }
}
