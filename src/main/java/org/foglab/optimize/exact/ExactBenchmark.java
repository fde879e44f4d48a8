package org.foglab.optimize.exact;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.foglab.network.Trace;

/**
 * Benchmark of the exact solvers on the scale-free instance of {@link ScaleFreeInstance}: the
 * Spark solver ({@link DistributedExactSolver}, plan materialised), the in-memory solver
 * ({@link ExactSolver}) and any external baselines (OR-Tools lives in test scope and plugs in
 * through {@link Baseline}). Prints one table row per method with time, peak heap, objective,
 * certified bound and gap, and the time ratio to the Spark solver.
 */
public final class ExactBenchmark {
  private ExactBenchmark() {}

  /**
   * Options of a run.
   *
   * @param devices number of devices
   * @param slots horizon T
   * @param attach Barabasi-Albert edges per new device
   * @param seed root seed
   * @param partitions time blocks of the Spark solver
   * @param linkDivisor the n of the link cost and capacity ranges (the device count in Section
   *     V-A)
   * @param inMemory also run the in-memory solver (needs the whole trace in the driver)
   * @param windowSlots initial half-width of the seam windows
   */
  public record Options(int devices, int slots, int attach, long seed, int partitions,
      double linkDivisor, boolean inMemory, int windowSlots) {
    public Options {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
      }
    }

    /** The benchmark of the issue: Section V-A ranges with n = devices, in-memory run included. */
    public static Options of(int devices, int slots, int attach, long seed, int partitions) {
      return new Options(devices, slots, attach, seed, partitions, devices, true, 4);
    }

