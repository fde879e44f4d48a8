package org.foglab.tables;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.config.NetworkSpec;
import org.foglab.config.TrainSpec;
import org.foglab.learning.TrainingExperiment;
import org.foglab.learning.federated.AggregationRecord;
import org.foglab.learning.federated.TrainingResult;
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
      .add("dataset", DataTypes.StringType, false)
      .add("model", DataTypes.StringType, false)
      .add("hidden_units", DataTypes.StringType, true)
      .add("learning_rate", DataTypes.DoubleType, false)
      .add("mode", DataTypes.StringType, false)
      .add("setting", DataTypes.StringType, true)
      .add("intervals", DataTypes.IntegerType, true)
      .add("tau", DataTypes.IntegerType, false)
      .add("passes", DataTypes.IntegerType, false)
      .add("dirichlet_alpha", DataTypes.DoubleType, false)
      .add("topology", DataTypes.StringType, false)
      .add("devices", DataTypes.IntegerType, false)
      .add("slots", DataTypes.IntegerType, false)
      .add("link_probability", DataTypes.DoubleType, true)
      .add("neighbors", DataTypes.IntegerType, true)
      .add("process_cost_max", DataTypes.DoubleType, false)
      .add("discard_cost_max", DataTypes.DoubleType, false)
      .add("link_cost_max", DataTypes.DoubleType, false)
      .add("capacities", DataTypes.BooleanType, false)
      .add("seed", DataTypes.LongType, false)
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
    return RowFactory.create(sweep, key, runId, Timestamp.from(finished), gitCommit, settingsJson,
        s.dataset(), s.architecture().configName(),
        s.architecture() == org.foglab.learning.Architecture.MLP ? s.hiddenUnits().toString() : null,
        s.learningRate(), s.mode().configName(),
        networkAware ? s.setting().configName() : null,
        networkAware && s.setting().imperfect() ? s.intervals() : null, s.tau(), s.passes(),
        s.dirichletAlpha(), n.topology().configName(), n.devices(), m.slots(),
        n.topology() == org.foglab.network.Topology.RANDOM ? n.linkProbability() : null,
        n.topology() == org.foglab.network.Topology.SMALL_WORLD ? n.neighbors() : null,
        m.processMax(), m.discardMax(), m.linkMax(), m.capacities(), s.seed(),
        o.trainSize(), o.testSize(), o.collected(),
        r.accuracy(), r.loss(), r.aggregationCount(), r.steps(), r.samplesProcessed(),
        r.trainingSeconds(),
        costs ? r.processCost() : null, costs ? r.transferCost() : null,
        costs ? r.discardCost() : null, costs ? r.totalCost() : null,
        costs ? r.unitCost() : null, costs ? r.offloadingRate() : null,
        costs ? r.discardRate() : null, costs ? v.nodeSlots() : null,
        costs ? v.links() : null,
        o.plan() != null && o.plan().setting() != null ? o.plan().setting().plannedCost() : null,
        costs ? r.maxRoundingShift() : null, curve, losses);
  }
}
