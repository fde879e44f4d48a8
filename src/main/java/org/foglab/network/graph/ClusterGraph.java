package org.foglab.network.graph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small undirected simple graph on the members {@code 0..m-1} of one cluster (the D2D graph of
 * a bottom cluster of a fog tree): sorted neighbour lists, no self-loops, no repeated edges.
 */
public final class ClusterGraph implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[][] neighbours;

  private ClusterGraph(int[][] neighbours) {
    this.neighbours = neighbours;
  }

  /**
   * The graph of {@code members} nodes with the undirected edges {@code (a[k], b[k])}; repeats
   * collapse to one edge.
   *
   * @throws IllegalArgumentException for a self-loop or an endpoint outside {@code 0..members-1}
   */
  public static ClusterGraph of(int members, int[] a, int[] b) {
    if (members < 1) {
      throw new IllegalArgumentException("a cluster needs at least one member, got " + members);
    }
    if (a.length != b.length) {
      throw new IllegalArgumentException("edge endpoint arrays differ in length");
    }
    List<List<Integer>> adj = new ArrayList<>(members);
    for (int i = 0; i < members; i++) {
      adj.add(new ArrayList<>());
    }
    for (int k = 0; k < a.length; k++) {
      int u = a[k];
      int v = b[k];
      if (u < 0 || u >= members || v < 0 || v >= members) {
        throw new IllegalArgumentException("edge (" + u + ", " + v + ") leaves the cluster of "
            + members + " members");
      }
      if (u == v) {
        throw new IllegalArgumentException("edge (" + u + ", " + v + ") is a self-loop");
      }
      adj.get(u).add(v);
      adj.get(v).add(u);
    }
    int[][] nb = new int[members][];
    for (int i = 0; i < members; i++) {
      nb[i] = adj.get(i).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }
    return new ClusterGraph(nb);
  }

  /** Members of the cluster. */
  public int size() {
    return neighbours.length;
  }

  public int degree(int i) {
    return neighbours[i].length;
  }

  public int maxDegree() {
    int d = 0;
    for (int[] n : neighbours) {
      d = Math.max(d, n.length);
    }
    return d;
  }

  /** Neighbours of {@code i}, ascending (a copy). */
  public int[] neighbours(int i) {
    return neighbours[i].clone();
  }

  /** Neighbour {@code k} of {@code i} in ascending order. */
  public int neighbour(int i, int k) {
    return neighbours[i][k];
  }

  /** Undirected edges. */
  public long edges() {
    long s = 0;
    for (int[] n : neighbours) {
      s += n.length;
    }
    return s / 2;
  }

  /** Component label of every member: the smallest member of its component. */
  public int[] components() {
    int m = neighbours.length;
    int[] label = new int[m];
    Arrays.fill(label, -1);
    int[] stack = new int[m];
    for (int s = 0; s < m; s++) {
      if (label[s] >= 0) {
        continue;
      }
      int top = 0;
      stack[top++] = s;
      label[s] = s;
      while (top > 0) {
        int u = stack[--top];
        for (int v : neighbours[u]) {
          if (label[v] < 0) {
            label[v] = s;
            stack[top++] = v;
          }
        }
      }
    }
    return label;
  }

  /** Whether every member reaches every other (a single member is connected). */
  public boolean connected() {
    for (int l : components()) {
      if (l != 0) {
        return false;
      }
    }
    return true;
  }
}
