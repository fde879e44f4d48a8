package org.foglab.optimize;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.InputError;
import org.foglab.network.Trace;

/**
 * Reads a plan that {@code solve} wrote ({@code <dir>/plan}, CSV or Parquet in
 * {@link PlanTable}'s layout) back into an in-memory {@link Plan} for the trace it was solved
 * on, and refuses one that does not fit the trace: a device or link the trace does not have, a
 * slot outside the horizon, a negative amount, or a device-slot whose kept, offloaded and
 * discarded amounts do not add up to the data the trace says it collected.
 */
public final class PlanReader {
  private PlanReader() {}

  /** Relative tolerance of the conservation check (the plan's amounts are printed doubles). */
  static final double TOLERANCE = 1e-9;

  /** The {@code plan} table inside a {@code solve} output directory (or the table itself). */
  public static Path planPath(SparkSession spark, String dir) {
    Path root = new Path(dir);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        throw new InputError(dir, -1, null, "no such plan directory");
      }
      Path nested = new Path(root, "plan");
      if (fs.exists(nested) && fs.getFileStatus(nested).isDirectory()) {
        return nested;
      }
      if (!fs.getFileStatus(root).isDirectory()) {
        throw new InputError(dir, -1, null, "a plan is the directory solve --out wrote (holding "
            + "plan/ and summary.json) or its plan/ table");
      }
      return root;
    } catch (IOException e) {
      throw new InputError(dir, -1, null, "cannot read the plan: " + e.getMessage());
    }
  }

  /** Reads and checks the plan in {@code dir} against {@code trace}. */
  public static Plan read(SparkSession spark, String dir, Trace trace) {
    Path path = planPath(spark, dir);
    boolean parquet;
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      parquet = false;
      boolean any = false;
      for (FileStatus f : fs.listStatus(path)) {
        String name = f.getPath().getName();
        if (name.startsWith("_") || name.startsWith(".")) {
          continue;
        }
        any = true;
        parquet |= name.endsWith(".parquet");
      }
      if (!any) {
        throw new InputError(path.toString(), -1, null, "the plan table has no files");
      }
    } catch (IOException e) {
      throw new InputError(path.toString(), -1, null, "cannot read the plan: " + e.getMessage());
    }
    Dataset<Row> table;
    try {
      table = parquet ? spark.read().parquet(path.toString())
          : spark.read().option("header", "true").option("mode", "FAILFAST")
              .schema(PlanTable.SCHEMA).csv(path.toString());
      for (String c : PlanTable.SCHEMA.fieldNames()) {
        table.schema().fieldIndex(c);
      }
    } catch (IllegalArgumentException e) {
      throw new InputError(path.toString(), -1, null, "a plan has the columns src, t, dst, "
          + "amount; this table has " + String.join(", ", tableColumns(spark, path, parquet)));
    }
    List<Row> rows;
    try {
      rows = table.select("src", "t", "dst", "amount").collectAsList();
    } catch (RuntimeException e) {
      throw new InputError(path.toString(), -1, null, "the plan table does not parse as src "
          + "(text), t (integer), dst (text or empty), amount (number)");
    }
    return fit(path.toString(), rows, trace);
  }

  private static String[] tableColumns(SparkSession spark, Path path, boolean parquet) {
    return (parquet ? spark.read().parquet(path.toString())
        : spark.read().option("header", "true").csv(path.toString())).schema().fieldNames();
  }

  /** Places plan rows {@code (src, t, dst, amount)} on {@code trace}'s indices and checks them. */
  static Plan fit(String where, List<Row> rows, Trace trace) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < trace.devices(); i++) {
      index.put(trace.deviceId(i), i);
    }
    double[] kept = new double[trace.deviceSlots()];
    double[] discarded = new double[trace.deviceSlots()];
    double[] offloaded = new double[trace.links()];
    String mismatch = "the plan in " + where + " is not for this trace: ";
    for (Row r : rows) {
      if (r.isNullAt(0) || r.isNullAt(1) || r.isNullAt(3)) {
        throw new InputError(where, -1, null, "a plan row has an empty src, t or amount");
      }
      String src = r.getString(0);
      int t = ((Number) r.get(1)).intValue();
      double amount = ((Number) r.get(3)).doubleValue();
      Integer i = index.get(src);
      if (i == null) {
        throw new InputError(mismatch + "it moves data of device " + src
            + ", which the trace does not have");
      }
      if (t < 1 || t > trace.slots()) {
        throw new InputError(mismatch + "it has slot " + t + " for device " + src
            + ", outside the trace's horizon 1.." + trace.slots());
      }
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw new InputError(where, -1, "amount", "device " + src + " slot " + t
            + " has amount " + amount + "; amounts are finite and non-negative");
      }
      int k = trace.index(i, t);
      if (!trace.present(k)) {
        throw new InputError(mismatch + "it moves data of device " + src + " in slot " + t
            + ", where the trace has no row for it");
      }
      String dst = r.isNullAt(2) ? null : r.getString(2);
      if (dst == null || dst.isEmpty()) {
        discarded[k] += amount;
      } else if (dst.equals(src)) {
        kept[k] += amount;
      } else {
        Integer j = index.get(dst);
        int link = -1;
        if (j != null) {
          for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
            if (trace.linkDst(e) == j) {
              link = e;
              break;
            }
          }
        }
        if (link < 0) {
          throw new InputError(mismatch + "it offloads from " + src + " to " + dst + " in slot "
              + t + ", a link the trace does not have");
        }
        offloaded[link] += amount;
      }
    }
    double[] moved = kept.clone();
    for (int k = 0; k < trace.deviceSlots(); k++) {
      moved[k] += discarded[k];
      for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
        moved[k] += offloaded[e];
      }
      double data = trace.present(k) ? trace.data(k) : 0;
      if (Math.abs(moved[k] - data) > TOLERANCE * Math.max(1, data)) {
        throw new InputError(String.format(Locale.ROOT, "%sdevice %s in slot %d collects %s "
            + "datapoints in the trace, but the plan keeps, offloads and discards %s", mismatch,
            trace.deviceId(trace.deviceOf(k)), trace.slotOf(k), num(data), num(moved[k])));
      }
    }
    return new Plan(trace, kept, discarded, offloaded);
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.9g", v);
  }
}
