package org.foglab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.foglab.cli.OptionSpec;
import org.foglab.jobs.Commands;
import org.foglab.jobs.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key a user gives (--set, a settings file) must be one of reference.conf's; an unknown one
 * is one sentence naming the nearest known key. Spark properties go to foglab.spark.conf.
 */
class StrictSettingsTest {
  @TempDir
  Path dir;

  private static Config load(String conf, String... sets) {
    return ConfigLoader.load(conf, List.of(sets), Map.of(), Map.of());
  }

  private static String error(Runnable r) {
    return assertThrows(ConfigError.class, r::run).getMessage();
  }

  @Test
  void nearestKeyIsTheTypoOrTheSettingInItsSection() {
    assertEquals("foglab.generate.devices", SettingKeys.nearest("foglab.generate.devicez"));
    assertEquals("foglab.train.passes", SettingKeys.nearest("foglab.train.pases"));
    // Right name, wrong section.
    assertEquals("foglab.generate.devices", SettingKeys.nearest("foglab.devices"));
    assertEquals("foglab.generate.devices", SettingKeys.nearest("generate.devices"));
    assertNull(SettingKeys.problem("foglab.generate.devices"));
    assertNull(SettingKeys.problem("foglab.spark.conf.spark.anything.at.all"));
    assertEquals("is a group of settings, not one: set its keys, e.g. "
        + "foglab.generate.costs.discard.max", SettingKeys.problem("foglab.generate.costs"));
  }

  @Test
  void everyOptionSetsAKnownKey() {
    for (Job<?> j : Commands.all()) {
      for (OptionSpec o : j.spec().allOptions()) {
        if (o.key() != null) {
          assertNull(SettingKeys.problem(o.key()), j.spec().name() + " --" + o.name() + ": " + o.key());
        }
      }
    }
  }

  @Test
  void unknownSetKeyNamesTheNearest() {
    assertEquals("foglab.generate.devicez is not a setting; did you mean foglab.generate.devices?",
        error(() -> load(null, "foglab.generate.devicez=3")));
    assertEquals("foglab.generate.costs is a group of settings, not one: set its keys, e.g. "
        + "foglab.generate.costs.discard.max", error(() -> load(null, "foglab.generate.costs=3")));
    assertEquals("seed is not a setting; did you mean foglab.seed?", error(() -> load(null, "seed=3")));
  }

  @Test
  void unknownFileKeyNamesTheFileLineAndTheNearest() throws Exception {
    Path conf = dir.resolve("my.conf");
    Files.writeString(conf, "foglab {\n  train.passes = 2\n  train.pases = 3\n}\n");
    String m = error(() -> load(conf.toString()));
    assertTrue(m.startsWith("foglab.train.pases (set in " + conf), m);
    assertTrue(m.endsWith(": 3) is not a setting; did you mean foglab.train.passes?"), m);
    // A file without the foglab { } wrapper.
    Files.writeString(conf, "generate.devices = 3\n");
    assertTrue(error(() -> load(conf.toString()))
        .endsWith("is not a setting; did you mean foglab.generate.devices?"));
    // The user's default file (conf/foglab.conf under FOGLAB_HOME) is checked the same way.
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/foglab.conf"), "foglab.sed = 3\n");
    String home = error(() -> ConfigLoader.load(null, List.of(), Map.of(),
        Map.of("FOGLAB_HOME", dir.toString())));
    assertTrue(home.startsWith("foglab.sed (set in " + dir.resolve("conf/foglab.conf")), home);
    assertTrue(home.endsWith("did you mean foglab.seed?"), home);
  }

  @Test
  void sparkPropertiesFromSetAndFilesReachTheSparkSettings() throws Exception {
    Config c = load(null, "spark.sql.shuffle.partitions=3", "spark.executor.memory=2g");
    Map<String, String> spark = SparkSettings.read(new Settings(c, "foglab")).conf();
    assertEquals("3", spark.get("spark.sql.shuffle.partitions"));
    assertEquals("2g", spark.get("spark.executor.memory"));
    assertEquals("UTC", spark.get("spark.sql.session.timeZone"), "reference.conf's stay");
    Path conf = dir.resolve("spark.conf");
    Files.writeString(conf, "spark.sql.shuffle.partitions = 5\nspark { \"ui.enabled\" = true }\n");
    Map<String, String> fromFile = SparkSettings.read(new Settings(load(conf.toString()), "foglab")).conf();
    assertEquals("5", fromFile.get("spark.sql.shuffle.partitions"));
    assertEquals("true", fromFile.get("spark.ui.enabled"));
    // --set over the file.
    Map<String, String> both = SparkSettings.read(new Settings(
        load(conf.toString(), "spark.sql.shuffle.partitions=7"), "foglab")).conf();
    assertEquals("7", both.get("spark.sql.shuffle.partitions"));
  }

  @Test
  void sparkSubmitStyleConfGetsAHint() {
    assertEquals("--conf spark.executor.memory=4g: --conf takes a settings file; for a Spark or "
        + "foglab setting use --set spark.executor.memory=4g",
        error(() -> load("spark.executor.memory=4g")));
    assertTrue(error(() -> load(dir.resolve("none.conf").toString())).endsWith("no such file"));
  }

  @Test
  void defaultWarehouseIsInTheInstallationAndAGivenPathIsKept() {
    Config home = ConfigLoader.load(null, List.of(), Map.of(), Map.of("FOGLAB_HOME", "/opt/foglab"));
    assertEquals("/opt/foglab/data/warehouse", WarehouseSettings.read(new Settings(home, "foglab")).path());
    Config noHome = load(null);
    assertEquals("./data/warehouse", WarehouseSettings.read(new Settings(noHome, "foglab")).path());
    Config given = ConfigLoader.load(null, List.of("foglab.warehouse.path=out/wh"), Map.of(),
        Map.of("FOGLAB_HOME", "/opt/foglab"));
    assertEquals("out/wh", WarehouseSettings.read(new Settings(given, "foglab")).path());
  }
}
