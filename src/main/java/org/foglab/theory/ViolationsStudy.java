package org.foglab.theory;

import java.util.ArrayList;
import java.util.List;
import org.foglab.network.graph.BarabasiAlbertGraphGenerator;
import org.foglab.theory.CapacityDistribution.Exponential;
import org.foglab.theory.CapacityDistribution.PointMass;
import org.foglab.theory.CapacityDistribution.Straggler;
import org.foglab.theory.CapacityDistribution.Uniform;

/**
 * Where the paper's (16) is accurate: Theorem 6 on generated graphs and capacity laws, comparing
 * (16), the per-device computation, the degree-only approximation and the simulation. A study
 * for reports, not a unit test ({@code main} prints a table; {@link #run} returns the rows).
 */
public final class ViolationsStudy {
  private ViolationsStudy() {}

  /** One row of the study. */
  public record Row(String graph, String capacity, ExpectedViolations.Result result) {}

  /** Runs every (graph, capacity) pair with {@code D = 1}. */
  public static List<Row> run(int devices, int trials, long seed) {
    return run(devices, trials, seed, ExpectedViolations.DEFAULT_WORK_LIMIT, r -> { });
  }

  /** As {@link #run(int, int, long)}, with a per-device work limit and a per-row callback. */
  public static List<Row> run(int devices, int trials, long seed, long workLimit,
      java.util.function.Consumer<Row> each) {
    List<Object[]> graphs = List.of(
        new Object[] {"BA m=1 (tree)", scaleFree(devices, 1, seed)},
        new Object[] {"BA m=2", scaleFree(devices, 2, seed)},
        new Object[] {"BA m=4", scaleFree(devices, 4, seed)},
        new Object[] {"ER mean 4", erdosRenyi(devices, 4.0 / devices, seed)});
    List<Object[]> caps = List.of(
        new Object[] {"U(0,4D) paper", new Uniform(0, 4)},
        new Object[] {"U(D,3D)", new Uniform(1, 3)},
        new Object[] {"point 2.5D", new PointMass(2.5)},
        new Object[] {"Exp(mean 2D)", new Exponential(2)},
        new Object[] {"straggler mu~U(1,6) sigma=1", new Straggler(1, 6, 1)});
    List<Row> rows = new ArrayList<>();
    for (Object[] g : graphs) {
      for (Object[] c : caps) {
        var o = new ExpectedViolations.Options(1, (CapacityDistribution) c[1]);
        Row row = new Row((String) g[0], (String) c[0],
            ExpectedViolations.onGraph((SimpleGraph) g[1], o, trials, seed, workLimit));
        each.accept(row);
        rows.add(row);
      }
    }
    return rows;
  }

  private static SimpleGraph scaleFree(int n, int m, long seed) {
    return SimpleGraph.of(new BarabasiAlbertGraphGenerator(n, m, seed));
  }

  /** Undirected G(n, p) (the foundation's random topology is directed). */
  private static SimpleGraph erdosRenyi(int n, double p, long seed) {
    // Geometric skipping over the n(n-1)/2 pairs: each pair independently with probability p.
    List<int[]> edges = new ArrayList<>();
    long pairs = (long) n * (n - 1) / 2;
    long idx = -1;
    long draw = 0;
    double logQ = Math.log1p(-p);
    while (true) {
      double u = org.foglab.random.Streams.unitOpen(
          org.foglab.random.Streams.hash(seed, org.foglab.random.Purpose.TOPOLOGY, draw++));
      idx += 1 + (long) Math.floor(Math.log(u) / logQ);
      if (idx >= pairs) {
        break;
      }
      // Pair index -> (i, j) with i < j, row-major over i.
      long i = (long) Math.floor((2.0 * n - 1 - Math.sqrt((2.0 * n - 1) * (2.0 * n - 1)
          - 8.0 * idx)) / 2);
      while (i > 0 && i * (2L * n - i - 1) / 2 > idx) {
        i--;
      }
      while ((i + 1) * (2L * n - i - 2) / 2 <= idx) {
        i++;
      }
      long j = idx - i * (2L * n - i - 1) / 2 + i + 1;
      edges.add(new int[] {(int) i, (int) j});
    }
    int[] a = new int[edges.size()];
    int[] b = new int[edges.size()];
    for (int e = 0; e < a.length; e++) {
      a[e] = edges.get(e)[0];
      b[e] = edges.get(e)[1];
    }
    return SimpleGraph.fromEdges(n, a, b);
  }

  /** {@code ViolationsStudy [devices] [trials] [seed] [workLimit]} (defaults 2000, 400, 1, 1e7). */
  public static void main(String[] args) {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    long limit = args.length > 3 ? Long.parseLong(args[3]) : ExpectedViolations.DEFAULT_WORK_LIMIT;
    System.out.printf("%-14s %-28s %10s %10s %10s %18s %8s %8s %7s%n", "graph", "capacity",
        "paper(16)", "exact", "degree", "simulation (95%)", "err16%", "errEx%", "approx");
    run(devices, trials, seed, limit, r -> {
      var x = r.result();
      var sim = x.simulation().conditional();
      System.out.printf("%-14s %-28s %10.2f %10.2f %10.2f %8.2f +- %6.2f %8.1f %8.2f %7d%n",
          r.graph(), r.capacity(), x.paperFormula(), x.exact(), x.degreeApproximation(),
          sim.mean(), sim.halfWidth(), 100 * (x.paperFormula() - sim.mean()) / sim.mean(),
          100 * (x.exact() - sim.mean()) / sim.mean(), x.approximatedDevices());
    });
  }
}
