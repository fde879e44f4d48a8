package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --trace DIR --mode hierarchical|consensus through the command line. */
class FogTrainJobTest {
  @TempDir
  static Path dir;
  static Path trace;
  static final String DATA = "synthetic:classes=4,features=16,samples=2000,test=300";

  @BeforeAll
  static void generate() {
    trace = dir.resolve("trace");
    Cli.Run g = Cli.run("generate", "--topology", "fog-tree", "--layers", "40,8,2,1",
        "--d2d-graph", "er", "--d2d-density", "0.4", "--slots", "1", "--graph-stats", "false",
        "--out", trace.toString());
    assertEquals(0, g.code(), g.err());
  }

  private static Cli.Run train(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("--set", "foglab.warehouse.path="
        + dir.resolve("wh"), "--set", "foglab.warehouse.catalog=fogtrainwh", "train", "--trace", trace.toString(), "--dataset",
        DATA, "--samples-per-device", "20", "--batch", "10", "--learning-rate", "0.05",
        "--rounds", "3", "--layer-periods", "1,2,2", "--out", out.toString()));
    a.addAll(List.of(extra));
    return Cli.run(a.toArray(new String[0]));
  }

  @Test
  void sparkAndLocalRunsWriteTheSameRounds() throws Exception {
    Path s = dir.resolve("spark");
    Path l = dir.resolve("local");
    Cli.Run rs = train(s, "--mode", "consensus", "--consensus-rounds", "2", "--partitions", "2");
    assertEquals(0, rs.code(), rs.err());
    assertTrue(rs.out().contains("consensus: accuracy"), rs.out());
    Cli.Run rl = train(l, "--mode", "consensus", "--consensus-rounds", "2", "--executor", "local");
    assertEquals(0, rl.code(), rl.err());
    assertEquals(Files.readString(s.resolve("rounds.csv")), Files.readString(l.resolve("rounds.csv")));
    Map<String, Object> sum = Json.readMap(Files.readString(s.resolve("summary.json")));
    @SuppressWarnings("unchecked")
    Map<String, Object> acc = (Map<String, Object>) sum.get("accounting");
    @SuppressWarnings("unchecked")
    Map<String, Object> red = (Map<String, Object>) acc.get("reduction_vs_fl");
    // One sampled device of each cluster of 5 uploads at the two higher-layer aggregations.
    assertEquals(1 - 8.0 * 3 / (40 * 3), ((Number) red.get("device_uplinks_only")).doubleValue(),
        1e-12);
    assertTrue(((Number) red.get("parameter_transfers_with_d2d")).doubleValue()
        < ((Number) red.get("parameter_transfers_without_d2d")).doubleValue());
    List<String> rows = Files.readAllLines(s.resolve("rounds.csv"));
    assertEquals(4, rows.size(), "header and one row per global round");
    Path fl = dir.resolve("fl");
    Cli.Run rf = Cli.run("--set", "foglab.warehouse.path=" + dir.resolve("wh"), "--set",
        "foglab.warehouse.catalog=fogtrainwh", "fog-train", "--trace", trace.toString(), "--dataset", DATA,
        "--samples-per-device", "20", "--batch", "10", "--rounds", "3", "--layer-periods",
        "1,2,2", "--mode", "federated", "--out", fl.toString());
    assertEquals(0, rf.code(), rf.err());
    assertTrue(rf.out().contains("0.0% fewer device uplinks"), rf.out());
  }

  /** Rows of a CSV table (one file or a directory of parts), header dropped. */
  private static List<String[]> rows(Path table) throws Exception {
    List<String[]> out = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(table)) {
      try (Stream<Path> parts = Files.list(table)) {
        parts.filter(f -> f.toString().endsWith(".csv")).sorted().forEach(files::add);
      }
    } else {
      files.add(Path.of(table + ".csv"));
    }
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      for (String l : lines.subList(1, lines.size())) {
        out.add(l.split(",", -1));
      }
    }
    return out;
  }

  @Test
  void offloadingMovesWhatTheSolverPlansOnTheTracesRows() throws Exception {
    Path two = dir.resolve("trace2");
    Cli.Run g = Cli.run("generate", "--topology", "fog-tree", "--layers", "40,8,2,1",
        "--d2d-graph", "er", "--d2d-density", "0.5", "--slots", "2", "--data-total", "1600",
        "--seed", "4", "--graph-stats", "false", "--out", two.toString());
    assertEquals(0, g.code(), g.err());
    // The expected plan from the CSV rows, read here without Spark, cluster by cluster.
    org.foglab.network.FogTree tree = org.foglab.network.FogTree.of(40, 8, 2, 1);
    double[] cap1 = new double[40];
    double[] cost1 = new double[40];
    double[] cap2 = new double[40];
    double[] cost2 = new double[40];
    java.util.Arrays.fill(cap1, Double.NaN);
    java.util.Arrays.fill(cap2, Double.NaN);
    for (String[] r : rows(two.resolve("devices"))) {
      int i = Integer.parseInt(r[0]);
      double cap = r[3].isEmpty() ? Double.POSITIVE_INFINITY : Double.parseDouble(r[3]);
      if (r[1].equals("1")) {
        cap1[i] = cap;
        cost1[i] = Double.parseDouble(r[4]);
      } else {
        cap2[i] = cap;
        cost2[i] = Double.parseDouble(r[4]);
      }
    }
    List<double[]> links = new ArrayList<>();
    for (String[] r : rows(two.resolve("links"))) {
      int a = Integer.parseInt(r[0]);
      int b = Integer.parseInt(r[1]);
      if (r[2].equals("1") && tree.clusterOf(a) == tree.clusterOf(b)) {
        links.add(new double[] {a, b,
            r[3].isEmpty() ? Double.POSITIVE_INFINITY : Double.parseDouble(r[3]),
            Double.parseDouble(r[4])});
      }
    }
    int[] samples = new int[40];
    java.util.Arrays.fill(samples, 20);
    long expected = org.foglab.learning.fog.Offloading.apply(tree, 0, 40, samples,
        org.foglab.learning.fog.Offloading.inputs(0, cap1, cost1, cap2, cost2, links))
        .movedSamples();
    assertTrue(expected > 0, "the trace's costs move samples");
    Path s = dir.resolve("offload-spark");
    Path l = dir.resolve("offload-local");
    String[] common = {"--set", "foglab.warehouse.path=" + dir.resolve("wh"), "--set",
        "foglab.warehouse.catalog=fogtrainwh", "train", "--trace", two.toString(), "--dataset", DATA,
        "--samples-per-device", "20", "--batch", "10", "--rounds", "2", "--mode", "consensus",
        "--consensus-rounds", "2", "--offload", "true"};
    Cli.Run rs = Cli.run(concat(common, "--partitions", "3", "--out", s.toString()));
    assertEquals(0, rs.code(), rs.err());
    Cli.Run rl = Cli.run(concat(common, "--executor", "local", "--out", l.toString()));
    assertEquals(0, rl.code(), rl.err());
    assertEquals(Files.readString(s.resolve("rounds.csv")), Files.readString(l.resolve("rounds.csv")));
    @SuppressWarnings("unchecked")
    Map<String, Object> acc = (Map<String, Object>) Json.readMap(
        Files.readString(s.resolve("summary.json"))).get("accounting");
    assertEquals(expected, ((Number) acc.get("offloaded_samples")).longValue());
    assertEquals(expected * 4.0 * 16, ((Number) acc.get("offloaded_bytes")).doubleValue(), 1e-9);
    String ledger = Files.readString(s.resolve("ledger.csv"));
    assertTrue(ledger.contains(",raw-data,") || ledger.contains(",RAW_DATA,"), ledger);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void badInputIsOneSentenceAndExitTwo() throws Exception {
    Path out = dir.resolve("bad");
    String[][] cases = {
        {"--consensus-rounds must be 0 or more", "--mode", "consensus", "--consensus-rounds", "-1"},
        {"--cluster-fraction must be in (0, 1]", "--mode", "consensus", "--cluster-fraction", "0"},
        {"--cluster-fraction must be in (0, 1]", "--mode", "consensus", "--cluster-fraction",
            "1.5"},
        {"--sample-fraction must be in (0, 1]", "--mode", "consensus", "--sample-fraction", "0"},
        {"--layer-periods must give one period per layer", "--mode", "hierarchical",
            "--layer-periods", "1,2"},
        {"--move-probability must be in [0, 1)", "--mode", "consensus", "--move-probability",
            "1"},
        {"cannot be combined with --move-probability", "--mode", "consensus",
            "--move-probability", "0.2", "--offload", "true"}};
    for (String[] c : cases) {
      String[] bad = java.util.Arrays.copyOfRange(c, 1, c.length);
      Cli.Run r = train(out, bad);
      assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
      assertTrue(r.err().contains(c[0]), r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace");
      assertFalse(Files.exists(out), "nothing written");
    }
    // A cluster without a D2D path: drop cluster 3's links from a copy of the trace.
    Path broken = dir.resolve("broken");
    copy(trace, broken);
    try (Stream<Path> parts = Files.list(broken.resolve("tree/d2d"))) {
      for (Path p : parts.filter(f -> f.toString().endsWith(".csv")).toList()) {
        List<String> keep = Files.readAllLines(p).stream().filter(x -> !x.endsWith(",3")).toList();
        Files.write(p, keep);
      }
    }
    Cli.Run r = Cli.run("--set", "foglab.warehouse.path=" + dir.resolve("wh"), "--set",
        "foglab.warehouse.catalog=fogtrainwh", "train", "--trace", broken.toString(), "--mode", "consensus",
        "--dataset", DATA, "--samples-per-device", "20", "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("cluster L1-3 has no D2D path"), r.err());
    assertFalse(Files.exists(out));
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
