package org.foglab.learning.fog;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.foglab.network.FogTree;
import org.foglab.network.SyntheticDraws;
import org.foglab.network.graph.FogD2dGraphGenerator;

/** The subtrees of a fog tree with their D2D links, in memory or as an RDD built in tasks. */
public final class Subtrees {
  private Subtrees() {}

  /** Layer of the subtrees' roots: the root's children. */
  public static int topLayer(FogTree tree) {
    return tree.depth() - 2;
  }

  /** The subtree under node {@code top} of the top layer, its D2D links from {@code gen}. */
  public static Subtree generated(FogD2dGraphGenerator gen, int top) {
    FogTree tree = gen.tree();
    int[] r = Subtree.deviceRange(tree, topLayer(tree), top);
    List<int[]> e = new ArrayList<>();
    gen.edges(r[0], r[1], (a, b) -> e.add(new int[] {a, b}));
    int[] src = new int[e.size()];
    int[] dst = new int[e.size()];
    for (int k = 0; k < src.length; k++) {
      src[k] = e.get(k)[0];
      dst[k] = e.get(k)[1];
    }
    return new Subtree(top, src, dst);
  }

  /**
   * The subtree under node {@code top} with its devices' datasets after D2D data offloading
   * planned on seed 000's synthetic draws ({@link Offloading#synthetic}); {@code draws} null: no
   * offloading.
   */
  public static Subtree generated(FogD2dGraphGenerator gen, int top, SyntheticDraws draws,
      int samplesPerDevice) {
    Subtree s = generated(gen, top);
    if (draws == null) {
      return s;
    }
    FogTree tree = gen.tree();
    int[] r = Subtree.deviceRange(tree, topLayer(tree), top);
    int[] samples = new int[r[1] - r[0]];
    java.util.Arrays.fill(samples, samplesPerDevice);
    return s.withOffload(Offloading.apply(tree, r[0], r[1], samples,
        Offloading.synthetic(draws, r[0], r[1], s.d2dSrc(), s.d2dDst())));
  }

  /** All subtrees with offloading on {@code draws} (null: none), in memory. */
  public static List<Subtree> generatedList(FogD2dGraphGenerator gen, SyntheticDraws draws,
      int samplesPerDevice) {
    FogTree tree = gen.tree();
    List<Subtree> out = new ArrayList<>();
    for (int t = 0; t < tree.nodes(topLayer(tree)); t++) {
      out.add(generated(gen, t, draws, samplesPerDevice));
    }
    return out;
  }

  /** All subtrees with offloading on {@code draws} (null: none) as an RDD built in tasks. */
  public static JavaRDD<Subtree> generatedRdd(SparkSession spark, FogD2dGraphGenerator gen,
      int partitions, SyntheticDraws draws, int samplesPerDevice) {
    FogTree tree = gen.tree();
    int tops = tree.nodes(topLayer(tree));
    return spark.range(0, tops, 1, Math.max(1, Math.min(partitions, tops)))
        .as(Encoders.LONG()).javaRDD()
        .map(t -> generated(gen, (int) (long) t, draws, samplesPerDevice));
  }

  /**
   * Seed 000's synthetic model for offloading in a run without a trace: the generate settings'
   * costs and capacities over two slots (collect, then train what was received), with
   * {@code |D_V|} such that {@code Dmax} is the samples per device, so capacities are in samples.
   */
  public static SyntheticDraws offloadDraws(org.foglab.config.SyntheticModel m, long seed,
      int devices, int samplesPerDevice) {
    org.foglab.config.SyntheticModel two = new org.foglab.config.SyntheticModel(2,
        2.0 * devices * samplesPerDevice, m.integerData(), m.processMin(), m.processMax(),
        m.discardMin(), m.discardMax(), m.linkMin(), m.linkMax(), m.linkPerDevice(),
        m.timeInvariantCosts(), m.capacities(), m.capacityModel(), m.nodeCapacityFactor(),
        m.linkCapacityFactor(), m.activeProbability(), m.linkUpProbability(), m.serviceRateMin(),
        m.serviceRateMax(), m.waitBound());
    return new SyntheticDraws(seed, two, devices);
  }

  /** All subtrees, in memory (local runs). */
  public static List<Subtree> generatedList(FogD2dGraphGenerator gen) {
    FogTree tree = gen.tree();
    List<Subtree> out = new ArrayList<>();
    for (int t = 0; t < tree.nodes(topLayer(tree)); t++) {
      out.add(generated(gen, t));
    }
    return out;
  }

  /** All subtrees as an RDD of {@code partitions} contiguous ranges, each built in its task. */
  public static JavaRDD<Subtree> generatedRdd(SparkSession spark, FogD2dGraphGenerator gen,
      int partitions) {
    FogTree tree = gen.tree();
    int tops = tree.nodes(topLayer(tree));
    return spark.range(0, tops, 1, Math.max(1, Math.min(partitions, tops)))
        .as(Encoders.LONG()).javaRDD().map(t -> generated(gen, (int) (long) t));
  }
}
