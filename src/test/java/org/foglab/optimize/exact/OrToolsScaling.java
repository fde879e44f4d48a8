package org.foglab.optimize.exact;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.foglab.bench.HeapSampler;
import org.foglab.config.TraceSpec;
import org.foglab.network.DistributedTraceGenerator;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;
import org.foglab.tables.Json;

/**
 * foglab's exact Spark solver against OR-Tools' min-cost flow ({@code SimpleMinCostFlow}) on the
 * {@code bench exact} instance at increasing sizes (test scope, as OR-Tools is a test dependency;
 * {@code jobs/bench-exact-ortools} runs it).
 *
 * <p>Same instance: OR-Tools needs integers, so the generated trace is first put on a grid,
 * amounts and capacities to multiples of {@code 1 / AMOUNT_SCALE} and costs to multiples of
 * {@code 1 / costScale} ({@link OrToolsBaselines#onGrid}); foglab solves that trace from its
 * tables (rounded by Spark with the same double arithmetic) and OR-Tools the same trace in memory
 * scaled to integers, which loses nothing. A min-cost flow with integer data has an integral
 * optimum, so both optima are the same number up to summation order, and the objectives must
 * agree within {@link #COST_TOLERANCE}; OR-Tools' must not be below foglab's certified bound.
 *
 * <p>For each number of devices: foglab's solve (tables generated, rounded and cached first;
 * plan materialised) and OR-Tools' (building its network and solving; the in-memory trace is
 * built apart), wall times and their ratio. Sizes run in the given order and stop after the first
 * one where OR-Tools took longer than the time limit (a min-cost flow solve cannot be
 * interrupted, so the limit decides whether to go on).
 *
 * <p>Arguments: {@code sizes slots attach seed partitions limitSeconds outDir}, sizes a comma
 * list of device counts. Writes {@code outDir/bench.json} after every size.
 */
public final class OrToolsScaling {
  private OrToolsScaling() {}

  /** Relative objective tolerance: the same optimum, summed in different orders. */
  static final double COST_TOLERANCE = 1e-9;

  /** Amounts and capacities to 1e-3 datapoints. */
  static final double AMOUNT_SCALE = 1e3;

