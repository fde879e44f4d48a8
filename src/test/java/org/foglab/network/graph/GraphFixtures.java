package org.foglab.network.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Adjacency helpers for generator tests. */
final class GraphFixtures {
  private GraphFixtures() {}

  /** Undirected adjacency sets of a generator's output (repeats collapsed, self-links kept). */
  static List<Set<Integer>> adjacency(GraphGenerator g) {
    List<Set<Integer>> adj = new ArrayList<>();
    for (int i = 0; i < g.devices(); i++) {
      adj.add(new HashSet<>());
    }
    g.edges(0, g.devices(), (a, b) -> {
      adj.get(a).add(b);
      adj.get(b).add(a);
    });
    return adj;
  }

  /** Emitted edges as sorted encoded pairs, for comparing range-split outputs. */
  static long[] emitted(GraphGenerator g, int[] cuts) {
    List<Long> out = new ArrayList<>();
    for (int c = 0; c + 1 < cuts.length; c++) {
      g.edges(cuts[c], cuts[c + 1], (a, b) -> out.add(((long) a << 32) | b));
    }
    long[] r = out.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(r);
    return r;
  }

  /** Average local clustering coefficient (devices of degree < 2 count as 0). */
  static double clustering(List<Set<Integer>> adj) {
    double sum = 0;
    for (Set<Integer> nb : adj) {
      int d = nb.size();
      if (d < 2) {
        continue;
      }
      Integer[] a = nb.toArray(new Integer[0]);
      long links = 0;
      for (int x = 0; x < a.length; x++) {
        Set<Integer> ax = adj.get(a[x]);
        for (int y = x + 1; y < a.length; y++) {
          if (ax.contains(a[y])) {
            links++;
          }
        }
      }
      sum += 2.0 * links / ((double) d * (d - 1));
    }
    return sum / adj.size();
  }
}
