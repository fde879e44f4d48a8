package org.foglab.theory;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark of Theorem 5's Spark Monte Carlo ({@link SparkOffloadingValue}) on a scale-free
 * graph generated in parallel by {@link ScaleFreeEdges}: wall time and peak memory of the whole
 * job (generation, shuffle by source, scan). In local mode the executors run inside the driver
 * JVM, so the process's peak resident set ({@code VmHWM}) covers everything.
 */
public final class OffloadingBenchmark {
  private OffloadingBenchmark() {}

  /**
   * @param devices devices of the generated graph
   * @param edgesPerDevice BA parameter m
   * @param trials Monte Carlo trials
   * @param seconds wall time of the job
   * @param peakRssBytes the JVM's peak resident set size ({@code VmHWM}), -1 if unknown
   * @param peakHeapBytes sum of the heap pools' peak usages
   * @param result the closed form and Monte Carlo
   */
  public record Result(long devices, int edgesPerDevice, int trials, double seconds,
      long peakRssBytes, long peakHeapBytes, OffloadingValue.Result result)
      implements Serializable {

    /** Fields of a summary.json, snake_case. */
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>(result.summary());
      m.put("edges_per_device", edgesPerDevice);
      m.put("seconds", seconds);
      m.put("peak_rss_bytes", peakRssBytes);
      m.put("peak_heap_bytes", peakHeapBytes);
      return m;
    }
  }

  /** Generates the BA graph and runs the Spark Monte Carlo on it. */
  public static Result run(SparkSession spark, long devices, int edgesPerDevice, int trials,
      int partitions, double costRange, long seed) {
    long t0 = System.nanoTime();
    Dataset<Row> edges = ScaleFreeEdges.dataFrame(spark, devices, edgesPerDevice, seed,
        partitions);
    var r = SparkOffloadingValue.of(new OffloadingValue.Options(costRange, trials, seed))
        .partitions(partitions).run(edges);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(devices, edgesPerDevice, trials, seconds, peakRss(), peakHeap(), r);
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: report unknown rather than guess.
      return -1;
    }
    return -1;
  }

  /**
   * {@code OffloadingBenchmark [devices] [m] [trials] [partitions] [seed]}, on {@code local[2]}
   * unless {@code spark.master} is set (defaults: 10,000,000 devices, m = 2, 10 trials, 64
   * partitions, seed 1).
   */
  public static void main(String[] args) {
    long devices = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int m = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int trials = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
    SparkSession spark = SparkSession.builder()
        .master(System.getProperty("spark.master", "local[2]"))
        .appName("foglab-offloading-benchmark")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", partitions)
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    try {
      Result r = run(spark, devices, m, trials, partitions, 1.0, seed);
      System.out.println(r.summary());
    } finally {
      spark.stop();
    }
  }
}