  /**
   * Costs to {@code 1 / costScale}: the largest power of ten (at most 1e8) for which the total
   * cost of sending every datapoint at unit cost 2 stays below 2^62 in OR-Tools' integer units
   * (an optimal plan costs at most the discard cost, at most 1, per datapoint).
   */
  static double costScale(double totalData) {
    double s = 1e8;
    while (s > 1 && 2 * totalData * AMOUNT_SCALE * s > 0x1p62) {
      s /= 10;
    }
    return s;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 7) {
      throw new IllegalArgumentException("usage: OrToolsScaling sizes slots attach seed "
          + "partitions limitSeconds outDir");
    }
    String[] sizes = args[0].split(",");
    int slots = Integer.parseInt(args[1]);
    int attach = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    int partitions = Integer.parseInt(args[4]);
    double limit = Double.parseDouble(args[5]);
    Path dir = Path.of(args[6]);
    Files.createDirectories(dir);
    SparkSession spark = OrToolsComparison.session();
    List<Map<String, Object>> runs = new ArrayList<>();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("master", spark.sparkContext().master());
    json.put("slots", slots);
    json.put("attach", attach);
    json.put("seed", seed);
    json.put("partitions", partitions);
    json.put("time_limit_seconds", limit);
    json.put("cost_tolerance", COST_TOLERANCE);
    json.put("max_heap_gb", Runtime.getRuntime().maxMemory() / 1e9);
    json.put("runs", runs);
    try {
      for (String sz : sizes) {
        int n = Integer.parseInt(sz.trim());
        double total = 100.0 * n * slots; // Dmax = 100 datapoints per device-slot
        double costScale = costScale(total);
        TraceSpec spec = ExactBenchmark.scaleFree(n, slots, attach, seed, total);
        double loadBefore = HeapSampler.loadAverage();
        Map<String, Object> m = new LinkedHashMap<>();
        try (HeapSampler heap = new HeapSampler()) {
          long t0 = System.nanoTime();
          DistributedTraceGenerator.Tables tables =
              DistributedTraceGenerator.generate(spark, spec, 0);
          Dataset<Row> dev = tables.devices()
              .withColumn("data", OrToolsBaselines.onGridColumn("data", AMOUNT_SCALE))
              .withColumn("capacity", OrToolsBaselines.onGridColumn("capacity", AMOUNT_SCALE))
              .withColumn("process_cost", OrToolsBaselines.onGridColumn("process_cost", costScale))
              .withColumn("discard_cost", OrToolsBaselines.onGridColumn("discard_cost", costScale))
              .persist(StorageLevel.MEMORY_ONLY());
          Dataset<Row> lk = tables.links()
              .withColumn("capacity", OrToolsBaselines.onGridColumn("capacity", AMOUNT_SCALE))
              .withColumn("cost", OrToolsBaselines.onGridColumn("cost", costScale))
              .persist(StorageLevel.MEMORY_ONLY());
          long devRows = dev.count();
          long linkRows = lk.count();
          double generateSeconds = (System.nanoTime() - t0) * 1e-9;

          heap.reset();
          long t1 = System.nanoTime();
          DistributedExactResult dr = DistributedExactSolver.builder().partitions(partitions)
              .build().solve(dev, lk, slots);
          long planRows = dr.plan().count();
          double foglabSeconds = (System.nanoTime() - t1) * 1e-9;
          double foglabHeap = heap.peakGb();
          ExactSummary s = dr.summary();
          dr.release();
          dev.unpersist();
          lk.unpersist();

          long t2 = System.nanoTime();
          Trace tr = OrToolsBaselines.onGrid(TraceGenerator.generate(spec), AMOUNT_SCALE,
              costScale);
          double traceSeconds = (System.nanoTime() - t2) * 1e-9;
          heap.reset();
          long t3 = System.nanoTime();
          OrToolsBaselines.Solved mcf = OrToolsBaselines.minCostFlow(tr, AMOUNT_SCALE, costScale,
              true);
          double ortoolsSeconds = (System.nanoTime() - t3) * 1e-9;
          double rel = Math.abs(mcf.objective() - s.primal()) / Math.max(1, Math.abs(s.primal()));
          m.put("devices", n);
          m.put("device_slots", devRows);
          m.put("links", linkRows);
          m.put("generate_seconds", generateSeconds);
          m.put("foglab_status", s.status().name());
          m.put("foglab_gap", s.gap());
          m.put("foglab_seconds", foglabSeconds);
          m.put("foglab_plan_rows", planRows);
          m.put("foglab_objective", s.primal());
          m.put("foglab_bound", s.bound());
          m.put("foglab_peak_heap_gb", foglabHeap);
          m.put("in_memory_trace_seconds", traceSeconds);
          m.put("ortools_seconds", ortoolsSeconds);
          m.put("ortools_objective", Double.isNaN(mcf.objective()) ? null : mcf.objective());
          m.put("ortools_note", mcf.note());
          m.put("ortools_peak_java_heap_gb", heap.peakGb());
          m.put("amount_scale", AMOUNT_SCALE);
          m.put("cost_scale", costScale);
          m.put("relative_objective_difference", Double.isNaN(rel) ? null : rel);
          m.put("objectives_agree", rel <= COST_TOLERANCE);
          m.put("ortools_not_below_bound",
              mcf.objective() >= s.bound() - COST_TOLERANCE * Math.abs(s.bound()));
          m.put("foglab_over_ortools_time", foglabSeconds / ortoolsSeconds);
          m.put("load_average_before", loadBefore);
          m.put("load_average_after", HeapSampler.loadAverage());
          System.out.printf(Locale.ROOT, "%d devices x %d slots (%d links): foglab %.1f s (%s, "
              + "gap %.1e), OR-Tools min-cost flow %.1f s, foglab/OR-Tools time %.3f, objectives "
              + "%.6f and %.6f differ by %.2e relative (tolerance %.0e), load %.1f%n", n, slots,
              linkRows, foglabSeconds, s.status(), s.gap(), ortoolsSeconds,
              foglabSeconds / ortoolsSeconds, s.primal(), mcf.objective(), rel, COST_TOLERANCE,
              HeapSampler.loadAverage());
        }
        runs.add(m);
        json.put("largest_ortools_finished", n);
        json.put("command_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        Files.writeString(dir.resolve("bench.json"), Json.write(json));
        if (((Number) m.get("ortools_seconds")).doubleValue() > limit) {
          System.out.printf(Locale.ROOT, "OR-Tools took more than %.0f s at %d devices: stopping%n",
              limit, n);
          break;
        }
      }
    } finally {
      spark.stop();
    }
  }
}
