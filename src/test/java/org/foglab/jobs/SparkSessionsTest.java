package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.foglab.config.ConfigLoader;
import org.foglab.config.Settings;
import org.foglab.config.SparkSettings;
import org.junit.jupiter.api.Test;

/**
 * What the session builder gets, checked without starting a session (the tests share one): Spark
 * properties given with --set reach it, and spark-submit's own values win over foglab's.
 */
class SparkSessionsTest {
  private static SparkSettings settings(String... sets) {
    return SparkSettings.read(new Settings(ConfigLoader.load(null, List.of(sets), Map.of(), Map.of()),
        "foglab"));
  }

  @Test
  void setSparkPropertiesReachTheBuilder() {
    Map<String, String> b = SparkSessions.builderConfig(
        settings("foglab.spark.master=local[2]", "spark.sql.shuffle.partitions=3",
            "spark.executor.memory=2g"), new SparkConf(false), false);
    assertEquals("local[2]", b.get("spark.master"));
    assertEquals("3", b.get("spark.sql.shuffle.partitions"));
    assertEquals("2g", b.get("spark.executor.memory"));
    assertEquals("false", b.get("spark.ui.enabled"), "embedded runs have no UI");
    assertEquals("UTC", b.get("spark.sql.session.timeZone"), "reference.conf's Spark properties");
    String dir = b.get("spark.sql.warehouse.dir");
    assertFalse(java.nio.file.Path.of(java.net.URI.create(dir)).startsWith(
        java.nio.file.Path.of("").toAbsolutePath()), "Spark's own warehouse stays out of " + dir);
    assertEquals("s3a://bucket/wh", SparkSessions.builderConfig(settings(
        "spark.sql.warehouse.dir=s3a://bucket/wh"), new SparkConf(false), false)
        .get("spark.sql.warehouse.dir"), "the user's choice stands");
  }

  @Test
  void embeddedDefaultsYieldToTheUserAndSparkSubmitWins() {
    // Four shuffle partitions per local core unless the user says otherwise.
    Map<String, String> b = SparkSessions.builderConfig(settings("foglab.spark.master=local[2]"),
        new SparkConf(false), false);
    assertEquals("8", b.get("spark.sql.shuffle.partitions"));
    assertEquals("127.0.0.1", b.get("spark.driver.host"));
    SparkConf submitted = new SparkConf(false).set("spark.master", "spark://head:7077")
        .set("spark.sql.shuffle.partitions", "64");
    Map<String, String> s = SparkSessions.builderConfig(settings("spark.sql.shuffle.partitions=3"),
        submitted, false);
    assertFalse(s.containsKey("spark.master"), "spark-submit's master stands");
    assertFalse(s.containsKey("spark.sql.shuffle.partitions"), "spark-submit's value stands");
    assertFalse(s.containsKey("spark.driver.host"), "a cluster driver binds as Spark decides");
  }

  @Test
  void kryoRegistratorsJoinTheUsersAndRegistrationIsNotRequired() {
    Map<String, String> plain = SparkSessions.builderConfig(settings("foglab.spark.master=local[2]"),
        new SparkConf(false), false);
    assertEquals(KryoRegistration.REGISTRATORS, plain.get("spark.kryo.registrator"));
    assertEquals("false", plain.get("spark.kryo.registrationRequired"));
    SparkConf cluster = new SparkConf(false).set("spark.master", "yarn")
        .set("spark.kryo.registrator", "com.example.Theirs")
        .set("spark.kryo.registrationRequired", "true");
    Map<String, String> b = SparkSessions.builderConfig(settings(), cluster, false);
    assertEquals("com.example.Theirs," + KryoRegistration.REGISTRATORS,
        b.get("spark.kryo.registrator"), "the cluster's registrator stays, first");
    assertEquals("false", b.get("spark.kryo.registrationRequired"));
  }

  @Test
  void theUiIsOffOnlyForEmbeddedRuns() {
    Map<String, String> local = SparkSessions.builderConfig(settings("foglab.spark.master=local[2]"),
        new SparkConf(false), false);
    assertEquals("false", local.get("spark.ui.enabled"));
    Map<String, String> asked = SparkSessions.builderConfig(
        settings("foglab.spark.master=local[2]", "spark.ui.enabled=true"), new SparkConf(false), false);
    assertEquals("true", asked.get("spark.ui.enabled"), "the user's choice stands");
    // On a cluster foglab sets nothing: Spark's default, spark-defaults.conf or --conf decide.
    Map<String, String> cluster = SparkSessions.builderConfig(settings(),
        new SparkConf(false).set("spark.master", "spark://head:7077"), false);
    assertFalse(cluster.containsKey("spark.ui.enabled"), "cluster: " + cluster);
    Map<String, String> yarn = SparkSessions.builderConfig(settings("foglab.spark.master=yarn"),
        new SparkConf(false), false);
    assertFalse(yarn.containsKey("spark.ui.enabled"), "yarn: " + yarn);
    Map<String, String> submittedOff = SparkSessions.builderConfig(settings(),
        new SparkConf(false).set("spark.master", "local[2]").set("spark.ui.enabled", "true"), false);
    assertFalse(submittedOff.containsKey("spark.ui.enabled"), "spark-submit's value stands");
  }
}
