package org.foglab.tables;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.foglab.config.WarehouseSettings;
import org.foglab.learning.fog.FogAccounting;
import org.foglab.learning.fog.FogMode;
import org.foglab.learning.fog.FogTrainer;
import org.foglab.network.FogTree;

/**
 * The fog-rounds table ({@code fog_rounds}): one row per fog-learning run and global round, from
 * {@code fog-learning} and {@code fog-train}: accuracy and loss (null where the round was not
 * evaluated) and cumulative transfers, model transfers up and down the tree (by layer, as
 * comma-separated counts from the devices' link upwards, and in total), D2D consensus messages,
 * samples moved by D2D offloading, the parameters those transfers carried, and the devices'
 * radio energy. A run's rows are identified by {@code run_key} (spec, network and run); each job
 * commits all its rows at the end in one MERGE that also drops the earlier rows of the same run
 * keys, so a rerun replaces them and a failed run leaves nothing. Query e.g.
 * {@code SELECT run, max(accuracy) FROM fog_rounds WHERE spec = 'fog-learning' GROUP BY run}.
 */
public final class FogRoundsTable {
  private FogRoundsTable() {}

  /** Default table name. */
  public static final String TABLE = "fog_rounds";

  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("run_key", DataTypes.StringType, false)
      .add("spec", DataTypes.StringType, false)
      .add("network", DataTypes.StringType, false)
      .add("run", DataTypes.StringType, false)
      .add("mode", DataTypes.StringType, false)
      .add("consensus_rounds", DataTypes.IntegerType, false)
      .add("offload", DataTypes.BooleanType, false)
      .add("move_probability", DataTypes.DoubleType, false)
      .add("layers", DataTypes.StringType, false)
      .add("devices", DataTypes.IntegerType, false)
      .add("parameters", DataTypes.IntegerType, false)
      .add("round", DataTypes.IntegerType, false)
      .add("round_devices", DataTypes.LongType, false)
      .add("round_clusters", DataTypes.LongType, false)
      .add("accuracy", DataTypes.DoubleType, true)
      .add("loss", DataTypes.DoubleType, true)
      .add("up_by_layer", DataTypes.StringType, false)
      .add("down_by_layer", DataTypes.StringType, false)
      .add("uplink_transfers", DataTypes.LongType, false)
      .add("downlink_transfers", DataTypes.LongType, false)
      .add("device_uplinks", DataTypes.LongType, false)
      .add("d2d_messages", DataTypes.LongType, false)
      .add("offloaded_samples", DataTypes.LongType, false)
      .add("fl_transfers", DataTypes.LongType, false)
      .add("parameters_transferred", DataTypes.DoubleType, false)
      .add("parameters_transferred_with_d2d", DataTypes.DoubleType, false)
      .add("bytes_with_d2d", DataTypes.DoubleType, false)
      .add("device_radio_joules", DataTypes.DoubleType, false)
      .add("git_commit", DataTypes.StringType, true)
      .add("created_at", DataTypes.TimestampType, false);

  /**
   * Identity of one run of a fog run.
   *
   * @param spec the spec's name ({@code fog-train} for a single run)
   * @param network the network's name (the trace directory's name for {@code fog-train})
   * @param run the run's key within the spec (mode, c, offloading, mobility)
   */
  public record Run(String spec, String network, String run, FogMode mode, int consensusRounds,
      boolean offload, double moveProbability) {
    public String key() {
      return spec + "/" + network + "/" + run;
    }
  }

