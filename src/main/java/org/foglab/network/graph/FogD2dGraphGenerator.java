package org.foglab.network.graph;

import org.foglab.network.D2dGraph;
import org.foglab.network.FogTree;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * The D2D links of a fog tree: inside every bottom cluster a random geometric or Erdos-Renyi
 * graph of the given density, made connected, and no link between clusters (seed 002, Section
 * III-B: D2D-enabled clusters at the bottom layer). Each cluster's graph is a pure function of
 * (seed, device indices), so any owner of a device range produces the same edges.
 *
 * <p>Connectivity: when the drawn graph has several components, they are ordered by their
 * smallest member and the smallest member of each is linked to the smallest member of the
 * previous one ({@link #clusterGraph(int)} reports these bridges); a cluster of one device has no
 * links. An edge is owned by its smaller endpoint.
 */
public final class FogD2dGraphGenerator implements GraphGenerator {
  private static final long serialVersionUID = 1L;

  private final FogTree tree;
  private final D2dGraph model;
  private final double density;
  private final long seed;
  private transient int cachedCluster;
  private transient Cluster cached;

  /** A cluster's graph over local indices, and how many bridges connectivity added. */
  public record Cluster(int first, ClusterGraph graph, int bridges) {}

  public FogD2dGraphGenerator(FogTree tree, D2dGraph model, double density, long seed) {
    if (!(density >= 0 && density <= 1)) {
      throw new IllegalArgumentException("--d2d-density must be in [0, 1], got " + density);
    }
    this.tree = tree;
    this.model = java.util.Objects.requireNonNull(model, "d2d graph model");
    this.density = density;
    this.seed = seed;
  }

  public FogTree tree() {
    return tree;
  }

  @Override
  public int devices() {
    return tree.devices();
  }

  @Override
  public boolean undirected() {
    return true;
  }

  @Override
  public boolean mayRepeat() {
    return false;
  }

  @Override
  public void edges(int from, int to, EdgeSink sink) {
    for (int v = from; v < to; v++) {
      Cluster c = cluster(tree.clusterOf(v));
      int local = v - c.first();
      ClusterGraph g = c.graph();
      for (int k = 0; k < g.degree(local); k++) {
        int u = g.neighbour(local, k);
        if (u > local) {
          sink.edge(v, c.first() + u);
        }
      }
    }
  }

  private Cluster cluster(int c) {
    if (cached == null || c != cachedCluster) {
      cached = clusterGraph(c);
      cachedCluster = c;
    }
    return cached;
  }

  /** The connected D2D graph of bottom cluster {@code c}. */
  public Cluster clusterGraph(int c) {
    int first = tree.clusterStart(c);
    int m = tree.clusterEnd(c) - first;
    java.util.List<int[]> edges = new java.util.ArrayList<>();
    if (model == D2dGraph.ER) {
      for (int a = 0; a < m; a++) {
        for (int b = a + 1; b < m; b++) {
          if (Streams.unit(Streams.hash(seed, Purpose.FOG_D2D, first + a, first + b)) < density) {
            edges.add(new int[] {a, b});
          }
        }
      }
    } else {
      double r = Math.sqrt(density / Math.PI);
      double[] x = new double[m];
      double[] y = new double[m];
      for (int a = 0; a < m; a++) {
        x[a] = Streams.unit(Streams.hash(seed, Purpose.FOG_POSITION, first + a, 0));
        y[a] = Streams.unit(Streams.hash(seed, Purpose.FOG_POSITION, first + a, 1));
      }
      for (int a = 0; a < m; a++) {
        for (int b = a + 1; b < m; b++) {
          double dx = x[a] - x[b];
          double dy = y[a] - y[b];
          if (dx * dx + dy * dy <= r * r) {
            edges.add(new int[] {a, b});
          }
        }
      }
    }
    ClusterGraph g = build(m, edges);
    int[] label = g.components();
    int bridges = 0;
    int previous = -1;
    for (int a = 0; a < m; a++) {
      if (label[a] == a) {
        if (previous >= 0) {
          edges.add(new int[] {previous, a});
          bridges++;
        }
        previous = a;
      }
    }
    return new Cluster(first, bridges > 0 ? build(m, edges) : g, bridges);
  }

  private static ClusterGraph build(int m, java.util.List<int[]> edges) {
    int[] a = new int[edges.size()];
    int[] b = new int[edges.size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = edges.get(k)[0];
      b[k] = edges.get(k)[1];
    }
    return ClusterGraph.of(m, a, b);
  }
}
