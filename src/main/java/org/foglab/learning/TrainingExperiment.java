package org.foglab.learning;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.foglab.config.SolveOptions;
import org.foglab.config.TrainSpec;
import org.foglab.data.ArrayDataset;
import org.foglab.data.DatasetException;
import org.foglab.data.DeviceData;
import org.foglab.data.Mnist;
import org.foglab.data.MultiViewData;
import org.foglab.config.MultiSourceSpec;
import org.foglab.data.SampleSource;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.foglab.data.TrainTestSplit;
import org.foglab.learning.federated.DeviceExecutor;
import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.network.Trace;
import org.foglab.network.TraceDigest;
import org.foglab.network.TraceGenerator;
import org.foglab.optimize.Plan;
import org.foglab.optimize.ErrorModel;
import org.foglab.optimize.InMemorySolver;
import org.foglab.optimize.SolveMethod;
import org.foglab.optimize.SolveSummary;

/**
 * One training run of {@link TrainSpec}, end to end: the dataset and its train/test split, the
 * fog network with the devices' sample counts as its data ({@code D_i(t)} uniform on
 * {@code 0 .. floor(|D_V| / (n T))}, Section V-A), the data-movement plan of the Table III
 * setting ({@link InMemorySolver}: A no movement, B closed form, C and D planned from the previous
 * interval's averages and applied to the realised trace), and the federated training the plan
 * implies ({@link org.foglab.learning.engine.Trainer}: each device steps on what it processes, the server averages
 * every {@code tau} slots).
 */
public final class TrainingExperiment {
  private TrainingExperiment() {}

  /** The split used for MNIST-format data of at least 10,000 images (Section V-A). */
  static final int MNIST_TRAIN = 8000;
  static final int MNIST_TEST = 2000;

  /**
   * The outcome.
   *
   * @param spec the run, with {@code |D_V|} set to the training set's size
   * @param result accuracy, losses, curve and the executed plan's costs
   * @param plan the planner's summary (realised cost, violations, planned cost of C and D); null
   *     for the centralized and federated modes
   * @param trainSize training samples
   * @param testSize test samples
   * @param collected datapoints the devices collect over one horizon
   */
  public record Outcome(TrainSpec spec, TrainingResult result, SolveSummary plan, int trainSize,
      int testSize, long collected, NetworkInfo network) {}

  /**
   * The fog network a run trained on.
   *
   * @param traceId the trace's {@link TraceDigest} (null for the multi-source modes, which run
   *     on no trace)
   * @param trace the trace directory read, or null for one generated from the settings
   * @param plan the plan directory read, or null for a plan solved from the setting
   * @param topology the generator's topology, or "file" for a trace read from a directory
   *     that does not record one
   * @param devices n
   * @param slots T
   */
  public record NetworkInfo(String traceId, String trace, String plan, String topology,
      int devices, int slots) {}

  /**
   * A network read from files instead of generated from the settings: {@code train --trace DIR
   * [--plan DIR]}.
   *
   * @param trace the trace (its data column the devices' sample counts)
   * @param plan the plan to execute (network-aware mode), or null to solve the setting's plan
   * @param traceDir where the trace was read
   * @param planDir where the plan was read, or null
   * @param topology the topology its trace.json records, or "file"
   */
  public record Network(Trace trace, Plan plan, String traceDir, String planDir,
      String topology) {}

  /** A training and a test set. */
  public record Split(SampleSource train, SampleSource test) {}

  /**
   * Reads a {@code mnist:DIR} dataset (its {@code t10k} pair when the directory holds several;
   * 8,000 / 2,000 seeded split of sets of at least 10,000 images, else 80 / 20) or builds a
   * {@code synthetic:...} one (generated on demand, any size).
   */
  public static Split dataset(String text, long seed) {
    if (SyntheticSpec.isSpec(text)) {
      SyntheticSpec s;
      try {
        s = SyntheticSpec.parse(text);
      } catch (IllegalArgumentException e) {
        throw new DatasetException("--dataset " + text + ": " + e.getMessage());
      }
      return new Split(s.train(), s.test());
    }
    Path dir = Path.of(text.substring("mnist:".length()));
    ArrayDataset all = Mnist.readPreferring(dir, "t10k");
    if (all.size() >= MNIST_TRAIN + MNIST_TEST) {
      TrainTestSplit split = TrainTestSplit.mnist8000(all, seed);
      return new Split(split.train(), split.test());
    }
    int train = (int) Math.round(all.size() * 0.8);
    if (train < 1 || train == all.size()) {
      throw new DatasetException(dir, dir + " holds " + all.size() + " images; a train/test "
          + "split needs at least 2");
    }
    TrainTestSplit split = TrainTestSplit.of(all, train, all.size() - train, seed);
    return new Split(split.train(), split.test());
  }

