package org.foglab.optimize.convex;

import java.io.PrintStream;
import java.util.Locale;
import org.foglab.network.Trace;
import org.foglab.optimize.exact.ScaleFreeInstance;

/**
 * Benchmark of {@link ConvexSolver} on the scale-free instance of the exact benchmark
 * ({@link ScaleFreeInstance}, Section V-A parameters, the discard cost column as the error weight
 * {@code f}): prints time, rounds, objective, certified bound and gap.
 */
public final class ConvexBenchmark {
  private ConvexBenchmark() {}

  /** Builds the instance in memory, solves it and prints one line to {@code out}. */
  public static ConvexResult run(ScaleFreeInstance inst, PrintStream out) {
    long t0 = System.nanoTime();
    Trace tr = inst.toTrace();
    double build = (System.nanoTime() - t0) * 1e-9;
    ConvexResult r = ConvexSolver.builder().build().solve(tr);
    out.printf(Locale.ROOT, "convex (sqrt error) %d devices x %d slots (%d links, built in %.1f s):"
        + " %s in %.2f s, %d rounds, %d searches, objective %.6f, bound %.6f, gap %.2e%n",
        inst.devices(), inst.slots(), tr.links(), build, r.status(), r.seconds(), r.iterations(),
        r.searches(), r.primal(), r.bound(), r.gap());
    return r;
  }

  /** Direct run: {@code devices slots attach seed [linkDivisor]}. */
  public static void main(String[] args) {
    if (args.length < 4) {
      throw new IllegalArgumentException(
          "usage: ConvexBenchmark devices slots attach seed [linkDivisor]");
    }
    int n = Integer.parseInt(args[0]);
    run(new ScaleFreeInstance(n, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
        Long.parseLong(args[3]), 100, args.length > 4 ? Double.parseDouble(args[4]) : n),
        System.out);
  }
}
