package org.foglab.theory;

import java.util.ArrayList;
import java.util.List;
import org.foglab.network.graph.BarabasiAlbertGraphGenerator;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/** Small seeded graphs for tests: the foundation's generators and a few fixed shapes. */
final class GraphFixtures {
  private GraphFixtures() {}

  /** Barabasi-Albert preferential attachment, the foundation's scale-free topology. */
  static SimpleGraph scaleFree(int n, int m, long seed) {
    return SimpleGraph.of(new BarabasiAlbertGraphGenerator(n, m, seed));
  }

  /** Undirected Erdos-Renyi G(n, p): each pair is an edge iff its hash under the seed falls below p. */
  static SimpleGraph erdosRenyi(int n, double p, long seed) {
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Streams.unit(Streams.hash(seed, Purpose.TOPOLOGY, i, j)) < p) {
          edges.add(new int[] {i, j});
        }
      }
    }
    return of(n, edges);
  }

  /** A graph from undirected index pairs. */
  static SimpleGraph of(int n, List<int[]> edges) {
    int[] a = new int[edges.size()];
    int[] b = new int[edges.size()];
    for (int e = 0; e < a.length; e++) {
      a[e] = edges.get(e)[0];
      b[e] = edges.get(e)[1];
    }
    return SimpleGraph.fromEdges(n, a, b);
  }

  static SimpleGraph of(int n, int[][] edges) {
    return of(n, List.of(edges));
  }

  /** Star: vertex 0 joined to 1..leaves. */
  static SimpleGraph star(int leaves) {
    List<int[]> edges = new ArrayList<>();
    for (int v = 1; v <= leaves; v++) {
      edges.add(new int[] {0, v});
    }
    return of(leaves + 1, edges);
  }

  /** Path 0-1-...-(n-1). */
  static SimpleGraph path(int n) {
    List<int[]> edges = new ArrayList<>();
    for (int v = 1; v < n; v++) {
      edges.add(new int[] {v - 1, v});
    }
    return of(n, edges);
  }

  /** Complete graph on n vertices. */
  static SimpleGraph complete(int n) {
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        edges.add(new int[] {i, j});
      }
    }
    return of(n, edges);
  }
}
