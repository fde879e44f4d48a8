package org.foglab.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.foglab.InputError;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.LedgerSpec;
import org.foglab.config.Settings;
import org.foglab.config.SweepSpec;
import org.foglab.config.TrainSettings;
import org.foglab.config.TrainSpec;
import org.foglab.config.WarehouseSettings;
import org.foglab.data.DatasetException;
import org.foglab.learning.Architecture;
import org.foglab.learning.SavedModel;
import org.foglab.learning.NativeThreads;
import org.foglab.learning.TrainingExperiment;
import org.foglab.network.Trace;
import org.foglab.network.TraceCollector;
import org.foglab.network.TraceProblem;
import org.foglab.network.TraceReader;
import org.foglab.optimize.Plan;
import org.foglab.optimize.PlanReader;
import org.foglab.learning.engine.AggregationRecord;
import org.foglab.learning.federated.DeviceExecutor;
import org.foglab.learning.engine.DeviceLosses;
import org.foglab.learning.federated.SparkDeviceExecutor;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.pipeline.PipelineSuite;
import org.foglab.optimize.InformationSetting;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.tables.Json;
import org.foglab.tables.LedgerTable;
import org.foglab.tables.ResultTable;
import org.foglab.tables.TrainingTable;

/**
 * {@code train}: network-aware federated learning (Tu et al., Sections III-B and V) on a
 * synthetic fog network: devices collect samples of a dataset, a Table III setting plans what
 * each processes, offloads or discards, each device takes one gradient step per slot on what it
 * processes (equation 3), and the server averages every {@code tau} slots (equation 4).
 */
public final class TrainJob implements Job<TrainJob.Config> {

  /**
   * @param spec the run
   * @param executor where devices train
   * @param partitions Spark partitions of the devices (0 = default parallelism)
   * @param out output directory
   * @param overwrite replace an existing output directory
   * @param table training table
   * @param settingsJson resolved settings recorded with the run
   * @param trace trace directory to train on, or null to generate the network
   * @param plan plan directory to execute (network-aware with a trace), or null
   * @param saveModel directory to save the trained model in, or null
   */
  public record Config(TrainSpec spec, Executor executor, int partitions, String out,
      boolean overwrite, String table, String settingsJson, String trace, String plan,
      String saveModel) {
    public Config {
      TrainSettings.EXECUTOR.check(executor);
      TrainSettings.PARTITIONS.check(partitions);
      TrainSettings.OUT.check(out);
      TrainSettings.TABLE.check(table);
      TrainSettings.TRACE.check(trace);
      TrainSettings.PLAN.check(plan);
      TrainSettings.SAVE_MODEL.check(saveModel);
    }
  }

  /** Where devices train. */
  public enum Executor implements org.foglab.config.Choice {
    /** Spark tasks, many devices per partition, weighted tree aggregation. */
    SPARK,
    /** The driver's thread (small runs, benchmarks). */
    LOCAL;

    @Override
    public String configName() {
      return org.foglab.config.Choice.nameOf(this);
    }
  }

  /** Trace options of {@code generate} that apply to training (the data column is the dataset's). */
  static final List<OptionSpec> NETWORK_OPTIONS = GenerateJob.TRACE_OPTIONS.stream()
      .filter(o -> !o.name().equals("data-total") && !o.name().equals("integer-data")).toList();

