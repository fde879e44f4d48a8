package org.foglab.optimize;

import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.foglab.network.TraceSchema;

/**
 * Theorem 3 as a Spark job, in Spark's own operators: a join attaches to every usable link
 * (i, j, t) its receiver's cost c_j(t+1); an aggregation by device-slot keeps the cheapest offer
 * (the smaller destination on ties, as {@link ClosedForm#solve} does); a join with the devices
 * applies the kernel's decision ({@link ClosedForm#decide}). Work is O(out-degree) per
 * device-slot. A second aggregation adds up processed loads per receiving device-slot to report
 * capacity violations. The plan rows are those of {@link ClosedForm#solve} on the same trace, for
 * any partitioning.
 */
public final class DistributedClosedForm {
  private DistributedClosedForm() {}

  /**
   * The solve's outputs.
   *
   * @param plan plan table (src, t, dst, amount), computed from what {@code release} drops
   * @param summary costs, status and violations
   * @param releaser drops the persisted decisions behind {@code plan}
   * @param writer writes the plan's part files from the tasks holding the decisions, or null
   *     for Spark's writer
   */
  public record Result(Dataset<Row> plan, SolveSummary summary, Runnable releaser,
      PlanWriter writer) {
    /** A result whose plan Spark's writer writes. */
    public Result(Dataset<Row> plan, SolveSummary summary, Runnable releaser) {
      this(plan, summary, releaser, null);
    }

    /** Drops the persisted decisions, once the plan is written or no longer needed. */
    public void release() {
      releaser.run();
    }
  }

  /** Writes a plan table's part files into a new directory; returns the rows written. */
  public interface PlanWriter {
    long write(String dir, org.foglab.network.TableFormat format);
  }

  /** Outlet code of offloading to the best link, for the decision column. */
  static final int OFFLOAD = 0;

  /** The kernel's decision as a column function: PROCESS, DISCARD or OFFLOAD. */
  static final UserDefinedFunction DECIDE = udf((UDF3<Double, Double, Double, Integer>)
      (pc, dc, offer) -> {
        int c = ClosedForm.decide(pc, dc, offer == null ? Double.POSITIVE_INFINITY : offer,
            offer == null ? -1 : OFFLOAD);
        return c;
      }, DataTypes.IntegerType).asNondeterministic().asNonNullable();

  /**
   * Solves a validated trace's tables (see {@link org.foglab.network.TraceReader}): joins each
   * usable link to its receiver's next-slot cost, keeps the cheapest offer of every device-slot
   * (ties to the smaller destination), applies the Theorem 3 decision, and checks the plan's
   * loads against node and link capacities (offers carry their receiver's capacity, so the check
   * is one aggregation of the plan). With {@code broadcastCosts} the devices table is broadcast
   * as dense arrays ({@link CompactClosedForm}: no row of the links table crosses a shuffle, no
   * SQL join or sort runs), unless its grid of devices times slots exceeds {@link #MAX_GRID}.
   */
  public static Result solve(Dataset<Row> devices, Dataset<Row> links, int horizon, int partitions,
      boolean broadcastCosts) {
    return solve(devices, links, horizon, partitions, broadcastCosts, -1);
  }

  /**
   * As {@link #solve(Dataset, Dataset, int, int, boolean)}, with the number of link rows when it
   * is known (a trace whose files match generate's checksums: its trace.json count), so the
   * links are scanned once; -1 counts them.
   */
  public static Result solve(Dataset<Row> devices, Dataset<Row> links, int horizon, int partitions,
      boolean broadcastCosts, long knownLinks) {
    return solve(devices, links, horizon, partitions, broadcastCosts, knownLinks, line -> { });
  }

  /** As {@link #solve(Dataset, Dataset, int, int, boolean, long)}, saying its steps to {@code say}. */
  public static Result solve(Dataset<Row> devices, Dataset<Row> links, int horizon, int partitions,
      boolean broadcastCosts, long knownLinks, java.util.function.Consumer<String> say) {
    if (broadcastCosts) {
      Result compact = CompactClosedForm.solve(devices, links, horizon, partitions, MAX_GRID,
          knownLinks, say);
      if (compact != null) {
        return compact;
      }
    }
    return joined(devices, links, horizon, partitions, knownLinks);
  }

  /**
   * Most device-slots (devices times horizon, rows or not) of the dense arrays the broadcast
   * path builds: 36 bytes each, about 1.8 GB on the driver and every executor at the limit.
   */
  static final long MAX_GRID = 50_000_000L;

