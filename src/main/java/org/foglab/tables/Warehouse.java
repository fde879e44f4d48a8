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
    catalogConf(w, qualified(spark, w.path())).forEach(spark.conf()::set);
  }

  /**
   * The Spark properties that declare the warehouse's catalog, for sessions built with them
   * (every session of a Thrift server must see the catalog).
   *
   * @param qualifiedPath the warehouse as an absolute URI
   */
  public static java.util.Map<String, String> catalogConf(WarehouseSettings w, String qualifiedPath) {
    String prefix = "spark.sql.catalog." + w.catalog();
    java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();
    conf.put(prefix, FoglabCatalog.class.getName());
    conf.put(prefix + ".type", "hadoop");
    conf.put(prefix + ".warehouse", qualifiedPath);
    // Metadata tables resolve against it (sweeps.snapshots), and it is where a session starts
    // when this is the default catalog.
    conf.put(prefix + ".default-namespace", w.namespace());
    return conf;
  }

  /** Creates the namespace if needed; call before creating tables. */
  public static void ensureNamespace(SparkSession spark, WarehouseSettings w) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + w.catalog() + "." + w.namespace());
  }

  /** Absolute URI of the warehouse, so relative paths mean the launcher's working directory. */
  static String qualified(SparkSession spark, String path) {
    return qualified(spark.sparkContext().hadoopConfiguration(), path);
  }

  /** Absolute URI of the warehouse under a Hadoop configuration (before a session exists). */
  public static String qualified(org.apache.hadoop.conf.Configuration hadoop, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(hadoop).makeQualified(p).toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot resolve warehouse path " + path + ": " + e.getMessage(), e);
    }
  }

  /** Whether a table exists. */
  public static boolean exists(SparkSession spark, WarehouseSettings w, String table) {
    return spark.catalog().tableExists(w.table(table));
  }
}
