package org.foglab.network;

import static org.apache.spark.sql.functions.col;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Brings a trace's tables (as {@link TraceReader} validates them row by row) into the driver's
 * memory as a {@link Trace}, for the solvers that run in memory. Rows stream through the driver
 * one partition at a time. What only a whole-table view shows is checked here and thrown as
 * {@link TraceProblem.Found}, which {@link TraceReader.Tables#locate} turns into an error naming
 * the file and line: duplicate device-slots and links, links naming unknown devices, device rows
 * beyond the horizon. Links of slots past the horizon carry nothing (their source device-slot
 * does not exist) and are left out, as the Spark solvers do.
 */
public final class TraceCollector {
  private TraceCollector() {}

  /** The in-memory trace of the tables; devices in string order of their ids. */
  public static Trace collect(Dataset<Row> devices, Dataset<Row> links, int horizon) {
    List<Row> idRows = devices.select(col(TraceSchema.DEVICE)).distinct()
        .orderBy(col(TraceSchema.DEVICE)).collectAsList();
    String[] ids = new String[idRows.size()];
    Map<String, Integer> index = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = idRows.get(i).getString(0);
    }
    // Spark's string order is byte order; Trace wants Java's (UTF-16) order.
    java.util.Arrays.sort(ids);
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
    Trace.Builder b = Trace.builder(ids, horizon);
    Iterator<Row> d = devices.select(TraceSchema.DEVICE, TraceSchema.T, TraceSchema.DATA,
        TraceSchema.CAPACITY, TraceSchema.PROCESS_COST, TraceSchema.DISCARD_COST).toLocalIterator();
    while (d.hasNext()) {
      Row r = d.next();
      int t = r.getInt(1);
      if (t > horizon) {
        throw TraceProblem.beyondHorizon(r.getString(0), t);
      }
      b.device(index.get(r.getString(0)), t, r.getDouble(2),
          r.isNullAt(3) ? Double.POSITIVE_INFINITY : r.getDouble(3), r.getDouble(4), r.getDouble(5));
    }
    Iterator<Row> l = links.select(TraceSchema.SRC, TraceSchema.DST, TraceSchema.T,
        TraceSchema.CAPACITY, TraceSchema.COST).toLocalIterator();
    while (l.hasNext()) {
      Row r = l.next();
      int i = TraceProblem.linkEnd(index, r.getString(0), true);
      int j = TraceProblem.linkEnd(index, r.getString(1), false);
      int t = r.getInt(2);
      if (t > horizon) {
        continue;
      }
      b.link(i, j, t, r.isNullAt(3) ? Double.POSITIVE_INFINITY : r.getDouble(3), r.getDouble(4));
    }
    return b.build();
  }
}
