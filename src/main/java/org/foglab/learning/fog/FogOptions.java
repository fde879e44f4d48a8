package org.foglab.learning.fog;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a fog tree trains. Messages name the command-line option to change.
 *
 * @param mode federated (star), hierarchical or consensus
 * @param layerPeriods local steps between aggregations of each layer above the devices, bottom-up
 *     (one per layer; each a multiple of the one below; the last is the global round)
 * @param consensusRounds D2D consensus rounds {@code c} per bottom-cluster aggregation
 * @param sampleFraction share of a cluster's devices its parent samples after consensus (at
 *     least one device)
 * @param clusterFraction {@code f}: share of clusters taking part in a global round
 * @param clusterSampling uniform or by data size
 * @param rounds global rounds
 * @param batch minibatch size of a local step (at most the device's samples)
 * @param learningRate SGD step size
 * @param seed root seed of sampling draws
 */
public record FogOptions(FogMode mode, int[] layerPeriods, int consensusRounds,
    double sampleFraction, double clusterFraction, ClusterSampling clusterSampling, int rounds,
    int batch, double learningRate, long seed) implements Serializable {

  public FogOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(clusterSampling, "cluster sampling");
    layerPeriods = layerPeriods.clone();
    if (layerPeriods.length == 0) {
      throw new IllegalArgumentException("--layer-periods must give one period per layer above "
          + "the devices");
    }
    for (int l = 0; l < layerPeriods.length; l++) {
      if (layerPeriods[l] < 1) {
        throw new IllegalArgumentException("--layer-periods must be positive local-step counts, got "
            + layerPeriods[l]);
      }
      if (l > 0 && layerPeriods[l] % layerPeriods[l - 1] != 0) {
        throw new IllegalArgumentException("--layer-periods must each be a multiple of the one "
            + "below (a layer aggregates when its children just did), got " + layerPeriods[l]
            + " over " + layerPeriods[l - 1]);
      }
    }
    if (consensusRounds < 0) {
      throw new IllegalArgumentException("--consensus-rounds must be 0 or more, got "
          + consensusRounds);
    }
    if (!(sampleFraction > 0 && sampleFraction <= 1)) {
      throw new IllegalArgumentException("--sample-fraction must be in (0, 1], got "
          + sampleFraction);
    }
    if (!(clusterFraction > 0 && clusterFraction <= 1)) {
      throw new IllegalArgumentException("--cluster-fraction must be in (0, 1], got "
          + clusterFraction);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("--learning-rate must be positive, got " + learningRate);
    }
  }

  /** Local steps of one global round (the root's period). */
  public int roundSteps() {
    return layerPeriods[layerPeriods.length - 1];
  }

  @Override
  public int[] layerPeriods() {
    return layerPeriods.clone();
  }

  /** Period of aggregation layer {@code l} (1 = bottom clusters). */
  public int period(int l) {
    return layerPeriods[l - 1];
  }

  /** These options with another mode. */
  public FogOptions withMode(FogMode m) {
    return new FogOptions(m, layerPeriods, consensusRounds, sampleFraction, clusterFraction,
        clusterSampling, rounds, batch, learningRate, seed);
  }

  /** These options with another consensus round count. */
  public FogOptions withConsensusRounds(int c) {
    return new FogOptions(mode, layerPeriods, c, sampleFraction, clusterFraction,
        clusterSampling, rounds, batch, learningRate, seed);
  }

  /** These options with other periods. */
  public FogOptions withLayerPeriods(int... p) {
    return new FogOptions(mode, p, consensusRounds, sampleFraction, clusterFraction,
        clusterSampling, rounds, batch, learningRate, seed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FogOptions f && f.mode == mode && Arrays.equals(f.layerPeriods, layerPeriods)
        && f.consensusRounds == consensusRounds && f.sampleFraction == sampleFraction
        && f.clusterFraction == clusterFraction && f.clusterSampling == clusterSampling
        && f.rounds == rounds && f.batch == batch && f.learningRate == learningRate
        && f.seed == seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, Arrays.hashCode(layerPeriods), consensusRounds, rounds, seed);
  }
}
