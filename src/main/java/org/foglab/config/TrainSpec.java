package org.foglab.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.foglab.learning.Architecture;
import org.foglab.learning.NetworkFactory;
import org.foglab.learning.engine.StagedModel;
import org.foglab.learning.cost.Tier;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.pipeline.PipelineOptions;
import org.foglab.learning.pipeline.PipelineSuite;
import org.foglab.learning.split.SplitOptions;
import org.foglab.optimize.InformationSetting;

/**
 * One training run of network-aware learning (Tu et al., Sections III-B and V), as
 * {@code foglab.train} and {@code foglab.generate} describe it: the dataset, the classifier, the
 * regime and its Table III setting, and the fog network whose synthetic costs the data-movement
 * plan is solved on. The network's data column is the devices' sample counts: {@code D_i(t)}
 * uniform on {@code 0 .. floor(|D_V| / (n T))} with {@code |D_V|} the training set's size, so
 * {@code generate.data.total} and {@code generate.data.integer} are set by the dataset and ignored
 * here.
 *
 * @param dataset {@code mnist:DIR} (an MNIST-format IDX directory) or {@code synthetic:...}
 * @param architecture MLP or CNN
 * @param hiddenUnits MLP hidden layer widths
 * @param learningRate constant step size eta of equation (3)
 * @param mode centralized, federated or network-aware
 * @param setting Table III setting of network-aware runs (null for the other modes)
 * @param intervals L of settings C and D
 * @param tau aggregation period of network-aware runs (1 for federated, unused by centralized)
 * @param passes passes over the horizon (each device-slot's data trains once per pass)
 * @param dirichletAlpha label skew of the device streams, 0 for IID
 * @param evaluateEvery evaluate the test set after every this many aggregations (0: final only)
 * @param deviceLosses record every device-slot's training loss (Figure 4)
 * @param trace the fog network (topology, n, T, costs, capacities) and the seed
 * @param split split training's options (mode split), else null
 * @param pipeline the pipeline's options (mode pipeline), else null
 * @param ledger the cost ledger's models
 * @param multiSource the views and options of the multi-source modes (fpl, sl, gfl, transfer),
 *     else null
 */
