package org.foglab.tables;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.foglab.learning.Architecture;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.network.Topology;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.config.CoreSettings;
import org.foglab.config.GenerateSettings;
import org.foglab.config.NetworkSpec;
import org.foglab.config.TrainSettings;
import org.foglab.config.TrainSpec;
import org.foglab.learning.TrainingExperiment;
import org.foglab.learning.engine.AggregationRecord;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.optimize.CapacityViolations;

/**
 * The training table ({@code foglab.train.table}, default {@code trainings}): one row per
 * training run of {@code train} or of a training sweep, with its parameters, final test accuracy
 * and loss (Table II), the executed plan's cost components, unit cost, offloading and discard
 * rates and capacity violations (Table III, Figures 5-8), and the run's time series as arrays in
 * the same row, so that one atomic commit holds a whole run:
 *
 * <ul>
 *   <li>{@code curve}: test accuracy and loss after each evaluated aggregation ({@code index},
 *       {@code pass}, {@code slot}, {@code weight} = datapoints aggregated);
 *   <li>{@code device_losses}: each device's training loss in each slot of each pass
 *       (Figure 4; NaN where a device processed nothing), with its sample count.
 * </ul>
 *
 * Query the series with {@code explode}, e.g.
 * {@code SELECT run_id, c.slot, c.accuracy FROM trainings LATERAL VIEW explode(curve) AS c}.
 * Costs are over one horizon of the rounded (whole-datapoint) plan and are null for centralized
 * runs, which ship no data through the network model.
 */
public final class TrainingTable {
  private TrainingTable() {}

  static final StructType CURVE_POINT = new StructType()
      .add("index", DataTypes.IntegerType, false)
      .add("pass", DataTypes.IntegerType, false)
      .add("slot", DataTypes.IntegerType, false)
      .add("weight", DataTypes.LongType, false)
      .add("accuracy", DataTypes.DoubleType, false)
      .add("loss", DataTypes.DoubleType, false);

  static final StructType DEVICE_LOSS = new StructType()
      .add("pass", DataTypes.IntegerType, false)
      .add("slot", DataTypes.IntegerType, false)
      .add("device", DataTypes.IntegerType, false)
      .add("samples", DataTypes.IntegerType, false)
      .add("loss", DataTypes.DoubleType, true);

