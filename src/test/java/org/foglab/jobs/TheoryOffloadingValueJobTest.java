package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.foglab.network.graph.BarabasiAlbertGraphGenerator;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.foglab.theory.OffloadingValue;
import org.foglab.theory.SimpleGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code theory offloading-value} end to end: files, table rows, closed form vs Monte Carlo. */
class TheoryOffloadingValueJobTest {
  @TempDir
  Path dir;

  static String[] args(Path dir, String catalog, String... command) {
    String[] w = {"--set", "foglab.warehouse.path=" + dir.resolve("wh"),
        "--set", "foglab.warehouse.catalog=" + catalog};
    String[] all = new String[command.length + w.length];
    System.arraycopy(command, 0, all, 0, command.length);
    System.arraycopy(w, 0, all, command.length, w.length);
    return all;
  }

  static Map<String, Object> summary(Path out) throws Exception {
    return Json.readMap(Files.readString(out.resolve("summary.json")));
  }

  static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  /** metric -> [value, ci95_low, ci95_high] of a run's rows at no series point. */
  static Map<String, Double[]> rows(String catalog, Object runId) {
    Map<String, Double[]> m = new HashMap<>();
    for (Row r : SparkTestSession.get().sql("SELECT metric, value, ci95_low, ci95_high FROM "
        + catalog + ".results.theory WHERE run_id = '" + runId + "' AND x IS NULL").collectAsList()) {
      m.put(r.getString(0), new Double[] {r.isNullAt(1) ? null : r.getDouble(1),
          r.isNullAt(2) ? null : r.getDouble(2), r.isNullAt(3) ? null : r.getDouble(3)});
    }
    return m;
  }

