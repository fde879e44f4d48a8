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
import org.foglab.config.TraceSpec;
import org.foglab.network.DistributedTraceGenerator;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;
import org.foglab.network.TraceProblem;
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
    TraceSpec spec = ExactBenchmark.scaleFree(60, 24, 3, 5, 100.0 * 60 * 24);
    Trace tr = TraceGenerator.generate(spec);
    ExactResult mem = ExactSolver.builder().build().solve(tr);
    DistributedTraceGenerator.Tables tables = DistributedTraceGenerator.generate(spark, spec, 3);
    DistributedExactResult d = DistributedExactSolver.builder().partitions(3).build()
        .solve(tables.devices(), tables.links(), tr.slots());
    ExactSummary s = d.summary();
    System.out.println("scale-free partitions 3: " + s);
    assertEquals(ExactStatus.OPTIMAL, s.status());
    assertTrue(s.searches() > 0, "capacities bind on this instance, so the searches run");
    assertEquals(mem.primal(), s.primal(), COST_TOL * mem.primal());
    assertEquals(tr.links(), s.links(), "every link-slot of a present device-slot counted");
    assertSamePlan(rows(mem.plan()), rows(d.plan().collectAsList()), 1e-9, "partitions 3");
    d.release();
  }

  /** Stated tolerance (README, --method exact) between plans of different block counts. */
  static final double BLOCKS_TOLERANCE = 1e-12;

  /**
   * The plan does not depend on the number of time blocks beyond rounding: the same rows, each
   * amount and every cost within {@link #BLOCKS_TOLERANCE} relative (the blocks' searches add the
   * same flows in another order, so the last bits may differ); a given block count gives the
   * same plan bit for bit on every run.
   */
  @Test
  void oneAndFourPartitionsAgreeWithinTheStatedTolerance() {
    SparkSession spark = SparkTestSession.get();
    double worst = 0;
    for (long seed = 1; seed <= 3; seed++) {
      Trace tr = TraceFixtures.random(seed, 12, 16, 0.4, 0.4);
      Dataset<Row> dev = TraceFrames.devices(spark, tr, 2);
      Dataset<Row> lk = TraceFrames.links(spark, tr, 2);
      DistributedExactResult one = DistributedExactSolver.builder().partitions(1).build()
          .solve(dev, lk, tr.slots());
      DistributedExactResult four = DistributedExactSolver.builder().partitions(4).windowSlots(2)
          .build().solve(dev, lk, tr.slots());
      DistributedExactResult again = DistributedExactSolver.builder().partitions(4).windowSlots(2)
          .build().solve(dev, lk, tr.slots());
      assertTrue(four.summary().searches() > 0, "capacities bind, so the searches run");
      assertTrue(four.summary().windows() > 0, "seams are repaired");
      Map<String, Double> a = rows(one.plan().collectAsList());
      Map<String, Double> b = rows(four.plan().collectAsList());
      assertEquals(b, rows(again.plan().collectAsList()), "seed " + seed + ": 4 blocks, run to run");
      assertEquals(four.summary().totalCost(), again.summary().totalCost(), 0.0);
      assertEquals(new java.util.TreeSet<>(a.keySet()), new java.util.TreeSet<>(b.keySet()), "seed " + seed);
      for (Map.Entry<String, Double> e : a.entrySet()) {
        double x = e.getValue();
        double y = b.get(e.getKey());
        worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(x), 1));
        assertEquals(x, y, BLOCKS_TOLERANCE * Math.max(Math.abs(x), 1), "seed " + seed + " " + e.getKey());
      }
      ExactSummary s1 = one.summary();
      ExactSummary s4 = four.summary();
      for (double[] c : new double[][] {{s1.totalCost(), s4.totalCost()}, {s1.primal(), s4.primal()},
          {s1.processCost(), s4.processCost()}, {s1.transferCost(), s4.transferCost()},
          {s1.discardCost(), s4.discardCost()}}) {
        assertEquals(c[0], c[1], BLOCKS_TOLERANCE * Math.max(Math.abs(c[0]), 1), "seed " + seed);
      }
      one.release();
      four.release();
      again.release();
    }
    System.out.println("largest relative plan difference, 1 vs 4 blocks: " + worst);
  }

  /** Bytes of task results returned to the driver while {@code run} runs (Spark's own count). */
  private static long resultBytesToDriver(SparkSession spark, Runnable run) throws Exception {
    java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    org.apache.spark.scheduler.SparkListener l = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
          bytes.addAndGet(end.taskMetrics().resultSize());
        }
      }
    };
    spark.sparkContext().addSparkListener(l);
    try {
      run.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(l);
    }
    return bytes.get();
  }

  /**
   * Nothing proportional to the network reaches the driver: for 4x the devices (and links) under
   * the same slots and block count, the task results the driver receives (Spark's result sizes)
   * and the solver's own tally of what it broadcasts and collects stay the same to within a few
   * kilobytes (window statistics may differ by an entry), while one double per device and block,
   * as the former halo exchange through the driver sent, would add 4 blocks x 3,000 devices x 8
   * bytes = 96 KB, and the former id table about as much again.
   */
  @Test
  void driverStateDoesNotGrowWithTheDevices() throws Exception {
    SparkSession spark = SparkTestSession.get();
    int slots = 8;
    int blocks = 4;
    long[] result = new long[2];
    long[] tally = new long[2];
    long[] links = new long[2];
    int[] sizes = {1000, 4000};
    for (int q = 0; q < 2; q++) {
      TraceSpec spec = ExactBenchmark.scaleFree(sizes[q], slots, 2, 7, 100.0 * sizes[q] * slots);
      DistributedTraceGenerator.Tables tables = DistributedTraceGenerator.generate(spark, spec, 3);
      Dataset<Row> dev = tables.devices().cache();
      Dataset<Row> lk = tables.links().cache();
      dev.count();
      lk.count();
      DistributedExactResult[] d = new DistributedExactResult[1];
      result[q] = resultBytesToDriver(spark, () -> d[0] = DistributedExactSolver.builder()
          .partitions(blocks).windowSlots(2).build().solve(dev, lk, slots));
      ExactSummary s = d[0].summary();
      assertEquals(ExactStatus.OPTIMAL, s.status());
      assertTrue(s.searches() > 0 && s.windows() > 0, "capacities bind and seams are repaired");
      tally[q] = d[0].driverBytes();
      links[q] = s.links();
      d[0].release();
      dev.unpersist();
      lk.unpersist();
    }
    System.out.printf("driver: %d devices %d links: results %d B, tally %d B; %d devices %d "
        + "links: results %d B, tally %d B%n", sizes[0], links[0], result[0], tally[0], sizes[1],
        links[1], result[1], tally[1]);
    assertTrue(links[1] > 3 * links[0], "the larger network has about 4x the links");
    assertTrue(Math.abs(result[1] - result[0]) < 8_000,
        "task results to the driver grew from " + result[0] + " to " + result[1] + " bytes");
    assertTrue(Math.abs(tally[1] - tally[0]) < 2_000,
        "the solver's driver state grew from " + tally[0] + " to " + tally[1] + " bytes");
    assertTrue(tally[1] < 20_000, "driver state " + tally[1] + " bytes for 4 blocks");
  }

  /** Key problems come back as {@link TraceProblem.Found}, for the jobs to locate in the files. */
  @Test
  void reportsKeyProblemsForTheReaderToLocate() {
    SparkSession spark = SparkTestSession.get();
    Trace tr = TraceFixtures.random(3, 4, 2, 0.9, 1);
    Dataset<Row> dev = TraceFrames.devices(spark, tr, 1).filter("device != 'd03'");
    Dataset<Row> lk = TraceFrames.links(spark, tr, 1);
    TraceProblem unknown = problemOf(() -> DistributedExactSolver.builder().partitions(2).build()
        .solve(dev, lk, 2));
    assertTrue(unknown.kind() == TraceProblem.Kind.UNKNOWN_SRC
        || unknown.kind() == TraceProblem.Kind.UNKNOWN_DST, unknown.toString());
    assertEquals("d03", unknown.key().get(0));
    Dataset<Row> all = TraceFrames.devices(spark, tr, 1);
    Row one = all.filter("t = 2").first();
    TraceProblem dup = problemOf(() -> DistributedExactSolver.builder().partitions(2).build()
        .solve(all.union(all.filter("device = '" + one.getString(0) + "' AND t = 2")), lk, 2));
    assertEquals(TraceProblem.Kind.DUPLICATE_DEVICE_SLOT, dup.kind());
    assertEquals(List.of(one.getString(0), 2), dup.key());
    TraceProblem beyond = problemOf(() -> DistributedExactSolver.builder().partitions(1).build()
        .solve(all, lk, 1));
    assertEquals(TraceProblem.Kind.SLOT_BEYOND_HORIZON, beyond.kind());
  }

  private static TraceProblem problemOf(org.junit.jupiter.api.function.Executable run) {
    Exception e = assertThrows(Exception.class, run);
    TraceProblem p = TraceProblem.Found.in(e);
    assertTrue(p != null, "no located problem in " + e);
    return p;
  }
}
