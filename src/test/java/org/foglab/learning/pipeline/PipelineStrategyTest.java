package org.foglab.learning.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.Architecture;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.cost.Tier;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.Shuffle;
import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.junit.jupiter.api.Test;

class PipelineStrategyTest {
  static final SyntheticSpec DATA = new SyntheticSpec(4, 64, 400, 100, 5, 3.0, 1.0);
  static final ModelConfig CNN =
      new ModelConfig(Architecture.CNN, 8, 8, 1, 4, List.of(), 2, 3, 4, 6, 0.1, 3);

  static DeviceData data() {
    return DeviceData.forCounts(2, 1, new int[] {120, 80}, DATA.train(), 11, Sampling.iid());
  }

  static TrainingResult run(PipelineOptions o, int passes) {
    return Trainer.builder().model(CNN).trainingData(DATA.train()).testData(DATA.test())
        .deviceData(data()).options(TrainingOptions.of(TrainingMode.PIPELINE, passes))
        .pipeline(o).run();
  }

  static PipelineOptions custom(List<String> cuts, List<Tier> tiers, int batch, int micro) {
    return new PipelineOptions(PipelineSuite.CUSTOM, cuts, tiers, batch, micro, false, 0, 4);
  }

  @Test
  void aMicroBatchedThreeStagePipelineStepsLikeTheJoinedNetwork() {
    PipelineOptions o = custom(List.of("conv2", "dense"),
        List.of(Tier.DEVICE, Tier.CLOUDLET, Tier.CLOUD), 16, 4);
    TrainingResult r = run(o, 3);
    int[] ids = data().allSamples();
    float[] w;
    try (LocalModel m = LocalModel.borrow(CNN)) {
      m.setParameters(LocalModel.initialParameters(CNN));
      for (int pass = 1; pass <= 3; pass++) {
        int[] order = Shuffle.shuffled(ids, 4, 103, pass);
        for (int from = 0; from < order.length; from += 16) {
          m.step(DATA.train(), order, from, Math.min(order.length, from + 16));
        }
      }
      w = m.parameters();
    }
    // 200 samples / 16 = 13 steps a pass, 39 in all; float32 sums in another order.
    assertEquals(39, r.steps());
    double max = 0;
    for (int i = 0; i < w.length; i++) {
      max = Math.max(max, Math.abs(w[i] - r.parameters()[i]));
    }
    assertTrue(max < 1e-4, "max |pipeline - joined| = " + max);
  }

  @Test
  void hopsCarryRawDataOnceAndActivationsAndGradientsBetweenStages() {
    // Hybrid off-device on the 8x8 CNN cut before conv2: raw features source -> cloudlet
    // (64 floats of 4 B each, synthetic data), pool1's 3 x 3 x 3 = 27 values cloudlet -> cloud
    // forward and their gradients back, labels source -> cloud. 200 samples, 2 passes.
    PipelineOptions o = new PipelineOptions(PipelineSuite.HYBRID_OFF_DEVICE, List.of("conv2"),
        List.of(), 20, 2, false, 0, 4);
    TrainingResult r = run(o, 2);
    var t = r.ledger().totals();
    assertEquals(2 * 200 * 64 * 4.0, t.bytes(TrafficKind.RAW_DATA), 1e-9);
    assertEquals(2 * 200 * 27 * 4.0, t.bytes(TrafficKind.ACTIVATIONS), 1e-9);
    assertEquals(2 * 200 * 27 * 4.0, t.bytes(TrafficKind.GRADIENTS), 1e-9);
    assertEquals(2 * 200 * 1.0, t.bytes(TrafficKind.LABELS), 1e-9);
    assertEquals(0, t.bytes(TrafficKind.PARAMETERS), 1e-9);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> stages = (List<Map<String, Object>>) r.report().get("stages");
    assertEquals(2, stages.size());
    assertEquals("cloud", stages.get(1).get("node"));
    assertEquals(27 * 4.0 / 256, (double) r.report().get("activation_to_raw_ratio"), 1e-12);
  }

  @Test
  void longerPipelinesLoseForUnbatchedInference() {
    TrainingResult cloudlet = run(new PipelineOptions(PipelineSuite.CLOUDLET, List.of(),
        List.of(), 1, 1, true, 0, 4), 1);
    TrainingResult hybrid = run(new PipelineOptions(PipelineSuite.HYBRID_OFF_DEVICE,
        List.of("conv2"), List.of(), 1, 1, true, 0, 4), 1);
    double a = (double) cloudlet.report().get("sequential_seconds_per_sample");
    double b = (double) hybrid.report().get("sequential_seconds_per_sample");
    assertTrue(b > a, "unbatched inference: cloudlet " + a + " s, hybrid off-device " + b + " s");
  }

  @Test
  void badPipelinesAreRejected() {
    String one = assertThrows(IllegalArgumentException.class, () -> custom(List.of(),
        List.of(Tier.DEVICE), 8, 1)).getMessage();
    assertTrue(one.contains("at least 2 stages"), one);
    String cuts = assertThrows(IllegalArgumentException.class, () -> custom(List.of("dense"),
        List.of(Tier.DEVICE, Tier.FOG, Tier.CLOUD), 8, 1)).getMessage();
    assertTrue(cuts.contains("--cut"), cuts);
    assertEquals(8, custom(List.of("dense"), List.of(Tier.DEVICE, Tier.CLOUD), 8, 9)
        .effectiveMicroBatches());
    String micro = assertThrows(IllegalArgumentException.class, () -> custom(List.of("dense"),
        List.of(Tier.DEVICE, Tier.CLOUD), 8, 0)).getMessage();
    assertTrue(micro.contains("--micro-batches"), micro);
    String big = assertThrows(IllegalArgumentException.class, () -> run(custom(List.of("dense"),
        List.of(Tier.DEVICE, Tier.CLOUD), 201, 1), 1)).getMessage();
    assertTrue(big.contains("--batch-size 201"), big);
  }
}
