package org.foglab.jobs;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.SparkSettings;
import org.foglab.config.WarehouseSettings;
import org.foglab.tables.Warehouse;

/** Builds the SparkSession of a job: spark-submit's master wins over foglab's default. */
public final class SparkSessions {
  private SparkSessions() {}

  /** Cores of a local master: local, local[4], local[*], local[4,2] (retries). */
  static int localCores(String master) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?\\]").matcher(master);
    if (!m.matches()) {
      return 1;
    }
    return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
  }

  public static SparkSession create(SparkSettings settings, WarehouseSettings warehouse,
      String command) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName(settings.appName() + " " + command);
    boolean submitted = conf.contains("spark.master");
    String master = submitted ? conf.get("spark.master") : settings.master();
    if (!submitted) {
      b.master(master);
    }
    if (master.startsWith("local")) {
      // Embedded runs stay on loopback: no exposed ports, no surprises from the host's DNS.
      b.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
      if (!settings.conf().containsKey("spark.sql.shuffle.partitions")
          && !conf.contains("spark.sql.shuffle.partitions")) {
        // Spark's 200 shuffle partitions cost more in task overhead than they give on one machine.
        b.config("spark.sql.shuffle.partitions", String.valueOf(4 * localCores(master)));
      }
    }
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      if (!conf.contains(e.getKey())) {
        b.config(e.getKey(), e.getValue());
      }
    }
    b.config("spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    if (System.console() != null && !settings.conf().containsKey("spark.ui.showConsoleProgress")) {
      b.config("spark.ui.showConsoleProgress", "true");
    }
    SparkSession spark = b.getOrCreate();
    Warehouse.register(spark, warehouse);
    return spark;
  }
}
