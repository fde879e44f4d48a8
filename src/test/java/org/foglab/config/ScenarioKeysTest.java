package org.foglab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.foglab.optimize.ErrorModel;
import org.foglab.optimize.InformationSetting;
import org.foglab.optimize.SolveMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario keys hash what affects a result: settings added later stay out at their defaults, so
 * existing sweeps keep their keys and resume; the solve options are validated per scenario.
 */
class ScenarioKeysTest {
  @TempDir
  Path dir;

  private List<Scenario> scenarios(String grid) throws Exception {
    Path f = dir.resolve("s.conf");
    Files.writeString(f, "sweep { name = k, settings { generate { devices = 4, slots = 6 } }\n"
        + " grid { " + grid + " } }\n");
    return SweepSpec.read(f.toString(), ConfigLoader.reference()).scenarios();
  }

  @Test
  void newSettingsAtTheirDefaultsLeaveTheKeyAlone() throws Exception {
    Scenario plain = scenarios("seed = [1]").get(0);
    String json = plain.settingsJson();
    for (String key : List.of("service-rate", "wait-bound", "time-invariant", "\"model\"",
        "solve.error", "solve.setting", "solve.intervals", "solve.gap-tolerance")) {
      assertFalse(json.contains(key), key + " in " + json);
    }
    assertTrue(json.contains("\"solve.method\":\"auto\""), json);
    assertEquals(SolveMethod.AUTO, plain.solve().method());
    assertNull(plain.solve().setting());

    List<Scenario> s = scenarios("generate.capacities.model = [uniform, straggler], "
        + "solve.setting = [C], solve.intervals = [3], generate.costs.time-invariant = [true]");
    assertTrue(s.get(1).settingsJson().contains("\"wait-bound\""), s.get(1).settingsJson());
    assertFalse(s.get(0).settingsJson().contains("\"wait-bound\""));
    assertTrue(s.get(0).settingsJson().contains("\"solve.intervals\":3"));
    assertTrue(s.get(0).settingsJson().contains("\"time-invariant\":true"));
    assertNotEquals(s.get(0).key(), s.get(1).key());
    assertEquals(InformationSetting.C, s.get(0).solve().setting());
  }

  /**
   * Where and how fast a training scenario runs (executor, partitions, how Spark runs the
   * periods) gives the same bits, so it must not change the key: a sweep rerun with other such
   * settings, or after such a setting was added, continues where it stopped.
   */
  @Test
  void howATrainingRunsLeavesItsKeyAlone() throws Exception {
    Path f = dir.resolve("t.conf");
    Files.writeString(f, "sweep { name = t, kind = train, settings { generate { devices = 4, "
        + "slots = 6 }, train { dataset = \"synthetic:samples=100,test=20\", tau = 2 } }\n grid { "
        + "train.executor = [local, spark], train.partitions = [1, 3], "
        + "train.spark-periods = [auto, barrier, jobs] } }\n");
    List<Scenario> s = SweepSpec.read(f.toString(), ConfigLoader.reference()).scenarios();
    assertEquals(12, s.size());
    for (Scenario x : s) {
      assertEquals(s.get(0).key(), x.key(), x.grid().toString());
      assertFalse(x.settingsJson().contains("spark-periods"), x.settingsJson());
    }
  }

  @Test
  void solveOptionsAreValidatedPerScenario() throws Exception {
    ConfigError e = org.junit.jupiter.api.Assertions.assertThrows(ConfigError.class,
        () -> scenarios("solve.setting = [D], solve.intervals = [7]"));
    assertTrue(e.getMessage().contains("solve.intervals must be at most the horizon of 6 slots"),
        e.getMessage());
    ConfigError m = org.junit.jupiter.api.Assertions.assertThrows(ConfigError.class,
        () -> scenarios("solve.error = [sqrt], solve.method = [closed-form]"));
    assertTrue(m.getMessage().contains("foglab.solve.error sqrt has no closed form"),
        m.getMessage());
    Scenario sqrt = scenarios("solve.error = [sqrt]").get(0);
    assertEquals(ErrorModel.SQRT, sqrt.solve().error());
    assertTrue(sqrt.settingsJson().contains("\"solve.error\":\"sqrt\""));
  }
}
