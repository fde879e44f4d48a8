package org.foglab.learning.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.foglab.data.SampleSource;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.Architecture;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.NetworkFactory;
import org.junit.jupiter.api.Test;

class StagedModelTest {
  /** 64 inputs, hidden 16 and 8, 4 classes; a larger step than the default to move far. */
  static final ModelConfig MLP = ModelConfig.mlp(64, 4, List.of(16, 8)).withLearningRate(0.1);
  /**
   * 12x12 images, 2x2 kernels: conv1 11x11x3, pool1 5x5x3, conv2 4x4x4, pool2 2x2x4, dense 6.
   * pool2's output has 2x2 positions, so the cut before dense checks the flattening order.
   */
  static final ModelConfig CNN =
      new ModelConfig(Architecture.CNN, 12, 12, 1, 4, List.of(), 2, 3, 4, 6, 0.05, 3);
  static final int STEPS = 100;
  /** Sub-batches of the three fog nodes (unequal, so slicing errors show). */
  static final int[] PARTS = {4, 3, 5};
  /**
   * After 100 steps, split and joined parameters may differ only by float32 rounding: stage 0's
   * weight gradient is summed per fog node and then over nodes instead of over the whole batch
   * at once (relative error ~1e-7 per step), and each step feeds rounding into the next.
   * Parameters are O(0.1..1), so 1e-5 leaves a factor ~10 over the measured drift while any
   * real error (a wrong slice, order or scale) shows at 1e-3 or more after one step.
   */
  static final double PARAM_TOLERANCE = 1e-5;
  /** Per-step losses: both are float32 cross-entropies of O(1) at nearly equal parameters. */
  static final double LOSS_TOLERANCE = 1e-5;

  static SampleSource data(ModelConfig cfg) {
    int total = Arrays.stream(PARTS).sum();
    return new SyntheticSpec(cfg.classes(), cfg.featureCount(), STEPS * total, 200, 9, 4.0, 1.0)
        .train();
  }

  static List<List<String>> cutsOf(ModelConfig cfg) {
    List<String> names = NetworkFactory.layerNames(cfg);
    List<List<String>> cuts = new ArrayList<>();
    for (String n : names.subList(1, names.size())) {
      cuts.add(List.of(n));
    }
    if (cfg.architecture() == Architecture.MLP) {
      cuts.add(List.of("hidden2", "output"));
    } else {
      cuts.add(List.of("pool1", "dense"));
      cuts.add(List.of("conv2", "pool2", "output"));
      // A stage without parameters (pool1 alone).
      cuts.add(List.of("pool1", "conv2"));
    }
    return cuts;
  }

  /**
   * A sweep's many configurations do not pile up in the pool: after models of six configurations
   * were used and closed, at most {@value StagedModel#POOLED_CONFIGS} keep idle instances, and a
   * model taken again starts from its configuration's initial parameters either way.
   */
  @Test
  void thePoolKeepsIdleModelsOfTheMostRecentConfigurationsOnly() {
    float[] first = null;
    for (int seed = 101; seed <= 106; seed++) {
      try (StagedModel m = StagedModel.of(MLP.withSeed(seed), List.of("hidden2"))) {
        if (seed == 101) {
          first = m.parameters();
        }
      }
    }
    assertTrue(StagedModel.pooledConfigs() <= StagedModel.POOLED_CONFIGS,
        StagedModel.pooledConfigs() + " configurations pooled");
    // Seed 101's instance was dropped: a new one is built, with the same initial parameters.
    try (StagedModel again = StagedModel.of(MLP.withSeed(101), List.of("hidden2"))) {
      assertArrayEquals(first, again.parameters());
    }
  }

