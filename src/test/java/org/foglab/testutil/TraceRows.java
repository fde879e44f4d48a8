package org.foglab.testutil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.foglab.network.Trace;

/** Canonical text rows of traces and plans, for comparing in-memory and Spark results exactly. */
public final class TraceRows {
  private TraceRows() {}

  public static List<String> devices(Trace tr) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (tr.present(k)) {
        out.add(tr.deviceId(tr.deviceOf(k)) + "," + tr.slotOf(k) + "," + tr.data(k) + ","
            + cap(tr.capacity(k)) + "," + tr.processCost(k) + "," + tr.discardCost(k));
      }
    }
    Collections.sort(out);
    return out;
  }

  public static List<String> links(Trace tr) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        out.add(tr.deviceId(tr.deviceOf(k)) + "," + tr.deviceId(tr.linkDst(e)) + "," + tr.slotOf(k)
            + "," + cap(tr.linkCapacity(e)) + "," + tr.linkCost(e));
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Rows of a Spark table, cells joined by commas, null capacities as "inf", sorted. */
  public static List<String> of(Dataset<Row> table) {
    List<String> out = new ArrayList<>();
    for (Row r : table.collectAsList()) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < r.size(); c++) {
        b.append(c == 0 ? "" : ",").append(r.isNullAt(c) ? "inf" : String.valueOf(r.get(c)));
      }
      out.add(b.toString());
    }
    Collections.sort(out);
    return out;
  }

  private static String cap(double c) {
    return c == Double.POSITIVE_INFINITY ? "inf" : String.valueOf(c);
  }
}
