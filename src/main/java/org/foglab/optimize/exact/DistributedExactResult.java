package org.foglab.optimize.exact;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The result of {@link DistributedExactSolver}: the plan as a table in the plan format of
 * {@code docs/formats.md}, {@code (src string, t int, dst string, amount double)} with {@code dst = src}
 * for data processed where collected, another device for offloaded data and null for discarded
 * data (positive amounts only), and the result record.
 *
 * <p>The plan is computed from solved blocks cached on the executors; call {@link #release()}
 * once the plan has been written or is no longer needed.
 */
public final class DistributedExactResult {
  private final Dataset<Row> plan;
  private final ExactSummary summary;
  private final JavaPairRDD<Integer, TraceBlock> cached;
  private final long driverBytes;

  DistributedExactResult(Dataset<Row> plan, ExactSummary summary,
      JavaPairRDD<Integer, TraceBlock> cached, long driverBytes) {
    this.plan = plan;
    this.summary = summary;
    this.cached = cached;
    this.driverBytes = driverBytes;
  }

  /**
   * Bytes of the solver's own driver-side state: what it broadcast and what it collected, each
   * counted by its Java serialization. It depends on the number of time blocks and seam windows,
   * not on the number of devices or links.
   */
  public long driverBytes() {
    return driverBytes;
  }

  public Dataset<Row> plan() {
    return plan;
  }

  public ExactSummary summary() {
    return summary;
  }

  /** Drops the cached blocks behind {@link #plan()}. */
  public void release() {
    cached.unpersist(false);
  }
}