  private static final CommandSpec SPEC = new CommandSpec("train",
      "Train a model on a fog network: centralized, federated, network-aware (Tables II-III), "
          + "split (FCDDT) or pipelined (Sparse), with a ledger of every byte and FLOP.",
      "Devices collect the samples of a dataset (|D_i(t)| uniform on 0..floor(|D_V|/(nT)), drawn "
          + "without replacement; --dirichlet-alpha for label-skewed devices) over a synthetic fog "
          + "network (the generate options: topology, n, T, costs, capacities). --mode "
          + "centralized trains one model on all the data; federated is the paper's baseline "
          + "(every device processes its own data, tau = 1); network-aware plans the data "
          + "movement under Table III's --setting (A none, B perfect information, C previous "
          + "interval's averages, D averages with capacities), each device steps on the data it "
          + "processes (its kept data plus what was offloaded to it the slot before; discarded "
          + "data trains nothing) and the server averages every --tau slots weighted by the data "
          + "processed. --mode split makes the devices fog nodes: each runs the model's layers "
          + "before --cut on --batch-size samples per round and sends the activations and labels "
          + "to the cloud, which runs the rest, sends the cut gradient back and keeps the local "
          + "layers synchronised (--straggler-rate drops the slowest fog nodes each round). "
          + "--mode pipeline places the model's stages along data source -> cloudlet -> cloud "
          + "(--suite) and reports each stage's and hop's time, bytes and energy, sequential and "
          + "pipelined (--micro-batches); --inference times serving instead. --mode "
          + "fpl|sl|gfl|transfer (seed 004) gives each of --sources sources its own view of the "
          + "images (--views) and trains flexible parallel learning (branches per source, a "
          + "junction layer before --junction-before at the edge), vertical split learning, "
          + "generalized FL (--average, --prox-mu) or one model on the transferred images, with "
          + "--optimizer for --epochs, reporting the test accuracy at the epoch of least "
          + "validation loss. --passes replays "
          + "the horizon (the paper trains until convergence). "
          + "Writes <out>/summary.json (accuracy, loss, cost components, unit cost, offloading "
          + "rate, the ledger's totals and the mode's report), <out>/curve.csv (test accuracy "
          + "and loss per aggregation or pass), <out>/device_losses.csv (each device's training "
          + "loss per slot: Figure 4), <out>/ledger.csv (bytes, FLOPs, time, energy and carbon "
          + "per node or link, pass and kind), one row of the training table and the run's rows "
          + "of the ledger table.",
      concat(OptionSpec.of(TrainSettings.DATASET, TrainSettings.TRACE, TrainSettings.PLAN,
          TrainSettings.SAVE_MODEL, TrainSettings.MODEL, TrainSettings.MODE, TrainSettings.SETTING,
          TrainSettings.INTERVALS, TrainSettings.TAU, TrainSettings.PASSES,
          TrainSettings.LEARNING_RATE, TrainSettings.DIRICHLET_ALPHA, TrainSettings.EVALUATE_EVERY,
          TrainSettings.DEVICE_LOSSES, TrainSettings.EXECUTOR, TrainSettings.PARTITIONS,
          TrainSettings.SPARK_PERIODS, TrainSettings.OUT, TrainSettings.OVERWRITE, TrainSettings.TABLE, TrainSettings.CUT,
          TrainSettings.BATCH_SIZE, TrainSettings.STRAGGLER_RATE, TrainSettings.STRAGGLER_JITTER,
          TrainSettings.SUITE, TrainSettings.PLACEMENT, TrainSettings.MICRO_BATCHES,
          TrainSettings.INFERENCE, TrainSettings.SOURCE, TrainSettings.VIEWS, TrainSettings.SOURCES,
          TrainSettings.NOISE, TrainSettings.MISSING, TrainSettings.JUNCTION_BEFORE,
          TrainSettings.AVERAGE, TrainSettings.PROX_MU, TrainSettings.AVERAGE_EVERY,
          TrainSettings.OPTIMIZER, TrainSettings.FPL_LEARNING_RATE, TrainSettings.EPOCHS,
          TrainSettings.TRAIN_SAMPLES, TrainSettings.LEAF, TrainSettings.PRESET,
          TrainSettings.LINKS, TrainSettings.CARBON, TrainSettings.LEDGER_TABLE),
          NETWORK_OPTIONS),
      List.of("jobs/foglab train --out out/train-b",
          "jobs/foglab train --trace out/net --plan out/net-plan --save-model out/model "
              + "--out out/train-net",
          "jobs/foglab train --mode split --devices 4 --batch-size 100 --straggler-rate 0.25 "
              + "--out out/split",
          "jobs/foglab train --mode pipeline --model cnn --suite hybrid-off-device --passes 2 "
              + "--out out/pipeline",
          "jobs/foglab train --mode fpl --model cnn --junction-before F2 --epochs 12 --out out/fpl",
          "jobs/foglab train --mode gfl --model cnn --average C2,F1,F2 --out out/gfl",
          "jobs/foglab train --mode federated --out out/train-fed",
          "jobs/foglab train --mode centralized --passes 20 --out out/train-central",
          "jobs/foglab train --model cnn --setting D --intervals 10 --out out/train-cnn-d",
          "jobs/foglab train --dataset synthetic:samples=20000 --devices 100 --topology "
              + "small-world --out out/train-sw"),
      null);

