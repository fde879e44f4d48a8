package org.foglab.optimize;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.foglab.network.NextSlotOffers;
import org.foglab.network.TraceProblem;
import org.foglab.network.TraceSchema;

/**
 * Theorem 3 as a Spark job partitioned by device. {@link NextSlotOffers} attaches to every link
 * the receiver's processing cost in the next slot; then each partition walks its devices' slots in
 * (device, slot) order with their offers sorted by destination and applies the
 * {@link ClosedForm#choose} kernel, O(out-degree) per device-slot. A second pass adds up
 * processed loads per receiving device-slot to report capacity violations. The plan rows are
 * those of {@link ClosedForm#solve} on the same trace, for any partitioning.
 */
public final class DistributedClosedForm {
  private DistributedClosedForm() {}

  /** Plan rows with their cost contributions. */
  public static final StructType PLAN_DETAIL = new StructType()
      .add("src", DataTypes.StringType, false)
      .add("t", DataTypes.IntegerType, false)
      .add("dst", DataTypes.StringType, true)
      .add("amount", DataTypes.DoubleType, false)
      .add("process_cost", DataTypes.DoubleType, false)
      .add("transfer_cost", DataTypes.DoubleType, false)
      .add("discard_cost", DataTypes.DoubleType, false)
      .add("link_excess", DataTypes.DoubleType, false)
      // Bookkeeping rows carry counts so one pass gives the summary: 1 per device-slot, its data,
      // and the links seen (amount 0, filtered out of the plan).
      .add("device_slot", DataTypes.LongType, false)
      .add("data_total", DataTypes.DoubleType, false)
      .add("links_seen", DataTypes.LongType, false);

  /**
   * The solve's outputs.
   *
   * @param plan plan table (src, t, dst, amount), computed from {@code cached}
   * @param summary costs, status and violations
   * @param cached the persisted plan detail behind {@code plan}
   */
  public record Result(Dataset<Row> plan, SolveSummary summary, Dataset<Row> cached) {
    /** Drops the cached plan detail, once the plan is written or no longer needed. */
    public void release() {
      cached.unpersist(false);
    }
  }

  /**
   * Solves a trace's tables. Checks what the walks see (duplicate keys, unknown devices, slots
   * beyond the horizon) and throws {@link org.foglab.network.TraceProblem.Found} for the first
   * problem; everything else about the rows must have been validated by the reader.
   */
  public static Result solve(Dataset<Row> devices, Dataset<Row> links, int horizon, int partitions) {
    long start = System.nanoTime();
    int p = partitions > 0 ? partitions
        : Math.max(devices.sparkSession().sparkContext().defaultParallelism(),
            (int) Math.min(10_000, devices.rdd().getNumPartitions() + links.rdd().getNumPartitions()));
    Dataset<Row> offers = NextSlotOffers.of(devices, links, horizon, p)
        .select(col("src").as("key"), col("t"), lit(1).as("kind"), col("dst"), lit(0.0).as("data"),
            col("capacity"), col("cost").as("c1"), col("next_cost").as("c2"));
    Dataset<Row> own = devices.select(col(TraceSchema.DEVICE).as("key"), col("t"), lit(0).as("kind"),
        lit(null).cast(DataTypes.StringType).as("dst"), col(TraceSchema.DATA).as("data"),
        col(TraceSchema.CAPACITY), col(TraceSchema.PROCESS_COST).as("c1"),
        col(TraceSchema.DISCARD_COST).as("c2"));
    Dataset<Row> walk = own.unionByName(offers).repartition(p, col("key"))
        .sortWithinPartitions("key", "t", "kind", "dst");
    Dataset<Row> detail = walk.mapPartitions(
        (MapPartitionsFunction<Row, Row>) Walker::new, Encoders.row(PLAN_DETAIL))
        .persist(StorageLevel.MEMORY_AND_DISK());

    Row s = detail.agg(
        sum(when(col("dst").equalTo(col("src")), col("amount")).otherwise(0.0)),
        sum(when(col("dst").isNotNull().and(col("dst").notEqual(col("src"))), col("amount")).otherwise(0.0)),
        sum(when(col("dst").isNull(), col("amount")).otherwise(0.0)),
        sum("process_cost"), sum("transfer_cost"), sum("discard_cost"),
        sum(when(col("link_excess").gt(0), 1L).otherwise(0L)), sum("link_excess"), max("link_excess"),
        sum(col("device_slot")), sum(col("data_total")), sum(col("links_seen")))
        .first();

    Column loadT = when(col("dst").equalTo(col("src")), col("t")).otherwise(col("t").plus(1));
    Dataset<Row> loads = detail.filter(col("dst").isNotNull().and(col("amount").gt(0)))
        .groupBy(col("dst").as("device"), loadT.as("t")).agg(sum("amount").as("load"));
    Column cap = col(TraceSchema.CAPACITY);
    Column excess = when(cap.isNotNull().and(col("load").gt(cap.plus(
        org.apache.spark.sql.functions.greatest(lit(1.0), cap).multiply(CapacityViolations.RELATIVE_TOLERANCE)))),
        col("load").minus(cap)).otherwise(0.0);
    Row n = loads.join(devices.select(col(TraceSchema.DEVICE).as("device"), col("t"), cap),
            new String[] {"device", "t"}, "left")
        .select(coalesce(excess, lit(0.0)).as("excess"))
        .agg(sum(when(col("excess").gt(0), 1L).otherwise(0L)), sum("excess"), max("excess"))
        .first();
    CapacityViolations v = new CapacityViolations(n.isNullAt(0) ? 0 : n.getLong(0),
        n.isNullAt(1) ? 0 : n.getDouble(1), n.isNullAt(2) ? 0 : n.getDouble(2),
        s.isNullAt(6) ? 0 : s.getLong(6), s.isNullAt(7) ? 0 : s.getDouble(7),
        s.isNullAt(8) ? 0 : s.getDouble(8));
    double seconds = (System.nanoTime() - start) / 1e9;
    SolveSummary summary = SolveSummary.closedForm(dbl(s, 3), dbl(s, 4), dbl(s, 5), dbl(s, 10),
        dbl(s, 0), dbl(s, 1), dbl(s, 2), v, s.isNullAt(9) ? 0 : s.getLong(9),
        s.isNullAt(11) ? 0 : s.getLong(11), seconds);
    return new Result(detail.filter(col("amount").gt(0)).select("src", "t", "dst", "amount"), summary,
        detail);
  }

