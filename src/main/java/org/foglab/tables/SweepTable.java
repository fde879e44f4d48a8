package org.foglab.tables;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.config.CoreSettings;
import org.foglab.config.GenerateSettings;
import org.foglab.config.NetworkSpec;
import org.foglab.config.SolveSettings;
import org.foglab.config.SolveOptions;
import org.foglab.config.SyntheticModel;
import org.foglab.optimize.ScenarioResult;
import org.foglab.optimize.SolveSummary;

/**
 * Schema of the sweep table: one row per scenario with its key, every parameter (trace, capacity
 * model, method, error model, Table III setting), the cost components, fractions, violations,
 * the certificate (lower bound, gap) and the exact solver's work, timings and the run's
 * identity. Columns added later are nullable, so older rows read null there. A parameter column
 * is its setting's ({@link SettingColumns}): name and type come from the declaration.
 */
public final class SweepTable {
  private SweepTable() {}

  public static final StructType SCHEMA = new StructType()
      .add("sweep", DataTypes.StringType, false)
      .add("scenario_key", DataTypes.StringType, false)
      .add("run_id", DataTypes.StringType, false)
      .add("finished_at", DataTypes.TimestampType, false)
      .add("git_commit", DataTypes.StringType, false)
      .add("settings", DataTypes.StringType, false)
      // parameters
      .add(SettingColumns.field(GenerateSettings.TOPOLOGY, false))
      .add(SettingColumns.field(GenerateSettings.DEVICES, false))
      .add(SettingColumns.field(GenerateSettings.SLOTS, false))
      .add(SettingColumns.field(CoreSettings.SEED, false))
      .add(SettingColumns.field(GenerateSettings.LINK_PROBABILITY, false))
      .add(SettingColumns.field(GenerateSettings.NEIGHBORS, false))
      .add(SettingColumns.field(GenerateSettings.REWIRE, false))
      .add(SettingColumns.field(GenerateSettings.ATTACH, false))
      .add(SettingColumns.field(GenerateSettings.PARENTS_PER_DEVICE, false))
      .add(SettingColumns.field(GenerateSettings.EDGES, true))
      .add(SettingColumns.field(GenerateSettings.DIRECTED, false))
      .add(SettingColumns.field(GenerateSettings.DATA_TOTAL, false))
      .add(SettingColumns.field(GenerateSettings.INTEGER_DATA, false))
      .add(SettingColumns.field(GenerateSettings.PROCESS_MIN, false))
      .add(SettingColumns.field(GenerateSettings.PROCESS_MAX, false))
      .add(SettingColumns.field(GenerateSettings.DISCARD_MIN, false))
      .add(SettingColumns.field(GenerateSettings.DISCARD_MAX, false))
      .add(SettingColumns.field(GenerateSettings.LINK_MIN, false))
      .add(SettingColumns.field(GenerateSettings.LINK_MAX, false))
      .add(SettingColumns.field(GenerateSettings.LINK_PER_DEVICE, false))
      .add(SettingColumns.field(GenerateSettings.CAPACITIES, false))
      .add(SettingColumns.field(GenerateSettings.NODE_FACTOR, false))
      .add(SettingColumns.field(GenerateSettings.LINK_FACTOR, false))
      .add(SettingColumns.field(GenerateSettings.ACTIVE_PROBABILITY, false))
      .add(SettingColumns.field(GenerateSettings.LINK_UP_PROBABILITY, false))
      .add(SettingColumns.field(SolveSettings.METHOD, false))
      .add(SettingColumns.field(GenerateSettings.TIME_INVARIANT, true))
      .add(SettingColumns.field(SolveSettings.ERROR, true))
      .add(SettingColumns.field(SolveSettings.SETTING, true))
      .add(SettingColumns.field(SolveSettings.INTERVALS, true))
      .add(SettingColumns.field(SolveSettings.GAP_TOLERANCE, true))
      .add(SettingColumns.field(GenerateSettings.CAPACITY_MODEL, true))
      .add(SettingColumns.field(GenerateSettings.SERVICE_RATE_MIN, true))
      .add(SettingColumns.field(GenerateSettings.SERVICE_RATE_MAX, true))
      .add(SettingColumns.field(GenerateSettings.WAIT_BOUND, true))
      // the generated network's identity (TraceDigest): joins with trainings and solves
      .add("trace_id", DataTypes.StringType, true)
      // results
      .add("method_used", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false)
      .add("device_slots", DataTypes.LongType, false)
      .add("links", DataTypes.LongType, false)
      .add("total_data", DataTypes.DoubleType, false)
      .add("process_cost", DataTypes.DoubleType, false)
      .add("transfer_cost", DataTypes.DoubleType, false)
      .add("discard_cost", DataTypes.DoubleType, false)
      .add("total_cost", DataTypes.DoubleType, false)
      .add("unit_cost", DataTypes.DoubleType, false)
      .add("kept_fraction", DataTypes.DoubleType, false)
      .add("offloaded_fraction", DataTypes.DoubleType, false)
      .add("discarded_fraction", DataTypes.DoubleType, false)
      .add("slot_offloaded_min", DataTypes.DoubleType, true)
      .add("slot_offloaded_max", DataTypes.DoubleType, true)
      .add("lower_bound", DataTypes.DoubleType, false)
      .add("gap", DataTypes.DoubleType, true)
      .add("node_violations", DataTypes.LongType, false)
      .add("node_excess", DataTypes.DoubleType, false)
      .add("link_violations", DataTypes.LongType, false)
      .add("link_excess", DataTypes.DoubleType, false)
      .add("searches", DataTypes.LongType, true)
      .add("iterations", DataTypes.IntegerType, true)
      .add("planned_cost", DataTypes.DoubleType, true)
      .add("generate_seconds", DataTypes.DoubleType, false)
      .add("solve_seconds", DataTypes.DoubleType, false);

