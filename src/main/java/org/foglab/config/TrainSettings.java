package org.foglab.config;

import java.util.ArrayList;
import java.util.List;
import org.foglab.jobs.TrainJob;
import org.foglab.learning.Architecture;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.fpl.Optimizer;
import org.foglab.learning.pipeline.PipelineSuite;
import org.foglab.optimize.InformationSetting;

/**
 * Declarations of {@code foglab.train.*}: the training run ({@link TrainSpec}), split and
 * pipeline options, the multi-source modes ({@link MultiSourceSpec}), the cost ledger
 * ({@link LedgerSpec}) and where {@code train} writes.
 */
public final class TrainSettings {
  private TrainSettings() {}

  private static final String T = "foglab.train.";

  public static final Setting<String> DATASET = Setting.string(T + "dataset")
      .rule(d -> !d.startsWith("mnist:") && !d.startsWith("synthetic:")
          ? "must be mnist:DIR (a directory of MNIST-format IDX files) or synthetic:key=value,... "
              + "(classes, features, samples, test, seed, separation, noise), got \"" + d + "\""
          : d.equals("mnist:") ? "mnist: needs a directory, e.g. mnist:data/mnist" : null)
      .option("dataset", "D").column();
  public static final Setting<String> TRACE =
      Setting.string(T + "trace").optional().option("trace", "DIR");
  public static final Setting<String> PLAN =
      Setting.string(T + "plan").optional().option("plan", "DIR");
  public static final Setting<String> SAVE_MODEL =
      Setting.string(T + "save-model").optional().option("save-model", "DIR");
  public static final Setting<Architecture> MODEL =
      Setting.choice(T + "model", Architecture.class).option("model").column();
  public static final Setting<List<Integer>> HIDDEN_UNITS = Setting.custom(T + "hidden-units",
      Setting.Type.LIST, (s, k) -> {
        List<Integer> out = new ArrayList<>();
        for (String h : Setting.readList(s, k)) {
          try {
            out.add(Integer.parseInt(h.trim()));
          } catch (NumberFormatException e) {
            throw new ConfigError(k, "must list positive layer widths, got \"" + h + "\"");
          }
        }
        return List.copyOf(out);
      }).rule(l -> l.stream().filter(v -> v < 1 || v > 100_000).findFirst()
          .map(v -> "must list layer widths from 1 to 100000, got " + v).orElse(null))
      .column("hidden_units");
  public static final Setting<Double> LEARNING_RATE =
      Setting.number(T + "learning-rate", Double.MIN_VALUE, 100).option("learning-rate", "ETA")
          .column();
  public static final Setting<TrainingMode> MODE =
      Setting.choice(T + "mode", TrainingMode.class).option("mode").column();
  public static final Setting<InformationSetting> SETTING =
      Setting.choice(T + "setting", InformationSetting.class).option("setting").column();
  public static final Setting<Integer> INTERVALS =
      Setting.integer(T + "intervals", 1, 1_000_000).option("intervals", "L").column();
  public static final Setting<Integer> TAU =
      Setting.integer(T + "tau", 1, 1_000_000).option("tau", "TAU").column();
  public static final Setting<Integer> PASSES =
      Setting.integer(T + "passes", 1, 100_000).option("passes", "P").column();
  public static final Setting<Double> DIRICHLET_ALPHA =
      Setting.number(T + "dirichlet-alpha", 0, 1e9).option("dirichlet-alpha", "A").column();
  public static final Setting<Integer> EVALUATE_EVERY =
      Setting.integer(T + "evaluate-every", 0, 1_000_000).option("evaluate-every", "K");
  public static final Setting<Boolean> DEVICE_LOSSES =
      Setting.bool(T + "device-losses").option("device-losses");
  public static final Setting<TrainJob.Executor> EXECUTOR =
      Setting.choice(T + "executor", TrainJob.Executor.class).option("executor");
  public static final Setting<Integer> PARTITIONS =
      Setting.integer(T + "partitions", 0, 1_000_000).option("partitions", "P");
  public static final Setting<org.foglab.learning.federated.SparkDeviceExecutor.PeriodMode>
      SPARK_PERIODS = Setting.choice(T + "spark-periods",
          org.foglab.learning.federated.SparkDeviceExecutor.PeriodMode.class)
      .option("spark-periods");
  public static final Setting<String> OUT = Setting.string(T + "out").option("out", "DIR");
  public static final Setting<Boolean> OVERWRITE = Setting.bool(T + "overwrite").option("overwrite");
  public static final Setting<String> TABLE = Setting.identifier(T + "table").option("table", "NAME");

  public static final Setting<List<String>> CUT = Setting.list(T + "cut").option("cut", "LAYERS");
  public static final Setting<Integer> BATCH_SIZE =
      Setting.integer(T + "batch-size", 0, 10_000_000).option("batch-size", "B");
  public static final Setting<Double> STRAGGLER_RATE =
      Setting.number(T + "straggler-rate", 0, 1).option("straggler-rate", "ALPHA");
  public static final Setting<Double> STRAGGLER_JITTER =
      Setting.number(T + "straggler-jitter", 0, 100).option("straggler-jitter", "SIGMA");