  @Test
  void freshParametersAreTheJoinedNetworksSplitByStage() {
    for (ModelConfig cfg : List.of(MLP, CNN)) {
      float[] w0 = LocalModel.initialParameters(cfg);
      for (List<String> cuts : cutsOf(cfg)) {
        try (StagedModel m = StagedModel.of(cfg, cuts)) {
          assertArrayEquals(w0, m.parameters(), cfg.architecture() + " cut at " + cuts);
          assertEquals(cuts.size() + 1, m.stageCount());
          List<String> layers = new ArrayList<>();
          int offset = 0;
          for (int k = 0; k < m.stageCount(); k++) {
            layers.addAll(m.stageLayers(k));
            float[] p = m.parameters(k);
            assertEquals(m.parameterCount(k), p.length);
            assertArrayEquals(Arrays.copyOfRange(w0, offset, offset + p.length), p);
            offset += p.length;
            if (k > 0) {
              assertEquals(m.outputSize(k - 1), m.inputSize(k));
            }
          }
          assertEquals(NetworkFactory.layerNames(cfg), layers);
          assertEquals(cfg.featureCount(), m.inputSize(0));
          assertEquals(cfg.classes(), m.outputSize(m.stageCount() - 1));
          // The joined layout goes in as it comes out.
          float[] w = w0.clone();
          for (int q = 0; q < w.length; q++) {
            w[q] += 0.001f * q;
          }
          m.setParameters(w);
          assertArrayEquals(w, m.parameters());
        }
      }
    }
  }

  @Test
  void shapesAndFlopsMatchHandCounts() {
    try (StagedModel mlp = StagedModel.of(MLP, List.of("hidden2"))) {
      assertEquals(List.of("hidden1"), mlp.stageLayers(0));
      assertEquals(List.of("hidden2", "output"), mlp.stageLayers(1));
      assertEquals(16, mlp.outputSize(0));
      assertEquals(64 * 16 + 16, mlp.parameterCount(0));
      assertEquals(16 * 8 + 8 + 8 * 4 + 4, mlp.parameterCount(1));
      assertEquals(64 * 16 * 2 + 16, mlp.forwardFlopsPerSample(0), 0); // 2064
      assertEquals(16 * 8 * 2 + 8 + 8 * 4 * 2 + 4, mlp.forwardFlopsPerSample(1), 0); // 332
      assertEquals(2 * 2064, mlp.backwardFlopsPerSample(0), 0);
    }
    try (StagedModel cnn = StagedModel.of(CNN, List.of("pool1", "dense"))) {
      assertEquals(List.of("conv1"), cnn.stageLayers(0));
      assertEquals(List.of("pool1", "conv2", "pool2"), cnn.stageLayers(1));
      assertEquals(List.of("dense", "output"), cnn.stageLayers(2));
      assertEquals(144, cnn.inputSize(0));
      assertEquals(11 * 11 * 3, cnn.outputSize(0));
      assertEquals(2 * 2 * 4, cnn.outputSize(1));
      assertEquals(4, cnn.outputSize(2));
      assertEquals(2 * 2 * 1 * 3 + 3, cnn.parameterCount(0));
      assertEquals(2 * 2 * 3 * 4 + 4, cnn.parameterCount(1));
      assertEquals(16 * 6 + 6 + 6 * 4 + 4, cnn.parameterCount(2));
      // conv1: 11*11*3 outputs, each 2*2*1 multiply-adds.
      assertEquals(2904, cnn.forwardFlopsPerSample(0), 0);
      // pool1 5*5*3*4 = 300, conv2 4*4*4 * 2*2*3*2 = 1536, pool2 2*2*4*4 = 64.
      assertEquals(1900, cnn.forwardFlopsPerSample(1), 0);
      // dense 16*6*2 + 6 = 198, output 6*4*2 + 4 = 52.
      assertEquals(250, cnn.forwardFlopsPerSample(2), 0);
    }
  }

