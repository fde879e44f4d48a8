package org.foglab.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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
    ClusterEnd.watch();
    SparkSession.Builder b = SparkSession.builder().appName(settings.appName() + " " + command);
    builderConfig(settings, new SparkConf(), System.console() != null).forEach(b::config);
    SparkSession spark = b.getOrCreate();
    ClusterEnd.context(spark.sparkContext());
    Warehouse.register(spark, warehouse);
    return spark;
  }

  /**
   * The properties the session builder gets: the master (unless spark-submit gave one), the
   * embedded run's defaults, then {@code foglab.spark.conf} (where {@code --set spark.k=v} goes),
   * except what spark-submit already set.
   *
   * @param submitted the SparkConf spark-submit (or system properties) made; its values win
   * @param console whether a terminal shows the progress bar
   */
  static Map<String, String> builderConfig(SparkSettings settings, SparkConf submitted,
      boolean console) {
    Map<String, String> b = new LinkedHashMap<>();
    boolean isSubmitted = submitted.contains("spark.master");
    String master = isSubmitted ? submitted.get("spark.master") : settings.master();
    if (!isSubmitted) {
      b.put("spark.master", master);
    }
    if (master.startsWith("local")) {
      // Embedded runs stay on loopback: no exposed ports, no surprises from the host's DNS.
      b.put("spark.driver.bindAddress", "127.0.0.1");
      b.put("spark.driver.host", "127.0.0.1");
      if (!settings.conf().containsKey("spark.sql.shuffle.partitions")
          && !submitted.contains("spark.sql.shuffle.partitions")) {
        // Spark's 200 shuffle partitions cost more in task overhead than they give on one machine.
        b.put("spark.sql.shuffle.partitions", String.valueOf(4 * localCores(master)));
      }
      if (!settings.conf().containsKey("spark.ui.enabled") && !submitted.contains("spark.ui.enabled")) {
        // An embedded run is over before anyone opens its UI; a cluster's UI is the operator's call.
        b.put("spark.ui.enabled", "false");
      }
    }
    for (Map.Entry<String, String> e : new TreeMap<>(settings.conf()).entrySet()) {
      if (!submitted.contains(e.getKey())) {
        b.put(e.getKey(), e.getValue());
      }
    }
    // Whatever serializer the cluster or the user picks, foglab's payloads must travel: with
    // Kryo, foglab's records and ND4J's arrays need registrators (after the user's own).
    String reg = "spark.kryo.registrator";
    String theirs = submitted.contains(reg) ? submitted.get(reg) : settings.conf().get(reg);
    b.put(reg, theirs == null || theirs.isBlank() ? KryoRegistration.REGISTRATORS
        : theirs + "," + KryoRegistration.REGISTRATORS);
    // A cluster default of registrationRequired=true would refuse foglab's (many, unlisted)
    // payload classes: foglab's own applications do not require registration unless asked here.
    if (!settings.conf().containsKey("spark.kryo.registrationRequired")) {
      b.put("spark.kryo.registrationRequired", "false");
    }
    String dir = "spark.sql.warehouse.dir";
    if (!settings.conf().containsKey(dir) && !submitted.contains(dir)) {
      // foglab's tables live in its own Iceberg warehouse; Spark's built-in catalog would create
      // an empty spark-warehouse folder in whatever directory the user runs foglab from.
      b.put(dir, java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
          "foglab-spark-warehouse-" + System.getProperty("user.name")).toUri().toString());
    }
    b.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    if (console && !settings.conf().containsKey("spark.ui.showConsoleProgress")) {
      b.put("spark.ui.showConsoleProgress", "true");
    }
    return b;
  }
}
