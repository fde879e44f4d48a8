package org.foglab.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
      for (int partitions : new int[] {1, 3, -1}) {
        // -1: automatic partitions with the next-slot costs broadcast to the links.
        DistributedClosedForm.Result r = DistributedClosedForm.solve(t.devices(), t.links(),
            spec.model().slots(), Math.max(0, partitions), partitions < 0);
        assertEquals(planRows(plan), TraceRows.of(r.plan()), c + " P=" + partitions);
        SolveSummary s = r.summary();
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
}
