package org.foglab.learning.split;

import java.io.Serializable;

/**
 * Options of split training.
 *
 * @param cut the layer the local stage ends before (the first layer the cloud runs), e.g.
 *     {@code output} for the MLP or {@code dense} for the CNN
 * @param batchSize B, samples each fog node contributes to a round
 * @param stragglerRate alpha in [0, 1): the cloud trains on the first
 *     {@code max(1, floor((1 - alpha) p))} of the p fog nodes to deliver their activations
 * @param stragglerJitter sigma of the log-normal factor {@code exp(sigma Z)}, Z standard normal
 *     drawn per fog node and round from the seed, on each fog node's compute time: fog nodes are
 *     not equally fast, which is what makes some of them stragglers (0: equal nodes, finish order
 *     decided by the links alone)
 * @param seed seed of the fog nodes' batch order and of the jitter
 */
public record SplitOptions(String cut, int batchSize, double stragglerRate, double stragglerJitter,
    long seed) implements Serializable {

  public SplitOptions {
    if (cut == null || cut.isBlank()) {
      throw new IllegalArgumentException("--cut must name the layer the cloud's stage starts "
          + "at, e.g. output for the mlp or dense for the cnn");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
    if (!(stragglerRate >= 0 && stragglerRate < 1)) {
      throw new IllegalArgumentException("--straggler-rate (alpha) must be in [0, 1), got "
          + stragglerRate);
    }
    if (!(stragglerJitter >= 0) || Double.isInfinite(stragglerJitter)) {
      throw new IllegalArgumentException("--straggler-jitter must be finite and non-negative, got "
          + stragglerJitter);
    }
  }

  /** The fog nodes the cloud waits for each round, out of {@code p}. */
  public int participants(int p) {
    return Math.max(1, (int) Math.floor((1 - stragglerRate) * p + 1e-9));
  }
}
