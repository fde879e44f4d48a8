package org.foglab.tables;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
    return RowFactory.create(sweep, r.scenario().key(), run.runId(), Timestamp.from(finished),
        run.gitCommit(), r.scenario().settingsJson(),
        n.topology().configName(), n.devices(), m.slots(), r.scenario().trace().seed(),
        n.linkProbability(), n.neighbors(), n.rewire(), n.attach(), n.parentsPerDevice(),
        n.edges(), n.directed(), m.dataTotal(), m.integerData(), m.processMin(), m.processMax(),
        m.discardMin(), m.discardMax(), m.linkMin(), m.linkMax(), m.linkPerDevice(),
        m.capacities(), m.nodeCapacityFactor(), m.linkCapacityFactor(), m.activeProbability(),
        m.linkUpProbability(), o.method().configName(), m.timeInvariantCosts(),
        o.error().configName(),
        o.setting() == null ? null : o.setting().configName(),
        o.setting() != null && o.setting().imperfect() ? o.intervals() : null, o.gapTolerance(),
        m.capacityModel().configName(), m.straggler() ? m.serviceRateMin() : null,
        m.straggler() ? m.serviceRateMax() : null, m.straggler() ? m.waitBound() : null,
        s.method() == null ? null : s.method().configName(),
        s.status().configName(), s.deviceSlots(), s.links(), s.totalData(), s.processCost(),
        s.transferCost(), s.discardCost(), s.totalCost(), s.unitCost(), s.keptFraction(),
        s.offloadedFraction(), s.discardedFraction(), nan(r.slotOffloadMin()),
        nan(r.slotOffloadMax()), s.lowerBound(), s.gap(), s.violations().nodeSlots(),
        s.violations().nodeExcess(), s.violations().links(), s.violations().linkExcess(),
        s.exact() == null ? null : s.exact().searches(),
        s.exact() == null ? null : s.exact().iterations(),
        s.setting() == null ? null : s.setting().plannedCost(),
        r.generateSeconds(), s.solveSeconds());
  }

  private static Double nan(double x) {
    return Double.isNaN(x) ? null : x;
  }
}
