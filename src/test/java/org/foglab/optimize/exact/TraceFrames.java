package org.foglab.optimize.exact;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.foglab.network.Trace;
import org.foglab.network.TraceSchema;

/** An in-memory trace as the devices and links tables of model.md (null = unbounded). */
public final class TraceFrames {
  private TraceFrames() {}

  public static Dataset<Row> devices(SparkSession spark, Trace tr, int parts) {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (tr.present(k)) {
        double c = tr.capacity(k);
        rows.add(RowFactory.create(tr.deviceId(tr.deviceOf(k)), tr.slotOf(k), tr.data(k),
            c == Double.POSITIVE_INFINITY ? null : c, tr.processCost(k), tr.discardCost(k)));
      }
    }
    return spark.createDataFrame(rows, TraceSchema.DEVICES_SCHEMA).repartition(parts);
  }

  public static Dataset<Row> links(SparkSession spark, Trace tr, int parts) {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        double c = tr.linkCapacity(e);
        rows.add(RowFactory.create(tr.deviceId(tr.deviceOf(k)), tr.deviceId(tr.linkDst(e)),
            tr.slotOf(k), c == Double.POSITIVE_INFINITY ? null : c, tr.linkCost(e)));
      }
    }
    return spark.createDataFrame(rows, TraceSchema.LINKS_SCHEMA).repartition(parts);
  }
}
