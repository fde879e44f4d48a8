package org.foglab.learning.fog;

import java.io.Serializable;
import org.foglab.network.FogTree;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * What every worker needs for a whole fog run (broadcast once): the tree, the devices' data,
 * the options and the devices' movements between clusters (null: none); and the pure functions that decide which clusters and devices take part.
 */
public record FogContext(FogTree tree, FogData data, FogOptions options, Mobility mobility)
    implements Serializable {

  /** A context where devices stay in their home clusters. */
  public FogContext(FogTree tree, FogData data, FogOptions options) {
    this(tree, data, options, null);
  }

  /** This context with devices moving as {@code m} says (null or never moving: none). */
  public FogContext withMobility(Mobility m) {
    return new FogContext(tree, data, options, m == null || !m.moves() ? null : m);
  }

  public FogContext {
    int aggregationLayers = tree.depth() - 1;
    if (options.layerPeriods().length != aggregationLayers) {
      throw new IllegalArgumentException("--layer-periods must give one period per layer above the "
          + "devices (" + aggregationLayers + " for this " + tree.depth() + "-layer tree), got "
          + options.layerPeriods().length);
    }
    if (options.mode() == FogMode.CONSENSUS && tree.depth() < 3) {
      throw new IllegalArgumentException("consensus needs a tree of at least three layers "
          + "(devices, cluster heads, root); this one has " + tree.depth());
    }
  }

  /** Aggregation layers {@code K} (the root is layer K). */
  public int layers() {
    return tree.depth() - 1;
  }

  /** Whether bottom cluster {@code c} takes part in global round {@code round}. */
  public boolean participates(int c, int round) {
    double f = options.clusterFraction();
    if (f >= 1) {
      return true;
    }
    double p = f;
    if (options.clusterSampling() == ClusterSampling.DATA_SIZE) {
      long n = 0;
      for (int i = tree.clusterStart(c); i < tree.clusterEnd(c); i++) {
        n += data.samples(i);
      }
      long total = (long) tree.devices() * data.samples(0);
      p = Math.min(1, f * tree.clusters() * (double) n / total);
    }
    return Streams.unit(Streams.hash(options.seed(), Purpose.FOG_CLUSTER_SAMPLING, round, c)) < p;
  }

  /**
   * The {@code k} distinct devices (local indices in a cluster of {@code m}) its parent samples
   * after consensus at global step {@code u}: a partial Fisher-Yates shuffle seeded by
   * (seed, cluster, step).
   */
  public int[] sampledDevices(int cluster, long u, int m) {
    int k = Math.max(1, (int) Math.round(options.sampleFraction() * m));
    k = Math.min(k, m);
    int[] perm = new int[m];
    for (int i = 0; i < m; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + (int) Streams.below(
          Streams.hash(options.seed(), Purpose.FOG_DEVICE_SAMPLING, cluster, u, i), m - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(perm, k);
    java.util.Arrays.sort(out);
    return out;
  }
}
