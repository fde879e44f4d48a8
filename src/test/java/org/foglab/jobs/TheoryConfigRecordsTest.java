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
 * The theory commands' and train's configuration records check their values against the same
 * declarations as the settings path, with the same sentence.
 */
class TheoryConfigRecordsTest {
  private static final TheorySettings.Target TARGET = new TheorySettings.Target("out/x", false,
      "theory");

  private static String configureError(Job<?> job, String... sets) {
    Settings root = new Settings(ConfigLoader.load(null, List.of(sets), Map.of(), Map.of()),
        "foglab");
    return assertThrows(ConfigError.class, () -> job.configure(root)).getMessage();
  }

  @Test
  void capacityRecordAndSettingsAgree() {
    String viaSet = configureError(new TheoryCapacityJob(), "foglab.theory.capacity.mu=[]",
        "foglab.theory.capacity.out=out/x");
    assertEquals("foglab.theory.capacity.mu needs at least one service rate, e.g. 1 or 0.5,1,2",
        viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new TheoryCapacityJob.Config(
        new double[0], 1, TheoryCapacityJob.Wait.QUEUE, true, 100, 10, 20, 1, TARGET))
        .getMessage());
    viaSet = configureError(new TheoryCapacityJob(), "foglab.theory.capacity.replications=1",
        "foglab.theory.capacity.out=out/x");
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new TheoryCapacityJob.Config(
        new double[] {1}, 1, TheoryCapacityJob.Wait.QUEUE, true, 100, 10, 1, 1, TARGET))
        .getMessage());
    viaSet = configureError(new TheoryCapacityJob(), "foglab.theory.capacity.sigma=0",
        "foglab.theory.capacity.out=out/x");
    assertEquals("foglab.theory.capacity.sigma must be positive, got 0", viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new TheoryCapacityJob.Config(
        new double[] {1}, 0, TheoryCapacityJob.Wait.QUEUE, true, 100, 10, 20, 1, TARGET))
        .getMessage());
  }

  @Test
  void offloadingValueRecordAndSettingsAgree() {
    String viaSet = configureError(new TheoryOffloadingValueJob(),
        "foglab.theory.offloading-value.trials=1", "foglab.theory.offloading-value.out=out/x");
    assertEquals("foglab.theory.offloading-value.trials must be an integer in [2, 1000000], got 1",
        viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new TheoryOffloadingValueJob.Config(
        null, 1, new double[0], 1, 0, 1, TARGET)).getMessage());
  }
}
