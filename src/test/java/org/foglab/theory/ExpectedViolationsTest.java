package org.foglab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.foglab.theory.CapacityDistribution.Exponential;
import org.foglab.theory.CapacityDistribution.PointMass;
import org.foglab.theory.CapacityDistribution.Uniform;
import org.foglab.theory.DegreeDistribution.Empirical;
import org.foglab.theory.ExpectedViolations.Options;
import org.junit.jupiter.api.Test;

class ExpectedViolationsTest {

  /**
   * Independent reference for tiny graphs: i.i.d. continuous costs make every order of the
   * devices equally likely, and the order alone decides every offloading target; so average
   * sum_i P(X < D M_i) over all n! orders.
   */
  static double bruteForce(SimpleGraph g, Options o) {
    int n = g.vertices();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    double[] total = {0};
    long[] count = {0};
    permute(perm, n, () -> {
      int[] load = new int[n];
      for (int v = 0; v < n; v++) {
        int best = v;
        for (int p = g.neighbourStart(v); p < g.neighbourEnd(v); p++) {
          int u = g.neighbourAt(p);
          if (perm[u] < perm[best]) {
            best = u;
          }
        }
        load[best]++;
      }
      double s = 0;
      for (int v = 0; v < n; v++) {
        s += o.capacity().cdfBelow(load[v] * o.data());
      }
      total[0] += s;
      count[0]++;
    });
    return total[0] / count[0];
  }

  private static void permute(int[] a, int k, Runnable visit) {
    if (k == 1) {
      visit.run();
      return;
    }
    for (int i = 0; i < k - 1; i++) {
      permute(a, k - 1, visit);
      int j = (k % 2 == 0) ? i : 0;
      int t = a[j];
      a[j] = a[k - 1];
      a[k - 1] = t;
    }
    permute(a, k - 1, visit);
  }

  private static final List<CapacityDistribution> CAPACITIES = List.of(new Uniform(0, 2.5),
      new PointMass(1.5), new Exponential(1.2), new Uniform(0.5, 4));