  /** The SQL path: joins and aggregations, for devices tables too large to broadcast. */
  static Result joined(Dataset<Row> devices, Dataset<Row> links, int horizon, int partitions,
      long knownLinks) {
    long start = System.nanoTime();
    // The receiver's cost and capacity in the next slot: offers carry the capacity, so the
    // capacity check needs no second join with the devices.
    Dataset<Row> costs = devices.select(col(TraceSchema.DEVICE).as("_d"), col(TraceSchema.T).as("_t"),
        col(TraceSchema.PROCESS_COST).as("_pc"), col(TraceSchema.CAPACITY).as("_cap"));
    Dataset<Row> next = costs.select(col("_d").as("dst"), col("_t").minus(1).as("t"),
        col("_pc").as("next_cost"), col("_cap").as("next_cap"));
    Dataset<Row> offers = links.filter(col(TraceSchema.T).lt(horizon))
        .join(next, new String[] {"dst", "t"}, "inner")
        .select(col("src"), col("t"), struct(col(TraceSchema.COST).plus(col("next_cost")).as("offer"),
            col("dst"), col(TraceSchema.COST).as("cost"), col("next_cost"),
            col(TraceSchema.CAPACITY).as("capacity"), col("next_cap")).as("o"));
    if (partitions > 0) {
      offers = offers.repartition(partitions, col("src"), col("t"));
    }
    Dataset<Row> best = offers.groupBy(col("src"), col("t")).agg(min(col("o")).as("b"));
    Dataset<Row> decided = devices.join(best,
            devices.col(TraceSchema.DEVICE).equalTo(best.col("src"))
                .and(devices.col(TraceSchema.T).equalTo(best.col("t"))), "left")
        .select(devices.col(TraceSchema.DEVICE).as("src"), devices.col(TraceSchema.T).as("t"),
            col(TraceSchema.DATA).as("data"), col(TraceSchema.PROCESS_COST).as("pc"),
            col(TraceSchema.DISCARD_COST).as("dc"), devices.col(TraceSchema.CAPACITY).as("own_cap"),
            col("b"))
        .withColumn("choice", DECIDE.apply(col("pc"), col("dc"), col("b.offer")));
    Column data = col("data");
    Column process = col("choice").equalTo(ClosedForm.PROCESS);
    Column offload = col("choice").equalTo(OFFLOAD);
    Column discard = col("choice").equalTo(ClosedForm.DISCARD);
    Column linkCap = col("b.capacity");
    Dataset<Row> detail = decided.select(col("src"), col("t"),
            when(process, col("src")).when(offload, col("b.dst")).as("dst"),
            data.as("amount"),
            when(process, data.multiply(col("pc"))).when(offload, data.multiply(col("b.next_cost")))
                .otherwise(0.0).as("process_cost"),
            when(offload, data.multiply(col("b.cost"))).otherwise(0.0).as("transfer_cost"),
            when(discard, data.multiply(col("dc"))).otherwise(0.0).as("discard_cost"),
            when(offload.and(exceeds(data, linkCap)), data.minus(linkCap)).otherwise(0.0)
                .as("link_excess"),
            // The capacity of the device-slot that processes the data.
            when(process, col("own_cap")).when(offload, col("b.next_cap")).as("receiver_cap"))
        .persist(StorageLevel.MEMORY_AND_DISK());

    Row s = detail.agg(
        sum(when(col("dst").equalTo(col("src")), col("amount")).otherwise(0.0)),
        sum(when(col("dst").isNotNull().and(col("dst").notEqual(col("src"))), col("amount")).otherwise(0.0)),
        sum(when(col("dst").isNull(), col("amount")).otherwise(0.0)),
        sum("process_cost"), sum("transfer_cost"), sum("discard_cost"),
        sum(when(col("link_excess").gt(0), 1L).otherwise(0L)), sum("link_excess"), max("link_excess"),
        count(lit(1)), sum("amount"))
        .first();
    long linkCount = knownLinks >= 0 ? knownLinks : links.count();

    Column loadT = when(col("dst").equalTo(col("src")), col("t")).otherwise(col("t").plus(1));
    // Every row of a receiving device-slot carries that device-slot's capacity (null: unbounded).
    Dataset<Row> loads = detail.filter(col("dst").isNotNull().and(col("amount").gt(0)))
        .groupBy(col("dst").as("device"), loadT.as("t"))
        .agg(sum("amount").as("load"), max("receiver_cap").as("cap"));
    Column cap = col("cap");
    Row n = loads.select(when(exceeds(col("load"), cap), col("load").minus(cap)).otherwise(0.0).as("excess"))
        .agg(sum(when(col("excess").gt(0), 1L).otherwise(0L)), sum("excess"), max("excess"))
        .first();
    CapacityViolations v = new CapacityViolations(n.isNullAt(0) ? 0 : n.getLong(0),
        n.isNullAt(1) ? 0 : n.getDouble(1), n.isNullAt(2) ? 0 : n.getDouble(2),
        s.isNullAt(6) ? 0 : s.getLong(6), s.isNullAt(7) ? 0 : s.getDouble(7),
        s.isNullAt(8) ? 0 : s.getDouble(8));
    double seconds = (System.nanoTime() - start) / 1e9;
    SolveSummary summary = SolveSummary.closedForm(dbl(s, 3), dbl(s, 4), dbl(s, 5), dbl(s, 10),
        dbl(s, 0), dbl(s, 1), dbl(s, 2), v, s.getLong(9), linkCount, seconds);
    return new Result(detail.filter(col("amount").gt(0)).select("src", "t", "dst", "amount"), summary,
        () -> detail.unpersist(false));
  }

  /** {@link CapacityViolations#exceeds} as a column: false when the capacity is unbounded. */
  static Column exceeds(Column amount, Column capacity) {
    return capacity.isNotNull().and(amount.gt(capacity.plus(
        greatest(lit(1.0), capacity).multiply(CapacityViolations.RELATIVE_TOLERANCE))));
  }

  private static double dbl(Row r, int i) {
    return r.isNullAt(i) ? 0.0 : r.getDouble(i);
  }
}
