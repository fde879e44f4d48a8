package org.foglab.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Weakly connected components of a large graph, labelled by their smallest vertex.
 *
 * <p>First each partition runs union-find over its own edges and replaces them by stars (every
 * vertex it saw pointing to the smallest vertex of its local component): one pass that merges
 * most of a graph whose edges are partitioned by source range, as generated traces are. The
 * stars are then finished by the alternating large-star / small-star algorithm of Kiveris,
 * Lattanzi, Mirrokni, Rastogi and Vassilvitskii ("Connected Components in MapReduce and Beyond",
 * SoCC 2014), O(log^2 n) rounds whatever the diameter (label propagation, as GraphX's Pregel
 * does it, needs as many supersteps as the diameter: half a million on a ring of a million).
 * All rounds run on DataFrames of two longs.
 */
public final class ConnectedComponents {
  private ConnectedComponents() {}

  static final StructType EDGES = new StructType()
      .add("u", DataTypes.LongType, false)
      .add("v", DataTypes.LongType, false);

  /**
   * @param edges two long columns (either orientation; repeats and self-links allowed)
   * @return (vertex, component) for every vertex with at least one link, as columns
   *     {@code key, component}
   */
  public static Dataset<Row> run(Dataset<Row> edges) {
    return run(edges, ONE_TASK_EDGES);
  }

  /**
   * Star edges left after the partitions' union-find up to which one task finishes them with a
   * union-find of its own (about 40 bytes per vertex: 320 MB at the limit), instead of the
   * star rounds, each several shuffles of the whole edge list.
   */
  static final long ONE_TASK_EDGES = 8_000_000L;

  /** {@link #run(Dataset)} with its one-task limit (tests take both paths). */
  static Dataset<Row> run(Dataset<Row> edges, long oneTaskEdges) {
    Dataset<Row> stars = edges.toDF("u", "v").mapPartitions(
        (MapPartitionsFunction<Row, Row>) LocalUnionFind::stars, Encoders.row(EDGES));
    // Oriented (larger, smaller).
    // Each round's edges are checkpointed locally: the rounds reuse their input twice, so without
    // truncation the query plan would double in size every round.
    Dataset<Row> e = stars.select(greatest(col("u"), col("v")).as("u"), least(col("u"), col("v")).as("v"))
        .distinct().localCheckpoint(true);
    if (e.count() <= oneTaskEdges) {
      // Union-find over all the stars at once: every vertex to its component's smallest vertex.
      e = e.coalesce(1).mapPartitions((MapPartitionsFunction<Row, Row>) LocalUnionFind::stars,
          Encoders.row(EDGES)).localCheckpoint(true);
    } else {
      for (int round = 0; round < 1000 && !isStarForest(e); round++) {
        e = smallStar(largeStar(e)).localCheckpoint(true);
      }
    }
    Dataset<Row> roots = e.select(col("v").as("key"), col("v").as("component")).distinct();
    return e.select(col("u").as("key"), col("v").as("component")).union(roots).localCheckpoint(true);
  }

  /** Each vertex u links its larger neighbours to the smallest of u and its neighbours. */
  static Dataset<Row> largeStar(Dataset<Row> e) {
    Dataset<Row> both = e.union(e.select(col("v").as("u"), col("u").as("v")));
    Dataset<Row> m = both.groupBy("u").agg(min("v").as("m"));
    return both.filter(col("v").gt(col("u"))).join(m, "u")
        .select(col("v").as("u"), least(col("m"), col("u")).as("v")).distinct();
  }

  /** Each vertex u links itself and its smaller neighbours to the smallest of them. */
  static Dataset<Row> smallStar(Dataset<Row> e) {
    Dataset<Row> m = e.groupBy("u").agg(min("v").as("m"));
    Dataset<Row> spokes = e.join(m, "u").filter(col("v").notEqual(col("m")))
        .select(col("v").as("u"), col("m").as("v"));
    return spokes.union(m.select(col("u"), col("m").as("v"))).distinct();
  }

