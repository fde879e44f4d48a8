package org.foglab.testutil;

import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession of a test JVM, created on first use: UI off, few shuffle
 * partitions, so Spark tests stay small and fast. Never stop it in a test.
 *
 * <p>{@code -Dfoglab.test.serializer=kryo} runs the session with Spark's KryoSerializer (and
 * ND4J's registrator), the serializer many clusters set by default, so that the tests show every
 * payload foglab sends through Spark survives it; {@code .ci/run} runs the Spark tests that way
 * once more.
 */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  /** The serializer the session was asked for: {@code java} (Spark's default) or {@code kryo}. */
  public static String serializer() {
    String s = System.getProperty("foglab.test.serializer", "java").trim();
    if (!s.equals("java") && !s.equals("kryo")) {
      throw new IllegalArgumentException("-Dfoglab.test.serializer must be java or kryo, got " + s);
    }
    return s;
  }

  public static synchronized SparkSession get() {
    if (session == null) {
      SparkSession.Builder b = SparkSession.builder();
      if (serializer().equals("kryo")) {
        b.config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .config("spark.kryo.registrator", org.foglab.jobs.KryoRegistration.REGISTRATORS);
      }
      session = b
          .master("local[2]")
          .appName("foglab-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "4")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.session.timeZone", "UTC")
          // Executors report running tasks' accumulators with each heartbeat: TaskMessagesTest
          // needs them within a second, not Spark's default 10 s.
          .config("spark.executor.heartbeatInterval", "300ms")
          .getOrCreate();
    }
    return session;
  }
}
