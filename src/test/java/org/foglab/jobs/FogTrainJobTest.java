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
    List<String> a = new ArrayList<>(List.of("train", "--trace", trace.toString(), "--dataset",
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
    Cli.Run rf = Cli.run("fog-train", "--trace", trace.toString(), "--dataset", DATA,
        "--samples-per-device", "20", "--batch", "10", "--rounds", "3", "--layer-periods",
        "1,2,2", "--mode", "federated", "--out", fl.toString());
    assertEquals(0, rf.code(), rf.err());
    assertTrue(rf.out().contains("0.0% fewer device uplinks"), rf.out());
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
            "--layer-periods", "1,2"}};
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
    Cli.Run r = Cli.run("train", "--trace", broken.toString(), "--mode", "consensus",
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
