package org.foglab.network;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory trace (the contract of {@code docs/formats.md}): per device-slot data, capacity and
 * costs, and the directed links that exist in each slot.
 *
 * <p>Layout is columnar. Device-slot {@code (i, t)} with {@code i in [0, n)} and
 * {@code t in [1, T]} has the flat index {@code k = (t - 1) * n + i}. A device-slot without a row
 * in the trace is <em>absent</em>: it has no data, no capacity and cannot receive offloaded data.
 * Unbounded capacities are {@link Double#POSITIVE_INFINITY}. The links leaving device-slot
 * {@code k} are {@code linkStart(k) .. linkStart(k + 1) - 1}, sorted by destination index.
 *
 * <p>Device indices follow the string order of the ids, so every tie broken "by the smaller
 * destination" is broken the same way here and in the distributed jobs.
 *
 * <p>This is the representation of small and medium traces (sweep scenarios, tests, exact
 * sub-problems); network-scale traces stay distributed as Spark tables.
 */
public final class Trace implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String[] deviceIds;
  private final int slots;
  private final boolean[] present;
  private final double[] data;
  private final double[] capacity;
  private final double[] processCost;
  private final double[] discardCost;
  private final int[] linkStart;
  private final int[] linkDst;
  private final double[] linkCost;
  private final double[] linkCapacity;

  private Trace(Builder b, int[] linkStart, int[] linkDst, double[] linkCost, double[] linkCapacity) {
    this.deviceIds = b.deviceIds;
    this.slots = b.slots;
    this.present = b.present;
    this.data = b.data;
    this.capacity = b.capacity;
    this.processCost = b.processCost;
    this.discardCost = b.discardCost;
    this.linkStart = linkStart;
    this.linkDst = linkDst;
    this.linkCost = linkCost;
    this.linkCapacity = linkCapacity;
  }

  /** A builder for a trace over the given device ids and horizon {@code slots}. */
  public static Builder builder(String[] deviceIds, int slots) {
    return new Builder(deviceIds, slots);
  }

  public int devices() {
    return deviceIds.length;
  }

  public int slots() {
    return slots;
  }

  public int deviceSlots() {
    return present.length;
  }

  public int links() {
    return linkDst.length;
  }

  public String deviceId(int i) {
    return deviceIds[i];
  }

  /** Flat index of device-slot (i, t), t from 1. */
  public int index(int i, int t) {
    return (t - 1) * deviceIds.length + i;
  }

  public int deviceOf(int k) {
    return k % deviceIds.length;
  }

  public int slotOf(int k) {
    return k / deviceIds.length + 1;
  }

  public boolean present(int k) {
    return present[k];
  }

  public double data(int k) {
    return data[k];
  }

  public double capacity(int k) {
    return capacity[k];
  }

  public double processCost(int k) {
    return processCost[k];
  }

  public double discardCost(int k) {
    return discardCost[k];
  }

  public int linkStart(int k) {
    return linkStart[k];
  }

  public int linkEnd(int k) {
    return linkStart[k + 1];
  }

  public int linkDst(int e) {
    return linkDst[e];
  }

  public double linkCost(int e) {
    return linkCost[e];
  }

  public double linkCapacity(int e) {
    return linkCapacity[e];
  }

  /**
   * The device-slot that processes data offloaded over link {@code e} leaving device-slot
   * {@code k}: the destination in the next slot, or -1 if that is past the horizon or absent.
   */
  public int receiver(int k, int e) {
    int t = slotOf(k);
    if (t >= slots) {
      return -1;
    }
    int r = index(linkDst[e], t + 1);
    return present[r] ? r : -1;
  }

  /** Total data over all device-slots. */
  public double totalData() {
    double s = 0;
    for (double d : data) {
      s += d;
    }
    return s;
  }

  /** Whether any device-slot or link has a finite capacity. */
  public boolean hasFiniteCapacities() {
    for (int k = 0; k < present.length; k++) {
      if (present[k] && capacity[k] != Double.POSITIVE_INFINITY) {
        return true;
      }
    }
    for (double c : linkCapacity) {
      if (c != Double.POSITIVE_INFINITY) {
        return true;
      }
    }
    return false;
  }

  /** Collects device-slots and links; {@link #build()} sorts links into the CSR layout. */
  public static final class Builder {
    private final String[] deviceIds;
    private final int slots;
    private final boolean[] present;
    private final double[] data;
    private final double[] capacity;
    private final double[] processCost;
    private final double[] discardCost;
    private int linkCount;
    private long[] linkKey = new long[16];
    private double[] linkCostBuf = new double[16];
    private double[] linkCapBuf = new double[16];

    private Builder(String[] deviceIds, int slots) {
      Objects.requireNonNull(deviceIds, "deviceIds");
      if (slots < 1) {
        throw new IllegalArgumentException("a trace needs at least one slot, got " + slots);
      }
      long cells = (long) deviceIds.length * slots;
      if (cells > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "an in-memory trace holds at most 2^31 device-slots; use the distributed jobs for "
                + deviceIds.length + " devices x " + slots + " slots");
      }
      for (int i = 1; i < deviceIds.length; i++) {
        // Index order is string order, so tie-breaks agree with Spark's sorted tables.
        if (deviceIds[i - 1].compareTo(deviceIds[i]) >= 0) {
          throw new IllegalArgumentException("device ids must be unique and sorted; \""
              + deviceIds[i - 1] + "\" comes before \"" + deviceIds[i] + "\"");
        }
      }
      this.deviceIds = deviceIds.clone();
      this.slots = slots;
      int m = (int) cells;
      present = new boolean[m];
      data = new double[m];
      capacity = new double[m];
      processCost = new double[m];
      discardCost = new double[m];
    }

    /** Sets the row of device-slot (i, t); capacity may be +infinity. */
    public Builder device(int i, int t, double data, double capacity, double processCost,
        double discardCost) {
      int k = checkedIndex(i, t);
      if (present[k]) {
        throw TraceProblem.duplicateDeviceSlot(deviceIds[i], t);
      }
      present[k] = true;
      this.data[k] = data;
      this.capacity[k] = capacity;
      this.processCost[k] = processCost;
      this.discardCost[k] = discardCost;
      return this;
    }

    /** Adds link (i, j) in slot t; capacity may be +infinity. */
    public Builder link(int i, int j, int t, double capacity, double cost) {
      int k = checkedIndex(i, t);
      if (j < 0 || j >= deviceIds.length || j == i) {
        throw new IllegalArgumentException("bad link destination " + j + " from device " + i);
      }
      if (linkCount == linkKey.length) {
        int cap = Math.max(16, linkCount * 2);
        linkKey = Arrays.copyOf(linkKey, cap);
        linkCostBuf = Arrays.copyOf(linkCostBuf, cap);
        linkCapBuf = Arrays.copyOf(linkCapBuf, cap);
      }
      linkKey[linkCount] = ((long) k << 31) | j;
      linkCostBuf[linkCount] = cost;
      linkCapBuf[linkCount] = capacity;
      linkCount++;
      return this;
    }

    private int checkedIndex(int i, int t) {
      if (i < 0 || i >= deviceIds.length) {
        throw new IllegalArgumentException("device index out of range: " + i);
      }
      if (t < 1 || t > slots) {
        throw new IllegalArgumentException("slot out of range 1.." + slots + ": " + t);
      }
      return (t - 1) * deviceIds.length + i;
    }

    public Trace build() {
      // Counting sort by source device-slot, then by destination within each slot's range.
      int m = present.length;
      int[] start = new int[m + 1];
      for (int e = 0; e < linkCount; e++) {
        start[(int) (linkKey[e] >>> 31) + 1]++;
      }
      for (int k = 0; k < m; k++) {
        start[k + 1] += start[k];
      }
      int[] fill = Arrays.copyOf(start, m);
      long[] sortedKey = new long[linkCount];
      int[] origin = new int[linkCount];
      for (int e = 0; e < linkCount; e++) {
        int p = fill[(int) (linkKey[e] >>> 31)]++;
        sortedKey[p] = linkKey[e];
        origin[p] = e;
      }
      for (int k = 0; k < m; k++) {
        sortRange(sortedKey, origin, start[k], start[k + 1]);
      }
      int[] dst = new int[linkCount];
      double[] cost = new double[linkCount];
      double[] cap = new double[linkCount];
      for (int p = 0; p < linkCount; p++) {
        long key = sortedKey[p];
        if (p > 0 && key == sortedKey[p - 1]) {
          int k = (int) (key >>> 31);
          throw TraceProblem.duplicateLink(deviceIds[k % deviceIds.length],
              deviceIds[(int) (key & 0x7FFFFFFFL)], k / deviceIds.length + 1);
        }
        dst[p] = (int) (key & 0x7FFFFFFFL);
        cost[p] = linkCostBuf[origin[p]];
        cap[p] = linkCapBuf[origin[p]];
      }
      return new Trace(this, start, dst, cost, cap);
    }

    private static void sortRange(long[] key, int[] origin, int from, int to) {
      if (to - from < 2) {
        return;
      }
      boolean sorted = true;
      for (int p = from + 1; p < to && sorted; p++) {
        sorted = key[p - 1] <= key[p];
      }
      if (sorted) {
        return;
      }
      long[] packed = new long[to - from];
      for (int p = from; p < to; p++) {
        // Keys in one range share the slot part: sort on destination, carry the origin along.
        packed[p - from] = ((key[p] & 0x7FFFFFFFL) << 32) | origin[p];
      }
      Arrays.sort(packed);
      long slotPart = key[from] & ~0x7FFFFFFFL;
      for (int p = from; p < to; p++) {
        long v = packed[p - from];
        key[p] = slotPart | (v >>> 32);
        origin[p] = (int) v;
      }
    }
  }
}