  /**
   * A multi-source mode: fpl, sl and gfl run their per-source work on {@code executor}
   * (bit-identical either way); transfer trains its one model in this thread whatever it is.
   */
  private static Outcome runMultiSource(TrainSpec s, DeviceExecutor executor,
      Consumer<String> progress) {
    MultiSourceSpec m = s.multiSource();
    MultiViewData data = multiViewData(s);
    SampleSource train = data.train().get(0);
    ModelConfig model = model(s, train);
    progress.accept(String.format(java.util.Locale.ROOT, "dataset %s: %d sources (%s), %d "
        + "training, %d validation, %d test samples; %s with %,d parameters per model",
        s.dataset(), m.sources(), m.sourceViews().stream().map(v -> v.transform().configName())
            .collect(java.util.stream.Collectors.joining(",")), train.size(),
        data.validation().get(0).size(), data.test().get(0).size(),
        m.leaf() && s.architecture() == Architecture.CNN ? "leaf cnn"
            : s.architecture().configName(), LocalModel.initialParameters(model).length));
    TrainingOptions options = TrainingOptions.of(s.mode(), m.epochs()).withSeed(s.seed());
    int epochs = m.epochs();
    TrainingResult r = Trainer.builder().model(model).trainingData(train)
        .testData(data.test().get(0))
        .deviceData(DeviceData.iid(m.sources(), 1, train.size(), s.seed()))
        .fpl(m.options(data, s.seed())).options(options).executor(executor)
        .costModels(s.ledger().models(s.seed()))
        .rawBytesPerSample(rawBytesPerFeature(s.dataset()) * train.featureCount())
        .listener(a -> progress.accept(String.format(java.util.Locale.ROOT, "epoch %d/%d: test "
            + "accuracy %.4f, loss %.4f", a.pass(), epochs, a.accuracy(), a.loss())))
        .run();
    return new Outcome(s, r, null, train.size(), data.test().get(0).size(),
        (long) train.size() * m.sources(), new NetworkInfo(null, null, null,
            s.trace().network().topology().configName(), s.devices(), s.slots()));
  }

  /** The classifier for a dataset's shape. */
  public static ModelConfig model(TrainSpec spec, SampleSource train) {
    int features = train.featureCount();
    int side = (int) Math.round(Math.sqrt(features));
    boolean square = side * side == features;
    ModelConfig m;
    if (spec.architecture() == Architecture.CNN) {
      if (!square) {
        throw new DatasetException("--model cnn needs square single-channel images, but the "
            + "dataset has " + features + " features per sample; use --model mlp");
      }
      ModelConfig cnn = spec.multiSource() != null && spec.multiSource().leaf()
          ? ModelConfig.leafCnn() : ModelConfig.mnistCnn();
      m = new ModelConfig(Architecture.CNN, side, side, 1, train.classCount(), java.util.List.of(),
          cnn.kernel(), cnn.conv1Channels(), cnn.conv2Channels(), cnn.denseUnits(),
          spec.learningRate(), spec.seed());
    } else {
      m = new ModelConfig(Architecture.MLP, square ? side : 1, square ? side : features, 1,
          train.classCount(), spec.hiddenUnits(), 0, 0, 0, 0, spec.learningRate(), spec.seed());
    }
    return m;
  }

  /**
   * Bytes per feature of a dataset as collected: MNIST pixels are 8-bit, synthetic features
   * float32.
   */
  static int rawBytesPerFeature(String dataset) {
    return dataset.startsWith("mnist:") ? 1 : 4;
  }

