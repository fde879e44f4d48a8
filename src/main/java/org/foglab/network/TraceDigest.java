package org.foglab.network;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The identity of a trace's content: a 64-bit digest of its rows that does not depend on the
 * file format (CSV or Parquet), the order of the rows, how they are split into files or Spark
 * partitions, or whether the trace was read from files or generated in memory. Two runs carry
 * the same {@code trace_id} exactly when they saw the same devices, slots, data, costs and
 * capacities, so result tables join on it.
 *
 * <p>Each row is hashed from its canonical values (device ids as text, slots as integers, every
 * number by its IEEE bits with {@code -0.0} read as {@code 0.0} and an unbounded capacity as
 * infinity) and the row hashes are added modulo 2^64, which any partitioning of the rows
 * reproduces exactly. The optional service-rate column is not part of the identity.
 */
public final class TraceDigest implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long DEVICE_TAG = 0x44455649434553L;
  private static final long LINK_TAG = 0x4c494e4b53L;

  private final long deviceSum;
  private final long linkSum;
  private final long deviceRows;
  private final long linkRows;

  private TraceDigest(long deviceSum, long linkSum, long deviceRows, long linkRows) {
    this.deviceSum = deviceSum;
    this.linkSum = linkSum;
    this.deviceRows = deviceRows;
    this.linkRows = linkRows;
  }

  /** The digest as the text the tables store: {@code "t"} and 16 hex digits. */
  public String id() {
    long h = mix(deviceSum ^ mix(DEVICE_TAG + deviceRows));
    h = mix(h + Long.rotateLeft(mix(linkSum ^ mix(LINK_TAG + linkRows)), 29));
    return String.format(Locale.ROOT, "t%016x", h);
  }

  @Override
  public String toString() {
    return id();
  }

  /** The digest of an in-memory trace. */
  public static TraceDigest of(Trace trace) {
    long dSum = 0;
    long lSum = 0;
    long dRows = 0;
    long lRows = 0;
    for (int k = 0; k < trace.deviceSlots(); k++) {
      if (!trace.present(k)) {
        continue;
      }
      String id = trace.deviceId(trace.deviceOf(k));
      int t = trace.slotOf(k);
      dSum += device(id, t, trace.data(k), trace.capacity(k), trace.processCost(k),
          trace.discardCost(k));
      dRows++;
      for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
        lSum += link(id, trace.deviceId(trace.linkDst(e)), t, trace.linkCapacity(e),
            trace.linkCost(e));
        lRows++;
      }
    }
    return new TraceDigest(dSum, lSum, dRows, lRows);
  }

  /**
   * The digest of trace tables with {@link TraceSchema}'s columns (found by name; a null capacity
   * is unbounded), computed by Spark: one partial sum per partition reaches the driver.
   */
  public static TraceDigest of(Dataset<Row> devices, Dataset<Row> links) {
    long[] d = sum(devices, true);
    long[] l = sum(links, false);
    return new TraceDigest(d[0], l[0], d[1], l[1]);
  }

  private static long[] sum(Dataset<Row> table, boolean devices) {
    List<String> columns = devices ? TraceSchema.DEVICE_COLUMNS : TraceSchema.LINK_COLUMNS;
    int[] at = new int[columns.size()];
    for (int c = 0; c < at.length; c++) {
      at[c] = table.schema().fieldIndex(columns.get(c));
    }
    MapPartitionsFunction<Row, long[]> partial = rows -> {
      long s = 0;
      long n = 0;
      while (rows.hasNext()) {
        Row r = rows.next();
        s += devices
            ? device(r.getString(at[0]), r.getInt(at[1]), r.getDouble(at[2]), capacity(r, at[3]),
                r.getDouble(at[4]), r.getDouble(at[5]))
            : link(r.getString(at[0]), r.getString(at[1]), r.getInt(at[2]), capacity(r, at[3]),
                r.getDouble(at[4]));
        n++;
      }
      List<long[]> one = new ArrayList<>(1);
      one.add(new long[] {s, n});
      Iterator<long[]> it = one.iterator();
      return it;
    };
    long s = 0;
    long n = 0;
    for (long[] p : table.mapPartitions(partial, Encoders.javaSerialization(long[].class))
        .collectAsList()) {
      s += p[0];
      n += p[1];
    }
    return new long[] {s, n};
  }

  private static double capacity(Row r, int i) {
    return r.isNullAt(i) ? Double.POSITIVE_INFINITY : r.getDouble(i);
  }

  /** The hash of one devices row. */
  static long device(String id, int t, double data, double capacity, double processCost,
      double discardCost) {
    long h = mix(DEVICE_TAG ^ text(id));
    h = mix(h + t);
    h = mix(h + bits(data));
    h = mix(h + bits(capacity));
    h = mix(h + bits(processCost));
    return mix(h + bits(discardCost));
  }

  /** The hash of one links row. */
  static long link(String src, String dst, int t, double capacity, double cost) {
    long h = mix(LINK_TAG ^ text(src));
    h = mix(h + text(dst));
    h = mix(h + t);
    h = mix(h + bits(capacity));
    return mix(h + bits(cost));
  }

  private static long bits(double v) {
    return Double.doubleToLongBits(v == 0 ? 0.0 : v);
  }

  /** 64-bit FNV-1a over the UTF-16 code units. */
  private static long text(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
