package org.foglab.learning.federated;

import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.ModelConfig;
import org.foglab.network.Trace;
import org.foglab.optimize.ClosedForm;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;

/**
 * Spark runs equal local runs bit for bit, whatever the partition count (tolerance 0: the
 * aggregation is exact fixed-point arithmetic and every device's steps are the same code).
 */
class SparkFederatedTest {
  @Test
  void sparkMatchesLocalForOneAndThreePartitions() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SparkTestSession.get().sparkContext());
    SyntheticSpec spec = new SyntheticSpec(4, 12, 2000, 200, 8, 5.0, 1.0);
    int n = 7;
    int slots = 6;
    DeviceData data = DeviceData.generate(n, slots, spec.train(), 8, Sampling.labelSkew(0.5));
    Trace tr = SyntheticCostTrace.fullyConnected(n, slots, data.counts(), 8);
    ModelConfig m = ModelConfig.mlp(12, 4, List.of(10)).withLearningRate(0.05);
    // tau = 4 does not divide T = 6: the second period straddles the two passes.
    TrainingOptions opt = TrainingOptions.networkAware(4, 2);
    Trainer.Builder b = Trainer.builder().model(m).trainingData(spec.train())
        .testData(spec.test()).deviceData(data).plan(ClosedForm.solve(tr)).options(opt);
    TrainingResult local = b.executor(DeviceExecutor.local()).run();
    for (int partitions : new int[] {1, 3}) {
      TrainingResult spark = b.executor(new SparkDeviceExecutor(jsc, partitions)).run();
      assertArrayEquals(local.parameters(), spark.parameters(), partitions + " partitions");
      assertArrayEquals(local.deviceLosses().loss(), spark.deviceLosses().loss());
      assertEquals(local.aggregations(), spark.aggregations());
      assertEquals(local.steps(), spark.steps());
    }
    // Federated baseline on Spark as well.
    Trainer.Builder f = Trainer.builder().model(m).trainingData(spec.train())
        .testData(spec.test()).deviceData(data).trace(tr).options(TrainingOptions.federated(1));
    assertArrayEquals(f.executor(DeviceExecutor.local()).run().parameters(),
        f.executor(new SparkDeviceExecutor(jsc, 3)).run().parameters());
  }
}
