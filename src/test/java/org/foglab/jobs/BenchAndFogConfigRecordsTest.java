package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.foglab.config.ConfigError;
import org.foglab.config.ConfigLoader;
import org.foglab.config.Settings;
import org.junit.jupiter.api.Test;

/**
 * The bench and fog-train configuration records check their values against the settings'
 * declarations in their constructors, with the sentence the settings path gives.
 */
class BenchAndFogConfigRecordsTest {
  private static String configureError(Job<?> job, String... sets) {
    Settings root = new Settings(ConfigLoader.load(null, List.of(sets), Map.of(), Map.of()),
        "foglab");
    return assertThrows(ConfigError.class, () -> job.configure(root)).getMessage();
  }

  @Test
  void benchExactRecordAndSettingsAgree() {
    String viaSet = configureError(new BenchExactJob(), "foglab.bench.exact.window-slots=1");
    assertEquals("foglab.bench.exact.window-slots must be an integer in [2, 1000000], got 1",
        viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class,
        () -> new BenchExactJob.Config(null, 0, 1, 1e-6, false, false, "target/x")).getMessage());
    viaSet = configureError(new BenchExactJob(), "foglab.bench.exact.partitions=-1");
    assertEquals(viaSet, assertThrows(ConfigError.class,
        () -> new BenchExactJob.Config(null, -1, 4, 1e-6, false, false, "target/x")).getMessage());
  }

  @Test
  void benchFederatedAndFogRecordsRefuseWhatTheSettingsRefuse() {
    String viaSet = configureError(new BenchFederatedJob(), "foglab.bench.federated.partitions=-2");
    assertEquals(viaSet, assertThrows(ConfigError.class,
        () -> new BenchFederatedJob.Config(List.of(), TrainJob.Executor.LOCAL, -2, "target/x"))
        .getMessage());
    viaSet = configureError(new BenchFogJob(), "foglab.bench.fog-learning.samples-per-device=0");
    assertEquals(viaSet, assertThrows(ConfigError.class,
        () -> new BenchFogJob.Config(null, 0.3, List.of(), null, 0, 0, "target/x")).getMessage());
  }

  @Test
  void fogTrainRecordChecksItsValues() {
    ConfigError e = assertThrows(ConfigError.class, () -> new FogTrainJob.Config("t", null, 1,
        "csv", null, "mnist", 10, 1.5, TrainJob.Executor.LOCAL, 0, 0, "out/x", false, false,
        null));
    assertEquals("foglab.fog.two-class-share must be a number in [0, 1], got 1.5", e.getMessage());
    e = assertThrows(ConfigError.class, () -> new FogTrainJob.Config("t", null, 1, "csv", null,
        "mnist", 10, 0.5, TrainJob.Executor.LOCAL, -1, 0, "out/x", false, false, null));
    assertEquals("foglab.fog.partitions must be an integer in [0, 1000000], got -1",
        e.getMessage());
  }
}
