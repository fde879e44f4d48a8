package org.foglab.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Attaches to every link (i, j, t) the receiver's processing cost c_j(t+1), the price of the
 * link as an outlet. One shuffle brings each device's rows and the links into it together;
 * walking them also validates what only a per-device view shows: duplicate device-slots, links
 * to devices the trace does not have, and slots beyond the horizon ({@link TraceProblem}).
 */
public final class NextSlotOffers {
  private NextSlotOffers() {}

  /** Links with the receiver's next-slot cost (null when the link is unusable as an outlet). */
  public static final StructType SCHEMA = new StructType()
      .add("src", DataTypes.StringType, false)
      .add("t", DataTypes.IntegerType, false)
      .add("dst", DataTypes.StringType, false)
      .add("capacity", DataTypes.DoubleType, true)
      .add("cost", DataTypes.DoubleType, false)
      .add("next_cost", DataTypes.DoubleType, true);

  static final StructType WALK = new StructType()
      .add("key", DataTypes.StringType, false)
      .add("kind", DataTypes.IntegerType, false)
      .add("t", DataTypes.IntegerType, false)
      .add("other", DataTypes.StringType, true)
      .add("capacity", DataTypes.DoubleType, true)
      .add("cost", DataTypes.DoubleType, false);

  public static Dataset<Row> of(Dataset<Row> devices, Dataset<Row> links, int horizon,
      int partitions) {
    Dataset<Row> own = devices.select(col(TraceSchema.DEVICE).as("key"), lit(0).as("kind"),
        col(TraceSchema.T), lit(null).cast(DataTypes.StringType).as("other"),
        lit(null).cast(DataTypes.DoubleType).as("capacity"), col(TraceSchema.PROCESS_COST).as("cost"));
    Dataset<Row> into = links.select(col(TraceSchema.DST).as("key"), lit(1).as("kind"),
        col(TraceSchema.T), col(TraceSchema.SRC).as("other"), col(TraceSchema.CAPACITY),
        col(TraceSchema.COST));
    return own.unionByName(into).repartition(partitions, col("key"))
        .sortWithinPartitions("key", "kind", "t", "other")
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new Walker(it, horizon),
            Encoders.row(SCHEMA));
  }

  /** Per device: its slots' costs, then the links into it. */
  static final class Walker implements Iterator<Row> {
    private final Iterator<Row> in;
    private final int horizon;
    private Row pending;
    private String key;
    private int[] slots = new int[16];
    private double[] costs = new double[16];
    private int count;
    private Row out;

    Walker(Iterator<Row> in, int horizon) {
      this.in = in;
      this.horizon = horizon;
      pending = in.hasNext() ? in.next() : null;
      advance();
    }

    private void advance() {
      out = null;
      while (out == null && pending != null) {
        Row r = pending;
        pending = in.hasNext() ? in.next() : null;
        String k = r.getString(0);
        if (!k.equals(key)) {
          key = k;
          count = 0;
        }
        int t = r.getInt(2);
        if (r.getInt(1) == 0) {
          if (t > horizon) {
            throw TraceProblem.beyondHorizon(k, t);
          }
          if (count > 0 && slots[count - 1] == t) {
            throw TraceProblem.duplicateDeviceSlot(k, t);
          }
          if (count == slots.length) {
            slots = Arrays.copyOf(slots, count * 2);
            costs = Arrays.copyOf(costs, count * 2);
          }
          slots[count] = t;
          costs[count++] = r.getDouble(5);
          continue;
        }
        if (count == 0) {
          throw TraceProblem.unknownDst(k);
        }
        Double next = null;
        if (t < horizon) {
          int at = Arrays.binarySearch(slots, 0, count, t + 1);
          if (at >= 0) {
            next = costs[at];
          }
        }
        out = RowFactory.create(r.getString(3), t, k, r.isNullAt(4) ? null : r.getDouble(4),
            r.getDouble(5), next);
      }
    }

    @Override
    public boolean hasNext() {
      return out != null;
    }

    @Override
    public Row next() {
      if (out == null) {
        throw new NoSuchElementException();
      }
      Row r = out;
      advance();
      return r;
    }
  }
}
