package org.foglab.optimize;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One partition of a devices table in primitive arrays, as a task returns it to the driver: the
 * distinct ids of consecutive rows once, then per row its id's number, slot, data, capacity
 * (+infinity for unbounded), processing and discard costs.
 */
final class DeviceChunk implements Serializable {
  private static final long serialVersionUID = 1L;

  private byte[] idBytes = new byte[1024];
  private int[] idEnd = new int[64];
  private int ids;
  int rows;
  int[] idOf = new int[1024];
  int[] t = new int[1024];
  double[] data = new double[1024];
  double[] capacity = new double[1024];
  double[] processCost = new double[1024];
  double[] discardCost = new double[1024];

  /** Distinct ids held. */
  int ids() {
    return ids;
  }

  UTF8String id(int i) {
    int from = i == 0 ? 0 : idEnd[i - 1];
    return UTF8String.fromBytes(idBytes, from, idEnd[i] - from);
  }

  /**
   * The rows of an iterator over (device, t, data, capacity, process_cost, discard_cost); a
   * null capacity is unbounded.
   */
  static DeviceChunk of(Iterator<InternalRow> it) {
    DeviceChunk c = new DeviceChunk();
    UTF8String last = null;
    while (it.hasNext()) {
      InternalRow r = it.next();
      UTF8String id = r.getUTF8String(0);
      if (last == null || !last.equals(id)) {
        last = id.copy();
        c.addId(last);
      }
      c.add(c.ids - 1, r.getInt(1), r.getDouble(2),
          r.isNullAt(3) ? Double.POSITIVE_INFINITY : r.getDouble(3), r.getDouble(4), r.getDouble(5));
    }
    c.trim();
    return c;
  }

  private void addId(UTF8String id) {
    int from = ids == 0 ? 0 : idEnd[ids - 1];
    int n = id.numBytes();
    if (from + n > idBytes.length) {
      idBytes = Arrays.copyOf(idBytes, Math.max(idBytes.length * 2, from + n));
    }
    id.writeToMemory(idBytes, org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET + from);
    if (ids == idEnd.length) {
      idEnd = Arrays.copyOf(idEnd, ids * 2);
    }
    idEnd[ids++] = from + n;
  }

  private void add(int id, int slot, double d, double cap, double pc, double dc) {
    if (rows == t.length) {
      resizeRows(rows * 2);
    }
    idOf[rows] = id;
    t[rows] = slot;
    data[rows] = d;
    capacity[rows] = cap;
    processCost[rows] = pc;
    discardCost[rows] = dc;
    rows++;
  }

  private void trim() {
    idBytes = Arrays.copyOf(idBytes, ids == 0 ? 0 : idEnd[ids - 1]);
    idEnd = Arrays.copyOf(idEnd, ids);
    resizeRows(rows);
  }

  /** The per-row arrays, resized to n rows. */
  private void resizeRows(int n) {
    idOf = Arrays.copyOf(idOf, n);
    t = Arrays.copyOf(t, n);
    data = Arrays.copyOf(data, n);
    capacity = Arrays.copyOf(capacity, n);
    processCost = Arrays.copyOf(processCost, n);
    discardCost = Arrays.copyOf(discardCost, n);
  }
}