  private static List<OptionSpec> concat(List<OptionSpec> a, List<OptionSpec> b) {
    List<OptionSpec> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    TrainSpec spec = TrainSpec.read(root);
    String out = root.get(TrainSettings.OUT);
    String table = root.get(TrainSettings.TABLE);
    boolean overwrite = root.get(TrainSettings.OVERWRITE);
    String trace = root.get(TrainSettings.TRACE);
    String plan = root.get(TrainSettings.PLAN);
    String saveModel = root.get(TrainSettings.SAVE_MODEL);
    if (plan != null && trace == null) {
      throw TrainSettings.PLAN.error("needs --trace: a plan belongs to the trace solve read");
    }
    if (plan != null && spec.mode() != TrainingMode.NETWORK_AWARE) {
      throw TrainSettings.PLAN.error("applies to --mode network-aware, which executes a plan; "
          + spec.mode().configName() + " moves no data by plan");
    }
    if (trace != null && spec.multiSource() != null) {
      throw TrainSettings.TRACE.error("applies to the modes that train on a fog network (centralized, "
          + "federated, network-aware, split, pipeline); " + spec.mode().configName()
          + " trains on --sources views of the dataset");
    }
    if (saveModel != null && spec.multiSource() != null) {
      throw TrainSettings.SAVE_MODEL.error("saves one network; " + spec.mode().configName()
          + " trains one per source or branch");
    }
    InputPaths.directory(trace, "--trace", "trace");
    InputPaths.directory(plan, "--plan", "plan");
    InputPaths.file(spec.trace().network().edges(), "--edges");
    Map<String, String> inputs = inputs(spec, trace, plan);
    OutputDirectory.check(out, overwrite, "--out", inputs);
    if (saveModel != null) {
      Map<String, String> all = new LinkedHashMap<>(inputs);
      all.put("--out", out);
      OutputDirectory.check(saveModel, overwrite, "--save-model", all);
    }
    Config c = new Config(spec, root.get(TrainSettings.EXECUTOR),
        root.get(TrainSettings.PARTITIONS), out, overwrite, table,
        SweepSpec.trainSettingsJson(root.config(), spec.trace()), trace, plan, saveModel);
    if (spec.dataset().startsWith("mnist:")) {
      // The dataset's files are read (and checked: magic, sizes, counts) before Spark starts.
      try {
        org.foglab.learning.TrainingExperiment.dataset(spec.dataset(), spec.seed());
      } catch (DatasetException e) {
        throw new InputError(e.getMessage());
      }
    }
    return c;
  }

  /** The files a training reads: the dataset directory, an edge file, a trace and a plan. */
  private static Map<String, String> inputs(TrainSpec spec, String trace, String plan) {
    Map<String, String> in = new java.util.LinkedHashMap<>();
    if (spec.dataset().startsWith("mnist:")) {
      in.put("--dataset", spec.dataset().substring("mnist:".length()));
    }
    in.put("--edges", spec.trace().network().edges());
    in.put("--trace", trace);
    in.put("--plan", plan);
    return in;
  }

  /**
   * The network of {@code --trace} (and {@code --plan}): read, validated, collected into the
   * driver's memory (training traces are small: the devices' data is the dataset's samples).
   */
  static TrainingExperiment.Network network(SparkSession spark, Config config,
      Progress progress) {
    if (config.trace() == null) {
      return null;
    }
    progress.say("reading the trace in " + config.trace());
    TraceReader.Tables tables = TraceReader.read(spark, config.trace(),
        TraceReader.Checks.VERIFIED);
    Trace trace;
    try {
      trace = TraceCollector.collect(tables.devices(), tables.links(), tables.horizon());
    } catch (Exception e) {
      TraceProblem problem = TraceProblem.Found.in(e);
      if (problem != null) {
        throw tables.locate(problem);
      }
      throw org.foglab.FoglabError.unwrap(e);
    }
    Object topology = tables.metadata().get("topology");
    Plan plan = null;
    if (config.plan() != null) {
      progress.say("reading the plan in " + config.plan());
      plan = PlanReader.read(spark, config.plan(), trace);
    }
    return new TrainingExperiment.Network(trace, plan, config.trace(), config.plan(),
        topology instanceof String name ? name : "file");
  }

