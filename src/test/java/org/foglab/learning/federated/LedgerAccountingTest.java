package org.foglab.learning.federated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.foglab.data.ArrayDataset;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.engine.Trainer;
import org.foglab.network.Trace;
import org.junit.jupiter.api.Test;

/** What the federated and centralized strategies record in the ledger, counted by hand. */
class LedgerAccountingTest {
  /** Softmax regression 3 -> 2: 3 x 2 weights + 2 biases = 8 parameters, 32 bytes. */
  private static final ModelConfig LINEAR = ModelConfig.mlp(3, 2, List.of()).withLearningRate(0.5);

  private static ArrayDataset data(int n) {
    Random rnd = new Random(3);
    float[] f = new float[n * 3];
    byte[] l = new byte[n];
    for (int i = 0; i < n; i++) {
      l[i] = (byte) rnd.nextInt(2);
      for (int j = 0; j < 3; j++) {
        f[i * 3 + j] = (float) rnd.nextGaussian();
      }
    }
    return new ArrayDataset(3, 2, f, l);
  }

  @Test
  void networkAwareRunsCountOffloadedDataOnceAndModelsPerPeriod() {
    ArrayDataset train = data(40);
    // 3 devices, 2 slots; counts per (slot, device): slot 1: 4, 2, 0; slot 2: 3, 0, 5.
    int[] counts = {4, 2, 0, 3, 0, 5};
    Trace tr = LearningFixtures.connected(3, 2, counts);
    DeviceData d = DeviceData.forTrace(tr, train, 4, Sampling.iid());
    // d0 offloads 3 of its 4 slot-1 datapoints to d2 (processed by d2 in slot 2), discards 1 in
    // slot 2.
    TrainingResult r = Trainer.builder().model(LINEAR).trainingData(train).testData(data(10))
        .deviceData(d).rawBytesPerSample(3)
        .plan(new LearningFixtures.PlanEditor(tr).offload(0, 1, 2, 3).discard(0, 2, 1).build())
        .options(TrainingOptions.networkAware(2, 2)).run();
    CostLedger.Totals t = r.ledger().totals();
    // Raw data: 3 datapoints x 3 bytes, once, however many passes; labels 1 byte each.
    assertEquals(9, t.bytes(TrafficKind.RAW_DATA), 0);
    assertEquals(3, t.bytes(TrafficKind.LABELS), 0);
    // tau = 2 = T: one period per pass, 2 passes. Devices that process data: d0 (1 kept in slot 1,
    // 2 in slot 2), d1 (2), d2 (3 received + 5 own): all three, each downloading and uploading 32
    // bytes per period: 3 x 2 x 32 x 2 passes = 384.
    assertEquals(384, t.bytes(TrafficKind.PARAMETERS), 0);
    assertEquals(0, t.bytes(TrafficKind.ACTIVATIONS) + t.bytes(TrafficKind.GRADIENTS), 0);
    // FLOPs: a dense 3 -> 2 layer is 2 * 3 * 2 + 2 = 14 forward, x 3 with the backward pass, per
    // processed sample: (1 + 2 + 2 + 8) = 13 samples a pass, 2 passes.
    assertEquals(14 * 3 * 13 * 2, t.flops(), 1e-9);
  }

  @Test
  void centralizedRunsSendTheCollectedDataToTheCloudOnce() {
    ArrayDataset train = data(40);
    int[] counts = {4, 2, 0, 3, 0, 5};
    Trace tr = LearningFixtures.connected(3, 2, counts);
    DeviceData d = DeviceData.forTrace(tr, train, 4, Sampling.iid());
    TrainingResult r = Trainer.builder().model(LINEAR).trainingData(train).testData(data(10))
        .deviceData(d).trace(tr).options(TrainingOptions.centralized(3)).run();
    CostLedger.Totals t = r.ledger().totals();
    // 14 datapoints of 3 float32 features (the default raw size, 12 bytes) and a label byte.
    assertEquals(14 * 12, t.bytes(TrafficKind.RAW_DATA), 0);
    assertEquals(14, t.bytes(TrafficKind.LABELS), 0);
    assertEquals(14 * 14 * 3 * 3, t.flops(), 1e-9);
  }
}