  public static final StructType SCHEMA = new StructType()
      .add("sweep", DataTypes.StringType, true)
      .add("scenario_key", DataTypes.StringType, true)
      .add("run_id", DataTypes.StringType, false)
      .add("finished_at", DataTypes.TimestampType, false)
      .add("git_commit", DataTypes.StringType, false)
      .add("settings", DataTypes.StringType, false)
      // parameters
      .add(SettingColumns.field(TrainSettings.DATASET, false))
      .add(SettingColumns.field(TrainSettings.MODEL, false))
      .add(SettingColumns.field(TrainSettings.HIDDEN_UNITS, true))
      .add(SettingColumns.field(TrainSettings.LEARNING_RATE, false))
      .add(SettingColumns.field(TrainSettings.MODE, false))
      .add(SettingColumns.field(TrainSettings.SETTING, true))
      .add(SettingColumns.field(TrainSettings.INTERVALS, true))
      .add(SettingColumns.field(TrainSettings.TAU, false))
      .add(SettingColumns.field(TrainSettings.PASSES, false))
      .add(SettingColumns.field(TrainSettings.DIRICHLET_ALPHA, false))
      .add(SettingColumns.field(GenerateSettings.TOPOLOGY, false))
      .add(SettingColumns.field(GenerateSettings.DEVICES, false))
      .add(SettingColumns.field(GenerateSettings.SLOTS, false))
      .add(SettingColumns.field(GenerateSettings.LINK_PROBABILITY, true))
      .add(SettingColumns.field(GenerateSettings.NEIGHBORS, true))
      .add(SettingColumns.field(GenerateSettings.PROCESS_MAX, false))
      .add(SettingColumns.field(GenerateSettings.DISCARD_MAX, false))
      .add(SettingColumns.field(GenerateSettings.LINK_MAX, false))
      .add(SettingColumns.field(GenerateSettings.CAPACITIES, false))
      .add(SettingColumns.field(CoreSettings.SEED, false))
      // the network's identity (TraceDigest; null for modes without a network) and the
      // directories read by train --trace / --plan (null when generated or solved)
      .add("trace_id", DataTypes.StringType, true)
      .add("trace", DataTypes.StringType, true)
      .add("plan", DataTypes.StringType, true)
      // data
      .add("train_samples", DataTypes.IntegerType, false)
      .add("test_samples", DataTypes.IntegerType, false)
      .add("collected", DataTypes.LongType, false)
      // learning results
      .add("accuracy", DataTypes.DoubleType, false)
      .add("loss", DataTypes.DoubleType, false)
      .add("aggregations", DataTypes.IntegerType, false)
      .add("steps", DataTypes.LongType, false)
      .add("samples_processed", DataTypes.LongType, false)
      .add("training_seconds", DataTypes.DoubleType, false)
      // network results (one horizon of the executed plan)
      .add("process_cost", DataTypes.DoubleType, true)
      .add("transfer_cost", DataTypes.DoubleType, true)
      .add("discard_cost", DataTypes.DoubleType, true)
      .add("total_cost", DataTypes.DoubleType, true)
      .add("unit_cost", DataTypes.DoubleType, true)
      .add("offloaded_fraction", DataTypes.DoubleType, true)
      .add("discarded_fraction", DataTypes.DoubleType, true)
      .add("node_violations", DataTypes.LongType, true)
      .add("link_violations", DataTypes.LongType, true)
      .add("planned_cost", DataTypes.DoubleType, true)
      .add("max_rounding_shift", DataTypes.DoubleType, true)
      // the cost ledger's totals over the run (every mode), and the mode's own report
      .add("bytes_total", DataTypes.DoubleType, true)
      .add("bytes_raw_data", DataTypes.DoubleType, true)
      .add("bytes_activations", DataTypes.DoubleType, true)
      .add("bytes_gradients", DataTypes.DoubleType, true)
      .add("bytes_parameters", DataTypes.DoubleType, true)
      .add("bytes_labels", DataTypes.DoubleType, true)
      .add("flops", DataTypes.DoubleType, true)
      .add("communication_seconds", DataTypes.DoubleType, true)
      .add("compute_seconds", DataTypes.DoubleType, true)
      .add("energy_joules", DataTypes.DoubleType, true)
      .add("carbon_kg", DataTypes.DoubleType, true)
      .add("simulated_seconds", DataTypes.DoubleType, true)
      .add("split_cut", DataTypes.StringType, true)
      .add("batch_size", DataTypes.IntegerType, true)
      .add("straggler_rate", DataTypes.DoubleType, true)
      .add("pipeline_suite", DataTypes.StringType, true)
      .add("micro_batches", DataTypes.IntegerType, true)
      .add("inference", DataTypes.BooleanType, true)
      .add("link_model", DataTypes.StringType, true)
      .add("report", DataTypes.StringType, true)
      .add("curve", DataTypes.createArrayType(CURVE_POINT, false), false)
      .add("device_losses", DataTypes.createArrayType(DEVICE_LOSS, false), false);

