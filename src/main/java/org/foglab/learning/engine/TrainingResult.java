package org.foglab.learning.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.cost.CostLedger;
import org.foglab.optimize.PlanEvaluation;

/**
 * The outcome of a training run: final test accuracy and loss, the test curve over
 * aggregations, per-device training losses, and the costs of the executed plan (Table III of Tu
 * et al.: process, transfer, discard, total and unit cost, offloading rate).
 *
 * @param mode the regime
 * @param model the classifier
 * @param options the options used
 * @param accuracy final test accuracy
 * @param loss final mean test cross-entropy
 * @param aggregations evaluated aggregations, in order
 * @param deviceLosses per-device-slot training losses (empty when not recorded)
 * @param costs evaluation of the executed (rounded) plan over one horizon; null for
 *     CENTRALIZED (the model has no cost for shipping data to a server) and for runs without a
 *     trace
 * @param maxRoundingShift largest change of one plan amount by rounding to whole datapoints
 * @param aggregationCount number of aggregations performed (CENTRALIZED: passes)
 * @param steps gradient steps taken, over all devices
 * @param samplesProcessed per-sample gradient evaluations, over all steps
 * @param trainingSeconds wall time of training, test evaluations excluded
 * @param trainingCpuSeconds CPU time of the calling thread during training, test evaluations
 *     excluded: the whole training cost of a local run (immune to other processes' load), only
 *     the driver's share of a Spark run
 * @param evaluationSeconds wall time of test evaluations
 * @param parameters final global parameters {@code w} (DL4J's flat layout)
 * @param ledger every byte the run moved and every compute step it took
 * @param report the strategy's own figures for the summary (split: the papers' traffic formulas
 *     beside the measured bytes; pipeline: per-stage and per-hop times), in insertion order
 */
public record TrainingResult(
    TrainingMode mode,
    ModelConfig model,
    TrainingOptions options,
    double accuracy,
    double loss,
    List<AggregationRecord> aggregations,
    DeviceLosses deviceLosses,
    PlanEvaluation costs,
    double maxRoundingShift,
    int aggregationCount,
    long steps,
    long samplesProcessed,
    double trainingSeconds,
    double trainingCpuSeconds,
    double evaluationSeconds,
    float[] parameters,
    CostLedger ledger,
    Map<String, Object> report) {

  public TrainingResult {
    aggregations = List.copyOf(aggregations);
    report = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(report));
  }

  public Optional<PlanEvaluation> planCosts() {
    return Optional.ofNullable(costs);
  }

  /** Total cost per collected datapoint; NaN without costs. */
  public double unitCost() {
    return costs == null ? Double.NaN : costs.unitCost();
  }

  public double processCost() {
    return costs == null ? Double.NaN : costs.processCost();
  }

  public double transferCost() {
    return costs == null ? Double.NaN : costs.transferCost();
  }

  public double discardCost() {
    return costs == null ? Double.NaN : costs.discardCost();
  }

  public double totalCost() {
    return costs == null ? Double.NaN : costs.totalCost();
  }

  /** Fraction of collected data offloaded to another device; NaN without costs. */
  public double offloadingRate() {
    return costs == null ? Double.NaN : costs.offloadedFraction();
  }

  /** Fraction of collected data discarded; NaN without costs. */
  public double discardRate() {
    return costs == null ? Double.NaN : costs.discardedFraction();
  }

  /** Training throughput in per-sample gradient evaluations per second. */
  public double samplesPerSecond() {
    return trainingSeconds > 0 ? samplesProcessed / trainingSeconds : Double.NaN;
  }
}