  @Test
  void badCutsAreRejectedNamingTheLayer() {
    String layers = "its layers are hidden1, hidden2, output";
    assertEquals("--cut names layer \"x\", which the mlp does not have; " + layers,
        assertThrows(IllegalArgumentException.class,
            () -> StagedModel.of(MLP, List.of("x"))).getMessage());
    for (List<String> bad : List.of(List.of("hidden1"), List.of("hidden2", "hidden2"),
        List.of("output", "hidden2"), List.of("conv1"))) {
      String message = assertThrows(IllegalArgumentException.class,
          () -> StagedModel.of(MLP, bad)).getMessage();
      assertTrue(message.contains("\"" + bad.get(bad.size() - 1) + "\"") && message.endsWith(
          layers), message);
    }
    try (StagedModel whole = StagedModel.of(MLP, List.of())) {
      assertEquals(1, whole.stageCount());
      assertArrayEquals(LocalModel.initialParameters(MLP), whole.parameters());
    }
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> StagedModel.of(CNN, List.of("dense", "pool2"))).getMessage()
        .endsWith("its layers are conv1, pool1, conv2, pool2, dense, output"));
    assertThrows(IllegalArgumentException.class, () -> StagedModel.replicated(MLP, "hidden2", 0));
  }

  @Test
  void misuseIsRejected() {
    try (StagedModel m = StagedModel.of(MLP, List.of("hidden2"))) {
      assertThrows(IllegalStateException.class, () -> m.backward(0, new float[16]));
      assertThrows(IllegalStateException.class, () -> m.gradient(0));
      assertThrows(IllegalArgumentException.class, () -> m.forward(0, new float[63], 1));
      assertThrows(IllegalArgumentException.class, () -> m.forward(2, new float[64], 1));
      assertThrows(IllegalArgumentException.class, () -> m.backward(1, new float[4]));
      m.forward(1, new float[16], 1);
      assertThrows(IllegalArgumentException.class, () -> m.backwardFromLabels(1, new int[] {4}));
      assertThrows(IllegalArgumentException.class, () -> m.backwardFromLabels(0, new int[] {0}));
      assertThrows(IllegalArgumentException.class, () -> m.setParameters(new float[3]));
    }
  }

  /** Stage 0 of the fog nodes: one model per node, or one branch per node of one model. */
  interface FogNodes {
    float[] forward(int node, float[] x, int batch);

    void backward(int node, float[] eps);

    float[] gradient(int node);

    void apply(int node, float[] grad, double scale);

    float[] parameters(int node);
  }

  static FogNodes separateModels(StagedModel[] nodes) {
    return new FogNodes() {
      public float[] forward(int f, float[] x, int batch) {
        return nodes[f].forward(0, x, batch);
      }

      public void backward(int f, float[] eps) {
        nodes[f].backward(0, eps);
      }

      public float[] gradient(int f) {
        return nodes[f].gradient(0);
      }

      public void apply(int f, float[] grad, double scale) {
        nodes[f].applyGradient(0, grad, scale);
      }

      public float[] parameters(int f) {
        return nodes[f].parameters(0);
      }
    };
  }

  static FogNodes branches(StagedModel m) {
    return new FogNodes() {
      public float[] forward(int f, float[] x, int batch) {
        return m.forward(0, f, x, batch);
      }

      public void backward(int f, float[] eps) {
        m.backward(0, f, eps);
      }

      public float[] gradient(int f) {
        return m.gradient(0, f);
      }

      public void apply(int f, float[] grad, double scale) {
        m.applyGradient(0, f, grad, scale);
      }

      public float[] parameters(int f) {
        return m.parameters(0, f);
      }
    };
  }

  /**
   * Split training against the joined network: per step, each fog node runs stage 0 on its
   * sub-batch, the concatenated activations go through the cloud's stages, the input error of
   * stage 1 is sliced back to the nodes, stage-0 gradients are summed over nodes, and every
   * stage moves by {@code eta / |batch|} times its gradient. Returns the largest parameter
   * difference after {@link #STEPS} steps and the largest per-step loss difference.
   */
  static double[] trainSplitAgainstJoined(ModelConfig cfg, FogNodes fog, StagedModel cloud,
      boolean cloudKeepsStage0) {
    SampleSource d = data(cfg);
    int features = cfg.featureCount();
    int total = Arrays.stream(PARTS).sum();
    int stages = cloud.stageCount();
    double scale = cfg.learningRate() / total;
    int h = cloud.outputSize(0);
    float[] w0 = LocalModel.initialParameters(cfg);
    try (LocalModel joined = LocalModel.borrow(cfg)) {
      joined.setParameters(w0);
      int[] ids = new int[total];
      double lossDiff = 0;
      for (int step = 0; step < STEPS; step++) {
        for (int p = 0; p < total; p++) {
          ids[p] = step * total + p;
        }
        double expectedLoss = joined.step(d, ids, 0, total);

        float[] a = new float[total * h];
        int[] labels = new int[total];
        int first = 0;
        for (int f = 0; f < PARTS.length; f++) {
          float[] x = new float[PARTS[f] * features];
          for (int p = 0; p < PARTS[f]; p++) {
            d.copyFeatures(ids[first + p], x, p * features);
            labels[first + p] = d.label(ids[first + p]);
          }
          System.arraycopy(fog.forward(f, x, PARTS[f]), 0, a, first * h, PARTS[f] * h);
          first += PARTS[f];
        }
        for (int k = 1; k < stages; k++) {
          a = cloud.forward(k, a, total);
        }
        StagedModel.LossAndEpsilon le = cloud.backwardFromLabels(stages - 1, labels);
        assertEquals(expectedLoss, le.loss(), LOSS_TOLERANCE, "loss of step " + step);
        lossDiff = Math.max(lossDiff, Math.abs(expectedLoss - le.loss()));
        float[] eps = le.epsilon();
        for (int k = stages - 2; k >= 1; k--) {
          eps = cloud.backward(k, eps);
        }
        assertEquals(total * h, eps.length);
        float[] g0 = new float[(int) cloud.parameterCount(0)];
        first = 0;
        for (int f = 0; f < PARTS.length; f++) {
          fog.backward(f, Arrays.copyOfRange(eps, first * h, (first + PARTS[f]) * h));
          float[] g = fog.gradient(f);
          for (int q = 0; q < g0.length; q++) {
            g0[q] += g[q];
          }
          first += PARTS[f];
        }
        for (int f = 0; f < PARTS.length; f++) {
          fog.apply(f, g0, scale);
        }
        if (cloudKeepsStage0) {
          cloud.applyGradient(0, g0, scale);
        }
        for (int k = 1; k < stages; k++) {
          cloud.applyGradient(k, cloud.gradient(k), scale);
        }
      }
      float[] expected = joined.parameters();
      float[] actual = new float[expected.length];
      int n0 = (int) cloud.parameterCount(0);
      System.arraycopy(fog.parameters(0), 0, actual, 0, n0);
      int offset = n0;
      for (int k = 1; k < stages; k++) {
        float[] p = cloud.parameters(k);
        System.arraycopy(p, 0, actual, offset, p.length);
        offset += p.length;
      }
      for (int f = 1; f < PARTS.length; f++) {
        assertArrayEquals(fog.parameters(0), fog.parameters(f), "fog nodes drifted apart");
      }
      if (cloudKeepsStage0) {
        assertArrayEquals(actual, cloud.parameters());
      }
      double moved = 0;
      double diff = 0;
      for (int q = 0; q < expected.length; q++) {
        moved = Math.max(moved, Math.abs(expected[q] - w0[q]));
        diff = Math.max(diff, Math.abs(expected[q] - actual[q]));
      }
      assertTrue(moved > 1e-2, "training barely moved the parameters: " + moved);
      return new double[] {diff, lossDiff};
    }
  }

  @Test
  void splitTrainingEqualsJoinedTrainingAtEveryCut() {
    for (ModelConfig cfg : List.of(MLP, CNN)) {
      for (List<String> cuts : cutsOf(cfg)) {
        StagedModel[] nodes = new StagedModel[PARTS.length];
        for (int f = 0; f < nodes.length; f++) {
          nodes[f] = StagedModel.of(cfg, cuts);
        }
        try (StagedModel cloud = StagedModel.of(cfg, cuts)) {
          double[] d = trainSplitAgainstJoined(cfg, separateModels(nodes), cloud, true);
          double diff = d[0];
          System.out.printf("split %s cut %s: max |w_split - w_joined| = %.3g, max loss "
              + "difference %.3g%n", cfg.architecture(), cuts, diff, d[1]);
          assertTrue(diff <= PARAM_TOLERANCE, cfg.architecture() + " cut at " + cuts
              + ": parameters differ by " + diff);
        } finally {
          for (StagedModel n : nodes) {
            n.close();
          }
        }
      }
    }
  }

  @Test
  void replicatedBranchesTrainLikeSeparateFogNodes() {
    for (ModelConfig cfg : List.of(MLP, CNN)) {
      String cut = cfg.architecture() == Architecture.MLP ? "hidden2" : "dense";
      try (StagedModel m = StagedModel.replicated(cfg, cut, PARTS.length)) {
        assertEquals(PARTS.length, m.branchCount(0));
        assertEquals(1, m.branchCount(1));
        assertThrows(IllegalStateException.class, () -> m.parameters(0));
        assertThrows(IllegalStateException.class, m::parameters);
        double[] d = trainSplitAgainstJoined(cfg, branches(m), m, false);
        double diff = d[0];
        System.out.printf("replicated %s cut %s: max |w_split - w_joined| = %.3g, max loss "
            + "difference %.3g%n", cfg.architecture(), cut, diff, d[1]);
        assertTrue(diff <= PARAM_TOLERANCE, "parameters differ by " + diff);
        // Branches are independent copies.
        float[] p = m.parameters(0, 1);
        p[0] += 1;
        m.setParameters(0, 1, p);
        assertEquals(m.parameters(0, 0)[0] + 1, m.parameters(0, 1)[0], 1e-6);
      }
    }
  }

  @Test
  void evaluationMatchesTheJoinedNetwork() {
    for (ModelConfig cfg : List.of(MLP, CNN)) {
      SampleSource test = new SyntheticSpec(cfg.classes(), cfg.featureCount(), 10, 600, 4, 3.0,
          1.0).test();
      float[] w = LocalModel.initialParameters(cfg);
      Random rnd = new Random(5);
      for (int q = 0; q < w.length; q++) {
        w[q] += (float) (0.1 * rnd.nextGaussian());
      }
      ModelEvaluation expected;
      try (LocalModel joined = LocalModel.borrow(cfg)) {
        joined.setParameters(w);
        expected = joined.evaluate(test);
      }
      for (List<String> cuts : cutsOf(cfg)) {
        try (StagedModel m = StagedModel.of(cfg, cuts)) {
          m.setParameters(w);
          ModelEvaluation e = m.evaluate(test);
          assertEquals(expected.accuracy(), e.accuracy(), 0, cfg.architecture() + " " + cuts);
          assertEquals(expected.loss(), e.loss(), 1e-6, cfg.architecture() + " " + cuts);
          assertEquals(600, e.samples());
        }
      }
    }
  }

  @Test
  void pooledModelsStartAgainFromTheInitialParameters() {
    float[] w0 = LocalModel.initialParameters(MLP);
    StagedModel m = StagedModel.of(MLP, List.of("output"));
    m.setParameters(new float[w0.length]);
    m.close();
    assertThrows(IllegalStateException.class, () -> m.parameters(0));
    try (StagedModel again = StagedModel.of(MLP, List.of("output"))) {
      assertArrayEquals(w0, again.parameters());
    }
  }

  /** A tiny MLP 5-4-3-3 cut before hidden2: stage 0 is one ReLU layer, stage 1 two layers. */
  static final ModelConfig TINY = ModelConfig.mlp(5, 3, List.of(4, 3));
  /**
   * Central differences with h = 1e-2 on float32 functions of O(1): a ReLU layer's weighted
   * output is piecewise linear (exact away from kinks, none within h here), and the smooth
   * loss has O(h^2) = 1e-4 truncation; float rounding adds ~1e-7 / h = 1e-5.
   */
  static final double FD_STEP = 1e-2;
  static final double FD_TOLERANCE = 1e-3;

  @Test
  void stageZeroMatchesAHandComputedLayerAndFiniteDifferences() {
    int batch = 2;
    try (StagedModel m = StagedModel.of(TINY, List.of("hidden2"))) {
      float[] w = m.parameters(0);
      // The first seeded input whose units all sit clear of their ReLU kinks: one perturbed
      // input or weight moves a pre-activation by at most h times the largest weight or input.
      Random rnd = new Random(11);
      float[] x = new float[batch * 5];
      double[] z;
      do {
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rnd.nextGaussian();
        }
        z = preActivations(w, x, batch);
      } while (Arrays.stream(z).map(Math::abs).min().orElseThrow()
          <= FD_STEP * Math.max(maxAbs(w), maxAbs(x)));
      float[] e = new float[batch * 4];
      for (int i = 0; i < e.length; i++) {
        e[i] = (float) rnd.nextGaussian();
      }
      // Against a hand-computed ReLU layer in DL4J's dense layout: W (5 x 4) column-major, b.
      float[] out = m.forward(0, x, batch);
      for (int q = 0; q < z.length; q++) {
        assertEquals(Math.max(0, z[q]), out[q], 1e-5);
      }
      float[] eps = m.backward(0, e);
      float[] grad = m.gradient(0);
      // d/dx sum(e . out(x)), one input element at a time.
      for (int i = 0; i < x.length; i++) {
        float[] plus = x.clone();
        float[] minus = x.clone();
        plus[i] += (float) FD_STEP;
        minus[i] -= (float) FD_STEP;
        double fd = (dot(e, m.forward(0, plus, batch)) - dot(e, m.forward(0, minus, batch)))
            / (plus[i] - minus[i]);
        assertEquals(fd, eps[i], FD_TOLERANCE, "input error " + i);
      }
      // d/dw of the same function, summed over the batch.
      for (int q = 0; q < w.length; q++) {
        float[] plus = w.clone();
        float[] minus = w.clone();
        plus[q] += (float) FD_STEP;
        minus[q] -= (float) FD_STEP;
        m.setParameters(0, plus);
        double fp = dot(e, m.forward(0, x, batch));
        m.setParameters(0, minus);
        double fm = dot(e, m.forward(0, x, batch));
        assertEquals((fp - fm) / (plus[q] - minus[q]), grad[q], FD_TOLERANCE, "gradient " + q);
      }
    }
  }

  @Test
  void lastStageErrorIsTheDerivativeOfTheSummedLoss() {
    int batch = 2;
    int[] labels = {2, 0};
    Random rnd = new Random(12);
    float[] a = new float[batch * 4];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) Math.abs(rnd.nextGaussian());
    }
    try (StagedModel m = StagedModel.of(TINY, List.of("hidden2"))) {
      m.forward(1, a, batch);
      StagedModel.LossAndEpsilon le = m.backwardFromLabels(1, labels);
      float[] grad = m.gradient(1);
      float[] w = m.parameters(1);
      for (int i = 0; i < a.length; i++) {
        float[] plus = a.clone();
        float[] minus = a.clone();
        plus[i] += (float) FD_STEP;
        minus[i] -= (float) FD_STEP;
        double fd = batch * (loss(m, plus, labels) - loss(m, minus, labels))
            / (plus[i] - minus[i]);
        assertEquals(fd, le.epsilon()[i], FD_TOLERANCE, "input error " + i);
      }
      for (int q = 0; q < w.length; q++) {
        float[] plus = w.clone();
        float[] minus = w.clone();
        plus[q] += (float) FD_STEP;
        minus[q] -= (float) FD_STEP;
        m.setParameters(1, plus);
        double lp = loss(m, a, labels);
        m.setParameters(1, minus);
        double lm = loss(m, a, labels);
        assertEquals(batch * (lp - lm) / (plus[q] - minus[q]), grad[q], FD_TOLERANCE,
            "gradient " + q);
      }
    }
  }

  private static double loss(StagedModel m, float[] a, int[] labels) {
    m.forward(1, a, labels.length);
    return m.backwardFromLabels(1, labels).loss();
  }

  /** {@code x W + b} of the 5-4 layer, per sample and unit, in double. */
  private static double[] preActivations(float[] w, float[] x, int batch) {
    double[] z = new double[batch * 4];
    for (int s = 0; s < batch; s++) {
      for (int j = 0; j < 4; j++) {
        double v = w[20 + j];
        for (int i = 0; i < 5; i++) {
          v += (double) x[s * 5 + i] * w[i + 5 * j];
        }
        z[s * 4 + j] = v;
      }
    }
    return z;
  }

  private static double maxAbs(float[] v) {
    double m = 0;
    for (float f : v) {
      m = Math.max(m, Math.abs(f));
    }
    return m;
  }

  private static double dot(float[] u, float[] v) {
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      s += (double) u[i] * v[i];
    }
    return s;
  }
}
