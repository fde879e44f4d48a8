package org.foglab.learning.federated;

import org.foglab.learning.engine.Shuffle;
import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.engine.DeviceLosses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.foglab.data.ArrayDataset;
import org.foglab.data.DeviceData;
import org.foglab.data.SampleSource;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.SoftmaxReference;
import org.foglab.network.Trace;
import org.foglab.optimize.ClosedForm;
import org.foglab.optimize.Plan;
import org.junit.jupiter.api.Test;

class FederatedTrainerTest {
  /** Softmax regression: its SGD step and weighted average are computed by hand below. */
  private static final ModelConfig LINEAR = ModelConfig.mlp(3, 2, List.of()).withLearningRate(0.5);

  private static ArrayDataset randomData(int n, int features, int classes, long seed) {
    Random rnd = new Random(seed);
    float[] f = new float[n * features];
    byte[] l = new byte[n];
    for (int i = 0; i < n; i++) {
      l[i] = (byte) rnd.nextInt(classes);
      for (int j = 0; j < features; j++) {
        f[i * features + j] = (float) (rnd.nextGaussian() + (j % classes == l[i] ? 1 : 0));
      }
    }
    return new ArrayDataset(features, classes, f, l);
  }

  private static Trainer.Builder base(ModelConfig m, SampleSource train, DeviceData d) {
    return Trainer.builder().model(m).trainingData(train)
        .testData(randomData(20, m.featureCount(), m.classes(), 99)).deviceData(d);
  }

  @Test
  void weightedAggregationEqualsHandComputation() {
    ArrayDataset train = randomData(30, 3, 2, 1);
    // 4 devices, 3 slots; d3 never has data (H = 0), slot 3 is empty for everyone.
    int[] counts = {2, 1, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0};
    Trace tr = LearningFixtures.connected(4, 3, counts);
    DeviceData data = DeviceData.forTrace(tr, train, 4, Sampling.iid());
    double[] w0 = SoftmaxReference.toDouble(LocalModel.initialParameters(LINEAR));

    // tau = 2: one period over slots 1-2 with local steps, then an empty period (model kept).
    TrainingResult r = base(LINEAR, train, data).plan(RoundedPlan.keepAllPlan(tr))
        .options(TrainingOptions.networkAware(2, 1)).run();
    double[] num = new double[w0.length];
    long total = 0;
    for (int i = 0; i < 4; i++) {
      double[] wi = w0.clone();
      long h = 0;
      for (int t = 1; t <= 2; t++) {
        int[] ids = data.samples(tr.index(i, t));
        if (ids.length > 0) {
          wi = SoftmaxReference.step(wi, train, ids, 0.5);
          h += ids.length;
        }
      }
      for (int q = 0; q < num.length; q++) {
        num[q] += h * wi[q];
      }
      total += h;
    }
    double[] expected = new double[w0.length];
    for (int q = 0; q < num.length; q++) {
      expected[q] = num[q] / total;
    }
    assertArrayEquals(expected, SoftmaxReference.toDouble(r.parameters()), 1e-6);
    assertEquals(2, r.aggregationCount());
    assertEquals(7, r.samplesProcessed());
    assertEquals(4, r.steps());
    assertEquals(7, r.aggregations().get(0).weight());
    assertEquals(0, r.aggregations().get(1).weight());

    // tau = 1 (federated): each slot averages single steps; the empty slot keeps the model.
    TrainingResult f = base(LINEAR, train, data).trace(tr).options(TrainingOptions.federated(1))
        .run();
    double[] w = w0.clone();
    for (int t = 1; t <= 3; t++) {
      double[] acc = new double[w.length];
      long h = 0;
      for (int i = 0; i < 4; i++) {
        int[] ids = data.samples(tr.index(i, t));
        if (ids.length > 0) {
          double[] wi = SoftmaxReference.step(w, train, ids, 0.5);
          for (int q = 0; q < w.length; q++) {
            acc[q] += ids.length * wi[q];
          }
          h += ids.length;
        }
      }
      if (h > 0) {
        for (int q = 0; q < w.length; q++) {
          w[q] = acc[q] / h;
        }
      }
    }
    assertArrayEquals(w, SoftmaxReference.toDouble(f.parameters()), 1e-6);
    assertEquals(3, f.aggregationCount());
    // Federated costs: everything processed where collected, at process cost 0.5.
    assertEquals(0.5, f.unitCost(), 1e-12);
    assertEquals(0, f.offloadingRate(), 0);
  }