  public static Row row(String sweep, ScenarioResult r, RunInfo run, Instant finished) {
    NetworkSpec n = r.scenario().trace().network();
    SyntheticModel m = r.scenario().trace().model();
    SolveSummary s = r.summary();
    SolveOptions o = r.scenario().solve();
    return NamedRow.builder(SCHEMA)
        .set("sweep", sweep).set("scenario_key", r.scenario().key()).set("run_id", run.runId())
        .set("finished_at", Timestamp.from(finished)).set("git_commit", run.gitCommit())
        .set("settings", r.scenario().settingsJson())
        .set(GenerateSettings.TOPOLOGY, n.topology().configName()).set(GenerateSettings.DEVICES, n.devices())
        .set(GenerateSettings.SLOTS, m.slots()).set(CoreSettings.SEED, r.scenario().trace().seed())
        .set(GenerateSettings.LINK_PROBABILITY, n.linkProbability()).set(GenerateSettings.NEIGHBORS, n.neighbors())
        .set(GenerateSettings.REWIRE, n.rewire()).set(GenerateSettings.ATTACH, n.attach())
        .set(GenerateSettings.PARENTS_PER_DEVICE, n.parentsPerDevice()).set(GenerateSettings.EDGES, n.edges())
        .set(GenerateSettings.DIRECTED, n.directed()).set(GenerateSettings.DATA_TOTAL, m.dataTotal())
        .set(GenerateSettings.INTEGER_DATA, m.integerData())
        .set(GenerateSettings.PROCESS_MIN, m.processMin()).set(GenerateSettings.PROCESS_MAX, m.processMax())
        .set(GenerateSettings.DISCARD_MIN, m.discardMin()).set(GenerateSettings.DISCARD_MAX, m.discardMax())
        .set(GenerateSettings.LINK_MIN, m.linkMin()).set(GenerateSettings.LINK_MAX, m.linkMax())
        .set(GenerateSettings.LINK_PER_DEVICE, m.linkPerDevice()).set(GenerateSettings.CAPACITIES, m.capacities())
        .set(GenerateSettings.NODE_FACTOR, m.nodeCapacityFactor())
        .set(GenerateSettings.LINK_FACTOR, m.linkCapacityFactor())
        .set(GenerateSettings.ACTIVE_PROBABILITY, m.activeProbability())
        .set(GenerateSettings.LINK_UP_PROBABILITY, m.linkUpProbability())
        .set(SolveSettings.METHOD, o.method().configName())
        .set(GenerateSettings.TIME_INVARIANT, m.timeInvariantCosts())
        .set(SolveSettings.ERROR, o.error().configName())
        .set(SolveSettings.SETTING, o.setting() == null ? null : o.setting().configName())
        .set(SolveSettings.INTERVALS, o.setting() != null && o.setting().imperfect() ? o.intervals() : null)
        .set(SolveSettings.GAP_TOLERANCE, o.gapTolerance())
        .set(GenerateSettings.CAPACITY_MODEL, m.capacityModel().configName())
        .set(GenerateSettings.SERVICE_RATE_MIN, m.straggler() ? m.serviceRateMin() : null)
        .set(GenerateSettings.SERVICE_RATE_MAX, m.straggler() ? m.serviceRateMax() : null)
        .set(GenerateSettings.WAIT_BOUND, m.straggler() ? m.waitBound() : null)
        .set("trace_id", r.traceId())
        .set("method_used", s.method() == null ? null : s.method().configName())
        .set("status", s.status().configName()).set("device_slots", s.deviceSlots())
        .set("links", s.links()).set("total_data", s.totalData())
        .set("process_cost", s.processCost()).set("transfer_cost", s.transferCost())
        .set("discard_cost", s.discardCost()).set("total_cost", s.totalCost())
        .set("unit_cost", s.unitCost()).set("kept_fraction", s.keptFraction())
        .set("offloaded_fraction", s.offloadedFraction())
        .set("discarded_fraction", s.discardedFraction())
        .set("slot_offloaded_min", nan(r.slotOffloadMin()))
        .set("slot_offloaded_max", nan(r.slotOffloadMax()))
        .set("lower_bound", s.lowerBound()).set("gap", s.gap())
        .set("node_violations", s.violations().nodeSlots())
        .set("node_excess", s.violations().nodeExcess())
        .set("link_violations", s.violations().links())
        .set("link_excess", s.violations().linkExcess())
        .set("searches", s.exact() == null ? null : s.exact().searches())
        .set("iterations", s.exact() == null ? null : s.exact().iterations())
        .set("planned_cost", s.setting() == null ? null : s.setting().plannedCost())
        .set("generate_seconds", r.generateSeconds()).set("solve_seconds", s.solveSeconds())
        .build();
  }

  private static Double nan(double x) {
    return Double.isNaN(x) ? null : x;
  }
}
