package org.foglab.network;

import java.util.Arrays;
import org.foglab.config.NetworkSpec;
import org.foglab.config.TraceSpec;
import org.foglab.network.graph.BarabasiAlbertGraphGenerator;
import org.foglab.network.graph.CompleteGraphGenerator;
import org.foglab.network.graph.GnpGraphGenerator;
import org.foglab.network.graph.GraphGenerator;
import org.foglab.network.graph.HierarchicalGraphGenerator;
import org.foglab.network.graph.WattsStrogatzGraphGenerator;

/**
 * Generates synthetic traces in memory (sweep scenarios, tests). The distributed job
 * ({@code TraceGenerationJob}) produces the same rows from the same pure functions; a test
 * holds the two equal.
 */
public final class TraceGenerator {
  private TraceGenerator() {}

  /** The generator of a non-edge-file topology; hierarchies rank devices by mean cost here. */
  public static GraphGenerator graph(TraceSpec spec) {
    NetworkSpec net = spec.network();
    int n = net.devices();
    long seed = spec.seed();
    switch (net.topology()) {
      case FULL:
        return new CompleteGraphGenerator(n);
      case RANDOM:
        return new GnpGraphGenerator(n, net.linkProbability(), seed);
      case SMALL_WORLD:
        return new WattsStrogatzGraphGenerator(n, net.neighbors(), net.rewire(), seed);
      case SCALE_FREE:
        return new BarabasiAlbertGraphGenerator(n, net.attach(), seed);
      case HIERARCHICAL:
        return new HierarchicalGraphGenerator(n, parentsByRank(spec), net.parentsPerDevice(), seed);
      case FOG_TREE:
        return new org.foglab.network.graph.FogD2dGraphGenerator(net.fogTree(), net.d2dGraph(),
            net.d2dDensity(), seed);
      default:
        throw new IllegalArgumentException("topology " + net.topology().configName()
            + " has no generator; edge files are read with EdgeList");
    }
  }

  /**
   * The parents of a hierarchy: the floor(n/3) devices with the lowest mean processing cost,
   * ties broken by index, in rank order.
   */
  public static int[] parentsByRank(TraceSpec spec) {
    int n = spec.network().devices();
    SyntheticDraws draws = new SyntheticDraws(spec.seed(), spec.model(), n);
    long[] order = new long[n];
    double[] mean = new double[n];
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      mean[i] = draws.meanProcessCost(i);
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> {
      int c = Double.compare(mean[a], mean[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int p = HierarchicalGraphGenerator.parentCount(n);
    int[] parents = new int[p];
    for (int r = 0; r < p; r++) {
      parents[r] = idx[r];
    }
    return parents;
  }

  /** Directed links of the base graph, sorted by (src, dst), without repeats. */
  public static long[] directedPairs(GraphGenerator g) {
    LongBuffer buf = new LongBuffer();
    boolean both = g.undirected();
    g.edges(0, g.devices(), (a, b) -> {
      if (a == b) {
        return;
      }
      buf.add(((long) a << 32) | b);
      if (both) {
        buf.add(((long) b << 32) | a);
      }
    });
    return buf.sortedDistinct();
  }

  /** Generates the whole trace of a spec in memory. */
  public static Trace generate(TraceSpec spec) {
    String[] ids;
    long[] keys;
    long[] pairs;
    if (spec.network().topology() == Topology.EDGES) {
      EdgeList edges = EdgeList.read(spec.network().edgesFile().orElseThrow(), spec.network().directed());
      ids = edges.ids();
      keys = new long[ids.length];
      for (int i = 0; i < ids.length; i++) {
        keys[i] = DeviceIds.key(ids[i]);
      }
      pairs = new long[edges.src().length];
      for (int q = 0; q < pairs.length; q++) {
        pairs[q] = ((long) edges.src()[q] << 32) | edges.dst()[q];
      }
    } else {
      int n = spec.network().devices();
      ids = DeviceIds.all(n);
      keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = i;
      }
      pairs = directedPairs(graph(spec));
    }
    return build(ids, keys, pairs, new SyntheticDraws(spec.seed(), spec.model(), ids.length));
  }

  private static Trace build(String[] ids, long[] keys, long[] pairs, SyntheticDraws draws) {
    int n = ids.length;
    int slots = draws.slots();
    Trace.Builder b = Trace.builder(ids, slots);
    int[] start = new int[n + 1];
    for (long p : pairs) {
      start[(int) (p >>> 32) + 1]++;
    }
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    for (int t = 1; t <= slots; t++) {
      for (int i = 0; i < n; i++) {
        long ki = keys[i];
        if (!draws.active(ki, t)) {
          continue;
        }
        b.device(i, t, draws.data(ki, t), draws.capacity(ki, t), draws.processCost(ki, t),
            draws.discardCost(ki, t));
        for (int q = start[i]; q < start[i + 1]; q++) {
          int j = (int) pairs[q];
          long kj = keys[j];
          if (draws.linkPresent(ki, kj, t)) {
            b.link(i, j, t, draws.linkCapacity(ki, kj, t), draws.linkCost(ki, kj, t));
          }
        }
      }
    }
    return b.build();
  }

  /** A growable long array. */
  static final class LongBuffer {
    private long[] a = new long[64];
    private int size;

    void add(long x) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = x;
    }

    long[] sortedDistinct() {
      long[] s = Arrays.copyOf(a, size);
      Arrays.sort(s);
      int u = 0;
      for (int q = 0; q < s.length; q++) {
        if (q == 0 || s[q] != s[q - 1]) {
          s[u++] = s[q];
        }
      }
      return Arrays.copyOf(s, u);
    }
  }
}
