package org.foglab.learning.federated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.engine.AggregationRecord;
import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.federated.SparkDeviceExecutor.PeriodMode;
import org.foglab.network.Trace;
import org.foglab.optimize.ClosedForm;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;

/**
 * The Spark executor's two ways of running a chunk of periods - one barrier stage whose tasks
 * all-gather their partial sums, or one Spark job per period (forced, or the automatic fallback
 * when the device groups outnumber local[2]'s two task slots) - against the local executor as the
 * reference: parameters, device losses, evaluated records, every progress report and every
 * ledger entry equal, tolerance 0 (the aggregation is exact fixed point).
 */
class SparkPeriodsTest {
  private static final SyntheticSpec SPEC = new SyntheticSpec(4, 12, 2000, 200, 8, 5.0, 1.0);
  private static final ModelConfig MLP =
      ModelConfig.mlp(12, 4, List.of(10)).withLearningRate(0.05);

  private static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
  }

  /** A result and every record its run reported (progress records included). */
  private record Outcome(TrainingResult result, List<AggregationRecord> reports) {}

  private static Outcome run(Trainer.Builder b, DeviceExecutor executor) {
    List<AggregationRecord> reports = new ArrayList<>();
    TrainingResult r = b.listener(reports::add).executor(executor).run();
    return new Outcome(r, reports);
  }

  private static void assertIdentical(Outcome local, Outcome spark, String what) {
    TrainingResult a = local.result();
    TrainingResult b = spark.result();
    assertArrayEquals(a.parameters(), b.parameters(), what);
    assertArrayEquals(a.deviceLosses().loss(), b.deviceLosses().loss(), what);
    assertEquals(a.aggregations(), b.aggregations(), what);
    assertEquals(local.reports(), spark.reports(), what);
    assertEquals(a.ledger().entries(), b.ledger().entries(), what);
    assertEquals(a.steps(), b.steps(), what);
    assertEquals(a.samplesProcessed(), b.samplesProcessed(), what);
    assertEquals(a.accuracy(), b.accuracy(), what);
    assertEquals(a.loss(), b.loss(), what);
  }

  /** Barrier stages on 1 and 2 partitions, jobs on 1 and 2, and auto's fallback on 3. */
  private static void assertEveryPathMatchesLocal(Trainer.Builder b, String what) {
    Outcome local = run(b, DeviceExecutor.local());
    JavaSparkContext jsc = jsc();
    for (int p : new int[] {1, 2}) {
      assertIdentical(local, run(b, new SparkDeviceExecutor(jsc, p, PeriodMode.BARRIER)),
          what + ", barrier, " + p + " partitions");
      assertIdentical(local, run(b, new SparkDeviceExecutor(jsc, p, PeriodMode.JOBS)),
          what + ", jobs, " + p + " partitions");
    }
    assertIdentical(local, run(b, new SparkDeviceExecutor(jsc, 2, PeriodMode.AUTO)),
        what + ", auto (barrier), 2 partitions");
    assertIdentical(local, run(b, new SparkDeviceExecutor(jsc, 3, PeriodMode.AUTO)),
        what + ", auto (jobs), 3 partitions");
  }

  @Test
  void networkAwareWithAPlanMatchesLocalOnEveryPath() {
    int n = 7;
    int slots = 6;
    DeviceData data = DeviceData.generate(n, slots, SPEC.train(), 8, Sampling.labelSkew(0.5));
    Trace tr = SyntheticCostTrace.fullyConnected(n, slots, data.counts(), 8);
    Trainer.Builder b = Trainer.builder().model(MLP).trainingData(SPEC.train())
        .testData(SPEC.test()).deviceData(data).plan(ClosedForm.solve(tr));
    // tau = 4 does not divide T = 6: a period straddles two passes; 3 passes, 5 periods.
    for (int every : new int[] {0, 2}) {
      assertEveryPathMatchesLocal(b.options(TrainingOptions.networkAware(4, 3)
          .withEvaluateEvery(every)), "network-aware, evaluate every " + every);
    }
  }

  @Test
  void periodsWithoutDataKeepTheModelOnEveryPath() {
    int n = 5;
    int slots = 6;
    int[] counts = new int[n * slots];
    for (int t = 0; t < slots; t++) {
      for (int i = 0; i < n; i++) {
        // Slots 3 and 4 (1-based) are empty for every device; device 4 never has data.
        counts[t * n + i] = t == 2 || t == 3 || i == 4 ? 0 : 1 + (3 * t + i) % 5;
      }
    }
    Trace tr = LearningFixtures.connected(n, slots, counts);
    DeviceData data = DeviceData.forTrace(tr, SPEC.train(), 5, Sampling.iid());
    Trainer.Builder base = Trainer.builder().model(MLP).trainingData(SPEC.train())
        .testData(SPEC.test()).deviceData(data);
    for (int every : new int[] {0, 3}) {
      // tau = 2: the period of slots 3-4 has no data.
      assertEveryPathMatchesLocal(base.plan(RoundedPlan.keepAllPlan(tr)).trace(null)
          .options(TrainingOptions.networkAware(2, 2).withEvaluateEvery(every)),
          "network-aware keep-all, evaluate every " + every);
      // Federated, tau = 1: two empty periods per pass.
      assertEveryPathMatchesLocal(base.plan(null).trace(tr)
          .options(TrainingOptions.federated(2).withEvaluateEvery(every)),
          "federated, evaluate every " + every);
    }
  }

  @Test
  void forcedBarrierRefusesMoreGroupsThanTaskSlotsAndDeviceErrorsReachTheDriver() {
    int n = 4;
    int slots = 3;
    DeviceData data = DeviceData.generate(n, slots, SPEC.train(), 8, Sampling.iid());
    Trace tr = SyntheticCostTrace.fullyConnected(n, slots, data.counts(), 8);
    Trainer.Builder b = Trainer.builder().model(MLP).trainingData(SPEC.train())
        .testData(SPEC.test()).deviceData(data).trace(tr).options(TrainingOptions.federated(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> b.executor(new SparkDeviceExecutor(jsc(), 3, PeriodMode.BARRIER)).run());
    assertTrue(e.getMessage().contains("3 tasks") && e.getMessage().contains("2 task slots"),
        e.getMessage());
    // A diverging model: the device's sentence, as the local executor throws it.
    Trainer.Builder diverging = b.model(MLP.withLearningRate(1e30));
    IllegalStateException local = assertThrows(IllegalStateException.class,
        () -> diverging.executor(DeviceExecutor.local()).run());
    IllegalStateException spark = assertThrows(IllegalStateException.class,
        () -> diverging.executor(new SparkDeviceExecutor(jsc(), 2, PeriodMode.BARRIER)).run());
    assertTrue(local.getMessage().startsWith("training diverged"), local.getMessage());
    assertTrue(spark.getMessage().startsWith("training diverged"), spark.getMessage());
  }
}
