package org.foglab.learning.engine;

import java.util.function.Consumer;
import org.foglab.data.DeviceData;
import org.foglab.data.SampleSource;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.federated.DeviceExecutor;
import org.foglab.learning.fpl.FplOptions;
import org.foglab.learning.pipeline.PipelineOptions;
import org.foglab.learning.split.SplitOptions;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;

/**
 * The validated inputs of one training run, as {@link Trainer} hands them to a
 * {@link TrainingStrategy}.
 *
 * @param model the classifier
 * @param train the training samples the device streams index
 * @param test the test samples
 * @param data which samples each device-slot collects (devices are fog nodes in split training)
 * @param plan the data-movement plan (network-aware runs), else null
 * @param trace the fog network (implied by the plan when there is one), or null
 * @param options how to train: mode, passes, evaluation
 * @param split options of split training (mode split), else null
 * @param pipeline options of pipelines (mode pipeline), else null
 * @param fpl multi-view data and options of the multi-source modes (fpl, sl, gfl, transfer),
 *     else null
 * @param executor where device work runs
 * @param listener called with each evaluated round (progress)
 * @param ledger where the strategy records bytes and compute; returned in the result
 * @param rawBytesPerSample bytes of one sample's features as collected (for example 784 for an
 *     8-bit 28x28 image), which is what moving raw data sends; its label adds
 *     {@link #LABEL_BYTES}
 */
public record TrainingRun(ModelConfig model, SampleSource train, SampleSource test,
    DeviceData data, Plan plan, Trace trace, TrainingOptions options, SplitOptions split,
    PipelineOptions pipeline, FplOptions fpl, DeviceExecutor executor,
    Consumer<AggregationRecord> listener, CostLedger ledger, double rawBytesPerSample) {

  /** Bytes of one label on the wire (a class index below 256). */
  public static final double LABEL_BYTES = 1;
  /** Bytes of one activation, gradient or parameter value (float32). */
  public static final double FLOAT_BYTES = 4;

  public TrainingRun {
    if (!(rawBytesPerSample > 0) || Double.isInfinite(rawBytesPerSample)) {
      throw new IllegalArgumentException("rawBytesPerSample must be positive, got "
          + rawBytesPerSample);
    }
  }

  /** Reports an evaluated round to the listener and returns it. */
  public AggregationRecord report(AggregationRecord r) {
    listener.accept(r);
    return r;
  }
}
