package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench split} at toy size: both models run, rates and ratios are consistent. */
class BenchSplitJobTest {
  @TempDir
  Path dir;

  @Test
  void helpListsTheOptionsWithTheirDefaults() {
    Cli.Run r = Cli.run("bench", "split", "--help");
    assertEquals(0, r.code(), r.err());
    String help = r.out().replaceAll("\\s+", " ");
    for (String o : List.of("--model", "--mlp-cut", "--cnn-cut", "--fog-nodes", "--batch-size",
        "--samples", "--mlp-passes", "--cnn-passes", "--seed", "--work-dir")) {
      assertTrue(help.contains(o), o + " missing: " + help);
    }
    assertTrue(help.contains("(default: 4; key foglab.bench.split.fog-nodes)"), help);
    assertTrue(help.contains("(default: target/bench/split; key foglab.bench.split.work-dir)"),
        help);
  }

  @Test
  @SuppressWarnings("unchecked")
  void reportsThroughputsRatiosAndAccuraciesForBothModels() throws Exception {
    Cli.Run r = Cli.run("bench", "split", "--model", "both", "--fog-nodes", "2",
        "--batch-size", "10", "--samples", "40", "--test-samples", "20", "--mlp-passes", "1",
        "--cnn-passes", "1", "--repeats", "1", "--warm-up", "false", "--work-dir",
        dir.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = Json.readMap(Files.readString(dir.resolve("bench.json")));
    assertEquals(0.5, ((Number) json.get("target_split_over_fit")).doubleValue());
    List<Map<String, Object>> runs = (List<Map<String, Object>>) json.get("runs");
    assertEquals(List.of("mlp", "cnn"), runs.stream().map(m -> m.get("model")).toList());
    for (Map<String, Object> m : runs) {
      double split = ((Number) m.get("split_samples_per_second")).doubleValue();
      double fit = ((Number) m.get("fit_samples_per_second")).doubleValue();
      assertTrue(split > 0 && fit > 0, m.toString());
      assertEquals(split / fit, ((Number) m.get("split_over_fit")).doubleValue(), 1e-9);
      assertEquals(2 * 2 * 10, ((Number) m.get("samples")).longValue());
      assertEquals(((Number) m.get("fit_accuracy")).doubleValue(),
          ((Number) m.get("split_accuracy")).doubleValue(), 1.0 / 20 + 1e-12);
    }
    assertTrue(r.out().contains("split/fit"), r.out());
  }

  @Test
  void aCutTheModelDoesNotHaveIsRejectedBeforeAnythingRuns() {
    Cli.Run r = Cli.run("bench", "split", "--model", "mlp", "--mlp-cut", "dense",
        "--work-dir", dir.toString());
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("mlp-cut") && r.err().contains("output"), r.err());
    assertTrue(!Files.exists(dir.resolve("bench.json")));
  }
}
