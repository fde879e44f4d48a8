package org.foglab.optimize;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.network.Trace;

/**
 * The plan table of {@code docs/formats.md}: {@code (src, t, dst, amount)} with {@code dst = src} for data
 * processed where collected, another device for data offloaded over (src, dst) in slot t and
 * processed there in t + 1, and null for discarded data; positive amounts only.
 */
public final class PlanTable {
  private PlanTable() {}

  public static final StructType SCHEMA = new StructType()
      .add("src", DataTypes.StringType, false)
      .add("t", DataTypes.IntegerType, false)
      .add("dst", DataTypes.StringType, true)
      .add("amount", DataTypes.DoubleType, false);

  /** The rows of an in-memory plan, in (device-slot index, kept, links by destination, discarded) order. */
  public static List<Row> rows(Plan plan) {
    Trace tr = plan.trace();
    List<Row> out = new ArrayList<>();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (!tr.present(k)) {
        continue;
      }
      String src = tr.deviceId(tr.deviceOf(k));
      int t = tr.slotOf(k);
      if (plan.kept(k) > 0) {
        out.add(RowFactory.create(src, t, src, plan.kept(k)));
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        if (plan.offloaded(e) > 0) {
          out.add(RowFactory.create(src, t, tr.deviceId(tr.linkDst(e)), plan.offloaded(e)));
        }
      }
      if (plan.discarded(k) > 0) {
        out.add(RowFactory.create(src, t, null, plan.discarded(k)));
      }
    }
    return out;
  }

  /** The plan as a Spark table, from the driver's rows. */
  public static Dataset<Row> of(SparkSession spark, Plan plan) {
    return spark.createDataFrame(rows(plan), SCHEMA);
  }
}