  /**
   * The default number of device groups (Spark tasks) of {@code --executor spark}: the task slots
   * divided by the threads each task's ND4J operations use, at least 1. ND4J runs an operation
   * on up to that many native threads, so two tasks on one machine's cores compete for them
   * (measured on local[2], paper-default MLP: 2 tasks twice as slow as 1, and 1 within 6% of
   * {@code --executor local}).
   */
  static int devicePartitions(int slots, int opsThreads) {
    return Math.max(1, slots / Math.max(1, opsThreads));
  }

  @Override
  public void run(Config config, JobContext ctx) {
    Progress progress = ctx.progress();
    SparkSession spark = ctx.spark();
    WarehouseSettings w = WarehouseSettings.read(ctx.settings());
    OutputDirectory model = null;
    try (OutputDirectory out = OutputDirectory.open(config.out(), config.overwrite(),
        ctx.run().runId(), spark.sparkContext().hadoopConfiguration(), "--out",
        inputs(config.spec(), config.trace(), config.plan()))) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      DeviceExecutor executor = config.executor() == Executor.LOCAL ? DeviceExecutor.local()
          : new SparkDeviceExecutor(jsc, config.partitions() > 0 ? config.partitions()
              : devicePartitions(jsc.defaultParallelism(), NativeThreads.opsThreads()),
              ctx.settings().get(TrainSettings.SPARK_PERIODS));
      TrainingExperiment.Outcome o;
      try {
        TrainingExperiment.Network network = network(spark, config, progress);
        o = TrainingExperiment.run(config.spec(), network, executor, progress::say);
      } catch (DatasetException e) {
        if (config.trace() != null) {
          throw new InputError("the trace in " + config.trace() + " does not fit the dataset "
              + config.spec().dataset() + ": " + e.getMessage() + " (its data column counts the "
              + "samples each device collects: generate --integer-data true --data-total N with "
              + "N at most the training set's size)");
        }
        throw new InputError(e.getMessage());
      } catch (IllegalArgumentException e) {
        // The learning library validates its parameters with one sentence naming the bad one.
        throw new ConfigError(null, e.getMessage());
      }
      TrainingResult r = o.result();
      Map<String, Object> summary = summary(o, ctx.run().runId(), ctx.run().gitCommit());
      out.writeText("summary.json", Json.write(summary));
      out.writeText("curve.csv", curveCsv(r));
      if (r.deviceLosses().recorded()) {
        out.writeText("device_losses.csv", deviceLossesCsv(r.deviceLosses()));
      }
      out.writeText("ledger.csv", ledgerCsv(r.ledger()));
      model = config.saveModel() == null ? null
          : OutputDirectory.open(config.saveModel(), config.overwrite(), ctx.run().runId(),
              spark.sparkContext().hadoopConfiguration(), "--save-model",
              inputs(config.spec(), config.trace(), config.plan()));
      if (model != null) {
        SavedModel.write(model.fileSystem(), new org.apache.hadoop.fs.Path(model.stagingPath()),
            SavedModel.network(r.model(), r.parameters()), modelMetadata(o, summary,
                config.settingsJson()));
      }
      // The ledger first: a run is complete when its trainings row exists (join on run_id).
      String ledgerTable = config.spec().ledger().table();
      ResultTable.ensure(spark, w, ledgerTable, LedgerTable.SCHEMA);
      ResultTable.append(spark, w, ledgerTable, LedgerTable.rows(ctx.run().runId(), null, null,
          config.spec().mode().configName(), r.ledger()), LedgerTable.SCHEMA);
      ResultTable.ensure(spark, w, config.table(), TrainingTable.SCHEMA);
      ResultTable.append(spark, w, config.table(), List.of(TrainingTable.row(null, null, o,
          ctx.run().runId(), ctx.run().gitCommit(), config.settingsJson(), Instant.now())),
          TrainingTable.SCHEMA);
      if (model != null) {
        model.commit();
        progress.say("model saved in " + model.target());
      }
      out.commit();
      ctx.out().print(describe(o, out.target().toString(), w.table(config.table())));
    } finally {
      if (model != null) {
        model.close();
      }
    }
  }

  /** What {@code model.json} records beside the network. */
  static Map<String, Object> modelMetadata(TrainingExperiment.Outcome o,
      Map<String, Object> summary, String settingsJson) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : List.of("run_id", "git_commit", "mode", "setting", "model", "dataset",
        "seed", "trace_id", "trace", "plan", "train_samples", "test_samples", "accuracy",
        "loss")) {
      m.put(k, summary.get(k));
    }
    m.put("features", o.result().model().featureCount());
    m.put("classes", o.result().model().classes());
    m.put("parameters", o.result().parameters().length);
    m.put("settings", Json.readMap(settingsJson));
    return m;
  }

  static Map<String, Object> summary(TrainingExperiment.Outcome o, String runId, String commit) {
    TrainSpec s = o.spec();
    TrainingResult r = o.result();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", s.mode().configName());
    m.put("setting", s.setting() == null ? null : s.setting().configName());
    m.put("model", s.architecture().configName());
    m.put("dataset", s.dataset());
    m.put("devices", o.network().devices());
    m.put("slots", o.network().slots());
    m.put("tau", s.tau());
    m.put("passes", s.passes());
    m.put("topology", o.network().topology());
    m.put("trace_id", o.network().traceId());
    m.put("trace", o.network().trace());
    m.put("plan", o.network().plan());
    m.put("seed", s.seed());
    m.put("train_samples", o.trainSize());
    m.put("test_samples", o.testSize());
    m.put("collected", o.collected());
    m.put("accuracy", r.accuracy());
    m.put("loss", r.loss());
    boolean costs = r.planCosts().isPresent();
    m.put("process_cost", costs ? r.processCost() : null);
    m.put("transfer_cost", costs ? r.transferCost() : null);
    m.put("discard_cost", costs ? r.discardCost() : null);
    m.put("total_cost", costs ? r.totalCost() : null);
    m.put("unit_cost", costs ? r.unitCost() : null);
    m.put("offloaded_fraction", costs ? r.offloadingRate() : null);
    m.put("discarded_fraction", costs ? r.discardRate() : null);
    if (costs) {
      m.put("node_violations", r.costs().capacity().nodeSlots());
      m.put("link_violations", r.costs().capacity().links());
      m.put("max_rounding_shift", r.maxRoundingShift());
    }
    if (o.plan() != null && o.plan().setting() != null) {
      m.put("planned_cost", o.plan().setting().plannedCost());
    }
    CostLedger.Totals t = r.ledger().totals();
    Map<String, Object> ledger = new LinkedHashMap<>();
    ledger.put("link_model", s.ledger().links().configName());
    ledger.put("bytes", t.bytes());
    Map<String, Object> byKind = new LinkedHashMap<>();
    for (TrafficKind k : TrafficKind.values()) {
      byKind.put(k.configName(), t.bytes(k));
    }
    ledger.put("bytes_by_kind", byKind);
    ledger.put("messages", t.messages());
    ledger.put("flops", t.flops());
    ledger.put("communication_seconds", t.communicationSeconds());
    ledger.put("compute_seconds", t.computeSeconds());
    ledger.put("communication_joules", t.communicationJoules());
    ledger.put("compute_joules", t.computeJoules());
    ledger.put("energy_joules", t.energyJoules());
    ledger.put("carbon_kg", t.carbonKg());
    m.put("ledger", ledger);
    if (!r.report().isEmpty()) {
      m.put(s.mode().configName(), r.report());
    }
    m.put("aggregations", r.aggregationCount());
    m.put("steps", r.steps());
    m.put("samples_processed", r.samplesProcessed());
    m.put("training_seconds", r.trainingSeconds());
    m.put("evaluation_seconds", r.evaluationSeconds());
    m.put("run_id", runId);
    m.put("git_commit", commit);
    return m;
  }

  /** A byte count in B, kB, MB or GB (powers of 1000). */
  static String bytes(double b) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    int u = 0;
    while (Math.abs(b) >= 1000 && u < units.length - 1) {
      b /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.3g %s", b, units[u]);
  }

  static String curveCsv(TrainingResult r) {
    StringBuilder b = new StringBuilder("index,pass,slot,global_slot,weight,accuracy,loss\n");
    for (AggregationRecord a : r.aggregations()) {
      b.append(a.index()).append(',').append(a.pass()).append(',').append(a.slot()).append(',')
          .append(a.globalSlot()).append(',').append(a.weight()).append(',')
          .append(a.accuracy()).append(',').append(a.loss()).append('\n');
    }
    return b.toString();
  }

  static String ledgerCsv(CostLedger ledger) {
    StringBuilder b = new StringBuilder("entity,src,src_tier,dst,dst_tier,round,kind,stage,count,"
        + "bytes,flops,cpu_seconds,seconds,energy_joules,carbon_kg\n");
    for (CostLedger.Entry e : ledger.entries()) {
      b.append(e.entity()).append(',').append(e.src()).append(',')
          .append(e.srcTier().configName()).append(',').append(e.dst() == null ? "" : e.dst())
          .append(',').append(e.dstTier() == null ? "" : e.dstTier().configName()).append(',')
          .append(e.round()).append(',').append(e.kind()).append(',')
          .append(e.stage() == null ? "" : e.stage()).append(',').append(e.count()).append(',')
          .append(e.bytes()).append(',').append(e.flops()).append(',')
          .append(Double.isNaN(e.cpuSeconds()) ? "" : Double.toString(e.cpuSeconds())).append(',')
          .append(e.seconds()).append(',').append(e.energyJoules()).append(',')
          .append(e.carbonKg()).append('\n');
    }
    return b.toString();
  }

  static String deviceLossesCsv(DeviceLosses d) {
    StringBuilder b = new StringBuilder("pass,slot,device,samples,loss\n");
    d.forEach((p, t, i, samples, l) -> b.append(p).append(',').append(t).append(',').append(i)
        .append(',').append(samples).append(',').append(Double.isNaN(l) ? "" : Double.toString(l))
        .append('\n'));
    return b.toString();
  }

  static String describe(TrainingExperiment.Outcome o, String where, String table) {
    TrainSpec s = o.spec();
    TrainingResult r = o.result();
    StringBuilder b = new StringBuilder();
    if (s.multiSource() != null) {
      b.append(String.format(Locale.ROOT, "%s %s on %s: %d sources, %d epoch(s)%n",
          s.mode().configName(), s.architecture().configName(), s.dataset(),
          s.multiSource().sources(), s.multiSource().epochs()));
    } else {
      b.append(String.format(Locale.ROOT, "%s %s%s on %s: %d devices x %d slots, %s, %d "
          + "pass(es)%n", s.mode().configName(), s.architecture().configName(),
          s.setting() == null ? "" : " setting " + s.setting().configName(), s.dataset(),
          o.network().devices(), o.network().slots(), o.network().topology(), s.passes()));
    }
    b.append(String.format(Locale.ROOT, "test accuracy %.4f, loss %.4f after %d aggregation(s) "
        + "(%.1f s training)%n", r.accuracy(), r.loss(), r.aggregationCount(),
        r.trainingSeconds()));
    if (r.planCosts().isPresent()) {
      b.append(String.format(Locale.ROOT, "network cost per horizon %.6g (process %.6g, transfer "
          + "%.6g, discard %.6g), unit cost %.4f, offloaded %.1f%%, discarded %.1f%%%n",
          r.totalCost(), r.processCost(), r.transferCost(), r.discardCost(), r.unitCost(),
          100 * r.offloadingRate(), 100 * r.discardRate()));
    }
    CostLedger.Totals t = r.ledger().totals();
    b.append(String.format(Locale.ROOT, "ledger (%s links): %s moved (raw data %s, activations "
        + "%s, gradients %s, parameters %s, labels %s), %.3g FLOPs, %.3g J, %.3g kg CO2%n",
        s.ledger().links().configName(), bytes(t.bytes()), bytes(t.bytes(TrafficKind.RAW_DATA)),
        bytes(t.bytes(TrafficKind.ACTIVATIONS)), bytes(t.bytes(TrafficKind.GRADIENTS)),
        bytes(t.bytes(TrafficKind.PARAMETERS)), bytes(t.bytes(TrafficKind.LABELS)), t.flops(),
        t.energyJoules(), t.carbonKg()));
    if (r.report().get("best_epoch") instanceof Number best) {
      b.append(String.format(Locale.ROOT, "%s sources; accuracy at the epoch of least validation "
          + "loss, %d of %s; %s parameters; %.3g kWh from CPU time%n", r.report().get("sources"),
          best.intValue(), r.report().get("epochs"), r.report().get("parameters"),
          ((Number) r.report().get("cpu_energy_kwh")).doubleValue()));
    }
    if (r.report().get("simulated_seconds") instanceof Number sim) {
      b.append(String.format(Locale.ROOT, "simulated wall time %.4g s%n", sim.doubleValue()));
    }
    b.append("results in ").append(where).append(" and table ").append(table).append('\n');
    return b.toString();
  }
}
