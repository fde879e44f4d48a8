package org.foglab.optimize.exact;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Trace rows bound for one time block, gathered column-wise on the map side so that the shuffle
 * moves a few large primitive arrays instead of millions of row objects.
 *
 * <p>Devices are numbered in a dictionary local to the map partition that built the chunk
 * ({@link #dict}: code to id), not by a global index: no table of every device id has to be
 * gathered on the driver and broadcast. The receiving block maps the codes to its sorted ids. A
 * device chunk's dictionary holds every device id of its map partition (whether or not it has
 * rows for this block), so that the union over the device chunks a block receives is the set of
 * all devices.
 */
final class Chunk implements Serializable {
  private static final long serialVersionUID = 1L;

  final boolean links;
  /** Device ids by code; {@link #i} and {@link #j} hold codes. */
  String[] dict;
  int size;
  int[] i = new int[64];
  int[] j;
  int[] t = new int[64];
  double[] v0 = new double[64];
  double[] v1 = new double[64];
  double[] v2;
  double[] v3;

  Chunk(boolean links) {
    this.links = links;
    if (links) {
      j = new int[64];
    } else {
      v2 = new double[64];
      v3 = new double[64];
    }
  }

  private void grow() {
    int cap = i.length * 2;
    i = Arrays.copyOf(i, cap);
    t = Arrays.copyOf(t, cap);
    v0 = Arrays.copyOf(v0, cap);
    v1 = Arrays.copyOf(v1, cap);
    if (links) {
      j = Arrays.copyOf(j, cap);
    } else {
      v2 = Arrays.copyOf(v2, cap);
      v3 = Arrays.copyOf(v3, cap);
    }
  }

  void device(int dev, int slot, double data, double capacity, double processCost,
      double discardCost) {
    if (size == i.length) {
      grow();
    }
    i[size] = dev;
    t[size] = slot;
    v0[size] = data;
    v1[size] = capacity;
    v2[size] = processCost;
    v3[size] = discardCost;
    size++;
  }

  void link(int src, int dst, int slot, double capacity, double cost) {
    if (size == i.length) {
      grow();
    }
    i[size] = src;
    j[size] = dst;
    t[size] = slot;
    v0[size] = capacity;
    v1[size] = cost;
    size++;
  }
}
