package org.foglab.jobs;

import static org.foglab.jobs.TheoryOffloadingValueJobTest.args;
import static org.foglab.jobs.TheoryOffloadingValueJobTest.num;
import static org.foglab.jobs.TheoryOffloadingValueJobTest.rows;
import static org.foglab.jobs.TheoryOffloadingValueJobTest.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.foglab.network.EdgeList;
import org.foglab.network.graph.BarabasiAlbertGraphGenerator;
import org.foglab.testutil.Cli;
import org.foglab.theory.CapacityDistribution;
import org.foglab.theory.DegreeDistribution;
import org.foglab.theory.ExpectedViolations;
import org.foglab.theory.NeighbourDegrees;
import org.foglab.theory.SimpleGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code theory violations} end to end: (16), the exact law and the simulation side by side. */
class TheoryViolationsJobTest {
  @TempDir
  Path dir;

  @Test
  void aGeneratedNetworkReportsAllFourAndTheExactLawMatchesTheSimulation() throws Exception {
    Path out = dir.resolve("v");
    Cli.Run r = Cli.run(args(dir, "tvi1", "theory", "violations", "--devices", "300",
        "--attach", "2", "--seed", "3", "--trials", "300", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("paper's (16)") && r.out().contains("simulation"), r.out());
    Map<String, Object> s = summary(out);
    // The same network and options through the library, computed here.
    SimpleGraph g = SimpleGraph.of(new BarabasiAlbertGraphGenerator(300, 2, 3));
    var o = new ExpectedViolations.Options(1, new CapacityDistribution.Uniform(0, 4));
    var lib = ExpectedViolations.onGraph(g, o, 300, 3);
    assertEquals(lib.paperFormula(), num(s, "paper_formula"), 1e-12 * lib.paperFormula());
    assertEquals(lib.exact(), num(s, "exact"), 1e-12 * lib.exact());
    assertEquals(lib.simulation().counted().mean(), num(s, "monte_carlo"), 1e-12);
    assertEquals(300, num(s, "devices"));
    // The exact law against the simulation (3 standard errors, plus 0.5% for the devices past
    // the work limit, which use the local-tree law).
    var sim = lib.simulation().conditional();
    assertEquals(sim.mean(), num(s, "exact"), 3 * sim.standardError() + 0.005 * sim.mean());
    Map<String, Double[]> rows = rows("tvi1", s.get("run_id"));
    for (String m : List.of("paper_formula", "exact", "degree_approximation", "monte_carlo",
        "monte_carlo_conditional", "exact_devices", "approximated_devices")) {
      assertTrue(rows.containsKey(m), m);
    }
    assertEquals(num(s, "exact"), rows.get("exact")[0]);
    assertTrue(rows.get("monte_carlo_conditional")[1] < rows.get("monte_carlo_conditional")[2]);
  }

  @Test
  void edgeFilesWithAPointCapacityAndThePowerLaw() throws Exception {
    Path edges = dir.resolve("tree.csv");
    StringBuilder b = new StringBuilder("src,dst\n");
    for (int v = 1; v < 40; v++) {
      b.append("n").append(v).append(",n").append((v - 1) / 3).append('\n');
    }
    Files.writeString(edges, b.toString());
    Path out = dir.resolve("tree");
    Cli.Run r = Cli.run(args(dir, "tvi2", "theory", "violations", "--edges", edges.toString(),
        "--capacity", "point", "--capacity-value", "2.5", "--trials", "50", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    SimpleGraph tree = SimpleGraph.of(EdgeList.read(edges.toString(), false));
    var o = new ExpectedViolations.Options(1, new CapacityDistribution.PointMass(2.5));
    assertEquals(ExpectedViolations.localExact(tree, o, Long.MAX_VALUE).expected(), num(s, "exact"), 1e-12);
    assertEquals(40, num(s, "exact_devices"), "a tree's load laws are all exact");

    Path law = dir.resolve("law");
    Cli.Run p = Cli.run(args(dir, "tvi2", "theory", "violations", "--degree-distribution",
        "power-law", "--max-degree", "30", "--devices", "1000", "--out", law.toString()));
    assertEquals(0, p.code(), p.err());
    Map<String, Object> l = summary(law);
    var counts = new DegreeDistribution.PowerLaw(2.5, 30, DegreeDistribution.Exponent.PAPER_LITERAL)
        .expectedCounts(1000);
    var u = new ExpectedViolations.Options(1, new CapacityDistribution.Uniform(0, 4));
    assertEquals(ExpectedViolations.paperFormula(counts, NeighbourDegrees.uncorrelated(counts), u),
        num(l, "paper_formula"), 1e-9);
    assertNull(l.get("exact"));
    assertNull(l.get("monte_carlo"));

    Path wide = dir.resolve("wide.csv");
    Files.writeString(wide, "degree,devices\n1,10\n400,1\n");
    Cli.Run w = Cli.run(args(dir, "tvi2", "theory", "violations", "--degree-distribution",
        "empirical", "--degrees", wide.toString(), "--out", dir.resolve("never").toString()));
    assertEquals(3, w.code(), w.err());
    assertTrue(w.err().contains("the largest degree, 400, is above the 300"), w.err());
  }

  @Test
  void badOptionsAndDirectedFilesAreRefusedAndWriteNothing() throws Exception {
    Path out = dir.resolve("never");
    String[][] cases = {
        {"--topology", "random", "--topology random generates directed links"},
        {"--capacity-low", "3", "--capacity-high", "2", "--capacity-high must be above capacity-low (3), got 2"},
        {"--degree-distribution", "power-law", "--max-degree", "5000", "--max-degree must be between 1 and 300"},
        {"--capacity", "exponential", "--capacity-mean", "-1", "--capacity-mean must be positive, got -1"},
        {"--data", "0", "--data must be positive, got 0"},
    };
    for (String[] c : cases) {
      String[] cmd = new String[c.length + 2];
      cmd[0] = "theory";
      cmd[1] = "violations";
      System.arraycopy(c, 0, cmd, 2, c.length - 1);
      cmd[c.length + 1] = "--out=" + out;
      Cli.Run r = Cli.run(args(dir, "tvi3", cmd));
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(c[c.length - 1]), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
    Path directed = dir.resolve("d.csv");
    Files.writeString(directed, "src,dst\na,b\nb,c\nc,b\n");
    Cli.Run r = Cli.run(args(dir, "tvi3", "theory", "violations", "--edges", directed.toString(),
        "--directed", "true", "--out", out.toString()));
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("a -> b has no reverse link"), r.err());
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(dir.resolve("wh/results/theory")));
  }

  /**
   * Devices past --work-limit use the local-tree law: the value is then labelled approximate,
   * with the count, in summary.json and in the printed summary; at a limit no device reaches it
   * is labelled exact and equals the library's exact value.
   */
  @Test
  void aPartlyApproximatedValueIsLabelledWithItsCount() throws Exception {
    Path out = dir.resolve("approx");
    Cli.Run r = Cli.run(args(dir, "tvi4", "theory", "violations", "--devices", "200",
        "--attach", "2", "--seed", "5", "--trials", "20", "--work-limit", "1", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    SimpleGraph g = SimpleGraph.of(new BarabasiAlbertGraphGenerator(200, 2, 5));
    var o = new ExpectedViolations.Options(1, new CapacityDistribution.Uniform(0, 4));
    ExpectedViolations.GraphValue lib = ExpectedViolations.localExact(g, o, 1);
    assertTrue(lib.approximatedDevices() > 0, "a work limit of 1 sends devices to the local tree");
    assertEquals(lib.approximatedDevices(), num(s, "approximated_devices"));
    assertEquals(false, s.get("exact_complete"));
    assertTrue(((String) s.get("exact_label")).startsWith("approximate: exact law on "
        + lib.exactDevices() + " devices, local-tree law on " + lib.approximatedDevices()), s.toString());
    assertTrue(r.out().contains("per-device law (APPROXIMATE)"), r.out());
    assertTrue(r.out().contains("not exact: " + lib.approximatedDevices() + " of 200 devices passed --work-limit 1"),
        r.out());
    assertFalse(r.out().contains("exact per-device law"), r.out());

    // A tree: every device's law is within the default work limit, so the value is exact.
    Path edges = dir.resolve("tree.csv");
    StringBuilder b = new StringBuilder("src,dst\n");
    for (int v = 1; v < 40; v++) {
      b.append("n").append(v).append(",n").append((v - 1) / 3).append('\n');
    }
    Files.writeString(edges, b.toString());
    Path exactOut = dir.resolve("exact");
    Cli.Run e = Cli.run(args(dir, "tvi4", "theory", "violations", "--edges", edges.toString(),
        "--trials", "20", "--out", exactOut.toString()));
    assertEquals(0, e.code(), e.err());
    Map<String, Object> x = summary(exactOut);
    assertEquals(0.0, num(x, "approximated_devices"), "the default work limit covers a tree");
    assertEquals(true, x.get("exact_complete"));
    assertEquals("exact", x.get("exact_label"));
    SimpleGraph tree = SimpleGraph.of(EdgeList.read(edges.toString(), false));
    assertEquals(ExpectedViolations.localExact(tree, o, Long.MAX_VALUE).expected(), num(x, "exact"), 1e-12);
    assertFalse(e.out().contains("APPROXIMATE"), e.out());
    assertTrue(e.out().contains("exact per-device law"), e.out());
  }
}
