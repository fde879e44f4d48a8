package org.foglab.learning.fpl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.foglab.data.DeviceData;
import org.foglab.data.MultiViewData;
import org.foglab.data.SampleSource;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.federated.DeviceExecutor;
import org.foglab.learning.federated.SparkDeviceExecutor;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --executor spark} for fpl, sl and gfl against the local executor, the reference: with 1
 * and 3 partitions (3 sources: one task for all, one per source) the Spark runs must give the
 * local run's parameters, per-epoch test accuracies, validation-loss curve and ledger lines
 * (every field but the measured CPU seconds) bit for bit. Adam, so that the shipped optimizer
 * state matters: a task that lost or re-used the moments would step differently. Run the class
 * once more with {@code -Dfoglab.test.serializer=kryo}.
 */
class MultiSourceSparkTest {
  static final int SOURCES = 3;
  static final MultiViewData DATA = FplStrategyTest.views(SOURCES, 64, 4, 96);

  static FplOptions options(String junction, List<String> average) {
    return new FplOptions(DATA, junction, average, 0.01, 2, Optimizer.ADAM, 0.01, 16, 2, 5);
  }

  static TrainingResult run(TrainingMode mode, FplOptions o, DeviceExecutor executor) {
    SampleSource train = o.data().train().get(0);
    return Trainer.builder().model(FplStrategyTest.CNN).trainingData(train)
        .testData(o.data().test().get(0))
        .deviceData(DeviceData.iid(o.sources(), 1, train.size(), 1))
        .options(TrainingOptions.of(mode, o.epochs())).fpl(o).executor(executor)
        .rawBytesPerSample(100).run();
  }

  static SparkDeviceExecutor spark(int partitions) {
    return new SparkDeviceExecutor(
        JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()), partitions);
  }

  /** Ledger lines without the measured CPU seconds, in the ledger's order. */
  static List<List<Object>> lines(CostLedger l) {
    List<List<Object>> out = new ArrayList<>();
    for (CostLedger.Entry e : l.entries()) {
      out.add(List.of(e.entity(), e.src(), String.valueOf(e.dst()), e.round(), e.kind(),
          String.valueOf(e.stage()), e.count(), e.bytes(), e.flops(), e.seconds(),
          e.energyJoules(), e.carbonKg()));
    }
    return out;
  }

  static void assertSame(TrainingResult local, TrainingResult spark) {
    assertArrayEquals(local.parameters(), spark.parameters(), "parameters bit for bit");
    assertEquals(local.report().get("validation_loss"), spark.report().get("validation_loss"));
    assertEquals(local.report().get("test_accuracy"), spark.report().get("test_accuracy"));
    assertEquals(local.report().get("best_epoch"), spark.report().get("best_epoch"));
    assertEquals(local.accuracy(), spark.accuracy(), 0.0);
    assertEquals(local.steps(), spark.steps());
    assertEquals(lines(local.ledger()), lines(spark.ledger()), "ledger lines");
    assertEquals(local.ledger().totals().bytesByKind(), spark.ledger().totals().bytesByKind());
  }

  static void check(TrainingMode mode, FplOptions o) {
    TrainingResult local = run(mode, o, DeviceExecutor.local());
    // The run trained: parameters moved and the loss curve is finite.
    @SuppressWarnings("unchecked")
    List<Double> curve = (List<Double>) local.report().get("validation_loss");
    assertEquals(o.epochs(), curve.size());
    assertTrue(curve.stream().allMatch(Double::isFinite), "finite validation losses " + curve);
    for (int p : new int[] {1, 3}) {
      assertSame(local, run(mode, o, spark(p)));
    }
  }

  @ParameterizedTest(name = "fpl, junction before {0}")
  @ValueSource(strings = {"F1", "F2"})
  void fplOnSparkEqualsLocal(String junction) {
    FplOptions o = options(junction, List.of("output"));
    check(TrainingMode.FPL, o);
    // Activations and gradients at the cut every batch, from every source.
    TrainingResult r = run(TrainingMode.FPL, o, spark(2));
    assertTrue(r.ledger().totals().bytes(TrafficKind.ACTIVATIONS) > 0);
    assertEquals(r.ledger().totals().bytes(TrafficKind.ACTIVATIONS),
        r.ledger().totals().bytes(TrafficKind.GRADIENTS), 0.0);
  }

  /**
   * Tasks are pure functions of what they are shipped, which is what makes a rerun after a lost
   * executor safe: running the forward job twice gives the same activations, the backward job
   * leaves the driver's update rules (Adam moments and step count) and its branch copies untouched
   * until it takes the returned state, and the returned parameters moved.
   */
  @Test
  void tasksLeaveTheShippedStateAlone() {
    try (FplStrategy.Parts parts = FplStrategy.Parts.of(FplStrategyTest.CNN, "F1", SOURCES,
        true)) {
      int n = Math.toIntExact(parts.branches.parameterCount(0));
      Optimizer.Update[] updates = new Optimizer.Update[SOURCES];
      float[][] p0 = new float[SOURCES][];
      for (int j = 0; j < SOURCES; j++) {
        updates[j] = Optimizer.ADAM.create(n, 0.01);
        p0[j] = parts.branches.parameters(0, j);
      }
      Optimizer.Update[] original = updates.clone();
      int[] batch = new int[16];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = 3 * i;
      }
      try (SparkSources.Branches b = new SparkSources.Branches(spark(2), FplStrategyTest.CNN,
          "F1", DATA.train(), updates, parts)) {
        double[] cpu = new double[SOURCES];
        float[][] a1 = b.forward(batch, cpu);
        float[][] a2 = b.forward(batch, cpu);
        float[][] eps = new float[SOURCES][];
        for (int j = 0; j < SOURCES; j++) {
          assertArrayEquals(a1[j], a2[j], "a rerun of source " + j + "'s forward task");
          eps[j] = new float[a1[j].length];
          java.util.Arrays.fill(eps[j], 0.25f * (j + 1));
        }
        b.backward(eps, cpu);
        float[] g = new float[n];
        java.util.Arrays.fill(g, 0.5f);
        for (int j = 0; j < SOURCES; j++) {
          assertTrue(original[j] != updates[j], "the stepped rule is the task's copy");
          assertArrayEquals(Optimizer.ADAM.create(n, 0.01).delta(g), original[j].delta(g),
              "source " + j + "'s shipped Adam state was not modified");
          assertArrayEquals(p0[j], parts.branches.parameters(0, j));
        }
        b.sync();
        for (int j = 0; j < SOURCES; j++) {
          assertFalse(java.util.Arrays.equals(p0[j], parts.branches.parameters(0, j)),
              "source " + j + " stepped");
        }
      }
    }
  }

  @Test
  void slOnSparkEqualsLocal() {
    check(TrainingMode.SL, options("F1", List.of("output")));
  }

  @Test
  void gflOnSparkEqualsLocal() {
    FplOptions o = options("F1", List.of("F1", "F2"));
    check(TrainingMode.GFL, o);
    TrainingResult r = run(TrainingMode.GFL, o, spark(3));
    assertTrue(r.ledger().totals().bytes(TrafficKind.PARAMETERS) > 0);
    assertFalse(r.ledger().totals().bytes(TrafficKind.ACTIVATIONS) > 0);
  }
}
