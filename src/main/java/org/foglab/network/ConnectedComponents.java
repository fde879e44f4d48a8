package org.foglab.network;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Weakly connected components by the alternating large-star / small-star algorithm of Kiveris,
 * Lattanzi, Mirrokni, Rastogi and Vassilvitskii ("Connected Components in MapReduce and Beyond",
 * SoCC 2014): O(log^2 n) rounds of one shuffle each over the (shrinking) edge list, whatever the
 * graph's diameter, where label propagation (GraphX's Pregel) needs as many supersteps as the
 * diameter: a ring of a million devices would take half a million. Vertices end labelled with the
 * smallest vertex id of their component.
 */
public final class ConnectedComponents {
  private ConnectedComponents() {}

  /**
   * @param edges links between vertices (either orientation; repeats and self-links allowed)
   * @return (vertex, smallest vertex of its component) for every vertex with at least one link
   */
  public static JavaPairRDD<Long, Long> run(JavaPairRDD<Long, Long> edges) {
    // Oriented edges (larger, smaller) define the current graph.
    JavaPairRDD<Long, Long> oriented = edges.filter(e -> !e._1().equals(e._2()))
        .mapToPair(e -> e._1() > e._2() ? e : new Tuple2<>(e._2(), e._1()))
        .distinct().persist(StorageLevel.MEMORY_AND_DISK());
    List<JavaPairRDD<Long, Long>> toRelease = new ArrayList<>();
    toRelease.add(oriented);
    for (int round = 0; round < 10_000; round++) {
      JavaPairRDD<Long, Long> large = largeStar(oriented);
      JavaPairRDD<Long, Long> small = smallStar(large).persist(StorageLevel.MEMORY_AND_DISK());
      toRelease.add(small);
      oriented = small;
      if (isStarForest(small)) {
        break;
      }
    }
    JavaPairRDD<Long, Long> roots = oriented.values().distinct().mapToPair(r -> new Tuple2<>(r, r));
    JavaPairRDD<Long, Long> labels = oriented.union(roots).persist(StorageLevel.MEMORY_AND_DISK());
    labels.count();
    for (JavaPairRDD<Long, Long> r : toRelease) {
      r.unpersist(false);
    }
    return labels;
  }

  /** Each vertex u links its larger neighbours to the smallest of u and its neighbours. */
  static JavaPairRDD<Long, Long> largeStar(JavaPairRDD<Long, Long> oriented) {
    JavaPairRDD<Long, Long> both = oriented.flatMapToPair(e -> List.of(e, new Tuple2<>(e._2(), e._1())).iterator());
    return both.groupByKey().flatMapToPair(g -> {
      long u = g._1();
      long m = u;
      for (long v : g._2()) {
        m = Math.min(m, v);
      }
      List<Tuple2<Long, Long>> out = new ArrayList<>();
      for (long v : g._2()) {
        if (v > u) {
          out.add(new Tuple2<>(v, m));
        }
      }
      return out.iterator();
    }).distinct();
  }

  /** Each vertex u links itself and its smaller neighbours to the smallest of them. */
  static JavaPairRDD<Long, Long> smallStar(JavaPairRDD<Long, Long> oriented) {
    return oriented.groupByKey().flatMapToPair(g -> {
      long u = g._1();
      long m = u;
      for (long v : g._2()) {
        m = Math.min(m, v);
      }
      List<Tuple2<Long, Long>> out = new ArrayList<>();
      if (m != u) {
        out.add(new Tuple2<>(u, m));
      }
      for (long v : g._2()) {
        if (v != m) {
          out.add(new Tuple2<>(v, m));
        }
      }
      return out.iterator();
    }).distinct();
  }

  /** Stars: no vertex is both a leaf (larger end) and a centre (smaller end). */
  static boolean isStarForest(JavaPairRDD<Long, Long> oriented) {
    JavaPairRDD<Long, Boolean> leaves = oriented.keys().distinct().mapToPair(v -> new Tuple2<>(v, true));
    JavaPairRDD<Long, Boolean> centres = oriented.values().distinct().mapToPair(v -> new Tuple2<>(v, true));
    return leaves.join(centres).isEmpty();
  }
}