  /** One row per global round of {@code r}. */
  public static List<Row> rows(String runId, String gitCommit, Run run, FogTree tree,
      FogTrainer.Result r, int parameters, Instant now) {
    List<Row> rows = new ArrayList<>();
    double modelBytes = FogAccounting.modelBytes(parameters);
    StringBuilder layers = new StringBuilder();
    for (int n : tree.layers()) {
      layers.append(layers.length() == 0 ? "" : ",").append(n);
    }
    for (FogTrainer.RoundRecord rec : r.records()) {
      long up = 0;
      long down = 0;
      StringBuilder ub = new StringBuilder();
      StringBuilder db = new StringBuilder();
      for (int l = 0; l < rec.up().length; l++) {
        up += rec.up()[l];
        down += rec.down()[l];
        ub.append(l == 0 ? "" : ",").append(rec.up()[l]);
        db.append(l == 0 ? "" : ",").append(rec.down()[l]);
      }
      double tree0 = rec.treeTransfers();
      rows.add(NamedRow.builder(SCHEMA)
          .set("run_id", runId)
          .set("run_key", run.key())
          .set("spec", run.spec())
          .set("network", run.network())
          .set("run", run.run())
          .set("mode", run.mode().configName())
          .set("consensus_rounds", run.consensusRounds())
          .set("offload", run.offload())
          .set("move_probability", run.moveProbability())
          .set("layers", layers.toString())
          .set("devices", tree.devices())
          .set("parameters", parameters)
          .set("round", rec.round())
          .set("round_devices", rec.devices())
          .set("round_clusters", rec.clusters())
          .set("accuracy", Double.isNaN(rec.accuracy()) ? null : rec.accuracy())
          .set("loss", Double.isNaN(rec.loss()) ? null : rec.loss())
          .set("up_by_layer", ub.toString())
          .set("down_by_layer", db.toString())
          .set("uplink_transfers", up)
          .set("downlink_transfers", down)
          .set("device_uplinks", rec.up()[0])
          .set("d2d_messages", rec.d2dMessages())
          .set("offloaded_samples", rec.offloadedSamples())
          .set("fl_transfers", rec.flDeviceTransfers())
          .set("parameters_transferred", tree0 * parameters)
          .set("parameters_transferred_with_d2d", (tree0 + rec.d2dMessages()) * parameters)
          .set("bytes_with_d2d", (tree0 + rec.d2dMessages()) * modelBytes
              + rec.offloadedSamples() * r.sampleBytes())
          .set("device_radio_joules", FogAccounting.deviceRadioJoules(tree, run.mode(), rec,
              parameters, r.sampleBytes()))
          .set("git_commit", gitCommit)
          .set("created_at", Timestamp.from(now))
          .build());
    }
    return rows;
  }

  /**
   * Commits {@code rows} in one MERGE: rows of their run keys and rounds are replaced, rows of
   * those run keys the new run does not have (a longer earlier run) are deleted, others kept.
   */
  public static void commit(SparkSession spark, WarehouseSettings w, String table,
      List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    ResultTable.ensure(spark, w, table, SCHEMA);
    String name = w.table(table);
    String view = "foglab_fog_rounds_" + java.util.UUID.randomUUID().toString().replace("-", "");
    Dataset<Row> df = spark.createDataFrame(rows, SCHEMA).coalesce(1);
    df.createOrReplaceTempView(view);
    StringBuilder keys = new StringBuilder();
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (Row r : rows) {
      seen.add(r.getAs("run_key"));
    }
    for (String k : seen) {
      keys.append(keys.length() == 0 ? "" : ", ").append('\'').append(k.replace("'", "''"))
          .append('\'');
    }
    StringBuilder set = new StringBuilder();
    StringBuilder cols = new StringBuilder();
    StringBuilder vals = new StringBuilder();
    for (StructField f : SCHEMA.fields()) {
      String c = "`" + f.name() + "`";
      set.append(set.length() == 0 ? "" : ", ").append("t.").append(c).append(" = s.").append(c);
      cols.append(cols.length() == 0 ? "" : ", ").append(c);
      vals.append(vals.length() == 0 ? "" : ", ").append("s.").append(c);
    }
    String merge = "MERGE INTO " + name + " t USING " + view + " s"
        + " ON t.run_key = s.run_key AND t.`round` = s.`round`"
        + " WHEN MATCHED THEN UPDATE SET " + set
        + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (" + vals + ")"
        + " WHEN NOT MATCHED BY SOURCE AND t.run_key IN (" + keys + ") THEN DELETE";
    try {
      spark.sql(merge);
    } finally {
      spark.catalog().dropTempView(view);
    }
  }
}