  @Test
  void closedFormAndMonteCarloAgreeOnAGeneratedScaleFreeNetwork() throws Exception {
    Path out = dir.resolve("sf");
    Cli.Run r = Cli.run(args(dir, "tov1", "theory", "offloading-value", "--topology", "scale-free",
        "--devices", "3000", "--attach", "2", "--seed", "5", "--trials", "40", "--max-cost", "2",
        "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("the closed form is inside the interval"), r.out());
    Map<String, Object> s = summary(out);
    for (String f : List.of("closed_form", "monte_carlo", "monte_carlo_ci95", "devices", "max_degree")) {
      assertTrue(s.containsKey(f), f);
    }
    assertEquals(3000, num(s, "devices"));

    // Independent reference: the same network from the foundation's generator, summed directly.
    int[] degree = new int[3000];
    new BarabasiAlbertGraphGenerator(3000, 2, 5).edges(0, 3000, (a, b) -> {
      degree[a]++;
      degree[b]++;
    });
    double sum = 0;
    int max = 0;
    for (int k : degree) {
      sum += 2.0 * k / (2.0 * (k + 2));
      max = Math.max(max, k);
    }
    assertEquals(sum / 3000, num(s, "closed_form"), 1e-12);
    assertEquals(max, num(s, "max_degree"));
    // The Spark pass draws exactly the in-memory Monte Carlo's costs: equal to rounding.
    var local = OffloadingValue.monteCarlo(SimpleGraph.of(new BarabasiAlbertGraphGenerator(3000, 2, 5)),
        new OffloadingValue.Options(2.0, 40, 5));
    assertEquals(local.mean(), num(s, "monte_carlo"), 1e-15);
    @SuppressWarnings("unchecked")
    List<Double> ci = (List<Double>) s.get("monte_carlo_ci95");
    assertEquals(local.ci95Low(), ci.get(0), 1e-15);
    assertTrue(ci.get(0) <= num(s, "closed_form") && num(s, "closed_form") <= ci.get(1),
        "closed form " + s.get("closed_form") + " outside " + ci);

    Map<String, Double[]> rows = rows("tov1", s.get("run_id"));
    assertEquals(num(s, "closed_form"), rows.get("closed_form")[0]);
    assertEquals(num(s, "monte_carlo"), rows.get("monte_carlo")[0]);
    assertEquals(ci.get(0), rows.get("monte_carlo")[1]);
    assertEquals(ci.get(1), rows.get("monte_carlo")[2]);
    assertEquals(3000.0, rows.get("devices")[0]);
    Row meta = SparkTestSession.get().sql("SELECT DISTINCT theorem, git_commit, "
        + "get_json_object(settings, '$.devices') FROM tov1.results.theory").first();
    assertEquals("offloading-value", meta.getString(0));
    assertEquals("3000", meta.getString(2));
  }

  @Test
  void costGridWritesTheCurveAsCsvPngAndSeriesRows() throws Exception {
    Path out = dir.resolve("curve");
    Cli.Run r = Cli.run(args(dir, "tov2", "theory", "offloading-value", "--devices", "600",
        "--trials", "30", "--max-cost-grid", "0.5,4", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    List<String> csv = Files.readAllLines(out.resolve("curve.csv"));
    assertEquals("max_cost,closed_form,monte_carlo,ci95_low,ci95_high,trials", csv.get(0));
    assertEquals(3, csv.size());
    double unit = num(s, "value_per_unit_cost");
    for (String line : csv.subList(1, 3)) {
      String[] f = line.split(",");
      double c = Double.parseDouble(f[0]);
      assertEquals(c * unit, Double.parseDouble(f[1]), 1e-15 * c);
      // Each grid point has its own trials: an independent check of the closed form.
      assertTrue(Double.parseDouble(f[3]) <= c * unit && c * unit <= Double.parseDouble(f[4]), line);
    }
    BufferedImage png = ImageIO.read(out.resolve("curve.png").toFile());
    assertEquals(900, png.getWidth());
    assertEquals(560, png.getHeight());
    List<Row> series = SparkTestSession.get().sql("SELECT x, metric, value, ci95_low FROM "
        + "tov2.results.theory WHERE x_name = 'max_cost' ORDER BY x, metric").collectAsList();
    assertEquals(4, series.size());
    assertEquals(0.5, series.get(0).getDouble(0));
    assertEquals("closed_form", series.get(0).getString(1));
    assertEquals("monte_carlo", series.get(1).getString(1));
    assertFalse(series.get(1).isNullAt(3));
    assertEquals(4 * unit, series.get(2).getDouble(2), 1e-15);
  }

  @Test
  void edgeFilesAndThePowerLaw() throws Exception {
    Path edges = dir.resolve("edges.csv");
    Files.writeString(edges, "src,dst\na,b\na,c\na,d\nd,e\n");
    Path out = dir.resolve("file");
    Cli.Run r = Cli.run(args(dir, "tov3", "theory", "offloading-value", "--edges", edges.toString(),
        "--trials", "4", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    // Degrees a 3, b 1, c 1, d 2, e 1: V(1) = mean of k/(2(k+2)).
    assertEquals((3.0 / 10 + 3 * (1.0 / 6) + 2.0 / 8) / 5, num(s, "closed_form"), 1e-15);
    assertEquals(5, num(s, "devices"));
    assertEquals(3, num(s, "max_degree"));

    Path law = dir.resolve("law");
    Cli.Run p = Cli.run(args(dir, "tov3", "theory", "offloading-value", "--degree-distribution",
        "power-law", "--gamma", "2.5", "--max-degree", "1000", "--max-cost", "3", "--out", law.toString()));
    assertEquals(0, p.code(), p.err());
    Map<String, Object> l = summary(law);
    // The paper's N(k) ~ k^(1-gamma) as printed, summed directly.
    double num = 0;
    double den = 0;
    for (int k = 1000; k >= 1; k--) {
      double w = Math.pow(k, -1.5);
      num += w * k / (2.0 * (k + 2));
      den += w;
    }
    assertEquals(3 * num / den, num(l, "closed_form"), 1e-12);
    assertNull(l.get("monte_carlo"));
    assertNull(l.get("devices"));
    assertEquals(1000, num(l, "max_degree"));
    assertTrue(rows("tov3", l.get("run_id")).get("monte_carlo") == null, "no Monte Carlo row");

    Path counts = dir.resolve("counts.csv");
    Files.writeString(counts, "degree,devices\n3,1\n0,2\n1,5\n7,0\n");
    Path emp = dir.resolve("emp");
    Cli.Run e = Cli.run(args(dir, "tov3", "theory", "offloading-value", "--degree-distribution",
        "empirical", "--degrees", counts.toString(), "--out", emp.toString()));
    assertEquals(0, e.code(), e.err());
    Map<String, Object> m = summary(emp);
    // Degree-0 devices count and save nothing; a zero count is no device.
    assertEquals((5 * (1.0 / 6) + 3.0 / 10) / 8, num(m, "closed_form"), 1e-15);
    assertEquals(8, num(m, "devices"));
    assertEquals(3, num(m, "max_degree"));
    Files.writeString(counts, "degree,devices\n1,5\n-2,1\n");
    Cli.Run bad = Cli.run(args(dir, "tov3", "theory", "offloading-value", "--degree-distribution",
        "empirical", "--degrees", counts.toString(), "--out", dir.resolve("never").toString()));
    assertEquals(3, bad.code(), bad.err());
    assertTrue(bad.err().contains(counts + " line 3, column degree: -2 is negative"), bad.err());
    assertFalse(Files.exists(dir.resolve("never")));
  }

  @Test
  void badOptionsExitTwoWithOneSentenceAndWriteNothing() throws Exception {
    Path out = dir.resolve("never");
    Path edges = dir.resolve("e.csv");
    Files.writeString(edges, "src,dst\na,b\n");
    String[][] cases = {
        {"--trials", "1", "--trials must be an integer in [2, 1000000], got 1"},
        {"--max-cost", "0", "--max-cost must be positive, got 0"},
        {"--max-cost-grid", "1,x", "--max-cost-grid must be a list of numbers such as 0.5,1,2, got \"x\""},
        {"--degree-distribution", "power-law", "--edges", edges.toString(),
            "--edges cannot be combined with degree-distribution = power-law"},
        {"--devices", "3", "--attach", "3", "--attach must be less than the number of devices (3), got 3"},
        {"--topology", "small-world", "--edges", edges.toString(),
            "--edges is only used with topology = edges"},
        {"--degree-distribution", "power-law", "--gamma", "1.5", "--max-degree", "0",
            "--max-degree must be finite (not 0)"},
        {"--degrees", edges.toString(), "--degrees is only used with degree-distribution = empirical"},
        {"--degree-distribution", "empirical", "--degrees is required when degree-distribution = empirical"},
    };
    for (String[] c : cases) {
      String[] cmd = new String[c.length + 2];
      cmd[0] = "theory";
      cmd[1] = "offloading-value";
      System.arraycopy(c, 0, cmd, 2, c.length - 1);
      cmd[c.length + 1] = "--out=" + out;
      Cli.Run r = Cli.run(args(dir, "tov4", cmd));
      assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
      assertTrue(r.err().contains(c[c.length - 1]), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertFalse(Files.exists(out));
    }
    assertFalse(Files.exists(dir.resolve("wh/results/theory")), "no table rows");
  }

  @Test
  void aBadEdgeFileExitsThreeAndWritesNothing() throws Exception {
    Path out = dir.resolve("out");
    Path self = dir.resolve("self.csv");
    Files.writeString(self, "src,dst\na,b\nb,b\n");
    Path header = dir.resolve("header.csv");
    Files.writeString(header, "from,to\na,b\n");
    for (Path f : List.of(self, header, dir.resolve("missing.csv"))) {
      Cli.Run r = Cli.run(args(dir, "tov5", "theory", "offloading-value", "--edges", f.toString(),
          "--out", out.toString()));
      assertEquals(3, r.code(), r.err());
      List<String> lines = r.err().strip().lines().toList();
      assertTrue(lines.get(lines.size() - 1).startsWith("foglab theory offloading-value: " + f), r.err());
      assertFalse(Files.exists(out));
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".out")), "no staging left");
    }
    assertFalse(Files.exists(dir.resolve("wh/results/theory")), "no table rows");
  }
}
