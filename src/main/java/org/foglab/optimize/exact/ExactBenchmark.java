package org.foglab.optimize.exact;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.foglab.bench.HeapSampler;
import org.foglab.config.ConfigLoader;
import org.foglab.config.Settings;
import org.foglab.config.TraceSpec;
import org.foglab.network.DistributedTraceGenerator;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;

/**
 * Benchmark of the exact solvers on a synthetic trace of the project's generator (by default the
 * issue's instance: a Barabasi-Albert scale-free network with Section V-A costs and capacities,
 * {@link #scaleFree}): the Spark solver ({@link DistributedExactSolver}, plan materialised), the
 * in-memory solver ({@link ExactSolver}) and any external baselines (OR-Tools lives in test scope
 * and plugs in through {@link Baseline}). Prints one table row per method with time, peak heap,
 * objective, certified bound and gap, and the time ratio to the Spark solver.
 */
public final class ExactBenchmark {
  private ExactBenchmark() {}

  /**
   * Options of a run.
   *
   * @param trace the trace to generate
   * @param partitions time blocks of the Spark solver (at least 1)
   * @param inMemory also run the in-memory solver (needs the whole trace in the driver)
   * @param windowSlots initial half-width of the seam windows
   * @param gapTolerance relative gap the solvers must certify
   * @param cacheInput generate and cache the input tables before the solve (timed apart); false
   *     streams them from the generator into the solver, so the solve's time includes generating
   *     them and no heap holds them whole (the 100,000-device run)
   */
  public record Options(TraceSpec trace, int partitions, boolean inMemory, int windowSlots,
      double gapTolerance, boolean cacheInput) {
    public Options {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
      }
    }

