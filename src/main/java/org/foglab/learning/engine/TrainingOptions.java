package org.foglab.learning.engine;

import java.io.Serializable;

/**
 * How to train.
 *
 * <p>Budget: the {@code T} slots of the trace are one <em>pass</em>; {@code passes} replays the
 * horizon that many times with the same per-slot data and plan (each device-slot takes one
 * step per pass, so every processed datapoint is used {@code passes} times), while the
 * aggregation clock runs on across passes. The paper trains centralized and federated models
 * "until convergence"; replaying the horizon is how this library gives the per-slot regimes the
 * same number of epochs. Plan costs are those of one horizon.
 *
 * @param mode the regime
 * @param aggregationPeriod {@code tau} of equation (4), in slots (must be 1 for FEDERATED)
 * @param passes passes over the horizon (epochs over the collected data for CENTRALIZED)
 * @param centralizedBatchSize minibatch size of CENTRALIZED, 0 for {@code ceil(total / T)} so a
 *     pass takes {@code T} steps like the federated baseline's {@code T} aggregations
 * @param evaluateEvery evaluate the test set after every this many aggregations (CENTRALIZED:
 *     passes); 0 evaluates only the final model; the final model is always evaluated
 * @param recordDeviceLosses keep every device-slot's training loss (Figure 4)
 * @param seed seed of CENTRALIZED minibatch shuffling (the other modes draw nothing)
 */
public record TrainingOptions(
    TrainingMode mode,
    int aggregationPeriod,
    int passes,
    int centralizedBatchSize,
    int evaluateEvery,
    boolean recordDeviceLosses,
    long seed) implements Serializable {

  public TrainingOptions {
    if (mode == null) {
      throw new IllegalArgumentException("mode must be one of " + java.util.Arrays.toString(TrainingMode.values()));
    }
    if (aggregationPeriod < 1) {
      throw new IllegalArgumentException("aggregationPeriod (tau) must be at least 1, got "
          + aggregationPeriod);
    }
    if (mode == TrainingMode.FEDERATED && aggregationPeriod != 1) {
      throw new IllegalArgumentException("the federated baseline aggregates every slot: "
          + "aggregationPeriod must be 1, got " + aggregationPeriod
          + " (use NETWORK_AWARE with the keep-all plan for other periods)");
    }
    if (passes < 1) {
      throw new IllegalArgumentException("passes must be at least 1, got " + passes);
    }
    if (centralizedBatchSize < 0) {
      throw new IllegalArgumentException("centralizedBatchSize must be 0 (automatic) or positive, "
          + "got " + centralizedBatchSize);
    }
    if (evaluateEvery < 0) {
      throw new IllegalArgumentException("evaluateEvery must be 0 (final only) or positive, got "
          + evaluateEvery);
    }
  }

  /** The federated baseline: tau = 1, evaluation after every aggregation. */
  public static TrainingOptions federated(int passes) {
    return new TrainingOptions(TrainingMode.FEDERATED, 1, passes, 0, 1, true, 0);
  }

  /** Network-aware learning with aggregation period {@code tau}. */
  public static TrainingOptions networkAware(int tau, int passes) {
    return new TrainingOptions(TrainingMode.NETWORK_AWARE, tau, passes, 0, 1, true, 0);
  }

  /** A mode without an aggregation period (split, pipeline), evaluated after every pass. */
  public static TrainingOptions of(TrainingMode mode, int passes) {
    return new TrainingOptions(mode, 1, passes, 0, 1, false, 0);
  }

  /** Centralized training, automatic batch size. */
  public static TrainingOptions centralized(int passes) {
    return new TrainingOptions(TrainingMode.CENTRALIZED, 1, passes, 0, 1, false, 0);
  }

  public TrainingOptions withEvaluateEvery(int every) {
    return new TrainingOptions(mode, aggregationPeriod, passes, centralizedBatchSize, every,
        recordDeviceLosses, seed);
  }

  public TrainingOptions withDeviceLosses(boolean record) {
    return new TrainingOptions(mode, aggregationPeriod, passes, centralizedBatchSize,
        evaluateEvery, record, seed);
  }

  public TrainingOptions withCentralizedBatchSize(int batch) {
    return new TrainingOptions(mode, aggregationPeriod, passes, batch, evaluateEvery,
        recordDeviceLosses, seed);
  }

  public TrainingOptions withSeed(long s) {
    return new TrainingOptions(mode, aggregationPeriod, passes, centralizedBatchSize,
        evaluateEvery, recordDeviceLosses, s);
  }

  public TrainingOptions withPasses(int p) {
    return new TrainingOptions(mode, aggregationPeriod, p, centralizedBatchSize, evaluateEvery,
        recordDeviceLosses, seed);
  }
}
