package org.foglab.plot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.foglab.config.WarehouseSettings;
import org.foglab.tables.ResultTable;
import org.foglab.tables.TrainingTable;
import org.foglab.testutil.Cli;

/** Small known rows in a temporary warehouse, written with the project's table writers. */
final class PlotFixtures {
  private PlotFixtures() {}

  static String[] warehouse(Path dir, String catalog) {
    return new String[] {"--set", "foglab.warehouse.path=" + dir.resolve("wh"),
        "--set", "foglab.warehouse.catalog=" + catalog};
  }

  static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static WarehouseSettings settings(Path dir, String catalog) {
    return new WarehouseSettings(dir.resolve("wh").toString(), catalog, "results");
  }

  /** Runs a tiny closed-form sweep named quickstart (2 device counts x 2 seeds) into sweeps. */
  static void quickstartSweep(Path dir, String catalog) throws Exception {
    Path spec = dir.resolve("quickstart.conf");
    Files.writeString(spec, "sweep { name = quickstart, table = sweeps,\n"
        + " settings { generate { topology = full, slots = 6, capacities.enabled = false },\n"
        + "   solve.method = closed-form }\n"
        + " grid { generate.devices = [4, 7], seed = [1, 2] } }\n");
    Cli.Run r = Cli.run(concat(warehouse(dir, catalog), "sweep", "--spec", spec.toString(),
        "--show", "false"));
    if (r.code() != 0) {
      throw new AssertionError("sweep failed: " + r.err());
    }
  }

  /**
   * A training row: the given columns, every other column null if nullable, else a neutral
   * value (0, "", false, now, an empty array).
   */
  static Row training(Map<String, Object> values) {
    StructType s = TrainingTable.SCHEMA;
    Object[] cells = new Object[s.size()];
    for (int i = 0; i < s.size(); i++) {
      StructField f = s.fields()[i];
      if (values.containsKey(f.name())) {
        cells[i] = values.get(f.name());
      } else if (!f.nullable()) {
        cells[i] = neutral(f.dataType());
      }
    }
    for (String k : values.keySet()) {
      s.fieldIndex(k);
    }
    return RowFactory.create(cells);
  }

  private static Object neutral(DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return "";
    }
    if (t.equals(DataTypes.IntegerType)) {
      return 0;
    }
    if (t.equals(DataTypes.LongType)) {
      return 0L;
    }
    if (t.equals(DataTypes.DoubleType)) {
      return 0.0;
    }
    if (t.equals(DataTypes.BooleanType)) {
      return false;
    }
    if (t.equals(DataTypes.TimestampType)) {
      return Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
    }
    if (t instanceof ArrayType) {
      return new ArrayList<>();
    }
    throw new IllegalArgumentException("no neutral value for " + t);
  }

  /** A map of alternating keys and values. */
  static Map<String, Object> kv(Object... pairs) {
    Map<String, Object> m = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** A device-loss entry of the trainings table: pass, slot, device, samples, loss. */
  static Row deviceLoss(int pass, int slot, int device, int samples, Double loss) {
    return RowFactory.create(pass, slot, device, samples, loss);
  }

  static void appendTrainings(SparkSession spark, WarehouseSettings w, List<Row> rows) {
    ResultTable.ensure(spark, w, "trainings", TrainingTable.SCHEMA);
    ResultTable.append(spark, w, "trainings", rows, TrainingTable.SCHEMA);
  }
}
