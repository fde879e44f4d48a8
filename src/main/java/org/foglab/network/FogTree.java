package org.foglab.network;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The layers of a fog tree (Hosseinalipour et al., seed 002, Fig. 4), bottom-up: {@code n_0}
 * devices, then {@code n_1 .. n_{K-1}} aggregators (edge servers, UAVs, base stations), then the
 * root {@code n_K = 1}. Node {@code j} of layer {@code l < K} has parent
 * {@code floor(j n_{l+1} / n_l)} in layer {@code l+1}, so every parent's children are a
 * contiguous range of between {@code floor(n_l / n_{l+1})} and {@code ceil(n_l / n_{l+1})}
 * nodes. A bottom cluster is the set of devices of one layer-1 node, indexed by that node.
 *
 * <p>Node ids: devices are the trace's device ids ({@link DeviceIds}); aggregators are
 * {@code L<layer>-<index>} with the index zero-padded to the layer's width.
 */
public final class FogTree implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] layers;

  private FogTree(int[] layers) {
    this.layers = layers;
  }

  /**
   * A tree of {@code layers} nodes per layer, bottom-up.
   *
   * @throws IllegalArgumentException with one sentence naming {@code --layers} when there are
   *     fewer than two layers, the last is not 1, a count is below 1, or a layer has more nodes
   *     than the one below it
   */
  public static FogTree of(int... layers) {
    String given = Arrays.toString(layers).replace("[", "").replace("]", "").replace(" ", "");
    if (layers.length < 2) {
      throw new IllegalArgumentException("--layers must list the nodes per layer bottom-up with at "
          + "least two layers (devices, ..., 1 root), got " + given);
    }
    for (int l = 0; l < layers.length; l++) {
      if (layers[l] < 1) {
        throw new IllegalArgumentException("--layers must list positive node counts, got "
            + layers[l] + " in " + given);
      }
      if (l > 0 && layers[l] > layers[l - 1]) {
        throw new IllegalArgumentException("--layers must not grow upwards (every aggregator "
            + "needs a child), but layer " + l + " has " + layers[l] + " nodes over "
            + layers[l - 1] + " in " + given);
      }
    }
    if (layers[layers.length - 1] != 1) {
      throw new IllegalArgumentException("--layers must end in 1 (the root), got " + given);
    }
    return new FogTree(layers.clone());
  }

  /** Layers including devices and root. */
  public int depth() {
    return layers.length;
  }

  /** Nodes of layer {@code l}. */
  public int nodes(int l) {
    return layers[l];
  }

  public int devices() {
    return layers[0];
  }

  /** Bottom clusters (layer-1 nodes). */
  public int clusters() {
    return layers[1];
  }

  public int[] layers() {
    return layers.clone();
  }

  /** Parent (in layer {@code l+1}) of node {@code j} of layer {@code l}. */
  public int parent(int l, int j) {
    return (int) ((long) j * layers[l + 1] / layers[l]);
  }

  /** First child (in layer {@code l-1}) of node {@code p} of layer {@code l}. */
  public int firstChild(int l, int p) {
    long a = layers[l - 1];
    long b = layers[l];
    return (int) ((p * a + b - 1) / b);
  }

  /** One past the last child of node {@code p} of layer {@code l}. */
  public int childEnd(int l, int p) {
    return firstChild(l, p + 1);
  }

  /** Ancestor in layer {@code l} of device {@code i}. */
  public int ancestor(int i, int l) {
    int j = i;
    for (int k = 0; k < l; k++) {
      j = parent(k, j);
    }
    return j;
  }

  /** The bottom cluster of device {@code i}. */
  public int clusterOf(int device) {
    return parent(0, device);
  }

  /** First device of bottom cluster {@code c}. */
  public int clusterStart(int c) {
    return firstChild(1, c);
  }

  /** One past the last device of bottom cluster {@code c}. */
  public int clusterEnd(int c) {
    return childEnd(1, c);
  }

  /** Id of node {@code j} of layer {@code l}. */
  public String id(int l, int j) {
    if (l == 0) {
      return DeviceIds.id(j, DeviceIds.width(layers[0]));
    }
    return "L" + l + "-" + DeviceIds.id(j, DeviceIds.width(layers[l]));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FogTree t && Arrays.equals(layers, t.layers);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(layers);
  }

  @Override
  public String toString() {
    return "FogTree" + Arrays.toString(layers);
  }
}