    /** Options with the input tables cached before the solve. */
    public Options(TraceSpec trace, int partitions, boolean inMemory, int windowSlots,
        double gapTolerance) {
      this(trace, partitions, inMemory, windowSlots, gapTolerance, true);
    }
  }

  /**
   * The instance: scale-free (Barabasi-Albert, {@code attach} links per new device, mean
   * degree about {@code 2 attach}) with the Section V-A model of reference.conf and capacities on:
   * {@code c_i(t) ~ U(0, 1)}, {@code f_i(t) ~ U(0, 1)}, {@code c_ij(t) ~ U(0, 1/n)},
   * {@code D_i(t) ~ U(0, Dmax)}, {@code C_i(t) ~ U(0, 4 Dmax)}, {@code C_ij(t) ~ U(0, 4 Dmax / n)},
   * with {@code Dmax = dataTotal / (n T)}.
   */
  public static TraceSpec scaleFree(int devices, int slots, int attach, long seed,
      double dataTotal) {
    Map<String, Object> o = Map.of("foglab.generate.topology", "scale-free",
        "foglab.generate.devices", devices, "foglab.generate.slots", slots,
        "foglab.generate.attach", attach, "foglab.seed", seed,
        "foglab.generate.data.total", dataTotal, "foglab.generate.capacities.enabled", true);
    return TraceSpec.read(new Settings(com.typesafe.config.ConfigFactory.parseMap(o)
        .withFallback(ConfigLoader.reference()).resolve(), "foglab"));
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
   * @param loadAverage the machine's one-minute load average when the solve ended
   * @param note status and details
   */
  public record Row(String method, double seconds, double peakHeapGb, double objective,
      double bound, double gap, double loadAverage, String note) {}

  /**
   * A run's figures.
   *
   * @param rows one per method, the Spark solver first
   * @param spark the Spark solver's summary
   * @param deviceRows device rows of the trace
   * @param linkRows link rows of the trace
   * @param generateSeconds time to generate and cache the tables (NaN when not cached: the
   *     solve generates them)
   * @param sparkSeconds the Spark solve with the plan materialised
   * @param planRows plan rows
   * @param driverBytes the Spark solver's driver-side state (broadcast and collected), bytes
   */
  public record Result(List<Row> rows, ExactSummary spark, long deviceRows, long linkRows,
      double generateSeconds, double sparkSeconds, long planRows, long driverBytes) {}

  /** Runs the benchmark and prints the table to {@code out}. */
  public static Result run(SparkSession spark, Options o, List<Baseline> baselines,
      PrintStream out) {
    TraceSpec spec = o.trace();
    List<Row> rows = new ArrayList<>();
    out.printf(Locale.ROOT, "exact benchmark: %d devices x %d slots, %s (attach %d), seed %d, "
        + "%d blocks, master %s, max heap %.1f GB, load average %.2f%n",
        spec.network().devices(), spec.model().slots(), spec.network().topology().configName(),
        spec.network().attach(), spec.seed(), o.partitions(), spark.sparkContext().master(),
        Runtime.getRuntime().maxMemory() / 1e9, HeapSampler.loadAverage());

    try (HeapSampler heap = new HeapSampler()) {
      long t0 = System.nanoTime();
      DistributedTraceGenerator.Tables tables = DistributedTraceGenerator.generate(spark, spec, 0);
      Dataset<org.apache.spark.sql.Row> dev = tables.devices();
      Dataset<org.apache.spark.sql.Row> links = tables.links();
      long devRows = -1;
      long linkRows = -1;
      double generateSeconds = Double.NaN;
      if (o.cacheInput()) {
        dev = dev.persist(StorageLevel.MEMORY_ONLY());
        links = links.persist(StorageLevel.MEMORY_ONLY());
        devRows = dev.count();
        linkRows = links.count();
        generateSeconds = (System.nanoTime() - t0) * 1e-9;
        out.printf(Locale.ROOT, "input tables: %d device rows, %d link rows, generated and cached "
            + "in %.1f s%n", devRows, linkRows, generateSeconds);
      } else {
        out.printf(Locale.ROOT, "input tables: streamed from the generator into the solver "
            + "(not cached; the solve time includes generating them)%n");
      }

      printHeader(out);
      heap.reset();
      long t1 = System.nanoTime();
      DistributedExactResult dr = DistributedExactSolver.builder().partitions(o.partitions())
          .windowSlots(o.windowSlots()).gapTolerance(o.gapTolerance()).build()
          .solve(dev, links, spec.model().slots());
      long planRows = dr.plan().count();
      double sparkSeconds = (System.nanoTime() - t1) * 1e-9;
      ExactSummary s = dr.summary();
      if (!o.cacheInput()) {
        devRows = s.deviceSlots();
        linkRows = s.links();
      }
      rows.add(new Row("spark exact (" + s.blocks() + " blocks)", sparkSeconds, heap.peakGb(),
          s.primal(), s.bound(), s.gap(), HeapSampler.loadAverage(), String.format(Locale.ROOT,
              "%s, %d plan rows, %d searches, %d window rounds, %d windows (widest %d slots); "
              + "blocks %.1f s + windows %.1f s + merge/certify %.1f s + plan %.1f s", s.status(),
              planRows, s.searches(), s.windowRounds(), s.windows(), s.widestWindowSlots(),
              s.blockSeconds(), s.windowSeconds(), s.seconds() - s.blockSeconds()
                  - s.windowSeconds(), sparkSeconds - s.seconds())));
      printRow(rows.get(0), sparkSeconds, s.primal(), out);
      long driverBytes = dr.driverBytes();
      dr.release();
      if (o.cacheInput()) {
        dev.unpersist();
        links.unpersist();
      }

      if (o.inMemory() || !baselines.isEmpty()) {
        long tb = System.nanoTime();
        Trace tr = TraceGenerator.generate(spec);
        out.printf(Locale.ROOT, "in-memory trace: %d device-slots, %d links, built in %.1f s%n",
            tr.deviceSlots(), tr.links(), (System.nanoTime() - tb) * 1e-9);
        if (o.inMemory()) {
          heap.reset();
          ExactResult r = ExactSolver.builder().gapTolerance(o.gapTolerance()).build().solve(tr);
          rows.add(new Row("in-memory exact", r.seconds(), heap.peakGb(), r.primal(), r.bound(),
              r.gap(), HeapSampler.loadAverage(), r.status() + ", " + r.searches() + " searches"));
          printRow(rows.get(rows.size() - 1), sparkSeconds, s.primal(), out);
        }
        for (Baseline b : baselines) {
          heap.reset();
          long tx = System.nanoTime();
          Baseline.Outcome bo = b.solve(tr);
          rows.add(new Row(b.name(), (System.nanoTime() - tx) * 1e-9, heap.peakGb(),
              bo.objective(), Double.NaN, Double.NaN, HeapSampler.loadAverage(), bo.note()));
          printRow(rows.get(rows.size() - 1), sparkSeconds, s.primal(), out);
        }
      }
      return new Result(rows, s, devRows, linkRows, generateSeconds, sparkSeconds, planRows,
          driverBytes);
    }
  }

  private static void printHeader(PrintStream out) {
    out.printf(Locale.ROOT, "%-26s %10s %9s %20s %20s %10s %12s %14s %6s  %s%n", "method",
        "time s", "heap GB", "objective", "bound", "gap", "time/spark", "obj/spark-1", "load",
        "note");
  }

  private static void printRow(Row r, double ref, double refObjective, PrintStream out) {
    out.printf(Locale.ROOT, "%-26s %10.2f %9.2f %20.6f %20.6f %10.2e %12.3f %14.2e %6.2f  %s%n",
        r.method(), r.seconds(), r.peakHeapGb(), r.objective(), r.bound(), r.gap(),
        r.seconds() / ref, r.objective() / refObjective - 1, r.loadAverage(), r.note());
    out.flush();
  }
}