  /** 3 devices, 3 slots, two samples each; d0 sends both of its slot-1 samples to d1. */
  private record Offload(Trace trace, DeviceData data, Plan plan, SyntheticSpec spec) {}

  private static Offload offloadScenario() {
    SyntheticSpec spec = new SyntheticSpec(3, 5, 60, 0, 2, 4.0, 1.0);
    int[] counts = new int[9];
    Arrays.fill(counts, 2);
    Trace tr = LearningFixtures.connected(3, 3, counts);
    DeviceData data = DeviceData.forTrace(tr, spec.train(), 3, Sampling.iid());
    Plan p = new LearningFixtures.PlanEditor(tr).offload(0, 1, 1, 2).discard(2, 2, 2).build();
    return new Offload(tr, data, p, spec);
  }

  @Test
  void offloadedDataTrainsTheReceiverOneSlotLater() {
    Offload o = offloadScenario();
    ModelConfig m = ModelConfig.mlp(5, 3, List.of(4)).withLearningRate(0.1);
    int[] sent = o.data().samples(o.trace().index(0, 1));
    TrainingOptions opt = TrainingOptions.networkAware(3, 1);
    TrainingResult plain = base(m, o.spec().train(), o.data()).plan(o.plan()).options(opt).run();
    TrainingResult changed = base(m, new LearningFixtures.Perturbed(o.spec().train(), sent, 3f),
        o.data()).plan(o.plan()).options(opt).run();
    DeviceLosses a = plain.deviceLosses();
    DeviceLosses b = changed.deviceLosses();
    assertTrue(Double.isNaN(a.loss(1, 0, 1)), "d0 keeps nothing in slot 1");
    assertEquals(4, a.samples(1, 2));
    // Nothing before d1's step at slot 2 sees the offloaded samples...
    assertEquals(a.loss(1, 1, 1), b.loss(1, 1, 1), 0);
    for (int t = 1; t <= 3; t++) {
      assertEquals(a.loss(1, 0, t), b.loss(1, 0, t), 0, "d0 at slot " + t);
      assertEquals(a.loss(1, 2, t), b.loss(1, 2, t), 0, "d2 at slot " + t);
    }
    // ...and d1 trains on them at slot 2 (loss of that batch), which carries into slot 3.
    assertNotEquals(a.loss(1, 1, 2), b.loss(1, 1, 2));
    assertNotEquals(a.loss(1, 1, 3), b.loss(1, 1, 3));
    assertFalse(Arrays.equals(plain.parameters(), changed.parameters()));
    // The cost of the plan: 2 of 18 offloaded, 2 discarded.
    assertEquals(2.0 / 18, plain.offloadingRate(), 1e-12);
    assertEquals(2.0 / 18, plain.discardRate(), 1e-12);
    assertEquals(14 * 0.5 + 2 * 0.5 + 2 * 0.1 + 2 * 0.9, plain.totalCost(), 1e-12);
  }

  @Test
  void discardedDataNeverTrains() {
    Offload o = offloadScenario();
    ModelConfig m = ModelConfig.mlp(5, 3, List.of(4)).withLearningRate(0.1);
    int[] dropped = o.data().samples(o.trace().index(2, 2));
    TrainingOptions opt = TrainingOptions.networkAware(2, 2);
    TrainingResult plain = base(m, o.spec().train(), o.data()).plan(o.plan()).options(opt).run();
    // NaN features would poison any model that touched them.
    TrainingResult poisoned = base(m, new LearningFixtures.Perturbed(o.spec().train(), dropped,
        Float.NaN), o.data()).plan(o.plan()).options(opt).run();
    assertArrayEquals(plain.parameters(), poisoned.parameters());
    // Control: the same poison on kept samples is detected.
    int[] kept = o.data().samples(o.trace().index(2, 1));
    assertThrows(IllegalStateException.class, () -> base(m,
        new LearningFixtures.Perturbed(o.spec().train(), kept, Float.NaN), o.data())
        .plan(o.plan()).options(opt).run());
  }