  private static double dbl(Row r, int i) {
    return r.isNullAt(i) ? 0.0 : r.getDouble(i);
  }

  /**
   * Walks one partition's (device, slot) groups in order and emits their plan rows: the
   * decision's row carries the group's bookkeeping (a device-slot, its data, its links).
   */
  static final class Walker implements Iterator<Row> {
    private final Iterator<Row> in;
    private Row pending;
    private Row out;
    private String key;
    private boolean keyHasDevice;
    private boolean keyHasLinks;
    private double[] offer = new double[16];
    private double[] linkCost = new double[16];
    private double[] nextCost = new double[16];
    private double[] linkCap = new double[16];
    private String[] dst = new String[16];

    Walker(Iterator<Row> in) {
      this.in = in;
      this.pending = in.hasNext() ? in.next() : null;
      advance();
    }

    private Row take() {
      Row r = pending;
      pending = in.hasNext() ? in.next() : null;
      return r;
    }

    private void advance() {
      out = null;
      while (out == null && pending != null) {
        Row head = take();
        String k = head.getString(0);
        if (!k.equals(key)) {
          endKey();
          key = k;
          keyHasDevice = false;
          keyHasLinks = false;
        }
        int t = head.getInt(1);
        Row device = head.getInt(2) == 0 ? head : null;
        int m = 0;
        long seen = 0;
        String last = null;
        if (device == null) {
          m = addOffer(head, m);
          last = head.getString(3);
          seen++;
        }
        while (pending != null && pending.getInt(1) == t && pending.getString(0).equals(k)) {
          Row r = take();
          String d = r.getString(3);
          if (d.equals(last)) {
            throw TraceProblem.duplicateLink(k, d, t);
          }
          last = d;
          seen++;
          m = addOffer(r, m);
        }
        keyHasLinks |= seen > 0;
        if (device == null) {
          continue; // links of a device-slot without a row carry nothing
        }
        keyHasDevice = true;
        double data = device.getDouble(4);
        double pc = device.getDouble(6);
        double dc = device.getDouble(7);
        if (data == 0) {
          out = RowFactory.create(k, t, k, 0.0, 0.0, 0.0, 0.0, 0.0, 1L, 0.0, seen);
          continue;
        }
        int choice = ClosedForm.choose(pc, dc, offer, 0, m);
        if (choice == ClosedForm.PROCESS) {
          out = RowFactory.create(k, t, k, data, data * pc, 0.0, 0.0, 0.0, 1L, data, seen);
        } else if (choice == ClosedForm.DISCARD) {
          out = RowFactory.create(k, t, null, data, 0.0, 0.0, data * dc, 0.0, 1L, data, seen);
        } else {
          double cap = linkCap[choice];
          double excess = CapacityViolations.exceeds(data, cap) ? data - cap : 0.0;
          out = RowFactory.create(k, t, dst[choice], data, data * nextCost[choice],
              data * linkCost[choice], 0.0, excess, 1L, data, seen);
        }
      }
      if (out == null) {
        endKey();
        key = null;
      }
    }

    private void endKey() {
      if (key != null && keyHasLinks && !keyHasDevice) {
        throw TraceProblem.unknownSrc(key);
      }
    }

    /** Adds an offer; links unusable as outlets (no receiver next slot) get an infinite price. */
    private int addOffer(Row r, int m) {
      if (m == offer.length) {
        int c = m * 2;
        offer = Arrays.copyOf(offer, c);
        linkCost = Arrays.copyOf(linkCost, c);
        nextCost = Arrays.copyOf(nextCost, c);
        linkCap = Arrays.copyOf(linkCap, c);
        dst = Arrays.copyOf(dst, c);
      }
      dst[m] = r.getString(3);
      linkCap[m] = r.isNullAt(5) ? Double.POSITIVE_INFINITY : r.getDouble(5);
      linkCost[m] = r.getDouble(6);
      nextCost[m] = r.isNullAt(7) ? Double.POSITIVE_INFINITY : r.getDouble(7);
      offer[m] = linkCost[m] + nextCost[m];
      return m + 1;
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
