package org.foglab.learning.fog;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.foglab.network.FogTree;
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
