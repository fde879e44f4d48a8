package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench federated} at toy size: both scenarios run, rates and ratios are consistent. */
class BenchFederatedJobTest {
  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void reportsThroughputsAndRatiosForBothScenarios() throws Exception {
    Cli.Run r = Cli.run("bench", "federated", "--devices", "3", "--slots", "4",
        "--large-devices", "5", "--large-slots", "2", "--tau", "2", "--max-per-slot", "3",
        "--repeats", "1", "--work-dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = Json.readMap(Files.readString(dir.resolve("bench.json")));
    List<Map<String, Object>> runs = (List<Map<String, Object>>) json.get("runs");
    assertEquals(2, runs.size());
    assertEquals(3, ((Number) runs.get(0).get("devices")).intValue());
    assertEquals(5, ((Number) runs.get(1).get("devices")).intValue());
    for (Map<String, Object> m : runs) {
      double fed = ((Number) m.get("federated_samples_per_second")).doubleValue();
      double fit = ((Number) m.get("fit_samples_per_second")).doubleValue();
      assertTrue(fed > 0 && fit > 0, m.toString());
      assertEquals(fed / fit, ((Number) m.get("federated_over_fit")).doubleValue(), 1e-9);
      assertTrue(((Number) m.get("samples")).longValue() > 0);
      // Rates by wall time (what a user waits for), not by one thread's CPU time.
      assertEquals("wall_seconds", m.get("rates_by"));
      assertEquals(((Number) m.get("samples")).doubleValue()
          / ((Number) m.get("federated_wall_seconds")).doubleValue(), fed, 1e-9 * fed);
      assertTrue(((Number) m.get("cpu_federated_over_fit")).doubleValue() > 0, m.toString());
    }
    assertTrue(r.out().contains("fed/fit"), r.out());
  }

  @Test
  @SuppressWarnings("unchecked")
  void onSparkDl4jParameterAveragingTrainsTheSameSamples() throws Exception {
    Cli.Run r = Cli.run("bench", "federated", "--executor", "spark", "--partitions", "2",
        "--devices", "4", "--slots", "4", "--large-devices", "0", "--tau", "2",
        "--max-per-slot", "4", "--repeats", "1", "--work-dir", dir.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = Json.readMap(Files.readString(dir.resolve("bench.json")));
    Map<String, Object> m = ((List<Map<String, Object>>) json.get("runs")).get(0);
    double pavg = ((Number) m.get("dl4j_parameter_averaging_samples_per_second")).doubleValue();
    double wall = ((Number) m.get("dl4j_parameter_averaging_wall_seconds")).doubleValue();
    long samples = ((Number) m.get("samples")).longValue();
    assertTrue(samples > 0 && wall > 0, m.toString());
    // The rate is the federated run's sample count over DL4J's wall time: same samples.
    assertEquals(samples / wall, pavg, 1e-6 * pavg);
    assertEquals(2, ((Number) m.get("dl4j_parameter_averaging_workers")).intValue());
    double fed = ((Number) m.get("federated_samples_per_second")).doubleValue();
    assertEquals(fed / pavg, ((Number) m.get("federated_over_parameter_averaging"))
        .doubleValue(), 1e-9);
    assertTrue(r.out().contains("fed/dl4j"), r.out());
  }
}