  /**
   * The multi-view data of the multi-source modes: MNIST-format images split {@code
   * trainSamples} (at most 7,000) / 1,000 / 2,000 with the seed, or a synthetic set's training
   * part and its test part halved into validation and test; each source's views of them.
   */
  public static MultiViewData multiViewData(TrainSpec spec) {
    MultiSourceSpec m = spec.multiSource();
    if (SyntheticSpec.isSpec(spec.dataset())) {
      Split split = dataset(spec.dataset(), spec.seed());
      ArrayDataset test = ArrayDataset.copyOf(split.test());
      int half = test.size() / 2;
      if (half < 1) {
        throw new DatasetException("--dataset " + spec.dataset() + " needs at least 2 test "
            + "samples to halve into validation and test");
      }
      int[] val = new int[half];
      int[] te = new int[test.size() - half];
      for (int i = 0; i < test.size(); i++) {
        if (i < half) {
          val[i] = i;
        } else {
          te[i - half] = i;
        }
      }
      try {
        return MultiViewData.of(split.train(), test.subset(val), test.subset(te),
            m.sourceViews(), spec.seed());
      } catch (IllegalArgumentException e) {
        throw new DatasetException("--dataset " + spec.dataset() + ": " + e.getMessage());
      }
    }
    Path dir = Path.of(spec.dataset().substring("mnist:".length()));
    ArrayDataset all = Mnist.readPreferring(dir, "t10k");
    int need = MultiViewData.MNIST_TRAIN + MultiViewData.MNIST_VALIDATION
        + MultiViewData.MNIST_TEST;
    if (all.size() < need) {
      throw new DatasetException(dir, dir + " holds " + all.size() + " images; the multi-source "
          + "modes split " + need + " (7,000 / 1,000 / 2,000)");
    }
    // Fewer training images are a prefix of the 7,000: validation and test stay the same.
    MultiViewData full = MultiViewData.split(all, MultiViewData.MNIST_TRAIN,
        MultiViewData.MNIST_VALIDATION, MultiViewData.MNIST_TEST, spec.seed());
    return full.views(m.sourceViews(), m.trainSamples(), spec.seed());
  }

  /** Runs {@code spec}; devices train on {@code executor}. */
  public static Outcome run(TrainSpec spec, DeviceExecutor executor, Consumer<String> progress) {
    return run(spec, null, executor, progress);
  }

  /**
   * Runs {@code spec} on {@code network} (null: the network the settings generate); devices
   * train on {@code executor}.
   */
  public static Outcome run(TrainSpec spec, Network network, DeviceExecutor executor,
      Consumer<String> progress) {
    if (MultiSourceSpec.covers(spec.mode())) {
      if (network != null) {
        throw new IllegalArgumentException("--trace applies to the modes that train on a fog "
            + "network (centralized, federated, network-aware, split, pipeline); "
            + spec.mode().configName() + " trains on --sources views of the dataset");
      }
      return runMultiSource(spec, executor, progress);
    }
    return run(spec, network, dataset(spec.dataset(), spec.seed()), executor, progress, false);
  }

  /**
   * Checks what a split or pipeline run of {@code spec} on {@code split} would refuse (a batch
   * larger than a node's data, a source that names no device) without training, so a sweep can
   * refuse a bad scenario before anything runs; throws {@link IllegalArgumentException}.
   */
  public static void check(TrainSpec spec, Split split) {
    if (spec.mode() == TrainingMode.SPLIT || spec.mode() == TrainingMode.PIPELINE) {
      run(spec, null, split, DeviceExecutor.local(), m -> { }, true);
    }
  }

