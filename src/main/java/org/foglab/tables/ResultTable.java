package org.foglab.tables;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.foglab.config.WarehouseSettings;

/**
 * Iceberg result tables: created on first use, widened with new columns when foglab adds
 * them (older rows read null there), appended to in atomic commits.
 */
public final class ResultTable {
  private ResultTable() {}

  /** Creates the table if needed and adds columns the schema has and the table lacks. */
  public static void ensure(SparkSession spark, WarehouseSettings w, String table, StructType schema) {
    Warehouse.ensureNamespace(spark, w);
    String name = w.table(table);
    if (!spark.catalog().tableExists(name)) {
      StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name).append(" (");
      for (int i = 0; i < schema.size(); i++) {
        StructField f = schema.fields()[i];
        ddl.append(i == 0 ? "" : ", ").append('`').append(f.name()).append("` ")
            .append(f.dataType().sql());
      }
      ddl.append(") USING iceberg TBLPROPERTIES ('format-version' = '2')");
      try {
        spark.sql(ddl.toString());
      } catch (RuntimeException e) {
        // Another run created it at the same moment (the Hadoop catalog's create is a rename).
        spark.catalog().refreshTable(name);
        if (!spark.catalog().tableExists(name)) {
          throw e;
        }
      }
      return;
    }
    Set<String> have = new HashSet<>(Arrays.asList(spark.table(name).schema().fieldNames()));
    for (StructField f : schema.fields()) {
      if (!have.contains(f.name())) {
        spark.sql("ALTER TABLE " + name + " ADD COLUMN `" + f.name() + "` " + f.dataType().sql());
      }
    }
  }

  /** Commit attempts of {@link #appendNew} before it gives up on a busy table. */
  static final int MAX_ATTEMPTS = 20;

  /**
   * Appends the rows whose key (the values of {@code keyColumns}) the table does not hold yet,
   * in one atomic commit, and returns the commit attempts it took (more than 1: another writer
   * committed meanwhile, and rows it stored were skipped). The key holds under concurrent
   * writers (two runs of the same sweep): the insert is a MERGE on the key, which Iceberg
   * commits with serializable isolation, so a commit that raced another writer's fails its
   * validation instead of landing; it is then retried against the table's new state, where the
   * other writer's rows now match and are skipped.
   */
  public static int appendNew(SparkSession spark, WarehouseSettings w, String table,
      List<Row> rows, StructType schema, List<String> keyColumns) {
    if (rows.isEmpty()) {
      return 0;
    }
    String name = w.table(table);
    String view = "foglab_new_rows_" + java.util.UUID.randomUUID().toString().replace("-", "");
    Dataset<Row> df = spark.createDataFrame(rows, schema).coalesce(1);
    df.createOrReplaceTempView(view);
    StringBuilder on = new StringBuilder();
    for (String k : keyColumns) {
      on.append(on.length() == 0 ? "" : " AND ").append("t.`").append(k).append("` = s.`")
          .append(k).append('`');
    }
    StringBuilder cols = new StringBuilder();
    StringBuilder vals = new StringBuilder();
    for (StructField f : schema.fields()) {
      cols.append(cols.length() == 0 ? "" : ", ").append('`').append(f.name()).append('`');
      vals.append(vals.length() == 0 ? "" : ", ").append("s.`").append(f.name()).append('`');
    }
    // The MATCHED clause never applies (matched keys are not null); it is there so the MERGE is
    // a row-level operation with commit-time validation, not a plain append of the anti-join.
    String merge = "MERGE INTO " + name + " t USING " + view + " s ON " + on
        + " WHEN MATCHED AND t.`" + keyColumns.get(0) + "` IS NULL THEN DELETE"
        + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES (" + vals + ")";
    java.util.Random backoff = new java.util.Random();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          spark.sql(merge);
          return attempt;
        } catch (RuntimeException e) {
          if (!isConflict(e) || attempt >= MAX_ATTEMPTS) {
            throw e;
          }
          spark.catalog().refreshTable(name);
          try {
            Thread.sleep(50L * attempt + backoff.nextInt(100));
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    } finally {
      spark.catalog().dropTempView(view);
    }
  }

  /** Whether a failed commit lost a race with another writer (retrying may succeed). */
  static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String c = t.getClass().getName();
      if (c.equals("org.apache.iceberg.exceptions.ValidationException")
          || c.equals("org.apache.iceberg.exceptions.CommitFailedException")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Appends rows in one atomic commit. */
  public static void append(SparkSession spark, WarehouseSettings w, String table,
      List<Row> rows, StructType schema) {
    if (rows.isEmpty()) {
      return;
    }
    Dataset<Row> df = spark.createDataFrame(rows, schema).coalesce(1);
    try {
      df.writeTo(w.table(table)).append();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("table " + w.table(table) + " vanished while appending", e);
    }
  }
}
