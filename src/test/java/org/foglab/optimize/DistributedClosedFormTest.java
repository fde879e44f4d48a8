package org.foglab.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.TraceSpec;
import org.foglab.network.DistributedTraceGenerator;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;
import org.foglab.testutil.SparkTestSession;
import org.foglab.testutil.Specs;
import org.foglab.testutil.TraceRows;
import org.junit.jupiter.api.Test;

/** The Spark solve equals the in-memory closed form, row for row, for any partition count. */
class DistributedClosedFormTest {

  static List<String> planRows(Plan p) {
    Trace tr = p.trace();
    List<String> rows = new ArrayList<>();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      String src = tr.deviceId(tr.deviceOf(k));
      int t = tr.slotOf(k);
      if (p.kept(k) > 0) {
        rows.add(src + "," + t + "," + src + "," + p.kept(k));
      }
      if (p.discarded(k) > 0) {
        rows.add(src + "," + t + ",inf," + p.discarded(k));
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        if (p.offloaded(e) > 0) {
          rows.add(src + "," + t + "," + tr.deviceId(tr.linkDst(e)) + "," + p.offloaded(e));
        }
      }
    }
    Collections.sort(rows);
    return rows;
  }

  @Test
  void sparkPlanAndSummaryEqualTheInMemoryOnes() {
    SparkSession spark = SparkTestSession.get();
    List<Map<String, Object>> cases = List.of(
        Map.of("topology", "scale-free", "devices", 150, "slots", 5, "attach", 2,
            "dynamics.active-probability", 0.8, "dynamics.link-up-probability", 0.8),
        Map.of("topology", "full", "devices", 10, "slots", 6, "capacities.enabled", false),
        Map.of("topology", "small-world", "devices", 60, "slots", 4, "neighbors", 4));
    for (Map<String, Object> c : cases) {
      TraceSpec spec = Specs.trace(c);
      Trace tr = TraceGenerator.generate(spec);
      Plan plan = ClosedForm.solve(tr);
      PlanEvaluation e = PlanEvaluation.of(plan);
      DistributedTraceGenerator.Tables t = DistributedTraceGenerator.generate(spark, spec, 2);
      SolveSummary compactFirst = null;
      // Both paths: the joins, and the dense arrays broadcast (blocks of 4 devices, so the
      // device ranges, the offer shuffle and the load shuffle have several partitions), with 1, 3
      // and the automatic number of partitions, and links spread over 5 input partitions.
      for (int run = 0; run < 6; run++) {
        boolean compact = run >= 3;
        int partitions = new int[] {1, 3, 0}[run % 3];
        DistributedClosedForm.Result r = compact
            ? CompactClosedForm.solve(t.devices(), t.links().repartition(run == 4 ? 5 : 1),
                spec.model().slots(), partitions, Long.MAX_VALUE, -1, 4, line -> { })
            : DistributedClosedForm.joined(t.devices(), t.links(), spec.model().slots(),
                partitions, -1);
        assertEquals(planRows(plan), TraceRows.of(r.plan()), c + " P=" + partitions
            + (compact ? " compact" : " joined"));
        SolveSummary s = r.summary();
        r.release();
        if (compact) {
          // The dense path sums in a fixed order: the same bits for any partitioning.
          SolveSummary timeless = s.requestedAs(s.requested(), 0);
          if (compactFirst == null) {
            compactFirst = timeless;
          } else {
            assertEquals(compactFirst, timeless, c + " P=" + partitions);
          }
        }
        double tol = 1e-9 * Math.max(1, e.totalCost());
        assertEquals(e.processCost(), s.processCost(), tol);
        assertEquals(e.transferCost(), s.transferCost(), tol);
        assertEquals(e.discardCost(), s.discardCost(), tol);
        assertEquals(e.totalData(), s.totalData(), 1e-9 * e.totalData());
        assertEquals(e.offloadedData(), s.offloadedData(), 1e-9 * e.totalData());
        assertEquals(e.capacity().nodeSlots(), s.violations().nodeSlots());
        assertEquals(e.capacity().links(), s.violations().links());
        assertEquals(e.capacity().nodeExcess(), s.violations().nodeExcess(), 1e-9 * e.totalData());
        assertEquals(e.capacity().linkExcess(), s.violations().linkExcess(), 1e-9 * e.totalData());
        assertEquals(e.capacity().any() ? SolveStatus.CAPACITY_VIOLATED : SolveStatus.OPTIMAL, s.status());
      }
    }
  }

  /**
   * Ties between equal offers go to the smaller destination whichever task saw which link; a
   * device-slot whose range receives no offers is still decided; loads from two senders add up
   * against the receiver's next-slot capacity; link capacities are checked; links in the last
   * slot offer nothing. Expected values worked out by hand.
   */
  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path tmp;

  @Test
  void tiesRangesAndCapacitiesAgreeWithHandWorkedValues() {
    SparkSession spark = SparkTestSession.get();
    // device, t, data, capacity, process, discard
    List<Row> dev = List.of(
        RowFactory.create("a", 1, 10.0, 100.0, 5.0, 9.0),
        RowFactory.create("b", 1, 0.0, null, 1.0, 9.0),
        RowFactory.create("b", 2, 0.0, 12.0, 1.0, 9.0),
        RowFactory.create("c", 2, 0.0, null, 1.0, 9.0),
        RowFactory.create("d", 1, 4.0, null, 5.0, 9.0),
        RowFactory.create("e", 1, 3.0, 1.0, 9.0, 2.0),
        RowFactory.create("e", 2, 6.0, null, 4.0, 9.0),
        RowFactory.create("z", 1, 7.0, 1.0, 0.5, 9.0),
        RowFactory.create("z", 2, 2.0, null, 0.5, 9.0));
    // src, dst, t, capacity, cost
    List<Row> lk = List.of(
        RowFactory.create("a", "c", 1, null, 1.0),
        RowFactory.create("a", "b", 1, 8.0, 1.0),
        RowFactory.create("d", "b", 1, null, 2.0),
        RowFactory.create("e", "z", 2, null, 0.1));
    org.apache.spark.sql.Dataset<Row> devices =
        spark.createDataFrame(dev, org.foglab.network.TraceSchema.DEVICES_SCHEMA);
    org.apache.spark.sql.Dataset<Row> links =
        spark.createDataFrame(lk, org.foglab.network.TraceSchema.LINKS_SCHEMA).repartition(3);
    // a,1: process 5, discard 9, offers b and c both 1 + 1 = 2: offload to b (10 over a link of
    // capacity 8: link excess 2). d,1: offer b 2 + 1 = 3 < 5: offload 4 to b. b,2 loads 14 > 12:
    // node excess 2. e,1: discard 2 < 9 (no links in slot 1). e,2: last slot, its link offers
    // nothing: process at 4. z,1: process 7 at 0.5 over a capacity of 1: node excess 6.
    List<String> expected = new ArrayList<>(List.of("a,1,b,10.0", "d,1,b,4.0", "e,1,inf,3.0",
        "e,2,e,6.0", "z,1,z,7.0", "z,2,z,2.0"));
    Collections.sort(expected);
    for (int block : new int[] {1, 2, 1024}) {
      for (int partitions : new int[] {1, 2, 6}) {
        DistributedClosedForm.Result r = CompactClosedForm.solve(devices, links, 2, partitions,
            Long.MAX_VALUE, -1, block, line -> { });
        assertEquals(expected, TraceRows.of(r.plan()), "block " + block + " P=" + partitions);
        // The part files the tasks write hold the same rows, in either format.
        for (org.foglab.network.TableFormat f : org.foglab.network.TableFormat.values()) {
          String dir = tmp.resolve("plan-" + block + "-" + partitions + "-" + f).toString();
          assertEquals(expected.size(), r.writer().write(dir, f));
          org.apache.spark.sql.Dataset<Row> back = f == org.foglab.network.TableFormat.CSV
              ? spark.read().option("header", "true").schema(PlanTable.SCHEMA).csv(dir)
              : spark.read().parquet(dir);
          assertEquals(expected, TraceRows.of(back), f + " block " + block + " P=" + partitions);
        }
        SolveSummary s = r.summary();
        r.release();
        assertEquals(10 * 1.0 + 4 * 1.0 + 6 * 4.0 + 7 * 0.5 + 2 * 0.5, s.processCost(), 0.0);
        assertEquals(10 * 1.0 + 4 * 2.0, s.transferCost(), 0.0);
        assertEquals(3 * 2.0, s.discardCost(), 0.0);
        assertEquals(32.0, s.totalData(), 0.0);
        assertEquals(14.0, s.offloadedData(), 0.0);
        assertEquals(3.0, s.discardedData(), 0.0);
        assertEquals(9, s.deviceSlots());
        assertEquals(4, s.links());
        assertEquals(new CapacityViolations(2, 2.0 + 6.0, 6.0, 1, 2.0, 2.0), s.violations());
        DistributedClosedForm.Result j = DistributedClosedForm.joined(devices, links, 2,
            partitions, -1);
        assertEquals(expected, TraceRows.of(j.plan()));
        assertEquals(s.violations(), j.summary().violations());
        j.release();
      }
    }
  }
}