  private static Outcome run(TrainSpec spec, Network network, Split split,
      DeviceExecutor executor, Consumer<String> progress, boolean checkOnly) {
    TrainSpec s = spec.withDataTotal(split.train().size());
    ModelConfig model = model(s, split.train());
    progress.accept(String.format(java.util.Locale.ROOT, "dataset %s: %d training, %d test "
        + "samples; %s with %,d parameters", spec.dataset(), split.train().size(),
        split.test().size(), s.architecture().configName(), LocalModel.initialParameters(model).length));
    Trace trace = network != null ? network.trace() : TraceGenerator.generate(s.trace());
    if (network != null) {
      if (s.mode() == TrainingMode.NETWORK_AWARE && s.tau() > trace.slots()) {
        throw new IllegalArgumentException("--tau " + s.tau() + " exceeds the horizon of the "
            + "trace in " + network.traceDir() + " (" + trace.slots() + " slots)");
      }
      if (s.setting() != null && s.setting().imperfect() && s.intervals() > trace.slots()) {
        throw new IllegalArgumentException("--intervals " + s.intervals() + " exceeds the "
            + "horizon of the trace in " + network.traceDir() + " (" + trace.slots() + " slots)");
      }
      if (network.plan() != null && s.mode() != TrainingMode.NETWORK_AWARE) {
        throw new IllegalArgumentException("--plan applies to --mode network-aware, which "
            + "executes a plan; " + s.mode().configName() + " moves no data by plan");
      }
    }
    Sampling sampling = s.dirichletAlpha() > 0 ? Sampling.labelSkew(s.dirichletAlpha())
        : Sampling.iid();
    DeviceData data = DeviceData.forTrace(trace, split.train(), s.seed(), sampling);
    if (data.totalCount() == 0) {
      throw new IllegalArgumentException(network != null
          ? "the trace in " + network.traceDir() + " gives its devices no datapoints (every data "
              + "value is below 1 sample): nothing to train on"
          : String.format(java.util.Locale.ROOT, "the devices collect no datapoints: %,d training "
              + "samples over %,d devices x %,d slots leave every device-slot below one sample; use "
              + "fewer devices or slots, or a larger dataset", split.train().size(),
              trace.devices(), trace.slots()));
    }
    Trainer.Builder b = Trainer.builder().model(model)
        .trainingData(split.train()).testData(split.test()).deviceData(data).executor(executor);
    SolveSummary planned = null;
    TrainingOptions options;
    switch (s.mode()) {
      case CENTRALIZED:
        options = TrainingOptions.centralized(s.passes()).withSeed(s.seed());
        b.trace(trace);
        break;
      case FEDERATED:
        options = TrainingOptions.federated(s.passes());
        b.trace(trace);
        break;
      case SPLIT:
        options = TrainingOptions.of(TrainingMode.SPLIT, s.passes()).withSeed(s.seed());
        b.trace(trace).split(s.split());
        break;
      case PIPELINE:
        options = TrainingOptions.of(TrainingMode.PIPELINE, s.passes()).withSeed(s.seed());
        b.trace(trace).pipeline(s.pipeline());
        break;
      default:
        if (network != null && network.plan() != null) {
          progress.accept("executing the plan in " + network.planDir());
          options = TrainingOptions.networkAware(s.tau(), s.passes());
          b.plan(network.plan());
          break;
        }
        InMemorySolver.Outcome o = InMemorySolver.solve(trace, new SolveOptions(SolveMethod.AUTO,
            ErrorModel.LINEAR, s.setting(), s.intervals(), SolveOptions.DEFAULT_GAP_TOLERANCE));
        planned = o.summary();
        progress.accept(String.format(java.util.Locale.ROOT, "setting %s plan: unit cost %.4f, "
            + "offloaded %.1f%%, discarded %.1f%%", s.setting().configName(), planned.unitCost(),
            100 * planned.offloadedFraction(), 100 * planned.discardedFraction()));
        options = TrainingOptions.networkAware(s.tau(), s.passes());
        b.plan(o.plan());
        break;
    }
    b.costModels(s.ledger().models(s.seed()))
        .rawBytesPerSample(rawBytesPerFeature(s.dataset()) * split.train().featureCount());
    options = options.withEvaluateEvery(s.evaluateEvery())
        .withDeviceLosses(s.deviceLosses() && (s.mode() == TrainingMode.FEDERATED
            || s.mode() == TrainingMode.NETWORK_AWARE));
    progress.accept(String.format(java.util.Locale.ROOT, "training %s: %d devices x %d slots, "
        + "%d collected datapoints per pass, %d pass(es)%s", s.mode().configName(),
        trace.devices(), trace.slots(), data.totalCount(), s.passes(), s.mode() == TrainingMode.NETWORK_AWARE
            ? ", tau " + s.tau() : ""));
    int slots = trace.slots();
    int passes = s.passes();
    b.listener(a -> {
      if (Double.isNaN(a.accuracy())) {
        progress.accept(String.format(java.util.Locale.ROOT, "pass %d/%d", a.pass(), passes));
      } else if (a.slot() == slots || s.mode() == TrainingMode.CENTRALIZED) {
        progress.accept(String.format(java.util.Locale.ROOT, "pass %d/%d: test accuracy %.4f, "
            + "loss %.4f", a.pass(), passes, a.accuracy(), a.loss()));
      }
    });
    Trainer trainer = b.options(options).build();
    if (checkOnly) {
      return null;
    }
    TrainingResult r = trainer.run();
    NetworkInfo info = new NetworkInfo(TraceDigest.of(trace).id(),
        network == null ? null : network.traceDir(), network == null ? null : network.planDir(),
        network == null ? s.trace().network().topology().configName() : network.topology(),
        trace.devices(), trace.slots());
    return new Outcome(s, r, planned, split.train().size(), split.test().size(),
        data.totalCount(), info);
  }
}
