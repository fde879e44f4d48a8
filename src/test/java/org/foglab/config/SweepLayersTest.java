package org.foglab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep's layers: reference < the user's file < the spec's settings < the command line
 * (--set, options) < the grid; a command-line key the grid varies is refused. And a spec's keys
 * are strict: unknown settings and keys outside grid or settings are one sentence each.
 */
class SweepLayersTest {
  @TempDir
  Path dir;

  /** Reads a spec as the sweep command would, with a user file and --set assignments. */
  private SweepSpec read(String spec, String userFile, String... sets) throws Exception {
    Path f = dir.resolve("s.conf");
    Files.writeString(f, spec);
    String conf = null;
    if (userFile != null) {
      conf = dir.resolve("user.conf").toString();
      Files.writeString(Path.of(conf), userFile);
    }
    Config commandLine = ConfigLoader.commandLine(List.of(sets), Map.of());
    Config base = ConfigLoader.load(conf, commandLine, Map.of());
    return SweepSpec.read(f.toString(), base, commandLine);
  }

  private String error(String spec, String... sets) {
    return assertThrows(ConfigError.class, () -> read(spec, null, sets)).getMessage();
  }

  private static final String SOLVE = "sweep { name = l, settings { generate { devices = 4, slots = 20 } }\n"
      + " grid { seed = [1, 2] } }\n";

  @Test
  void setOverridesTheSpecsSettingsWhichOverrideTheUsersFile() throws Exception {
    for (Scenario s : read(SOLVE, null).scenarios()) {
      assertEquals(20, s.trace().model().slots(), "the spec's value");
    }
    for (Scenario s : read(SOLVE, "foglab.generate.slots = 30\nfoglab.generate.topology = random\n").scenarios()) {
      assertEquals(20, s.trace().model().slots(), "the spec over the user's file");
      assertEquals("random", s.trace().network().topology().configName(), "the file where the spec is silent");
    }
    List<Scenario> set = read(SOLVE, "foglab.generate.slots = 30\n", "foglab.generate.slots=10").scenarios();
    assertEquals(2, set.size());
    for (Scenario s : set) {
      assertEquals(10, s.trace().model().slots(), "--set over the spec");
      assertTrue(s.settingsJson().contains("\"slots\":10"), s.settingsJson());
    }
    // The override is part of the scenario, so its key differs from the spec's own scenario.
    assertTrue(!set.get(0).key().equals(read(SOLVE, null).scenarios().get(0).key()));
  }

  @Test
  void setOverridesATrainingSpecsPasses() throws Exception {
    String spec = "sweep { name = t, kind = train, settings { generate { devices = 4, slots = 10 }\n"
        + " train { dataset = \"synthetic:samples=100,test=20\", passes = 5, tau = 5 } }\n"
        + " grid { train.mode = [federated, network-aware] } }\n";
    for (Scenario s : read(spec, null).scenarios()) {
      assertEquals(5, s.train().passes());
    }
    for (Scenario s : read(spec, null, "foglab.train.passes=1").scenarios()) {
      assertEquals(1, s.train().passes());
    }
  }

  @Test
  void setOnAKeyTheGridVariesIsRefused() {
    String m = error(SOLVE, "foglab.seed=3");
    assertTrue(m.endsWith(": --set foglab.seed=3 would give every scenario the same seed, which "
        + "sweep.grid varies; drop it from the command line or from the grid"), m);
    // A group over a grid key collides as well.
    String spec = "sweep { name = g, grid { generate.costs.link.max = [1, 2] } }\n";
    assertTrue(error(spec, "foglab.generate.costs.link={min=0,max=3}").contains("the same generate.costs.link.max"));
  }

  @Test
  void unknownSpecKeysNameTheNearestSetting() {
    assertTrue(error("sweep { name = u, grid { generate.devicez = [5] } }\n")
        .endsWith(": sweep.grid.generate.devicez is not a setting; did you mean generate.devices?"));
    assertTrue(error("sweep { name = u, settings { train.pases = 2 }, grid { seed = [1] } }\n")
        .endsWith(": sweep.settings.train.pases is not a setting; did you mean train.passes?"));
    assertTrue(error("sweep { name = u, settings { spark.sql.shuffle.partitions = 2 }, grid { seed = [1] } }\n")
        .contains("sweep.settings.spark.sql.shuffle.partitions is a Spark setting"));
  }

  @Test
  void aKeyOutsideGridOrSettingsIsAnError() {
    String m = error("sweep { name = w, seed = [1, 2], grid { generate.devices = [4] } }\n");
    assertTrue(m.endsWith(": sweep.seed is not a sweep key (a sweep holds name, kind, table, figures, "
        + "settings, grid); settings go in grid (to vary them, as lists) or in settings (to fix them)"), m);
    assertTrue(error("sweep { nmae = w, grid { seed = [1] } }\n").endsWith("; did you mean name?"));
    assertTrue(error("sweep { name = w, grid { seed = [1] } }\nfoglab.generate.devices = 4\n")
        .endsWith(": foglab is outside sweep { }; a spec holds one sweep { name, kind, table, figures, "
            + "settings, grid } block and nothing else"));
  }
}
