package org.foglab.learning.fpl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.foglab.data.MultiViewData;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.engine.StagedModel;
import org.junit.jupiter.api.Test;

/** Adam against its formula; gFL's proximal term and averaging against a hand computation. */
class GflAndAdamTest {

  /** Two Adam steps on two parameters, in doubles from the formula (tolerance 1e-7). */
  @Test
  void adamFollowsItsFormula() {
    double lr = 0.01;
    Optimizer.Update adam = Optimizer.ADAM.create(2, lr);
    float[] g1 = {0.1f, -0.2f};
    float[] g2 = {0.3f, 0.05f};
    float[] d1 = adam.delta(g1);
    // t = 1: m_hat = g, v_hat = g^2, so d = lr g / (|g| + eps) = lr sign(g) (up to eps).
    assertEquals(lr * 0.1 / (0.1 + 1e-8), d1[0], 1e-7);
    assertEquals(-lr * 0.2 / (0.2 + 1e-8), d1[1], 1e-7);
    float[] d2 = adam.delta(g2);
    for (int i = 0; i < 2; i++) {
      double m = 0.9 * (0.1 * g1[i]) + 0.1 * g2[i];
      double v = 0.999 * (0.001 * g1[i] * g1[i]) + 0.001 * g2[i] * g2[i];
      double want = lr * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
      assertEquals(want, d2[i], 1e-7, "parameter " + i);
    }
    float[] s = Optimizer.SGD.create(2, 0.5).delta(g1);
    assertEquals(0.05f, s[0], 1e-9);
  }

  /**
   * Two sources, plain SGD, mu = 0.5, averaging the output layer every 2 local steps. By hand:
   * step 1 from w0 (proximal term 0), step 2 adds mu (w1 - w0) on the output layer, then the
   * output layer of both becomes the mean; the hidden layer stays each source's own. Gradients
   * come from a separate probe model at the same parameters; tolerance 1e-6.
   */
  @Test
  void proximalTermAndAveragingByHand() {
    ModelConfig m = ModelConfig.mlp(64, 4, List.of(5)).withLearningRate(0.1);
    MultiViewData d = FplStrategyTest.views(2, 64, 4, 8);
    double lr = 0.1;
    double mu = 0.5;
    List<int[]> ranges = GflStrategy.ranges(m, List.of("output"));
    int[] out = ranges.get(0);
    assertEquals(64 * 5 + 5, out[0]);
    assertEquals(64 * 5 + 5 + 5 * 4 + 4, out[1]);
    int[][] batches = {{0, 1, 2, 3}, {4, 5, 6, 7}};
    float[] w0 = LocalModel.initialParameters(m);
    float[][] want = new float[2][];
    try (StagedModel probe = StagedModel.of(m, List.of())) {
      for (int s = 0; s < 2; s++) {
        float[] w = w0.clone();
        for (int[] ids : batches) {
          probe.setParameters(0, w);
          probe.forward(0, MultiSource.features(d.train().get(s), ids, 0, 4), 4);
          probe.backwardFromLabels(0, MultiSource.labels(d.train().get(s), ids, 0, 4));
          float[] g = probe.gradient(0);
          float[] next = w.clone();
          for (int i = 0; i < w.length; i++) {
            double gi = g[i] / 4.0;
            if (i >= out[0] && i < out[1]) {
              gi += mu * (w[i] - w0[i]);
            }
            next[i] = (float) (w[i] - lr * gi);
          }
          w = next;
        }
        want[s] = w;
      }
    }
    for (int i = out[0]; i < out[1]; i++) {
      float mean = (float) ((want[0][i] + (double) want[1][i]) / 2);
      want[0][i] = mean;
      want[1][i] = mean;
    }
    try (GflStrategy.Models models = new GflStrategy.Models(m, 2, ranges, mu, Optimizer.SGD,
        lr)) {
      for (int[] ids : batches) {
        for (int s = 0; s < 2; s++) {
          models.step(s, MultiSource.features(d.train().get(s), ids, 0, 4),
              MultiSource.labels(d.train().get(s), ids, 0, 4));
        }
      }
      models.average();
      for (int s = 0; s < 2; s++) {
        FplStrategyTest.assertClose(want[s], models.models[s].parameters(0), 1e-6,
            "source " + s);
      }
    }
  }
}
