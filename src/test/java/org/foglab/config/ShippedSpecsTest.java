package org.foglab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.foglab.learning.TrainingExperiment;
import org.junit.jupiter.api.Test;

/** Every sweep spec shipped in jobs/ expands and validates, and its datasets are readable. */
class ShippedSpecsTest {

  @Test
  void everyShippedSpecExpandsIntoValidScenarios() throws IOException {
    List<Path> specs;
    try (Stream<Path> s = Files.list(Path.of("jobs"))) {
      specs = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    assertTrue(specs.size() >= 10, "specs: " + specs);
    Set<String> names = new HashSet<>();
    Set<String> datasets = new HashSet<>();
    for (Path p : specs) {
      if (com.typesafe.config.ConfigFactory.parseFile(p.toFile()).hasPath("fog-learning")) {
        // fog-learning --spec files: FL, HierFAVG and consensus c in {1, 2, 5, 10} per network.
        Settings root = new Settings(ConfigLoader.load(null, List.of(
            "foglab.fog-learning.spec=" + p, "foglab.fog-learning.out=/nonexistent/out"),
            java.util.Map.of(), java.util.Map.of()), "foglab");
        org.foglab.jobs.FogLearningJob.Spec fog = new org.foglab.jobs.FogLearningJob()
            .configure(root);
        assertTrue(names.add(fog.name()), "spec names are unique: " + fog.name());
        assertEquals(2, fog.networks().size(), p.toString());
        assertEquals(6, fog.runs().size(), p.toString());
        continue;
      }
      SweepSpec spec = SweepSpec.read(p.toString(), ConfigLoader.reference());
      assertTrue(names.add(spec.name()), "sweep names are unique: " + spec.name());
      if (spec.name().equals("fpl-figure6")) {
        // Six strategies of Figure 6 times three seeds, every multi-source mode among them.
        assertEquals(18, spec.scenarios().size());
        Set<String> modes = new HashSet<>();
        for (Scenario sc : spec.scenarios()) {
          modes.add(sc.train().mode().configName());
          assertEquals(12, sc.train().multiSource().epochs());
        }
        assertEquals(Set.of("fpl", "sl", "gfl", "transfer"), modes);
      }
      assertTrue(!spec.scenarios().isEmpty(), p.toString());
      for (Scenario sc : spec.scenarios()) {
        if (spec.kind() == SweepSpec.Kind.TRAIN) {
          assertNotNull(sc.train(), p.toString());
          assertEquals("trainings", spec.table(), p.toString());
          datasets.add(sc.train().dataset());
        } else {
          assertNull(sc.train());
        }
      }
    }
    assertTrue(names.containsAll(List.of("quickstart", "table2", "table3", "table3-learning",
        "figure5", "figure6", "figure7", "figure8-lte", "figure8-wifi", "fcddt-table2",
        "fcddt-stragglers", "pipelines", "fpl-figure6")), names.toString());
    for (String d : datasets) {
      TrainingExperiment.Split split = TrainingExperiment.dataset(d, 1);
      assertEquals(8000, split.train().size(), d);
      assertEquals(2000, split.test().size(), d);
    }
  }
}
