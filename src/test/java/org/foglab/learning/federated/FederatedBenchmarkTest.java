package org.foglab.learning.federated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foglab.learning.ModelConfig;
import org.junit.jupiter.api.Test;

/** The benchmark runs and compares like with like (no timing assertions). */
class FederatedBenchmarkTest {
  @Test
  void baselinesProcessTheFederatedRunsSamples() {
    FederatedBenchmark.Options o = new FederatedBenchmark.Options(4, 6, 3, 3,
        ModelConfig.mnistMlp(), FederatedBenchmark.PlanKind.CLOSED_FORM, 1, 2);
    FederatedBenchmark.Result r = FederatedBenchmark.run(o, DeviceExecutor.local(), "local");
    // The baselines throw if their sample count differs from the federated run's.
    assertTrue(r.steps() > 0 && r.samples() >= r.steps());
    assertTrue(r.federated().cpuSeconds() > 0 && r.fit().cpuSeconds() > 0
        && r.step().cpuSeconds() > 0 && r.federated().wallSeconds() > 0);
    assertEquals(r.fit().cpuSeconds() / r.federated().cpuSeconds(), r.ratioToFit(), 1e-12);
    assertTrue(r.summary().contains("federated/fit"));
  }
}
