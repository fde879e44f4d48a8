package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench fpl} at toy size: rates and their ratio are consistent; S < 2 is refused. */
class BenchFplJobTest {
  @TempDir
  Path dir;

  @Test
  void reportsThroughputsAndTheirRatio() throws Exception {
    Cli.Run r = Cli.run("bench", "fpl", "--leaf", "false", "--sources", "3", "--samples", "32",
        "--batch-size", "16", "--work-dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = Json.readMap(Files.readString(dir.resolve("bench.json")));
    double fpl = ((Number) json.get("fpl_samples_per_second")).doubleValue();
    double fit = ((Number) json.get("fit_samples_per_second")).doubleValue();
    assertTrue(fpl > 0 && fit > 0, json.toString());
    assertEquals(fpl / fit, ((Number) json.get("fpl_over_fit")).doubleValue(), 1e-9);
    assertTrue(r.out().contains("ratio"), r.out());
    Cli.Run bad = Cli.run("bench", "fpl", "--sources", "1", "--work-dir", dir.toString());
    assertEquals(2, bad.code(), bad.err());
  }
}