  @Test
  void sameSeedSameParametersAndLearningWorks() {
    SyntheticSpec spec = new SyntheticSpec(4, 12, 3000, 400, 5, 6.0, 1.0);
    DeviceData data = DeviceData.generate(5, 20, spec.train(), 5, Sampling.iid());
    Trace tr = SyntheticCostTrace.fullyConnected(5, 20, data.counts(), 5);
    ModelConfig m = ModelConfig.mlp(12, 4, List.of(16)).withLearningRate(0.05);
    TrainingOptions opt = TrainingOptions.networkAware(3, 3);
    TrainingResult a = Trainer.builder().model(m).trainingData(spec.train())
        .testData(spec.test()).deviceData(data).plan(ClosedForm.solve(tr)).options(opt).run();
    TrainingResult b = Trainer.builder().model(m).trainingData(spec.train())
        .testData(spec.test()).deviceData(data).plan(ClosedForm.solve(tr)).options(opt).run();
    assertArrayEquals(a.parameters(), b.parameters());
    assertArrayEquals(a.deviceLosses().loss(), b.deviceLosses().loss());
    TrainingResult c = Trainer.builder().model(m.withSeed(2)).trainingData(spec.train())
        .testData(spec.test()).deviceData(data).plan(ClosedForm.solve(tr)).options(opt).run();
    assertFalse(Arrays.equals(a.parameters(), c.parameters()));
    // 60 slots at tau = 3: 20 aggregations; chance accuracy is 0.25.
    assertEquals(20, a.aggregationCount());
    assertEquals(20, a.aggregations().size());
    assertTrue(a.accuracy() > 0.9, "accuracy " + a.accuracy());
    assertTrue(a.aggregations().get(19).loss() < a.aggregations().get(0).loss());
  }

  @Test
  void centralizedUsesAllCollectedDataWithTStepsPerPass() {
    SyntheticSpec spec = new SyntheticSpec(4, 12, 3000, 400, 5, 6.0, 1.0);
    DeviceData data = DeviceData.generate(5, 20, spec.train(), 5, Sampling.iid());
    ModelConfig m = ModelConfig.mlp(12, 4, List.of(16)).withLearningRate(0.05);
    TrainingResult r = Trainer.builder().model(m).trainingData(spec.train())
        .testData(spec.test()).deviceData(data).options(TrainingOptions.centralized(3)).run();
    int total = data.totalCount();
    int batch = (int) Math.ceil(total / 20.0);
    assertEquals(3L * ((total + batch - 1) / batch), r.steps());
    assertEquals(3L * total, r.samplesProcessed());
    assertEquals(3, r.aggregations().size());
    assertTrue(Double.isNaN(r.unitCost()));
    assertTrue(r.accuracy() > 0.9, "accuracy " + r.accuracy());
    int[] ids = data.allSamples();
    int[] s1 = Shuffle.centralized(ids, 0, 1);
    int[] s2 = Shuffle.centralized(ids, 0, 2);
    assertFalse(Arrays.equals(s1, s2));
    Arrays.sort(s1);
    Arrays.sort(ids);
    assertArrayEquals(ids, s1);
  }

  @Test
  void conflictingInputsAreRejected() {
    Offload o = offloadScenario();
    ModelConfig m = ModelConfig.mlp(5, 3, List.of(4));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new TrainingOptions(TrainingMode.FEDERATED, 10, 1, 0, 1, true, 0)).getMessage()
        .contains("aggregationPeriod must be 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> base(m, o.spec().train(),
        o.data()).options(TrainingOptions.networkAware(2, 1)).build()).getMessage()
        .contains("needs a plan"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> base(m, o.spec().train(),
        o.data()).plan(o.plan()).options(TrainingOptions.federated(1)).build()).getMessage()
        .contains("takes no plan"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> base(ModelConfig.mlp(6, 3,
        List.of()), o.spec().train(), o.data()).plan(o.plan())
        .options(TrainingOptions.networkAware(2, 1)).build()).getMessage()
        .contains("the model expects 6 and 3"));
    DeviceData other = DeviceData.forCounts(3, 3, new int[9], o.spec().train(), 1,
        Sampling.iid());
    assertThrows(org.foglab.data.DatasetException.class, () -> base(m, o.spec().train(), other)
        .plan(o.plan()).options(TrainingOptions.networkAware(2, 1)).build());
  }
}
