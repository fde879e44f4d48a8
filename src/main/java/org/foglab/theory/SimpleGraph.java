package org.foglab.theory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.foglab.network.DeviceIds;
import org.foglab.network.EdgeList;
import org.foglab.network.TraceGenerator;
import org.foglab.network.graph.EdgeSink;
import org.foglab.network.graph.GraphGenerator;

/**
 * An undirected simple graph in compressed sparse rows: vertices {@code 0..n-1}, each with a
 * 64-bit key under which its random draws are made (the key the foundation gives the device:
 * its index for generated networks, {@link DeviceIds#key} of its id for edge files, so a device
 * draws the same costs here and in the Spark computations), and sorted neighbour
 * lists without self-loops or repeated neighbours. Built from edge lists in which an edge may
 * appear in one or both directions and more than once; self-loops are dropped (a device is
 * always in its own closed neighbourhood, so a self-loop changes no offloading decision).
 */
public final class SimpleGraph implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] keys;
  private final int[] start;
  private final int[] adjacency;

  private SimpleGraph(long[] keys, int[] start, int[] adjacency) {
    this.keys = keys;
    this.start = start;
    this.adjacency = adjacency;
  }

  /** A graph on {@code n} vertices keyed by their index, from undirected index pairs. */
  public static SimpleGraph fromEdges(int n, int[] a, int[] b) {
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = i;
    }
    return build(keys, a, b);
  }

  /**
   * A graph from numeric device ids: every id that appears in an edge is a vertex keyed by its
   * id, plus {@code isolated} ids with no edges (an edge list alone cannot show them).
   */
  public static SimpleGraph fromIdEdges(long[] src, long[] dst, long[] isolated) {
    if (src.length != dst.length) {
      throw new IllegalArgumentException("src and dst must have the same length, got "
          + src.length + " and " + dst.length);
    }
    Map<Long, Integer> index = new HashMap<>();
    long[] ids = new long[16];
    int n = 0;
    int[] a = new int[src.length];
    int[] b = new int[src.length];
    for (int e = 0; e < src.length; e++) {
      for (int side = 0; side < 2; side++) {
        long id = side == 0 ? src[e] : dst[e];
        Integer v = index.get(id);
        if (v == null) {
          v = n;
          index.put(id, n);
          if (n == ids.length) {
            ids = Arrays.copyOf(ids, 2 * n);
          }
          ids[n++] = id;
        }
        if (side == 0) {
          a[e] = v;
        } else {
          b[e] = v;
        }
      }
    }
    for (long id : isolated) {
      if (!index.containsKey(id)) {
        index.put(id, n);
        if (n == ids.length) {
          ids = Arrays.copyOf(ids, 2 * n);
        }
        ids[n++] = id;
      }
    }
    return build(Arrays.copyOf(ids, n), a, b);
  }

  /**
   * The graph of a foundation generator, vertices keyed by index as in generated traces.
   * Directed generators are accepted when their links are symmetric (the complete network);
   * otherwise the graph would not be the network the generator describes.
   *
   * @throws IllegalArgumentException naming a link without its reverse
   */
  public static SimpleGraph of(GraphGenerator g) {
    int n = g.devices();
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = i;
    }
    if (!g.undirected()) {
      long[] pairs = TraceGenerator.directedPairs(g);
      requireSymmetric(pairs, Integer::toString);
      return build(keys, pairs);
    }
    IntPairs edges = new IntPairs();
    g.edges(0, n, edges);
    return build(keys, edges.a(), edges.b());
  }

  /**
   * The graph of an edge file ({@link EdgeList}), vertices keyed by {@link DeviceIds#key} of
   * their ids. A directed edge list must be symmetric.
   *
   * @throws IllegalArgumentException naming a link without its reverse
   */
  public static SimpleGraph of(EdgeList e) {
    String[] ids = e.ids();
    long[] keys = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      keys[i] = DeviceIds.key(ids[i]);
    }
    long[] pairs = new long[e.src().length];
    for (int q = 0; q < pairs.length; q++) {
      pairs[q] = ((long) e.src()[q] << 32) | e.dst()[q];
    }
    Arrays.sort(pairs);
    requireSymmetric(pairs, v -> ids[v]);
    return build(keys, pairs);
  }

  /** Sorted directed pairs {@code (a << 32) | b}: every link must have its reverse. */
  private static void requireSymmetric(long[] sorted, java.util.function.IntFunction<String> name) {
    for (long p : sorted) {
      int a = (int) (p >>> 32);
      int b = (int) p;
      if (Arrays.binarySearch(sorted, ((long) b << 32) | a) < 0) {
        throw new IllegalArgumentException("the links are directed: " + name.apply(a) + " -> "
            + name.apply(b) + " has no reverse link, and an undirected graph is needed");
      }
    }
  }

  private static SimpleGraph build(long[] keys, long[] pairs) {
    int[] a = new int[pairs.length];
    int[] b = new int[pairs.length];
    for (int q = 0; q < pairs.length; q++) {
      a[q] = (int) (pairs[q] >>> 32);
      b[q] = (int) pairs[q];
    }
    return build(keys, a, b);
  }

  /** Collects generated edges into growable index arrays. */
  private static final class IntPairs implements EdgeSink {
    private int[] a = new int[64];
    private int[] b = new int[64];
    private int size;

    @Override
    public void edge(int x, int y) {
      if (size == a.length) {
        a = Arrays.copyOf(a, 2 * size);
        b = Arrays.copyOf(b, 2 * size);
      }
      a[size] = x;
      b[size++] = y;
    }

    int[] a() {
      return Arrays.copyOf(a, size);
    }

    int[] b() {
      return Arrays.copyOf(b, size);
    }
  }

  /** A graph from string device ids, keyed by {@link DeviceIds#key(String)}. */
  public static SimpleGraph fromStringEdges(String[] src, String[] dst) {
    if (src.length != dst.length) {
      throw new IllegalArgumentException("src and dst must have the same length, got "
          + src.length + " and " + dst.length);
    }
    Map<String, Integer> index = new HashMap<>();
    int[] a = new int[src.length];
    int[] b = new int[src.length];
    List<String> names = new ArrayList<>();
    for (int e = 0; e < src.length; e++) {
      a[e] = index.computeIfAbsent(src[e], s -> {
        names.add(s);
        return names.size() - 1;
      });
      b[e] = index.computeIfAbsent(dst[e], s -> {
        names.add(s);
        return names.size() - 1;
      });
    }
    long[] keys = new long[names.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = DeviceIds.key(names.get(i));
    }
    return build(keys, a, b);
  }

  private static SimpleGraph build(long[] keys, int[] a, int[] b) {
    int n = keys.length;
    if (a.length != b.length) {
      throw new IllegalArgumentException("edge endpoint arrays differ in length");
    }
    int[] count = new int[n + 1];
    for (int e = 0; e < a.length; e++) {
      if (a[e] < 0 || a[e] >= n || b[e] < 0 || b[e] >= n) {
        throw new IllegalArgumentException("edge " + e + " has an endpoint outside 0.." + (n - 1));
      }
      if (a[e] != b[e]) {
        count[a[e] + 1]++;
        count[b[e] + 1]++;
      }
    }
    for (int v = 0; v < n; v++) {
      count[v + 1] += count[v];
    }
    int[] fill = Arrays.copyOf(count, n);
    int[] adj = new int[count[n]];
    for (int e = 0; e < a.length; e++) {
      if (a[e] != b[e]) {
        adj[fill[a[e]]++] = b[e];
        adj[fill[b[e]]++] = a[e];
      }
    }
    // Sort each list and drop repeats, compacting in place.
    int[] start = new int[n + 1];
    int w = 0;
    for (int v = 0; v < n; v++) {
      int from = count[v];
      int to = count[v + 1];
      Arrays.sort(adj, from, to);
      start[v] = w;
      for (int p = from; p < to; p++) {
        if (p == from || adj[p] != adj[p - 1]) {
          adj[w++] = adj[p];
        }
      }
    }
    start[n] = w;
    return new SimpleGraph(keys, start, Arrays.copyOf(adj, w));
  }

  public int vertices() {
    return keys.length;
  }

  /** Number of undirected edges. */
  public long edges() {
    return adjacency.length / 2;
  }

  public long key(int v) {
    return keys[v];
  }

  public int degree(int v) {
    return start[v + 1] - start[v];
  }

  public int neighbourStart(int v) {
    return start[v];
  }

  public int neighbourEnd(int v) {
    return start[v + 1];
  }

  /** The neighbour at position {@code p} of the adjacency array. */
  public int neighbourAt(int p) {
    return adjacency[p];
  }

  public boolean adjacent(int u, int v) {
    return Arrays.binarySearch(adjacency, start[u], start[u + 1], v) >= 0;
  }

  public int maxDegree() {
    int m = 0;
    for (int v = 0; v < keys.length; v++) {
      m = Math.max(m, degree(v));
    }
    return m;
  }

  /** {@code counts[k]} = number of vertices of degree {@code k}. */
  public long[] degreeCounts() {
    long[] c = new long[maxDegree() + 1];
    for (int v = 0; v < keys.length; v++) {
      c[degree(v)]++;
    }
    return c;
  }
}
