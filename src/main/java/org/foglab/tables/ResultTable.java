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
      spark.sql(ddl.toString());
      return;
    }
    Set<String> have = new HashSet<>(Arrays.asList(spark.table(name).schema().fieldNames()));
    for (StructField f : schema.fields()) {
      if (!have.contains(f.name())) {
        spark.sql("ALTER TABLE " + name + " ADD COLUMN `" + f.name() + "` " + f.dataType().sql());
      }
    }
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