  /** Stars: no vertex is both a leaf (larger end) and a centre (smaller end). */
  static boolean isStarForest(Dataset<Row> e) {
    Dataset<Row> leaves = e.select(col("u").as("x")).distinct();
    Dataset<Row> centres = e.select(col("v").as("x")).distinct();
    return leaves.join(centres, "x").isEmpty();
  }

  /** Union-find over one partition's edges, emitted as stars on each local component's minimum. */
  static final class LocalUnionFind {
    private long[] keys = new long[1 << 16];
    private int[] slot = new int[1 << 16];
    private boolean[] used = new boolean[1 << 16];
    private int size;
    private int[] parent = new int[1 << 12];
    private long[] vertex = new long[1 << 12];

    static Iterator<Row> stars(Iterator<Row> edges) {
      LocalUnionFind uf = new LocalUnionFind();
      while (edges.hasNext()) {
        Row r = edges.next();
        uf.union(uf.id(r.getLong(0)), uf.id(r.getLong(1)));
      }
      long[] smallest = uf.smallestOfSets();
      List<Row> out = new ArrayList<>();
      for (int i = 0; i < uf.size; i++) {
        if (uf.vertex[i] != smallest[i]) {
          out.add(RowFactory.create(uf.vertex[i], smallest[i]));
        }
      }
      return out.iterator();
    }

    /**
     * (vertex, smallest vertex of its set) for every vertex of int edges {@code (edges[2k],
     * edges[2k+1])}, flattened in the order the vertices were first seen.
     */
    static int[] stars(int[] edges) {
      LocalUnionFind uf = new LocalUnionFind();
      for (int k = 0; k < edges.length; k += 2) {
        uf.union(uf.id(edges[k]), uf.id(edges[k + 1]));
      }
      long[] smallest = uf.smallestOfSets();
      int[] out = new int[2 * uf.size];
      for (int i = 0; i < uf.size; i++) {
        out[2 * i] = (int) uf.vertex[i];
        out[2 * i + 1] = (int) smallest[i];
      }
      return out;
    }

    /** Per vertex seen (by local number), the smallest vertex of its set. */
    long[] smallestOfSets() {
      long[] minOf = new long[size];
      Arrays.fill(minOf, Long.MAX_VALUE);
      for (int i = 0; i < size; i++) {
        int root = find(i);
        minOf[root] = Math.min(minOf[root], vertex[i]);
      }
      long[] out = new long[size];
      for (int i = 0; i < size; i++) {
        out[i] = minOf[find(i)];
      }
      return out;
    }

    int id(long x) {
      if (2 * (size + 1) > keys.length) {
        rehash();
      }
      int h = (int) (org.foglab.random.Streams.mix(x) & (keys.length - 1));
      while (used[h]) {
        if (keys[h] == x) {
          return slot[h];
        }
        h = (h + 1) & (keys.length - 1);
      }
      used[h] = true;
      keys[h] = x;
      if (size == parent.length) {
        parent = Arrays.copyOf(parent, size * 2);
        vertex = Arrays.copyOf(vertex, size * 2);
      }
      parent[size] = size;
      vertex[size] = x;
      slot[h] = size;
      return size++;
    }

    private void rehash() {
      long[] k = keys;
      int[] s = slot;
      boolean[] u = used;
      keys = new long[k.length * 2];
      slot = new int[k.length * 2];
      used = new boolean[k.length * 2];
      for (int i = 0; i < k.length; i++) {
        if (u[i]) {
          int h = (int) (org.foglab.random.Streams.mix(k[i]) & (keys.length - 1));
          while (used[h]) {
            h = (h + 1) & (keys.length - 1);
          }
          used[h] = true;
          keys[h] = k[i];
          slot[h] = s[i];
        }
      }
    }

    int find(int i) {
      return find(parent, i);
    }

    void union(int a, int b) {
      union(parent, a, b);
    }

    /** The root of i's set in a parent array, halving the path on the way. */
    static int find(int[] parent, int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }

    /** Joins a's and b's sets; the smaller root wins, so a root is its set's smallest member. */
    static void union(int[] parent, int a, int b) {
      int ra = find(parent, a);
      int rb = find(parent, b);
      if (ra != rb) {
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
  }
}
