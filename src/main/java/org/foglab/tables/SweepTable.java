package org.foglab.tables;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.config.NetworkSpec;
import org.foglab.config.SolveOptions;
import org.foglab.config.SyntheticModel;
import org.foglab.optimize.ScenarioResult;
import org.foglab.optimize.SolveSummary;

/**
 * Schema of the sweep table: one row per scenario with its key, every parameter (trace, capacity
 * model, method, error model, Table III setting), the cost components, fractions, violations,
 * the certificate (lower bound, gap) and the exact solver's work, timings and the run's
 * identity. Columns added later are nullable, so older rows read null there.
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
      .add("topology", DataTypes.StringType, false)
      .add("devices", DataTypes.IntegerType, false)
      .add("slots", DataTypes.IntegerType, false)
      .add("seed", DataTypes.LongType, false)
      .add("link_probability", DataTypes.DoubleType, false)
      .add("neighbors", DataTypes.IntegerType, false)
      .add("rewire", DataTypes.DoubleType, false)
      .add("attach", DataTypes.IntegerType, false)
      .add("parents_per_device", DataTypes.IntegerType, false)
      .add("edges", DataTypes.StringType, true)
      .add("directed", DataTypes.BooleanType, false)
      .add("data_total", DataTypes.DoubleType, false)
      .add("integer_data", DataTypes.BooleanType, false)
      .add("process_cost_min", DataTypes.DoubleType, false)
      .add("process_cost_max", DataTypes.DoubleType, false)
      .add("discard_cost_min", DataTypes.DoubleType, false)
      .add("discard_cost_max", DataTypes.DoubleType, false)
      .add("link_cost_min", DataTypes.DoubleType, false)
      .add("link_cost_max", DataTypes.DoubleType, false)
      .add("link_cost_per_device", DataTypes.BooleanType, false)
      .add("capacities", DataTypes.BooleanType, false)
      .add("node_capacity_factor", DataTypes.DoubleType, false)
      .add("link_capacity_factor", DataTypes.DoubleType, false)
      .add("active_probability", DataTypes.DoubleType, false)
      .add("link_up_probability", DataTypes.DoubleType, false)
      .add("method", DataTypes.StringType, false)
      .add("time_invariant_costs", DataTypes.BooleanType, true)
      .add("error_model", DataTypes.StringType, true)
      .add("setting", DataTypes.StringType, true)
      .add("intervals", DataTypes.IntegerType, true)
      .add("gap_tolerance", DataTypes.DoubleType, true)
      .add("capacity_model", DataTypes.StringType, true)
      .add("service_rate_min", DataTypes.DoubleType, true)
      .add("service_rate_max", DataTypes.DoubleType, true)
      .add("wait_bound", DataTypes.DoubleType, true)
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
        .set("topology", n.topology().configName()).set("devices", n.devices())
        .set("slots", m.slots()).set("seed", r.scenario().trace().seed())
        .set("link_probability", n.linkProbability()).set("neighbors", n.neighbors())
        .set("rewire", n.rewire()).set("attach", n.attach())
        .set("parents_per_device", n.parentsPerDevice()).set("edges", n.edges())
        .set("directed", n.directed()).set("data_total", m.dataTotal())
        .set("integer_data", m.integerData())
        .set("process_cost_min", m.processMin()).set("process_cost_max", m.processMax())
        .set("discard_cost_min", m.discardMin()).set("discard_cost_max", m.discardMax())
        .set("link_cost_min", m.linkMin()).set("link_cost_max", m.linkMax())
        .set("link_cost_per_device", m.linkPerDevice()).set("capacities", m.capacities())
        .set("node_capacity_factor", m.nodeCapacityFactor())
        .set("link_capacity_factor", m.linkCapacityFactor())
        .set("active_probability", m.activeProbability())
        .set("link_up_probability", m.linkUpProbability())
        .set("method", o.method().configName())
        .set("time_invariant_costs", m.timeInvariantCosts())
        .set("error_model", o.error().configName())
        .set("setting", o.setting() == null ? null : o.setting().configName())
        .set("intervals", o.setting() != null && o.setting().imperfect() ? o.intervals() : null)
        .set("gap_tolerance", o.gapTolerance())
        .set("capacity_model", m.capacityModel().configName())
        .set("service_rate_min", m.straggler() ? m.serviceRateMin() : null)
        .set("service_rate_max", m.straggler() ? m.serviceRateMax() : null)
        .set("wait_bound", m.straggler() ? m.waitBound() : null)
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
