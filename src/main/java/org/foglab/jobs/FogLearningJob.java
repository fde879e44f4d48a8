package org.foglab.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
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
import org.foglab.learning.fog.Subtrees;
import org.foglab.network.D2dGraph;
import org.foglab.network.FogTree;
import org.foglab.network.graph.FogD2dGraphGenerator;
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

  /** One run: mode and consensus rounds. */
  public record Run(FogMode mode, int consensusRounds) {
    String key() {
      return mode == FogMode.CONSENSUS ? "consensus-c" + consensusRounds : mode.configName();
    }
  }

  /** The parsed spec. */
  public record Spec(String name, String dataset, List<Network> networks, List<Run> runs,
      FogOptions base, int samplesPerDevice, double twoClassShare, D2dGraph d2dGraph,
      double d2dDensity, TrainJob.Executor executor, int partitions, int evaluateEvery,
      String out, boolean overwrite) {}

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
          + "<out>/<network>-accuracy-transfers.png.",
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
    Config c;
    try {
      c = ConfigFactory.parseFile(Path.of(file).toFile()).resolve().getConfig("fog-learning");
    } catch (ConfigException e) {
      throw new ConfigError(null, file + ": " + e.getMessage());
    }
    try {
      List<Network> networks = new ArrayList<>();
      for (Config n : c.getConfigList("networks")) {
        int[] layers = n.getIntList("layers").stream().mapToInt(Integer::intValue).toArray();
        int[] periods = n.hasPath("layer-periods")
            ? n.getIntList("layer-periods").stream().mapToInt(Integer::intValue).toArray()
            : ones(layers.length - 1);
        networks.add(new Network(n.getString("name"), FogTree.of(layers), periods));
      }
      List<Run> runs = new ArrayList<>();
      for (Config r : c.getConfigList("runs")) {
        FogMode mode = FogMode.valueOf(r.getString("mode").toUpperCase(Locale.ROOT));
        if (mode == FogMode.CONSENSUS) {
          for (int k : r.getIntList("consensus-rounds")) {
            runs.add(new Run(mode, k));
          }
        } else {
          runs.add(new Run(mode, 0));
        }
      }
      Integer given = root.get(ROUNDS);
      int rounds = given != null ? given : c.getInt("rounds");
      FogOptions base = new FogOptions(FogMode.HIERARCHICAL, networks.get(0).periods(), 0,
          c.getDouble("sample-fraction"), c.getDouble("cluster-fraction"),
          ClusterSampling.valueOf(c.getString("cluster-sampling").toUpperCase(Locale.ROOT)
              .replace('-', '_')), rounds, c.getInt("batch"), c.getDouble("learning-rate"),
          c.getLong("seed"));
      for (Network n : networks) {
        for (Run r : runs) {
          new FogContext(n.tree(), new FogData(new org.foglab.data.SyntheticSpec(10, 1, 10, 1, 1,
              1, 1).train(), 1, 0.5, 1), base.withLayerPeriods(n.periods()).withMode(r.mode())
              .withConsensusRounds(r.consensusRounds()));
        }
      }
      return new Spec(c.getString("name"), Installation.dataset(c.getString("dataset"),
          root.get(org.foglab.config.CoreSettings.HOME)), networks, runs, base, c.getInt("samples-per-device"),
          c.getDouble("two-class-share"),
          D2dGraph.valueOf(c.getString("d2d-graph").toUpperCase(Locale.ROOT)),
          c.getDouble("d2d-density"),
          TrainJob.Executor.valueOf(c.getString("executor").toUpperCase(Locale.ROOT)),
          c.getInt("partitions"), c.getInt("evaluate-every"), root.get(OUT),
          root.get(OVERWRITE));
    } catch (ConfigException e) {
      throw new ConfigError(null, file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, file + ": " + e.getMessage());
    }
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
    try (OutputDirectory out = OutputDirectory.open(spec.out(), spec.overwrite(),
        ctx.run().runId(), spark.sparkContext().hadoopConfiguration(), "--out")) {
      for (Network n : spec.networks()) {
        FogD2dGraphGenerator gen = new FogD2dGraphGenerator(n.tree(), spec.d2dGraph(),
            spec.d2dDensity(), spec.base().seed());
        XYSeriesCollection byRound = new XYSeriesCollection();
        XYSeriesCollection byTransfers = new XYSeriesCollection();
        for (Run run : spec.runs()) {
          FogOptions o = spec.base().withLayerPeriods(n.periods()).withMode(run.mode())
              .withConsensusRounds(run.consensusRounds());
          FogContext fc = new FogContext(n.tree(), data, o);
          FogExecutor ex = spec.executor() == TrainJob.Executor.LOCAL
              ? FogExecutor.local(Subtrees.generatedList(gen))
              : FogExecutor.spark(jsc, Subtrees.generatedRdd(spark, gen, partitions));
          FogTrainer.Result r = FogTrainer.train(fc, ex, split.test(), spec.evaluateEvery(),
              rec -> { });
          XYSeries a = new XYSeries(run.key());
          XYSeries t = new XYSeries(run.key());
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
            }
          }
          byRound.addSeries(a);
          byTransfers.addSeries(t);
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
            "model transfers (31,400 bytes each)", byTransfers));
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