  public static final Setting<PipelineSuite> SUITE =
      Setting.choice(T + "pipeline.suite", PipelineSuite.class).option("suite");
  public static final Setting<List<String>> PLACEMENT =
      Setting.list(T + "pipeline.placement").option("placement", "TIERS");
  public static final Setting<Integer> MICRO_BATCHES =
      Setting.integer(T + "pipeline.micro-batches", 1, 10_000_000).option("micro-batches", "M");
  public static final Setting<Boolean> INFERENCE =
      Setting.bool(T + "pipeline.inference").option("inference");
  public static final Setting<Integer> SOURCE =
      Setting.integer(T + "pipeline.source", 0, Integer.MAX_VALUE).option("source", "I");

  public static final Setting<List<String>> VIEWS =
      Setting.list(T + "fpl.views").option("views", "VIEWS");
  public static final Setting<Integer> SOURCES =
      Setting.integer(T + "fpl.sources", 0, 1000).option("sources", "S");
  public static final Setting<List<String>> NOISE =
      Setting.list(T + "fpl.noise").option("view-noise", "SIGMAS");
  public static final Setting<List<String>> MISSING =
      Setting.list(T + "fpl.missing").option("view-missing", "FRACTIONS");
  public static final Setting<String> JUNCTION_BEFORE =
      Setting.string(T + "fpl.junction-before").option("junction-before", "LAYER");
  public static final Setting<List<String>> AVERAGE =
      Setting.list(T + "fpl.average").option("average", "LAYERS");
  public static final Setting<Double> PROX_MU =
      Setting.number(T + "fpl.prox-mu", 0, 1e6).option("prox-mu", "MU");
  public static final Setting<Integer> AVERAGE_EVERY =
      Setting.integer(T + "fpl.average-every", 1, 1_000_000).option("average-every", "K");
  public static final Setting<Optimizer> OPTIMIZER =
      Setting.choice(T + "fpl.optimizer", Optimizer.class).option("optimizer");
  public static final Setting<Double> FPL_LEARNING_RATE =
      Setting.number(T + "fpl.learning-rate", Double.MIN_VALUE, 100)
          .option("fpl-learning-rate", "ETA");
  public static final Setting<Integer> EPOCHS =
      Setting.integer(T + "fpl.epochs", 1, 100_000).option("epochs", "E");
  public static final Setting<Integer> TRAIN_SAMPLES =
      Setting.integer(T + "fpl.train-samples", 1, org.foglab.data.MultiViewData.MNIST_TRAIN)
          .option("train-samples", "N");
  public static final Setting<Boolean> LEAF = Setting.bool(T + "fpl.leaf").option("leaf");
  public static final Setting<TrainSpec.Preset> PRESET =
      Setting.choice(T + "fpl.preset", TrainSpec.Preset.class).option("preset");

  public static final Setting<LedgerSpec.Links> LINKS =
      Setting.choice(T + "ledger.links", LedgerSpec.Links.class).option("links");
  public static final Setting<Double> CARBON =
      Setting.number(T + "ledger.carbon-kg-per-kwh", 0, 10).option("carbon", "KG");
  public static final Setting<String> LEDGER_TABLE =
      Setting.identifier(T + "ledger.table").option("ledger-table", "NAME");
  public static final Setting<Double> GFLOPS_DEVICE = tier("gflops.device");
  public static final Setting<Double> GFLOPS_FOG = tier("gflops.fog");
  public static final Setting<Double> GFLOPS_CLOUDLET = tier("gflops.cloudlet");
  public static final Setting<Double> GFLOPS_CLOUD = tier("gflops.cloud");
  public static final Setting<Double> MEMORY_DEVICE = tier("memory-mb.device");
  public static final Setting<Double> MEMORY_FOG = tier("memory-mb.fog");
  public static final Setting<Double> MEMORY_CLOUDLET = tier("memory-mb.cloudlet");
  public static final Setting<Double> MEMORY_CLOUD = tier("memory-mb.cloud");

  private static Setting<Double> tier(String key) {
    return Setting.number(T + "ledger." + key, 0, 1e12);
  }

  /** The ledger's per-tier override of {@code gflops} or {@code memory-mb}. */
  static Setting<Double> tier(String group, org.foglab.learning.cost.Tier t) {
    boolean speed = group.equals("gflops");
    return switch (t) {
      case DEVICE -> speed ? GFLOPS_DEVICE : MEMORY_DEVICE;
      case FOG -> speed ? GFLOPS_FOG : MEMORY_FOG;
      case CLOUDLET -> speed ? GFLOPS_CLOUDLET : MEMORY_CLOUDLET;
      case CLOUD -> speed ? GFLOPS_CLOUD : MEMORY_CLOUD;
    };
  }
}
