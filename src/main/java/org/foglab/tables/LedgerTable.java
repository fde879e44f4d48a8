package org.foglab.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.learning.cost.CostLedger;

/**
 * The cost-ledger table: the {@link CostLedger} of a training run in long format, one row per
 * run, node or link, round and kind, with bytes, FLOPs, measured CPU seconds, simulated
 * seconds, energy and carbon (Malandrino and Chiasserini, seed 004, Fig. 6(c)-(d) and Table I).
 * Query totals with SQL, e.g.
 * {@code SELECT run_id, kind, sum(bytes), sum(energy_joules) FROM ledger GROUP BY run_id, kind}.
 * {@code cpu_seconds} is null where no step of the row had a measurement (always for links).
 */
public final class LedgerTable {
  private LedgerTable() {}

  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("sweep", DataTypes.StringType, true)
      .add("scenario_key", DataTypes.StringType, true)
      .add("mode", DataTypes.StringType, false)
      .add("entity", DataTypes.StringType, false)
      .add("src", DataTypes.StringType, false)
      .add("src_tier", DataTypes.StringType, false)
      .add("dst", DataTypes.StringType, true)
      .add("dst_tier", DataTypes.StringType, true)
      .add("round", DataTypes.LongType, false)
      .add("kind", DataTypes.StringType, false)
      .add("stage", DataTypes.StringType, true)
      .add("count", DataTypes.LongType, false)
      .add("bytes", DataTypes.DoubleType, false)
      .add("flops", DataTypes.DoubleType, false)
      .add("cpu_seconds", DataTypes.DoubleType, true)
      .add("seconds", DataTypes.DoubleType, false)
      .add("energy_joules", DataTypes.DoubleType, false)
      .add("carbon_kg", DataTypes.DoubleType, false);

  /**
   * The rows of one run's ledger, in {@link CostLedger#entries()} order.
   *
   * @param sweep sweep name, null outside a sweep
   * @param key scenario key, null outside a sweep
   * @param mode the training mode (e.g. federated, split)
   */
  public static List<Row> rows(String runId, String sweep, String key, String mode,
      CostLedger ledger) {
    Objects.requireNonNull(ledger, "ledger");
    List<Row> rows = new ArrayList<>();
    for (CostLedger.Entry e : ledger.entries()) {
      rows.add(NamedRow.builder(SCHEMA)
          .set("run_id", runId)
          .set("sweep", sweep)
          .set("scenario_key", key)
          .set("mode", mode)
          .set("entity", e.entity())
          .set("src", e.src())
          .set("src_tier", e.srcTier().configName())
          .set("dst", e.dst())
          .set("dst_tier", e.dstTier() == null ? null : e.dstTier().configName())
          .set("round", e.round())
          .set("kind", e.kind())
          .set("stage", e.stage())
          .set("count", e.count())
          .set("bytes", e.bytes())
          .set("flops", e.flops())
          .set("cpu_seconds", Double.isNaN(e.cpuSeconds()) ? null : e.cpuSeconds())
          .set("seconds", e.seconds())
          .set("energy_joules", e.energyJoules())
          .set("carbon_kg", e.carbonKg())
          .build());
    }
    return rows;
  }
}
