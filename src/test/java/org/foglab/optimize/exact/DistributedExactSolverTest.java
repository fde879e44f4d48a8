package org.foglab.optimize.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;

class DistributedExactSolverTest {
  private static final double COST_TOL = 1e-9;

  /** Plan amounts keyed "src|t|dst" (dst "-" for discard). */
  private static Map<String, Double> rows(List<Row> rows) {
    Map<String, Double> m = new HashMap<>();
    for (Row r : rows) {
      String key = r.getString(0) + "|" + r.getInt(1) + "|" + (r.isNullAt(2) ? "-" : r.getString(2));
      assertFalse(m.containsKey(key), "duplicate plan row " + key);
      m.put(key, r.getDouble(3));
    }
    return m;
  }

  private static Map<String, Double> rows(Plan p) {
    Trace tr = p.trace();
    Map<String, Double> m = new HashMap<>();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      String src = tr.deviceId(tr.deviceOf(k));
      int t = tr.slotOf(k);
      if (p.kept(k) > 0) {
        m.put(src + "|" + t + "|" + src, p.kept(k));
      }
      if (p.discarded(k) > 0) {
        m.put(src + "|" + t + "|-", p.discarded(k));
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        if (p.offloaded(e) > 0) {
          m.put(src + "|" + t + "|" + tr.deviceId(tr.linkDst(e)), p.offloaded(e));
        }
      }
    }
    return m;
  }

  private static void assertSamePlan(Map<String, Double> want, Map<String, Double> got,
      double tol, String what) {
    for (Map.Entry<String, Double> e : want.entrySet()) {
      assertEquals(e.getValue(), got.getOrDefault(e.getKey(), 0.0), tol, what + " " + e.getKey());
    }
    for (Map.Entry<String, Double> e : got.entrySet()) {
      assertEquals(want.getOrDefault(e.getKey(), 0.0), e.getValue(), tol, what + " " + e.getKey());
    }
  }

  @Test
  void equalsInMemorySolverForOneAndThreePartitions() {
    SparkSession spark = SparkTestSession.get();
    // 24 slots in 3 blocks: two seam windows that stay apart; 6 slots in 3 blocks: the windows
    // (2 slots each side) overlap from the start and merge into one.
    Trace[] traces = {
        TraceFixtures.random(1, 10, 24, 0.15, 1.0),
        TraceFixtures.random(2, 10, 24, 0.5, 0.4),
        TraceFixtures.random(3, 8, 6, 0.5, 0.4)};
    int[] finalWindows = {2, 2, 1};
    for (int q = 0; q < traces.length; q++) {
      Trace tr = traces[q];
      ExactResult mem = ExactSolver.builder().build().solve(tr);
      Map<String, Double> want = rows(mem.plan());
      Dataset<Row> dev = TraceFrames.devices(spark, tr, 3);
      Dataset<Row> lk = TraceFrames.links(spark, tr, 3);
      // One partition (no seams) once; three partitions on every trace.
      for (int parts : q == 0 ? new int[] {1, 3} : new int[] {3}) {
        DistributedExactResult d = DistributedExactSolver.builder().partitions(parts)
            .windowSlots(2).build().solve(dev, lk, tr.slots());
        ExactSummary s = d.summary();
        String what = "trace " + q + " partitions " + parts;
        System.out.println(what + ": " + s);
        assertEquals(ExactStatus.OPTIMAL, s.status(), what);
        assertEquals(mem.primal(), s.primal(), COST_TOL * Math.max(1, mem.primal()), what);
        assertEquals(s.primal(), s.totalCost(), 1e-9 * Math.max(1, s.primal()), what);
        assertTrue(s.gap() <= 1e-6 && s.gap() > -1e-9, what + " gap " + s.gap());
        assertEquals(mem.evaluation().totalData(), s.totalData(), 1e-9 * s.totalData(), what);
        assertEquals(parts, s.blocks());
        assertEquals(parts == 1 ? 0 : finalWindows[q], s.windows(), what);
        assertSamePlan(want, rows(d.plan().collectAsList()), 1e-9, what);
        d.release();
      }
    }
  }

  @Test
  void equalsInMemorySolverOnScaleFreeInstance() {
    SparkSession spark = SparkTestSession.get();
    // Tables generated on the executors, as the benchmark does.
    ScaleFreeInstance inst = ScaleFreeInstance.of(60, 24, 3, 5);
    Trace tr = inst.toTrace();
    ExactResult mem = ExactSolver.builder().build().solve(tr);
    for (int parts : new int[] {3}) {
      DistributedExactResult d = DistributedExactSolver.builder().partitions(parts).build()
          .solve(inst.devicesFrame(spark, 3), inst.linksFrame(spark, 4), tr.slots());
      ExactSummary s = d.summary();
      System.out.println("scale-free partitions " + parts + ": " + s);
      assertEquals(ExactStatus.OPTIMAL, s.status());
      assertEquals(mem.primal(), s.primal(), COST_TOL * mem.primal(), "partitions " + parts);
      assertSamePlan(rows(mem.plan()), rows(d.plan().collectAsList()), 1e-9,
          "partitions " + parts);
      d.release();
    }
  }

  @Test
  void rejectsLinksToUnknownDevices() {
    SparkSession spark = SparkTestSession.get();
    Trace tr = TraceFixtures.random(3, 4, 2, 0.9, 1);
    Dataset<Row> dev = TraceFrames.devices(spark, tr, 1).filter("device != 'd03'");
    Dataset<Row> lk = TraceFrames.links(spark, tr, 1);
    Exception e = assertThrows(Exception.class, () -> DistributedExactSolver.builder()
        .partitions(2).build().solve(dev, lk, 2));
    Throwable c = e;
    while (c.getCause() != null && !(c instanceof IllegalArgumentException)) {
      c = c.getCause();
    }
    assertTrue(String.valueOf(c.getMessage()).contains("not in the devices table"),
        c.getMessage());
  }
}