  /**
   * The row of one run.
   *
   * @param sweep sweep name, null for {@code train}
   * @param key scenario key, null for {@code train}
   * @param settingsJson the run's resolved settings
   */
  public static Row row(String sweep, String key, TrainingExperiment.Outcome o, String runId,
      String gitCommit, String settingsJson, Instant finished) {
    TrainSpec s = o.spec();
    TrainingResult r = o.result();
    NetworkSpec n = s.trace().network();
    var m = s.trace().model();
    boolean costs = r.planCosts().isPresent();
    CapacityViolations v = costs ? r.costs().capacity() : null;
    List<Row> curve = new ArrayList<>();
    for (AggregationRecord a : r.aggregations()) {
      curve.add(RowFactory.create(a.index(), a.pass(), a.slot(), a.weight(), a.accuracy(),
          a.loss()));
    }
    List<Row> losses = new ArrayList<>();
    r.deviceLosses().forEach((p, t, i, samples, l) ->
        losses.add(RowFactory.create(p, t, i, samples, Double.isNaN(l) ? null : l)));
    boolean networkAware = s.setting() != null;
    Topology topology = n.topology();
    NamedRow row = NamedRow.builder(SCHEMA)
        .set("sweep", sweep).set("scenario_key", key).set("run_id", runId)
        .set("finished_at", Timestamp.from(finished)).set("git_commit", gitCommit)
        .set("settings", settingsJson)
        .set(TrainSettings.DATASET, s.dataset()).set(TrainSettings.MODEL, s.architecture().configName())
        .set(TrainSettings.HIDDEN_UNITS, s.architecture() == Architecture.MLP ? s.hiddenUnits().toString()
            : null)
        .set(TrainSettings.LEARNING_RATE, s.learningRate()).set(TrainSettings.MODE, s.mode().configName())
        .set(TrainSettings.SETTING, networkAware ? s.setting().configName() : null)
        .set(TrainSettings.INTERVALS, networkAware && s.setting().imperfect() ? s.intervals() : null)
        .set(TrainSettings.TAU, s.tau()).set(TrainSettings.PASSES, s.passes()).set(TrainSettings.DIRICHLET_ALPHA, s.dirichletAlpha())
        .set(GenerateSettings.TOPOLOGY, o.network().topology()).set(GenerateSettings.DEVICES, o.network().devices())
        .set(GenerateSettings.SLOTS, o.network().slots()).set("trace_id", o.network().traceId())
        .set("trace", o.network().trace()).set("plan", o.network().plan())
        .set(GenerateSettings.LINK_PROBABILITY, topology == Topology.RANDOM ? n.linkProbability() : null)
        .set(GenerateSettings.NEIGHBORS, topology == Topology.SMALL_WORLD ? n.neighbors() : null)
        .set(GenerateSettings.PROCESS_MAX, m.processMax()).set(GenerateSettings.DISCARD_MAX, m.discardMax())
        .set(GenerateSettings.LINK_MAX, m.linkMax()).set(GenerateSettings.CAPACITIES, m.capacities())
        .set(CoreSettings.SEED, s.seed())
        .set("train_samples", o.trainSize()).set("test_samples", o.testSize())
        .set("collected", o.collected())
        .set("accuracy", r.accuracy()).set("loss", r.loss())
        .set("aggregations", r.aggregationCount()).set("steps", r.steps())
        .set("samples_processed", r.samplesProcessed())
        .set("training_seconds", r.trainingSeconds())
        .set("process_cost", costs ? r.processCost() : null)
        .set("transfer_cost", costs ? r.transferCost() : null)
        .set("discard_cost", costs ? r.discardCost() : null)
        .set("total_cost", costs ? r.totalCost() : null)
        .set("unit_cost", costs ? r.unitCost() : null)
        .set("offloaded_fraction", costs ? r.offloadingRate() : null)
        .set("discarded_fraction", costs ? r.discardRate() : null)
        .set("node_violations", costs ? v.nodeSlots() : null)
        .set("link_violations", costs ? v.links() : null)
        .set("planned_cost", o.plan() != null && o.plan().setting() != null
            ? o.plan().setting().plannedCost() : null)
        .set("max_rounding_shift", costs ? r.maxRoundingShift() : null);
    CostLedger.Totals t = r.ledger().totals();
    row.set("bytes_total", t.bytes())
        .set("bytes_raw_data", t.bytes(TrafficKind.RAW_DATA))
        .set("bytes_activations", t.bytes(TrafficKind.ACTIVATIONS))
        .set("bytes_gradients", t.bytes(TrafficKind.GRADIENTS))
        .set("bytes_parameters", t.bytes(TrafficKind.PARAMETERS))
        .set("bytes_labels", t.bytes(TrafficKind.LABELS))
        .set("flops", t.flops())
        .set("communication_seconds", t.communicationSeconds())
        .set("compute_seconds", t.computeSeconds())
        .set("energy_joules", t.energyJoules())
        .set("carbon_kg", t.carbonKg())
        .set("simulated_seconds", r.report().get("simulated_seconds") instanceof Number x
            ? x.doubleValue() : null)
        .set("split_cut", s.split() != null ? s.split().cut() : null)
        .set("batch_size", s.split() != null ? Integer.valueOf(s.split().batchSize())
            : s.pipeline() != null ? Integer.valueOf(s.pipeline().batchSize())
            : s.multiSource() != null ? Integer.valueOf(s.multiSource().batchSize()) : null)
        .set("straggler_rate", s.split() != null ? s.split().stragglerRate() : null)
        .set("pipeline_suite", s.pipeline() != null ? s.pipeline().suite().configName() : null)
        .set("micro_batches", s.pipeline() != null ? s.pipeline().effectiveMicroBatches() : null)
        .set("inference", s.pipeline() != null ? s.pipeline().inference() : null)
        .set("link_model", s.ledger().links().configName())
        .set("report", r.report().isEmpty() ? null : Json.compact(r.report()))
        .set("curve", curve).set("device_losses", losses);
    return row.build();
  }
}
