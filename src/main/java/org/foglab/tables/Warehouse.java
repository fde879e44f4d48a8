package org.foglab.tables;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.WarehouseSettings;

/**
 * foglab's result tables: an Apache Iceberg catalog of type "hadoop" (tables are directories
 * of data and metadata files; commits are atomic renames, so concurrent writers and killed jobs
 * never leave partial rows). Registered on a session at run time, so tests can point sessions
 * at temporary warehouses.
 */
public final class Warehouse {
  private Warehouse() {}

  public static void register(SparkSession spark, WarehouseSettings w) {
    String prefix = "spark.sql.catalog." + w.catalog();
    spark.conf().set(prefix, "org.apache.iceberg.spark.SparkCatalog");
    spark.conf().set(prefix + ".type", "hadoop");
    spark.conf().set(prefix + ".warehouse", qualified(spark, w.path()));
  }

  /** Creates the namespace if needed; call before creating tables. */
  public static void ensureNamespace(SparkSession spark, WarehouseSettings w) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + w.catalog() + "." + w.namespace());
  }

  /** Absolute URI of the warehouse, so relative paths mean the launcher's working directory. */
  static String qualified(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot resolve warehouse path " + path + ": " + e.getMessage(), e);
    }
  }

  /** Whether a table exists. */
  public static boolean exists(SparkSession spark, WarehouseSettings w, String table) {
    return spark.catalog().tableExists(w.table(table));
  }
}
