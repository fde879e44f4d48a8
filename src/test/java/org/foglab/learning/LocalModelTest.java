package org.foglab.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.foglab.data.ArrayDataset;
import org.foglab.data.SyntheticSpec;
import org.junit.jupiter.api.Test;

class LocalModelTest {
  /** Five samples, three features, two classes. */
  static ArrayDataset tiny() {
    float[] f = {1, 2, 3, -1, 0, 1, 0.5f, 0.2f, -2, 2, -1, 0.3f, -0.7f, 1.5f, 0.1f};
    byte[] l = {0, 1, 0, 1, 1};
    return new ArrayDataset(3, 2, f, l);
  }

  @Test
  void parameterCountsMatchTheArchitectures() {
    try (LocalModel mlp = LocalModel.borrow(ModelConfig.mnistMlp());
        LocalModel cnn = LocalModel.borrow(ModelConfig.mnistCnn())) {
      assertEquals(784 * 200 + 200 + 200 * 10 + 10, mlp.parameterCount());
      // conv 5x5x1x10 + 10, conv 5x5x10x20 + 20, dense 4x4x20x50 + 50, output 50x10 + 10.
      assertEquals(260 + 5020 + 16050 + 510, cnn.parameterCount());
    }
  }

  @Test
  void stepIsEquationThreeByHand() {
    ModelConfig cfg = ModelConfig.mlp(3, 2, List.of()).withLearningRate(0.3);
    ArrayDataset d = tiny();
    int[] ids = {0, 1, 2, 4};
    double[] w = SoftmaxReference.toDouble(LocalModel.initialParameters(cfg));
    try (LocalModel m = LocalModel.borrow(cfg)) {
      m.setParameters(LocalModel.initialParameters(cfg));
      double loss = m.step(d, ids, 0, ids.length);
      assertEquals(SoftmaxReference.loss(w, d, ids), loss, 1e-6);
      double[] expected = SoftmaxReference.step(w, d, ids, 0.3);
      assertArrayEquals(expected, SoftmaxReference.toDouble(m.parameters()), 1e-6);
      // A batch given as a sub-range of a larger id array.
      m.setParameters(LocalModel.initialParameters(cfg));
      m.step(d, new int[] {3, 0, 1, 2, 4, 3}, 1, 5);
      assertArrayEquals(expected, SoftmaxReference.toDouble(m.parameters()), 1e-6);
    }
  }

  @Test
  void stepAgreesWithDl4jFit() {
    SyntheticSpec spec = new SyntheticSpec(4, 64, 50, 0, 9, 4.0, 1.0);
    for (ModelConfig cfg : List.of(ModelConfig.mlp(64, 4, List.of(16, 8)),
        new ModelConfig(Architecture.CNN, 8, 8, 1, 4, List.of(), 2, 3, 4, 6, 0.05, 3))) {
      int[] ids = {3, 9, 11, 20, 41};
      float[] w0 = LocalModel.initialParameters(cfg);
      try (LocalModel a = LocalModel.borrow(cfg); LocalModel b = LocalModel.borrow(cfg)) {
        a.setParameters(w0);
        b.setParameters(w0);
        for (int rep = 0; rep < 3; rep++) {
          double la = a.step(spec.train(), ids, 0, ids.length);
          double lb = b.fitStep(spec.train(), ids, 0, ids.length);
          assertEquals(lb, la, 1e-5);
        }
        float[] pa = a.parameters();
        float[] pb = b.parameters();
        assertFalse(Arrays.equals(w0, pa), "the step changed nothing");
        for (int q = 0; q < pa.length; q++) {
          assertEquals(pb[q], pa[q], 1e-5, "parameter " + q + " of " + cfg.architecture());
        }
      }
    }
  }

  @Test
  void evaluationMatchesHandComputation() {
    ModelConfig cfg = ModelConfig.mlp(3, 2, List.of());
    ArrayDataset d = tiny();
    float[] w = LocalModel.initialParameters(cfg);
    double[] wd = SoftmaxReference.toDouble(w);
    int correct = 0;
    for (int id = 0; id < d.size(); id++) {
      double[] p = SoftmaxReference.probabilities(wd, d, id);
      if ((p[1] > p[0] ? 1 : 0) == d.label(id)) {
        correct++;
      }
    }
    try (LocalModel m = LocalModel.borrow(cfg)) {
      m.setParameters(w);
      ModelEvaluation e = m.evaluate(d);
      assertEquals(correct / 5.0, e.accuracy(), 0);
      assertEquals(SoftmaxReference.loss(wd, d, new int[] {0, 1, 2, 3, 4}), e.loss(), 1e-6);
      assertEquals(5, e.samples());
    }
  }

  @Test
  void initialParametersFollowTheSeed() {
    ModelConfig cfg = ModelConfig.mlp(10, 3, List.of(4));
    assertArrayEquals(LocalModel.initialParameters(cfg), LocalModel.initialParameters(cfg));
    assertFalse(Arrays.equals(LocalModel.initialParameters(cfg),
        LocalModel.initialParameters(cfg.withSeed(2))));
  }

  @Test
  void mismatchedInputsAreRejected() {
    ModelConfig cfg = ModelConfig.mlp(4, 2, List.of());
    try (LocalModel m = LocalModel.borrow(cfg)) {
      assertThrows(IllegalArgumentException.class, () -> m.setParameters(new float[3]));
      assertEquals("data with 3 features and 2 classes does not fit a model of 4 inputs and 2 "
          + "classes", assertThrows(IllegalArgumentException.class,
              () -> m.step(tiny(), new int[] {0}, 0, 1)).getMessage());
    }
    assertThrows(IllegalArgumentException.class,
        () -> new ModelConfig(Architecture.CNN, 8, 8, 1, 2, List.of(), 5, 2, 2, 2, 0.01, 1));
    assertThrows(IllegalArgumentException.class, () -> ModelConfig.mnistMlp().withLearningRate(0));
  }
}
