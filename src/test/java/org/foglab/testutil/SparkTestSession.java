package org.foglab.testutil;

import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession of a test JVM, created on first use: UI off, few shuffle
 * partitions, so Spark tests stay small and fast. Never stop it in a test.
 */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("foglab-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "4")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
    }
    return session;
  }
}
