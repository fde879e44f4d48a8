package org.foglab.learning.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.Architecture;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.FogBatches;
import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.junit.jupiter.api.Test;

class SplitStrategyTest {
  static final SyntheticSpec DATA = new SyntheticSpec(4, 64, 600, 100, 5, 3.0, 1.0);
  static final ModelConfig MLP = ModelConfig.mlp(64, 4, List.of(16)).withLearningRate(0.1);
  static final ModelConfig CNN =
      new ModelConfig(Architecture.CNN, 8, 8, 1, 4, List.of(), 2, 3, 4, 6, 0.1, 3);

  /** Three fog nodes holding 60, 80 and 100 samples in one slot. */
  static DeviceData fogData() {
    return DeviceData.forCounts(3, 1, new int[] {60, 80, 100}, DATA.train(), 11, Sampling.iid());
  }

  static TrainingResult split(ModelConfig m, String cut, int batch, double alpha, int passes) {
    return Trainer.builder().model(m).trainingData(DATA.train()).testData(DATA.test())
        .deviceData(fogData()).options(TrainingOptions.of(TrainingMode.SPLIT, passes))
        .split(new SplitOptions(cut, batch, alpha, 0.5, 9)).run();
  }

  /**
   * The joined network stepping on the concatenation of the fog nodes' batches, node by node,
   * round after round: what split training with alpha = 0 must equal.
   */
  static float[] joined(ModelConfig m, int batch, long rounds) {
    DeviceData d = fogData();
    FogBatches b = new FogBatches(d, batch, 9, "--batch-size");
    int p = d.devices();
    int[] ids = new int[p * batch];
    try (LocalModel model = LocalModel.borrow(m)) {
      model.setParameters(LocalModel.initialParameters(m));
      for (long r = 0; r < rounds; r++) {
        for (int j = 0; j < p; j++) {
          b.batch(j, r, ids, j * batch);
        }
        model.step(DATA.train(), ids, 0, ids.length);
      }
      return model.parameters();
    }
  }

  static double maxAbsDiff(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void withoutStragglersSplitTrainingIsTheJoinedNetworkOnTheConcatenatedBatch() {
    // 240 samples, p = 3, B = 4: 20 rounds per pass, 5 passes = 100 SGD steps.
    for (Object[] c : new Object[][] {{MLP, "output"}, {CNN, "dense"}, {CNN, "conv2"},
        {CNN, "pool1"}}) {
      ModelConfig m = (ModelConfig) c[0];
      TrainingResult r = split(m, (String) c[1], 4, 0, 5);
      assertEquals(100, r.steps());
      float[] reference = joined(m, 4, 100);
      // Float32 round-off of summing the batch's gradient in another order, compounded over 100
      // steps of eta = 0.1: measured below 1e-6; 1e-4 leaves room and still fails any real
      // difference (one step changes parameters by ~1e-2).
      assertTrue(maxAbsDiff(reference, r.parameters()) < 1e-4,
          "cut " + c[1] + ": max |split - joined| = " + maxAbsDiff(reference, r.parameters()));
    }
  }

  @Test
  void theLedgerCountsWhatSplitTrainingSends() {
    // MLP 64-16-4 cut before output: l_m = 16 values per sample, local stage 64 * 16 + 16 = 1040
    // parameters. 240 samples / (3 x 4) = 20 rounds, one pass, no stragglers. Per round:
    // activations 3 * 4 * 16 * 4 B = 768 B up, labels 3 * 4 = 12 B up, cut gradients 768 B down,
    // local gradients 3 * 1040 * 4 = 12480 B up, new local parameters 12480 B down.
    TrainingResult r = split(MLP, "output", 4, 0, 1);
    CostLedger.Totals t = r.ledger().totals();
    assertEquals(20 * 768.0, t.bytes(TrafficKind.ACTIVATIONS), 1e-9);
    assertEquals(20 * 12.0, t.bytes(TrafficKind.LABELS), 1e-9);
    assertEquals(20 * (768.0 + 12480), t.bytes(TrafficKind.GRADIENTS), 1e-9);
    assertEquals(20 * 12480.0, t.bytes(TrafficKind.PARAMETERS), 1e-9);
    assertEquals(0, t.bytes(TrafficKind.RAW_DATA), 1e-9);
    // The paper's p (B l_m + |w_local|) values per round, as float32: 4 * 3 * (64 + 1040).
    assertEquals(13248.0, (double) r.report().get("paper_fcddt_bytes_per_round"), 1e-9);
    assertEquals(20 * (768.0 + 12 + 768 + 12480 + 12480) / 20,
        (double) r.report().get("measured_bytes_per_round"), 1e-9);
  }

  @Test
  void stragglersAreDroppedByFinishTimeAndVaryFromRoundToRound() {
    // alpha = 0.4 of p = 3: the cloud uses floor(0.6 * 3) = 1 fog node per round.
    TrainingResult r = split(MLP, "output", 4, 0.4, 2);
    assertEquals(40, r.steps());
    assertEquals(40 * 4, r.samplesProcessed());
    Map<String, Integer> used = new HashMap<>();
    for (CostLedger.Entry e : r.ledger().entries()) {
      if (e.kind().equals(TrafficKind.GRADIENTS.configName()) && e.src().equals("cloud")) {
        used.merge(e.dst(), (int) e.count(), Integer::sum);
      }
    }
    // Every fog node is sometimes the fastest and sometimes a straggler.
    assertEquals(3, used.size(), "fog nodes used: " + used);
    assertEquals(40, used.values().stream().mapToInt(Integer::intValue).sum());
    for (int n : used.values()) {
      assertTrue(n < 40, "a node was never a straggler: " + used);
    }
    // Deterministic for the seed; another jitter seed picks other stragglers.
    TrainingResult again = split(MLP, "output", 4, 0.4, 2);
    assertEquals(0, maxAbsDiff(r.parameters(), again.parameters()));
    TrainingResult other = Trainer.builder().model(MLP).trainingData(DATA.train())
        .testData(DATA.test()).deviceData(fogData())
        .options(TrainingOptions.of(TrainingMode.SPLIT, 2))
        .split(new SplitOptions("output", 4, 0.4, 0.5, 10)).run();
    assertNotEquals(0, maxAbsDiff(r.parameters(), other.parameters()));
  }

  @Test
  void badOptionsAreRejectedWithTheirNames() {
    String big = assertThrows(IllegalArgumentException.class,
        () -> split(MLP, "output", 61, 0, 1)).getMessage();
    assertTrue(big.contains("--batch-size 61") && big.contains("60 samples"), big);
    String cut = assertThrows(IllegalArgumentException.class,
        () -> split(MLP, "conv9", 4, 0, 1)).getMessage();
    assertTrue(cut.contains("conv9") && cut.contains("hidden1"), cut);
    String alpha = assertThrows(IllegalArgumentException.class,
        () -> new SplitOptions("output", 4, 1.0, 0.5, 1)).getMessage();
    assertTrue(alpha.contains("--straggler-rate"), alpha);
    assertThrows(IllegalArgumentException.class,
        () -> new SplitOptions("output", 4, -0.1, 0.5, 1));
    assertEquals(List.of(2, 1, 1), Arrays.asList(new SplitOptions("output", 1, 0.25, 0, 1)
        .participants(3), new SplitOptions("output", 1, 0.5, 0, 1).participants(3),
        new SplitOptions("output", 1, 0.9, 0, 1).participants(3)));
  }
}
