package org.foglab.optimize.exact;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.foglab.bench.HeapSampler;
import org.foglab.tables.Json;

/**
 * foglab's exact Spark solver against OR-Tools' min-cost flow ({@code SimpleMinCostFlow}) on the
 * {@code bench exact} instance at increasing sizes (test scope, as OR-Tools is a test dependency;
 * {@code jobs/bench-exact-ortools} runs it): for each number of devices, the Spark solve (tables
 * generated and cached first, plan materialised) and OR-Tools on the same trace in memory, their
 * wall times, their ratio, and the objectives, which must agree within {@link #COST_TOLERANCE}.
 * Sizes run in the given order and stop after the first one where OR-Tools took longer than the
 * time limit (a min-cost flow solve cannot be interrupted, so the limit decides whether to go on).
 *
 * <p>Arguments: {@code sizes slots attach seed partitions limitSeconds outDir}, sizes a comma
 * list of device counts. Writes {@code outDir/bench.json} after every size.
 */
public final class OrToolsScaling {
  private OrToolsScaling() {}

  /**
   * Relative objective tolerance between the two solvers. OR-Tools needs integers: amounts are
   * scaled by {@link #AMOUNT_SCALE} and rounded, costs by {@link #costScale} and rounded, so its
   * plan, optimal for the rounded network, costs a little more or less than the real optimum:
   * each unit of flow crosses at most two costed arcs, so cost rounding moves the objective by at
   * most {@code total data / costScale} (relative: about 2e-7 at the scales below with unit costs
   * near 0.4), and the rounded supplies by at most {@code 0.5 / AMOUNT_SCALE} datapoints per
   * source (1e-5 of a datapoint per device-slot of 100 on average, independent in sign). 1e-6 is
   * the certification tolerance of the exact solver, above both.
   */
  static final double COST_TOLERANCE = 1e-6;

  /** Amounts to 1e-3 datapoints. */
  static final double AMOUNT_SCALE = 1e3;

  /**
   * Costs to {@code 1 / costScale}: the largest power of ten (at most 1e8) for which the total
   * cost of every datapoint's dearest outlet (unit costs at most 2) stays below 2^62 in OR-Tools'
   * integer units.
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
    SparkSession spark = SparkSession.builder().appName("foglab-bench-exact-ortools")
        .master(System.getProperty("spark.master", "local[2]"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
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
        ExactBenchmark.Options o = new ExactBenchmark.Options(
            ExactBenchmark.scaleFree(n, slots, attach, seed, total), partitions, false, 4, 1e-6,
            true);
        double loadBefore = HeapSampler.loadAverage();
        ExactBenchmark.Result r = ExactBenchmark.run(spark, o,
            List.of(OrToolsBaselines.minCostFlowBaseline(AMOUNT_SCALE, costScale)), System.out);
        ExactBenchmark.Row sparkRow = r.rows().get(0);
        ExactBenchmark.Row mcf = r.rows().get(1);
        double rel = Math.abs(mcf.objective() - sparkRow.objective())
            / Math.max(1, Math.abs(sparkRow.objective()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("devices", n);
        m.put("device_slots", r.deviceRows());
        m.put("links", r.linkRows());
        m.put("foglab_status", r.spark().status().name());
        m.put("foglab_gap", r.spark().gap());
        m.put("foglab_seconds", r.sparkSeconds());
        m.put("foglab_objective", sparkRow.objective());
        m.put("foglab_bound", sparkRow.bound());
        m.put("ortools_seconds", mcf.seconds());
        m.put("ortools_objective", Double.isNaN(mcf.objective()) ? null : mcf.objective());
        m.put("ortools_note", mcf.note());
        m.put("cost_scale", costScale);
        m.put("amount_scale", AMOUNT_SCALE);
        m.put("relative_objective_difference", Double.isNaN(rel) ? null : rel);
        m.put("objectives_agree", rel <= COST_TOLERANCE);
        m.put("ortools_below_bound", mcf.objective() < sparkRow.bound() * (1 - COST_TOLERANCE));
        m.put("foglab_over_ortools_time", r.sparkSeconds() / mcf.seconds());
        m.put("foglab_peak_heap_gb", sparkRow.peakHeapGb());
        m.put("ortools_peak_java_heap_gb", mcf.peakHeapGb());
        m.put("load_average_before", loadBefore);
        m.put("load_average_after", mcf.loadAverage());
        runs.add(m);
        json.put("largest_ortools_finished", n);
        json.put("command_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        Files.writeString(dir.resolve("bench.json"), Json.write(json));
        System.out.printf(Locale.ROOT, "%d devices x %d slots: foglab %.1f s, OR-Tools min-cost "
            + "flow %.1f s, ratio foglab/OR-Tools %.3f, objectives differ by %.2e relative "
            + "(tolerance %.0e); wrote %s%n", n, slots, r.sparkSeconds(), mcf.seconds(),
            r.sparkSeconds() / mcf.seconds(), rel, COST_TOLERANCE, dir.resolve("bench.json"));
        if (mcf.seconds() > limit) {
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
