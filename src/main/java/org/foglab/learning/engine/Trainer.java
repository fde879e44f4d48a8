package org.foglab.learning.engine;

import java.util.Objects;
import java.util.function.Consumer;
import org.foglab.data.DeviceData;
import org.foglab.data.SampleSource;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.CostModels;
import org.foglab.learning.federated.DeviceExecutor;
import org.foglab.learning.fpl.FplOptions;
import org.foglab.learning.pipeline.PipelineOptions;
import org.foglab.learning.split.SplitOptions;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;

/**
 * Trains a classifier under any paradigm: collects a run's inputs, validates what all paradigms
 * share (data shapes, the trace, the plan), and hands the run to the {@link TrainingStrategy} of
 * its {@link TrainingMode}, which checks its own options before anything runs.
 *
 * <pre>
 * TrainingResult r = Trainer.builder().model(m).trainingData(train).testData(test)
 *     .deviceData(data).trace(trace).options(TrainingOptions.federated(20)).run();
 * </pre>
 */
public final class Trainer {
  private final TrainingRun run;
  private final TrainingStrategy strategy;

  private Trainer(Builder b) {
    ModelConfig model = Objects.requireNonNull(b.model, "model");
    SampleSource train = Objects.requireNonNull(b.train, "trainingData");
    SampleSource test = Objects.requireNonNull(b.test, "testData");
    DeviceData data = Objects.requireNonNull(b.data, "deviceData");
    TrainingOptions options = Objects.requireNonNull(b.options, "options");
    Trace trace = b.plan != null ? b.plan.trace() : b.trace;
    if (b.plan != null && b.trace != null && b.trace != b.plan.trace()) {
      throw new IllegalArgumentException("the plan belongs to another trace than the one given");
    }
    checkFits(model, "training", train);
    checkFits(model, "test", test);
    if (data.trainingSetSize() != train.size()) {
      throw new IllegalArgumentException("the device data streams index a training set of "
          + data.trainingSetSize() + " samples but the training data has " + train.size());
    }
    if (trace != null) {
      data.requireConsistent(trace);
    }
    CostModels models = b.costModels != null ? b.costModels : CostModels.defaults();
    this.run = new TrainingRun(model, train, test, data, b.plan, trace, options, b.split,
        b.pipeline, b.fpl, b.executor != null ? b.executor : DeviceExecutor.local(),
        b.listener != null ? b.listener : r -> { }, new CostLedger(models),
        b.rawBytesPerSample > 0 ? b.rawBytesPerSample
            : TrainingRun.FLOAT_BYTES * train.featureCount());
    this.strategy = options.mode().strategy();
    strategy.check(run);
  }

  private static void checkFits(ModelConfig model, String what, SampleSource s) {
    if (s.featureCount() != model.featureCount() || s.classCount() != model.classes()) {
      throw new IllegalArgumentException("the " + what + " data has " + s.featureCount()
          + " features and " + s.classCount() + " classes but the model expects "
          + model.featureCount() + " and " + model.classes());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The validated inputs. */
  public TrainingRun trainingRun() {
    return run;
  }

  /** Trains and evaluates. */
  public TrainingResult run() {
    return strategy.train(run);
  }

  /** Collects the inputs of a run; {@link #build()} validates them together. */
  public static final class Builder {
    private ModelConfig model;
    private SampleSource train;
    private SampleSource test;
    private DeviceData data;
    private Plan plan;
    private Trace trace;
    private TrainingOptions options;
    private SplitOptions split;
    private PipelineOptions pipeline;
    private FplOptions fpl;
    private DeviceExecutor executor;
    private Consumer<AggregationRecord> listener;
    private CostModels costModels;
    private double rawBytesPerSample;

    private Builder() {}

    /**
     * Bytes of one sample's features as collected (8-bit images: one per pixel); 0 or unset:
     * float32 features, 4 bytes each.
     */
    public Builder rawBytesPerSample(double bytes) {
      this.rawBytesPerSample = bytes;
      return this;
    }

    /**
     * Called with each evaluated round as training goes (progress reports); federated and
     * network-aware runs also call it at the end of a pass with no test due, with NaN accuracy
     * and loss (such records are not in the result's curve).
     */
    public Builder listener(Consumer<AggregationRecord> l) {
      this.listener = l;
      return this;
    }

    public Builder model(ModelConfig m) {
      this.model = m;
      return this;
    }

    /** The training set the device streams index. */
    public Builder trainingData(SampleSource s) {
      this.train = s;
      return this;
    }

    public Builder testData(SampleSource s) {
      this.test = s;
      return this;
    }

    /** Which samples each device-slot collects. */
    public Builder deviceData(DeviceData d) {
      this.data = d;
      return this;
    }

    /** The data-movement plan (NETWORK_AWARE only); its trace must match the device data. */
    public Builder plan(Plan p) {
      this.plan = p;
      return this;
    }

    /** The trace, for costs and placements (implied by the plan otherwise). */
    public Builder trace(Trace t) {
      this.trace = t;
      return this;
    }

    public Builder options(TrainingOptions o) {
      this.options = o;
      return this;
    }

    /** Options of split training (mode SPLIT). */
    public Builder split(SplitOptions s) {
      this.split = s;
      return this;
    }

    /** Options of pipelines (mode PIPELINE). */
    public Builder pipeline(PipelineOptions p) {
      this.pipeline = p;
      return this;
    }

    /** Multi-view data and options of the multi-source modes (FPL, SL, GFL, TRANSFER). */
    public Builder fpl(FplOptions f) {
      this.fpl = f;
      return this;
    }

    /** Where devices train; local by default. */
    public Builder executor(DeviceExecutor e) {
      this.executor = e;
      return this;
    }

    /** Link, device and carbon models of the cost ledger; {@link CostModels#defaults()} if unset. */
    public Builder costModels(CostModels m) {
      this.costModels = m;
      return this;
    }

    public Trainer build() {
      return new Trainer(this);
    }

    /** {@code build().run()}. */
    public TrainingResult run() {
      return build().run();
    }
  }
}