    ScaleFreeInstance instance() {
      return new ScaleFreeInstance(devices, slots, attach, seed, 100, linkDivisor);
    }
  }

  /** An external solver measured on the in-memory trace. */
  public interface Baseline {
    String name();

    /** Solves; returns the objective under the linear model, or NaN with a note if it gave up. */
    Outcome solve(Trace tr);

    /** @param objective cost under the linear error model; @param note scaling, status, limits */
    record Outcome(double objective, String note) {}
  }

  /**
   * One table row.
   *
   * @param method solver
   * @param seconds wall-clock time of the solve
   * @param peakHeapGb largest heap in use during the solve (sampled every 20 ms), GB
   * @param objective total cost under the linear error model
   * @param bound certified lower bound (NaN if the method gives none)
   * @param gap relative gap to the bound (NaN without bound)
   * @param note status and details
   */
  public record Row(String method, double seconds, double peakHeapGb, double objective,
      double bound, double gap, String note) {}

  /** Runs the benchmark and prints the table to {@code out}. */
  public static List<Row> run(SparkSession spark, Options o, List<Baseline> baselines,
      PrintStream out) {
    ScaleFreeInstance inst = o.instance();
    List<Row> rows = new ArrayList<>();
    out.printf(Locale.ROOT, "exact benchmark: %d devices x %d slots, Barabasi-Albert m=%d, seed %d,"
        + " link ranges / %.0f, %d blocks, master %s, max heap %.1f GB%n", o.devices(), o.slots(),
        o.attach(), o.seed(), o.linkDivisor(), o.partitions(), spark.sparkContext().master(),
        Runtime.getRuntime().maxMemory() / 1e9);

    HeapSampler heap = new HeapSampler();
    long t0 = System.nanoTime();
    int genParts = Math.max(2, spark.sparkContext().defaultParallelism());
    Dataset<org.apache.spark.sql.Row> dev = inst.devicesFrame(spark, genParts)
        .persist(StorageLevel.MEMORY_ONLY());
    Dataset<org.apache.spark.sql.Row> links = inst.linksFrame(spark, 4 * genParts)
        .persist(StorageLevel.MEMORY_ONLY());
    long devRows = dev.count();
    long linkRows = links.count();
    out.printf(Locale.ROOT, "input tables: %d device rows, %d link rows, generated and cached in "
        + "%.1f s%n", devRows, linkRows, (System.nanoTime() - t0) * 1e-9);

    printHeader(out);
    heap.reset();
    long t1 = System.nanoTime();
    DistributedExactResult dr = DistributedExactSolver.builder().partitions(o.partitions())
        .windowSlots(o.windowSlots()).build().solve(dev, links, o.slots());
    long planRows = dr.plan().count();
    double sparkSeconds = (System.nanoTime() - t1) * 1e-9;
    ExactSummary s = dr.summary();
    rows.add(new Row("spark exact (" + s.blocks() + " blocks)", sparkSeconds, heap.peakGb(),
        s.primal(), s.bound(), s.gap(), String.format(Locale.ROOT,
            "%s, %d plan rows, %d searches, %d window rounds, %d windows (widest %d slots); "
            + "blocks %.1f s + windows %.1f s + merge/certify %.1f s + plan %.1f s", s.status(),
            planRows, s.searches(), s.windowRounds(), s.windows(), s.widestWindowSlots(),
            s.blockSeconds(), s.windowSeconds(), s.seconds() - s.blockSeconds()
                - s.windowSeconds(), sparkSeconds - s.seconds())));
    printRow(rows.get(0), sparkSeconds, s.primal(), out);
    dr.release();
    dev.unpersist();
    links.unpersist();

    if (o.inMemory() || !baselines.isEmpty()) {
      long tb = System.nanoTime();
      Trace tr = inst.toTrace();
      out.printf(Locale.ROOT, "in-memory trace: %d device-slots, %d links, built in %.1f s%n",
          tr.deviceSlots(), tr.links(), (System.nanoTime() - tb) * 1e-9);
      if (o.inMemory()) {
        heap.reset();
        ExactResult r = ExactSolver.builder().build().solve(tr);
        rows.add(new Row("in-memory exact", r.seconds(), heap.peakGb(), r.primal(), r.bound(),
            r.gap(), r.status() + ", " + r.searches() + " searches"));
        printRow(rows.get(rows.size() - 1), sparkSeconds, s.primal(), out);
      }
      for (Baseline b : baselines) {
        heap.reset();
        long tx = System.nanoTime();
        Baseline.Outcome bo = b.solve(tr);
        rows.add(new Row(b.name(), (System.nanoTime() - tx) * 1e-9, heap.peakGb(), bo.objective(),
            Double.NaN, Double.NaN, bo.note()));
        printRow(rows.get(rows.size() - 1), sparkSeconds, s.primal(), out);
      }
    }
    heap.close();
    return rows;
  }

  private static void printHeader(PrintStream out) {
    out.printf(Locale.ROOT, "%-26s %10s %9s %20s %20s %10s %12s %14s  %s%n", "method", "time s",
        "heap GB", "objective", "bound", "gap", "time/spark", "obj/spark-1", "note");
  }

  private static void printRow(Row r, double ref, double refObjective, PrintStream out) {
    out.printf(Locale.ROOT, "%-26s %10.2f %9.2f %20.6f %20.6f %10.2e %12.3f %14.2e  %s%n",
        r.method(), r.seconds(), r.peakHeapGb(), r.objective(), r.bound(), r.gap(),
        r.seconds() / ref, r.objective() / refObjective - 1, r.note());
    out.flush();
  }

  /** Samples the heap in use every 20 ms on a daemon thread. */
  static final class HeapSampler implements AutoCloseable {
    private volatile long peak;
    private volatile boolean running = true;
    private final Thread thread;

    HeapSampler() {
      thread = new Thread(() -> {
        Runtime rt = Runtime.getRuntime();
        while (running) {
          long used = rt.totalMemory() - rt.freeMemory();
          if (used > peak) {
            peak = used;
          }
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }, "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void reset() {
      System.gc();
      Runtime rt = Runtime.getRuntime();
      peak = rt.totalMemory() - rt.freeMemory();
    }

    double peakGb() {
      return peak / 1e9;
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
    }
  }

  /**
   * Direct run: {@code devices slots attach seed partitions [linkDivisor [windowSlots
   * [inMemory]]]}; the master comes from {@code -Dspark.master} (for example {@code local[2]}).
   */
  public static void main(String[] args) {
    if (args.length < 5) {
      throw new IllegalArgumentException(
          "usage: ExactBenchmark devices slots attach seed partitions [linkDivisor [windowSlots "
              + "[inMemory]]]");
    }
    int n = Integer.parseInt(args[0]);
    Options o = new Options(n, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
        Long.parseLong(args[3]), Integer.parseInt(args[4]),
        args.length > 5 ? Double.parseDouble(args[5]) : n,
        args.length <= 7 || Boolean.parseBoolean(args[7]),
        args.length > 6 ? Integer.parseInt(args[6]) : 4);
    SparkSession spark = SparkSession.builder().appName("foglab-bench-exact")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
    try {
      run(spark, o, List.of(), System.out);
    } finally {
      spark.stop();
    }
  }
}
