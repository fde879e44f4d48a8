package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fog-learning --spec: one row per run and round in rounds.csv and in the fog_rounds table
 * (replaced on rerun), charts and catalogue figures, offloading and moving runs, strict specs.
 */
class FogLearningJobTest {
  @TempDir
  Path dir;

  static String spec(String layers) {
    return spec(layers, "");
  }

  static String spec(String layers, String extra) {
    return "fog-learning {\n name = t\n dataset = \"synthetic:classes=4,features=16,samples=2000,"
        + "test=300\"\n networks = [{ name = small, layers = [" + layers + "] }]\n"
        + " runs = [{ mode = federated }, { mode = hierarchical },"
        + " { mode = consensus, consensus-rounds = [1, 200] }]\n rounds = 3\n batch = 10\n"
        + " learning-rate = 0.05\n samples-per-device = 20\n two-class-share = 0.5\n"
        + " sample-fraction = 0.0001\n cluster-fraction = 1.0\n cluster-sampling = uniform\n"
        + " d2d-graph = er\n d2d-density = 0.5\n seed = 3\n executor = local\n partitions = 0\n"
        + " evaluate-every = 1\n" + extra + "}\n";
  }

  private String[] wh(String catalog, String... args) {
    String[] head = {"--set", "foglab.warehouse.path=" + dir.resolve("wh"), "--set",
        "foglab.warehouse.catalog=" + catalog};
    String[] out = java.util.Arrays.copyOf(head, head.length + args.length);
    System.arraycopy(args, 0, out, head.length, args.length);
    return out;
  }

  @Test
  void writesOneRowPerRunAndRoundToFilesAndTheTable() throws Exception {
    Path spec = dir.resolve("spec.conf");
    Files.writeString(spec, spec("20, 4, 2, 1"));
    Path out = dir.resolve("out");
    Cli.Run r = Cli.run(wh("fogl1", "fog-learning", "--spec", spec.toString(), "--out",
        out.toString()));
    assertEquals(0, r.code(), r.err());
    List<String> rounds = Files.readAllLines(out.resolve("rounds.csv"));
    assertEquals(1 + 4 * 3, rounds.size(), "header and 4 runs x 3 rounds");
    List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
    assertEquals(5, runs.size());
    String fl = runs.stream().filter(l -> l.startsWith("small,federated,")).findFirst().get();
    assertEquals("0.0", fl.split(",")[9], "FL against itself: no uplink reduction");
    String hier = runs.stream().filter(l -> l.startsWith("small,hierarchical,")).findFirst().get();
    String c200 = runs.stream().filter(l -> l.startsWith("small,consensus-c200,")).findFirst()
        .get();
    assertEquals(hier.split(",")[4], c200.split(",")[4], "200 consensus rounds: HierFAVG's accuracy");
    for (String png : List.of("small-accuracy-rounds.png", "small-accuracy-transfers.png",
        "small-accuracy-tree-transfers.png")) {
      assertTrue(Files.size(out.resolve(png)) > 1000, png);
    }
    // The table holds what rounds.csv holds (network,run,...,round,devices,accuracy,...,
    // d2d_messages at 10, tree transfers at 9).
    Map<String, String[]> csv = new HashMap<>();
    for (String l : rounds.subList(1, rounds.size())) {
      String[] c = l.split(",", -1);
      csv.put(c[1] + "/" + c[4], c);
    }
    Cli.Run q = Cli.run(wh("fogl1", "sql", "--output", "csv", "SELECT run, `round`, accuracy, "
        + "d2d_messages, uplink_transfers + downlink_transfers AS tree, parameters_transferred, "
        + "parameters FROM fog_rounds WHERE spec = 't' ORDER BY run, `round`"));
    assertEquals(0, q.code(), q.err());
    List<String> rows = q.out().lines().toList();
    assertEquals(13, rows.size(), q.out());
    for (String l : rows.subList(1, rows.size())) {
      String[] c = l.split(",", -1);
      String[] want = csv.get(c[0] + "/" + c[1]);
      assertEquals(Double.parseDouble(want[6]), Double.parseDouble(c[2]), 0.0, l);
      assertEquals(want[10], c[3], l);
      assertEquals(want[9], c[4], l);
      assertEquals(Double.parseDouble(want[9]) * Integer.parseInt(c[6]),
          Double.parseDouble(c[5]), 0.0, l);
    }
    // A rerun with fewer rounds replaces the spec's rows (no stale third round).
    Cli.Run again = Cli.run(wh("fogl1", "fog-learning", "--spec", spec.toString(), "--out",
        out.toString(), "--overwrite", "true", "--rounds", "2"));
    assertEquals(0, again.code(), again.err());
    Cli.Run count = Cli.run(wh("fogl1", "sql", "--output", "csv",
        "SELECT count(*) AS n, max(`round`) AS r FROM fog_rounds WHERE spec = 't'"));
    assertEquals("8,2", count.out().lines().toList().get(1), count.out());
    // A rerun that fails (training diverges) commits nothing: the earlier rows stay as they are.
    Files.writeString(spec, spec("20, 4, 2, 1").replace("learning-rate = 0.05",
        "learning-rate = 1e300"));
    Cli.Run failed = Cli.run(wh("fogl1", "fog-learning", "--spec", spec.toString(), "--out",
        out.toString(), "--overwrite", "true"));
    assertTrue(failed.code() != 0, failed.out());
    Cli.Run kept = Cli.run(wh("fogl1", "sql", "--output", "csv",
        "SELECT count(*) AS n, max(`round`) AS r FROM fog_rounds WHERE spec = 't'"));
    assertEquals("8,2", kept.out().lines().toList().get(1), kept.out());
    Files.writeString(spec, spec("20, 4, 2, 1"));
    // The catalogue's figures come from the table.
    Path plots = dir.resolve("plots");
    Cli.Run p = Cli.run(wh("fogl1", "plot", "--spec", spec.toString(), "--out",
        plots.toString()));
    assertEquals(0, p.code(), p.err());
    assertTrue(p.out().contains("4 of 4 figures drawn"), p.out());
    assertTrue(Files.size(plots.resolve("t-accuracy-parameters-with-d2d.png")) > 1000);
  }

