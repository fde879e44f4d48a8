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
