package org.foglab.learning.fog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.foglab.network.FogTree;
import org.foglab.network.graph.ClusterGraph;

/**
 * The unit of distributed work: the subtree under one child of the root (layer {@code K-1}; the
 * devices themselves in a two-layer tree), with the D2D links of its bottom clusters. A Spark
 * partition owns whole subtrees, hence whole clusters.
 *
 * @param top index of the subtree's root in layer {@code K-1}
 * @param d2dSrc one endpoint (device index) of each undirected D2D link
 * @param d2dDst the other endpoint, in the same cluster
 * @param offload the devices' datasets after D2D data offloading, or null (no offloading)
 */
@com.esotericsoftware.kryo.DefaultSerializer(
    com.esotericsoftware.kryo.serializers.JavaSerializer.class)
public record Subtree(int top, int[] d2dSrc, int[] d2dDst, Offloading.Offload offload)
    implements Serializable {

  /** A subtree without offloading. */
  public Subtree(int top, int[] d2dSrc, int[] d2dDst) {
    this(top, d2dSrc, d2dDst, null);
  }

  /** This subtree with its devices' datasets after offloading. */
  public Subtree withOffload(Offloading.Offload o) {
    return new Subtree(top, d2dSrc, d2dDst, o);
  }

  /** First device and one past the last device under node {@code top} of layer {@code layer}. */
  public static int[] deviceRange(FogTree tree, int layer, int top) {
    int a = top;
    int b = top + 1;
    for (int l = layer; l > 0; l--) {
      a = tree.firstChild(l, a);
      b = tree.firstChild(l, b);
    }
    return new int[] {a, b};
  }

  /** Node range of layer {@code l} under node {@code top} of layer {@code layer}. */
  public static int[] nodeRange(FogTree tree, int layer, int top, int l) {
    int a = top;
    int b = top + 1;
    for (int k = layer; k > l; k--) {
      a = tree.firstChild(k, a);
      b = tree.firstChild(k, b);
    }
    return new int[] {a, b};
  }

  /**
   * The D2D graph of each bottom cluster of this subtree, in cluster order from
   * {@code firstCluster}.
   *
   * @throws IllegalArgumentException naming the first cluster without a D2D path between two of
   *     its devices, or a link that leaves its cluster
   */
  public List<ClusterGraph> clusterGraphs(FogTree tree, int firstCluster, int endCluster) {
    List<List<int[]>> edges = new ArrayList<>();
    for (int c = firstCluster; c < endCluster; c++) {
      edges.add(new ArrayList<>());
    }
    for (int e = 0; e < d2dSrc.length; e++) {
      int c = tree.clusterOf(d2dSrc[e]);
      if (tree.clusterOf(d2dDst[e]) != c) {
        throw new IllegalArgumentException("the D2D link " + tree.id(0, d2dSrc[e]) + " - "
            + tree.id(0, d2dDst[e]) + " joins two clusters; D2D links stay inside a bottom cluster");
      }
      int first = tree.clusterStart(c);
      edges.get(c - firstCluster).add(new int[] {d2dSrc[e] - first, d2dDst[e] - first});
    }
    List<ClusterGraph> out = new ArrayList<>();
    for (int c = firstCluster; c < endCluster; c++) {
      List<int[]> list = edges.get(c - firstCluster);
      int[] a = new int[list.size()];
      int[] b = new int[list.size()];
      for (int k = 0; k < a.length; k++) {
        a[k] = list.get(k)[0];
        b[k] = list.get(k)[1];
      }
      ClusterGraph g = ClusterGraph.of(tree.clusterEnd(c) - tree.clusterStart(c), a, b);
      if (!g.connected()) {
        throw new IllegalArgumentException("cluster " + tree.id(1, c) + " has no D2D path between "
            + "some of its " + g.size() + " devices; consensus needs a connected D2D graph in "
            + "every bottom cluster");
      }
      out.add(g);
    }
    return out;
  }
}
