package org.foglab.optimize.convex;

import java.io.PrintStream;
import java.util.Locale;
import org.foglab.bench.HeapSampler;
import org.foglab.config.TraceSpec;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;
import org.foglab.optimize.exact.ExactBenchmark;

/**
 * Benchmark of {@link ConvexSolver} on a generated trace (by default the exact benchmark's
 * scale-free instance, {@link ExactBenchmark#scaleFree}, with the discard cost column as the error
 * weight {@code f}): prints time, peak heap, rounds, objective, certified bound and gap.
 */
public final class ConvexBenchmark {
  private ConvexBenchmark() {}

  /** Builds the trace in memory, solves it and prints one line to {@code out}. */
  public static ConvexResult run(TraceSpec spec, double gapTolerance, PrintStream out) {
    long t0 = System.nanoTime();
    Trace tr = TraceGenerator.generate(spec);
    double build = (System.nanoTime() - t0) * 1e-9;
    try (HeapSampler heap = new HeapSampler()) {
      heap.reset();
      ConvexResult r = ConvexSolver.builder().gapTolerance(gapTolerance).build().solve(tr);
      out.printf(Locale.ROOT, "convex (sqrt error) %d devices x %d slots (%d device-slots, %d "
          + "links, built in %.1f s): %s in %.2f s, peak heap %.2f GB, load average %.2f, %d "
          + "rounds, %d searches, objective %.6f, bound %.6f, gap %.2e%n",
          spec.network().devices(), spec.model().slots(), tr.deviceSlots(), tr.links(), build,
          r.status(), r.seconds(), heap.peakGb(), HeapSampler.loadAverage(), r.iterations(),
          r.searches(), r.primal(), r.bound(), r.gap());
      return r;
    }
  }

  /**
   * Direct run: {@code devices slots attach seed [gapTolerance]} on the scale-free instance with
   * Dmax = 100.
   */
  public static void main(String[] args) {
    if (args.length < 4) {
      throw new IllegalArgumentException(
          "usage: ConvexBenchmark devices slots attach seed [gapTolerance]");
    }
    int n = Integer.parseInt(args[0]);
    int slots = Integer.parseInt(args[1]);
    run(ExactBenchmark.scaleFree(n, slots, Integer.parseInt(args[2]), Long.parseLong(args[3]),
        100.0 * n * slots), args.length > 4 ? Double.parseDouble(args[4]) : 1e-6, System.out);
  }
}