  @Test
  void offloadingAndMovingRunsRecordTheirTraffic() throws Exception {
    Path spec = dir.resolve("spec.conf");
    Files.writeString(spec, spec("20, 4, 2, 1", "").replace(
        "runs = [{ mode = federated }, { mode = hierarchical },"
            + " { mode = consensus, consensus-rounds = [1, 200] }]",
        "runs = [{ mode = consensus, consensus-rounds = 2, offload = true },"
            + " { mode = hierarchical, move-probability = 0.3 }, { mode = hierarchical }]"));
    Path out = dir.resolve("out2");
    Cli.Run r = Cli.run(wh("fogl2", "fog-learning", "--spec", spec.toString(), "--out",
        out.toString()));
    assertEquals(0, r.code(), r.err());
    Cli.Run q = Cli.run(wh("fogl2", "sql", "--output", "csv", "SELECT run, offloaded_samples, "
        + "accuracy FROM fog_rounds WHERE `round` = 3 ORDER BY run"));
    List<String> rows = q.out().lines().toList();
    assertEquals(4, rows.size(), q.out());
    assertTrue(rows.get(1).startsWith("consensus-c2-offload,"), rows.get(1));
    assertTrue(Long.parseLong(rows.get(1).split(",")[1]) > 0, "samples moved");
    assertTrue(rows.get(2).startsWith("hierarchical,0,"), rows.get(2));
    assertTrue(rows.get(3).startsWith("hierarchical-move0.3,0,"), rows.get(3));
  }

  @Test
  void aBadSpecIsOneLocatedSentence() throws Exception {
    String[][] cases = {
        {"must end in 1", spec("20, 4, 2")},
        {"line 20: fog-learning.roundz is not a key of fog-learning", spec("20, 4, 2, 1",
            " roundz = 3\n")},
        {"did you mean rounds?", spec("20, 4, 2, 1", " roundz = 3\n")},
        {"fog-learning.rounds must be a whole number, got \"ten\"",
            spec("20, 4, 2, 1").replace("rounds = 3", "rounds = ten")},
        {"fog-learning.batch must be a whole number, got 2.5",
            spec("20, 4, 2, 1").replace("batch = 10", "batch = 2.5")},
        {"fog-learning.runs[0].c is not a key", spec("20, 4, 2, 1").replace(
            "{ mode = federated }", "{ mode = federated, c = 2 }")},
        {"fog-learning.runs.mode must be one of federated, hierarchical, consensus",
            spec("20, 4, 2, 1").replace("mode = federated", "mode = fedavg")},
        {"fog-learning.d2d-density must be a number in [0, 1]",
            spec("20, 4, 2, 1").replace("d2d-density = 0.5", "d2d-density = 2")},
        {"fog-learning.runs.offload cannot be combined with a move-probability",
            spec("20, 4, 2, 1").replace("{ mode = federated }",
                "{ mode = federated, offload = true, move-probability = 0.1 }")},
        {"other is outside fog-learning { }", spec("20, 4, 2, 1") + "other { a = 1 }\n"}};
    for (String[] c : cases) {
      Path spec = dir.resolve("bad.conf");
      Files.writeString(spec, c[1]);
      Path out = dir.resolve("never");
      Cli.Run r = Cli.run(wh("fogl3", "fog-learning", "--spec", spec.toString(), "--out",
          out.toString()));
      assertEquals(2, r.code(), c[0] + ": " + r.err());
      assertTrue(r.err().contains(c[0]), c[0] + " in: " + r.err());
      assertTrue(r.err().contains(spec.toString()), "names the file: " + r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace");
      assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
      assertFalse(Files.exists(out));
    }
  }
}