public record TrainSpec(String dataset, Architecture architecture, List<Integer> hiddenUnits,
    double learningRate, TrainingMode mode, InformationSetting setting, int intervals, int tau,
    int passes, double dirichletAlpha, int evaluateEvery, boolean deviceLosses, TraceSpec trace,
    SplitOptions split, PipelineOptions pipeline, LedgerSpec ledger,
    MultiSourceSpec multiSource) implements Serializable {

  /** Split training's default batch size B (samples per fog node and round). */
  public static final int DEFAULT_SPLIT_BATCH = 100;
  /** The pipeline's default batch size. */
  public static final int DEFAULT_PIPELINE_BATCH = 64;

  /**
   * Checks the values against {@link TrainSettings} and the rules that tie them to the network
   * (intervals and tau within the horizon), so a spec built directly is checked as one read is.
   */
  public TrainSpec {
    TrainSettings.DATASET.check(dataset);
    TrainSettings.MODEL.check(architecture);
    hiddenUnits = List.copyOf(TrainSettings.HIDDEN_UNITS.check(hiddenUnits));
    TrainSettings.LEARNING_RATE.check(learningRate);
    TrainSettings.MODE.check(mode);
    TrainSettings.INTERVALS.check(intervals);
    TrainSettings.TAU.check(tau);
    TrainSettings.PASSES.check(passes);
    TrainSettings.DIRICHLET_ALPHA.check(dirichletAlpha);
    TrainSettings.EVALUATE_EVERY.check(evaluateEvery);
    java.util.Objects.requireNonNull(trace, "trace");
    java.util.Objects.requireNonNull(ledger, "ledger");
    if (mode == TrainingMode.NETWORK_AWARE) {
      TrainSettings.SETTING.check(setting);
    }
    int slots = trace.model().slots();
    if (setting != null && setting.imperfect() && intervals > slots) {
      throw TrainSettings.INTERVALS.error("must be at most the horizon of " + slots
          + " slots for setting " + setting.configName() + ", got " + intervals);
    }
    if (mode == TrainingMode.NETWORK_AWARE && tau > slots) {
      throw TrainSettings.TAU.error("must be at most the horizon of " + slots + " slots, got "
          + tau);
    }
  }

  /** n. */
  public int devices() {
    return trace.network().devices();
  }

  /** T. */
  public int slots() {
    return trace.model().slots();
  }

  public long seed() {
    return trace.seed();
  }

  /**
   * Reads {@code foglab.train} and {@code foglab.generate}. The trace keeps the configured data
   * total until {@link #withDataTotal} sets it to the training set's size.
   */
  public static TrainSpec read(Settings root) {
    String dataset = Installation.dataset(root.get(TrainSettings.DATASET),
        root.get(CoreSettings.HOME));
    Architecture arch = root.get(TrainSettings.MODEL);
    List<Integer> hidden = root.get(TrainSettings.HIDDEN_UNITS);
    double eta = root.get(TrainSettings.LEARNING_RATE);
    TrainingMode mode = root.get(TrainSettings.MODE);
    Preset preset = root.get(TrainSettings.PRESET);
    if (preset != Preset.NONE) {
      mode = preset.mode;
    }
    InformationSetting setting = mode == TrainingMode.NETWORK_AWARE
        ? root.get(TrainSettings.SETTING) : null;
    int tau = root.get(TrainSettings.TAU);
    int passes = root.get(TrainSettings.PASSES);
    double alpha = root.get(TrainSettings.DIRICHLET_ALPHA);
    int every = root.get(TrainSettings.EVALUATE_EVERY);
    boolean losses = root.get(TrainSettings.DEVICE_LOSSES);
    int intervals = root.get(TrainSettings.INTERVALS);
    TraceSpec trace = TraceSpec.read(root);
    List<String> cuts = root.get(TrainSettings.CUT);
    if (mode == TrainingMode.SPLIT || mode == TrainingMode.PIPELINE) {
      try {
        StagedModel.stageBounds(arch, NetworkFactory.layerNames(arch, hidden.size()), cuts);
      } catch (IllegalArgumentException e) {
        throw new ConfigError(null, e.getMessage());
      }
    }
    int batch = root.get(TrainSettings.BATCH_SIZE);
    SplitOptions split = null;
    PipelineOptions pipeline = null;
    try {
      if (mode == TrainingMode.SPLIT) {
        if (cuts.size() > 1) {
          throw TrainSettings.CUT.error("split training cuts the model once: give one layer, got " + cuts);
        }
        split = new SplitOptions(cuts.isEmpty() ? defaultSplitCut(arch) : cuts.get(0),
            batch == 0 ? DEFAULT_SPLIT_BATCH : batch, root.get(TrainSettings.STRAGGLER_RATE),
            root.get(TrainSettings.STRAGGLER_JITTER), trace.seed());
      } else if (mode == TrainingMode.PIPELINE) {
        PipelineSuite suite = root.get(TrainSettings.SUITE);
        List<Tier> placement = new ArrayList<>();
        for (String t : root.get(TrainSettings.PLACEMENT)) {
          Tier tier = Choice.parse(Tier.class, t.trim());
          if (tier == null) {
            throw TrainSettings.PLACEMENT.error("must list tiers (device, fog, cloudlet, cloud), "
                + "got \"" + t + "\"");
          }
          placement.add(tier);
        }
        int stages = suite == PipelineSuite.CUSTOM ? placement.size() : suite.tiers().size();
        if (cuts.isEmpty() && stages == 2) {
          cuts = List.of(defaultPipelineCut(arch));
        }
        pipeline = new PipelineOptions(suite, cuts, placement,
            batch == 0 ? DEFAULT_PIPELINE_BATCH : batch, root.get(TrainSettings.MICRO_BATCHES),
            root.get(TrainSettings.INFERENCE), root.get(TrainSettings.SOURCE), trace.seed());
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, e.getMessage());
    }
    LedgerSpec ledger = LedgerSpec.read(root);
    MultiSourceSpec multi = null;
    if (MultiSourceSpec.covers(mode)) {
      multi = MultiSourceSpec.read(root, mode, arch, hidden.size(), batch);
      if (preset != Preset.NONE) {
        multi = preset.apply(multi);
      }
    }
    return new TrainSpec(dataset, arch, hidden, eta, mode, setting, intervals,
        mode == TrainingMode.FEDERATED ? 1 : tau, passes, alpha, every, losses, trace, split,
        pipeline, ledger, multi);
  }

  /**
   * The strategies of seed 004's Figure 6 as one setting ({@code train.fpl.preset}), so a sweep
   * grid can list them: each sets the mode and its layer choice, replacing {@code train.mode},
   * {@code fpl.junction-before} and {@code fpl.average}.
   */
  public enum Preset implements Choice {
    NONE(null, null, null),
    FPL_F1(TrainingMode.FPL, "dense", null),
    FPL_F2(TrainingMode.FPL, "output", null),
    SL(TrainingMode.SL, "dense", null),
    GFL_F1_F2(TrainingMode.GFL, null, List.of("dense", "output")),
    GFL_C2_F1_F2(TrainingMode.GFL, null, List.of("conv2", "dense", "output")),
    TRANSFER(TrainingMode.TRANSFER, null, null);

    final TrainingMode mode;
    final String junction;
    final List<String> average;

    Preset(TrainingMode mode, String junction, List<String> average) {
      this.mode = mode;
      this.junction = junction;
      this.average = average;
    }

    MultiSourceSpec apply(MultiSourceSpec m) {
      return new MultiSourceSpec(m.views(), m.sources(), m.noise(), m.missing(),
          junction != null ? junction : m.junctionBefore(), average != null ? average
              : m.average(), m.proxMu(), m.averageEvery(), m.optimizer(), m.learningRate(),
          m.batchSize(), m.epochs(), m.trainSamples(), m.leaf());
    }

    @Override
    public String configName() {
      return Choice.nameOf(this);
    }
  }

  /** Split training's default cut: the mlp's output layer, the cnn's dense layer. */
  public static String defaultSplitCut(Architecture arch) {
    return arch == Architecture.CNN ? "dense" : "output";
  }

  /** A two-stage pipeline's default cut: the mlp's output layer, the cnn's second convolution. */
  public static String defaultPipelineCut(Architecture arch) {
    return arch == Architecture.CNN ? "conv2" : "output";
  }

  /** A list setting given as a HOCON list or as one comma-separated string (the CLI's form). */
  static List<String> list(Settings s, String path) {
    return Setting.readList(s, path);
  }

  /** This spec with the trace's {@code |D_V|} set to the training set's size, in whole datapoints. */
  public TrainSpec withDataTotal(int trainingSetSize) {
    TraceSpec t = new TraceSpec(trace.seed(), trace.network(),
        trace.model().withIntegerData(trainingSetSize));
    return new TrainSpec(dataset, architecture, hiddenUnits, learningRate, mode, setting,
        intervals, tau, passes, dirichletAlpha, evaluateEvery, deviceLosses, t, split, pipeline,
        ledger, multiSource);
  }
}