  @Test
  void perDeviceLawsAreExactOnTinyGraphsWithCyclesAndTriangles() {
    List<SimpleGraph> graphs = List.of(
        GraphFixtures.complete(3), GraphFixtures.star(5), GraphFixtures.path(6),
        GraphFixtures.complete(5),
        // A triangle, a 4-cycle and a pendant: all kinds of shared second neighbours.
        GraphFixtures.of(7, new int[][] {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 5}, {5, 2},
            {5, 6}}),
        GraphFixtures.erdosRenyi(8, 0.45, 3));
    for (SimpleGraph g : graphs) {
      for (CapacityDistribution cap : CAPACITIES) {
        Options o = new Options(1.0, cap);
        var v = ExpectedViolations.localExact(g, o, Long.MAX_VALUE);
        assertEquals(g.vertices(), v.exactDevices());
        assertEquals(bruteForce(g, o), v.expected(), 1e-12, cap + " on " + g.vertices());
      }
    }
  }

  @Test
  void dataScaleEntersOnlyThroughCapacityOverData() {
    SimpleGraph g = GraphFixtures.erdosRenyi(8, 0.4, 7);
    var a = ExpectedViolations.localExact(g, new Options(1, new Uniform(0, 3)), Long.MAX_VALUE);
    var b = ExpectedViolations.localExact(g, new Options(10, new Uniform(0, 30)), Long.MAX_VALUE);
    assertEquals(a.expected(), b.expected(), 1e-12);
  }

  @Test
  void treesAreExactForEveryDeviceAndMatchSimulation() {
    SimpleGraph tree = GraphFixtures.scaleFree(600, 1, 4);
    assertEquals(599, tree.edges());
    Options o = new Options(1.0, new Uniform(0, 3));
    var r = ExpectedViolations.onGraph(tree, o, 400, 9);
    assertEquals(600, r.exactDevices());
    assertTrue(r.simulation().conditional().covers(r.exact()),
        r.exact() + " vs " + r.simulation().conditional());
    assertTrue(r.simulation().counted().covers(r.exact()),
        r.exact() + " vs " + r.simulation().counted());
  }

  @Test
  void graphsWithCyclesMatchSimulation() {
    for (SimpleGraph g : List.of(GraphFixtures.scaleFree(400, 2, 6),
        GraphFixtures.erdosRenyi(400, 0.01, 8))) {
      Options o = new Options(1.0, new PointMass(2.5));
      var r = ExpectedViolations.onGraph(g, o, 300, 10, 2_000_000L);
      var sim = r.simulation().conditional();
      // Past the work limit a few hubs use the local tree law: allow 3 standard errors plus
      // 0.5% of the value for them, and report how many were approximated.
      double slack = 3 * sim.standardError() + 0.005 * sim.mean();
      assertEquals(sim.mean(), r.exact(), slack, "exact " + r.exact() + " approx devices "
          + r.approximatedDevices());
    }
  }

  @Test
  void paperFormulaIsExactWhenTheCapacityCdfIsLinearOverTheLoads() {
    // A cycle: every load is at most 3, and U(0, 4D) has a linear CDF on [0, 4D].
    int n = 60;
    int[] a = new int[n];
    int[] b = new int[n];
    for (int v = 0; v < n; v++) {
      a[v] = v;
      b[v] = (v + 1) % n;
    }
    SimpleGraph cycle = SimpleGraph.fromEdges(n, a, b);
    Options linear = new Options(2.0, new Uniform(0, 8));
    var r = ExpectedViolations.onGraph(cycle, linear, 200, 3);
    assertEquals(n / 4.0, r.paperFormula(), 1e-12, "mean load 1 -> P(X <= D) = 1/4");
    assertEquals(r.exact(), r.paperFormula(), 1e-12);
    assertEquals(r.exact(), r.degreeApproximation(), 1e-12, "cycles are locally trees");
    assertEquals(n, r.exactDevices());
    // A point mass at 1.5 D: (16) says nobody is violated (mean load 1 <= 1.5), but every
    // device receiving a neighbour's data is.
    Options narrow = new Options(2.0, new PointMass(3));
    var s = ExpectedViolations.onGraph(cycle, narrow, 200, 3);
    assertEquals(0, s.paperFormula());
    assertTrue(s.exact() > 0.2 * n, "exact " + s.exact());
    assertTrue(s.simulation().counted().covers(s.exact()), s.simulation().counted() + " vs "
        + s.exact());
  }

  @Test
  void degreeOnlyFormsAgreeWithPaperLoadOnUncorrelatedLaws() {
    Empirical counts = Empirical.ofCounts(new long[] {0, 50, 30, 10, 5, 5});
    NeighbourDegrees p = NeighbourDegrees.uncorrelated(counts);
    // Mean load by linearity: 1/(k+1) + k E[1/(n+1)] under p(n) = n N(n)/<k>.
    double e = (50 * 1 / 2.0 + 30 * 2 / 3.0 + 10 * 3 / 4.0 + 5 * 4 / 5.0 + 5 * 5 / 6.0)
        / (50 + 60 + 30 + 20 + 25.0);
    assertEquals(1.0 / 4 + 3 * e, ExpectedViolations.paperLoad(3, p), 1e-15);
    Options o = new Options(1, new Uniform(0, 10));
    double paper = ExpectedViolations.paperFormula(counts, p, o);
    double approx = ExpectedViolations.degreeApproximation(counts, p, o);
    // Loads of at most 6 < 10: a linear CDF, so both equal sum_k N(k) l(k) / 10.
    double linear = 0;
    for (int k = 1; k <= 5; k++) {
      linear += new long[] {0, 50, 30, 10, 5, 5}[k] * ExpectedViolations.paperLoad(k, p) / 10;
    }
    assertEquals(linear, paper, 1e-12);
    assertEquals(linear, approx, 1e-12);
  }

  @Test
  void quadratureResolvesHighDegreeTerms() {
    // int_0^1 y^a (1-y)^b = B(a+1, b+1).
    int[][] cases = {{0, 5000}, {5000, 0}, {3, 800}, {800, 3}, {40, 2000}, {20, 20}, {1, 100_000}};
    for (int[] c : cases) {
      double exact = Math.exp(StudentT.logGamma(c[0] + 1) + StudentT.logGamma(c[1] + 1)
          - StudentT.logGamma(c[0] + c[1] + 2));
      double q = GaussLegendre.integrateUnit(y -> Math.pow(y, c[0]) * Math.pow(1 - y, c[1]),
          c[0] + c[1]);
      assertEquals(exact, q, 1e-10 * exact, "y^" + c[0] + " (1-y)^" + c[1]);
    }
  }

  @Test
  void summaryHasTheReportedFields() {
    var r = ExpectedViolations.onGraph(GraphFixtures.star(6), new Options(1, new Uniform(0, 3)),
        20, 1);
    for (String f : List.of("paper_formula", "exact", "degree_approximation", "monte_carlo",
        "monte_carlo_ci95", "devices", "max_degree")) {
      assertTrue(r.summary().containsKey(f), f);
    }
  }

  @Test
  void badParametersAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Options(0, new PointMass(1)));
    assertTrue(e.getMessage().startsWith("data"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Uniform(2, 1));
    assertTrue(e.getMessage().startsWith("uniform capacity"), e.getMessage());
  }
}
