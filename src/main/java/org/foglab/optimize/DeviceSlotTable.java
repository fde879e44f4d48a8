package org.foglab.optimize;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.array.ByteArrayMethods;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A trace's devices table as dense arrays, for the closed form's broadcast: device ids sorted in
 * Spark's string order (unsigned UTF-8 bytes, the order of a {@code min} over a string column),
 * an open-addressing index from id to position, and per device-slot {@code k = d * T + t - 1}
 * its data (NaN where the trace has no row), capacity (+infinity when unbounded), processing and
 * discard costs. About 36 bytes per device-slot of the dense grid plus the ids.
 */
final class DeviceSlotTable implements Serializable {
  private static final long serialVersionUID = 1L;

  final int devices;
  final int slots;
  /** Every id's UTF-8 bytes, back to back, in sorted order; id d is [idStart[d], idStart[d+1]). */
  private final byte[] idBytes;
  private final int[] idStart;
  /** Open addressing on UTF8String.hashCode: position + 1, 0 for empty. */
  private final int[] table;
  final double[] data;
  final double[] capacity;
  final double[] processCost;
  final double[] discardCost;

  private DeviceSlotTable(int slots, byte[] idBytes, int[] idStart, double[] data,
      double[] capacity, double[] processCost, double[] discardCost) {
    this.devices = idStart.length - 1;
    this.slots = slots;
    this.idBytes = idBytes;
    this.idStart = idStart;
    this.data = data;
    this.capacity = capacity;
    this.processCost = processCost;
    this.discardCost = discardCost;
    int size = Integer.highestOneBit(Math.max(2, devices * 2 - 1)) << 1;
    this.table = new int[size];
    int mask = size - 1;
    for (int d = 0; d < devices; d++) {
      int h = mix(id(d).hashCode()) & mask;
      while (table[h] != 0) {
        h = (h + 1) & mask;
      }
      table[h] = d + 1;
    }
  }

  /** Device-slots of the dense grid: devices times slots. */
  long gridSize() {
    return (long) devices * slots;
  }

  /** Whether device-slot k has a row in the trace. */
  boolean present(int k) {
    return !Double.isNaN(data[k]);
  }

  /** Position of an id, or -1 when the table has no such device. */
  int index(UTF8String id) {
    int mask = table.length - 1;
    int h = mix(id.hashCode()) & mask;
    int n = id.numBytes();
    while (true) {
      int e = table[h];
      if (e == 0) {
        return -1;
      }
      int d = e - 1;
      int from = idStart[d];
      if (idStart[d + 1] - from == n && ByteArrayMethods.arrayEquals(id.getBaseObject(),
          id.getBaseOffset(), idBytes, Platform.BYTE_ARRAY_OFFSET + from, n)) {
        return d;
      }
      h = (h + 1) & mask;
    }
  }

  /** Id of device d. */
  UTF8String id(int d) {
    return UTF8String.fromBytes(idBytes, idStart[d], idStart[d + 1] - idStart[d]);
  }

  /** Writes id d as column c of a part file's row. */
  void writeId(org.foglab.network.io.TableSink w, int c, int d) throws java.io.IOException {
    w.string(c, idBytes, idStart[d], idStart[d + 1] - idStart[d]);
  }

  private static int mix(int h) {
    return h ^ (h >>> 16) * 0x45d9f3b;
  }

  /**
   * The table of the devices rows gathered in {@code chunks}, or null when its dense grid
   * (devices times {@code slots}) would hold more than {@code maxGrid} device-slots.
   *
   * @throws IllegalStateException on a device-slot with two rows (a trace that passed the
   *     reader's checks has none)
   */
  static DeviceSlotTable of(List<DeviceChunk> chunks, int slots, long maxGrid) {
    int total = 0;
    for (DeviceChunk c : chunks) {
      total += c.ids();
    }
    UTF8String[] all = new UTF8String[total];
    int at = 0;
    for (DeviceChunk c : chunks) {
      for (int i = 0; i < c.ids(); i++) {
        all[at++] = c.id(i);
      }
    }
    Arrays.sort(all);
    int n = 0;
    for (int i = 0; i < total; i++) {
      if (n == 0 || !all[i].equals(all[n - 1])) {
        all[n++] = all[i];
      }
    }
    if ((long) n * slots > maxGrid) {
      return null;
    }
    int bytes = 0;
    for (int d = 0; d < n; d++) {
      bytes += all[d].numBytes();
    }
    byte[] idBytes = new byte[bytes];
    int[] idStart = new int[n + 1];
    for (int d = 0; d < n; d++) {
      byte[] b = all[d].getBytes();
      System.arraycopy(b, 0, idBytes, idStart[d], b.length);
      idStart[d + 1] = idStart[d] + b.length;
    }
    int grid = n * slots;
    double[] data = new double[grid];
    Arrays.fill(data, Double.NaN);
    double[] capacity = new double[grid];
    double[] process = new double[grid];
    double[] discard = new double[grid];
    DeviceSlotTable table = new DeviceSlotTable(slots, idBytes, idStart, data, capacity, process,
        discard);
    for (DeviceChunk c : chunks) {
      int[] global = new int[c.ids()];
      for (int i = 0; i < global.length; i++) {
        global[i] = table.index(c.id(i));
      }
      for (int r = 0; r < c.rows; r++) {
        int t = c.t[r];
        if (t < 1 || t > slots) {
          throw new IllegalStateException("device " + c.id(c.idOf[r]) + " has slot " + t
              + ", outside 1.." + slots);
        }
        int k = global[c.idOf[r]] * slots + t - 1;
        if (!Double.isNaN(data[k])) {
          throw new IllegalStateException("device " + c.id(c.idOf[r]) + " has two rows for slot "
              + t);
        }
        data[k] = c.data[r];
        capacity[k] = c.capacity[r];
        process[k] = c.processCost[r];
        discard[k] = c.discardCost[r];
      }
    }
    return table;
  }
}
