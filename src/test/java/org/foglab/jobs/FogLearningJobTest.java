package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fog-learning --spec: one row per run and round, charts, bad specs exit 2. */
class FogLearningJobTest {
  @TempDir
  Path dir;

  static String spec(String layers) {
    return "fog-learning {\n name = t\n dataset = \"synthetic:classes=4,features=16,samples=2000,"
        + "test=300\"\n networks = [{ name = small, layers = [" + layers + "] }]\n"
        + " runs = [{ mode = federated }, { mode = hierarchical },"
        + " { mode = consensus, consensus-rounds = [1, 200] }]\n rounds = 3\n batch = 10\n"
        + " learning-rate = 0.05\n samples-per-device = 20\n two-class-share = 0.5\n"
        + " sample-fraction = 0.0001\n cluster-fraction = 1.0\n cluster-sampling = uniform\n"
        + " d2d-graph = er\n d2d-density = 0.5\n seed = 3\n executor = local\n partitions = 0\n"
        + " evaluate-every = 1\n}\n";
  }

  @Test
  void writesOneRowPerRunAndRoundAndCharts() throws Exception {
    Path spec = dir.resolve("spec.conf");
    Files.writeString(spec, spec("20, 4, 2, 1"));
    Path out = dir.resolve("out");
    Cli.Run r = Cli.run("fog-learning", "--spec", spec.toString(), "--out", out.toString());
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
    assertTrue(Files.size(out.resolve("small-accuracy-rounds.png")) > 1000);
    assertTrue(Files.size(out.resolve("small-accuracy-transfers.png")) > 1000);
  }

  @Test
  void aBadSpecIsOneSentence() throws Exception {
    Path spec = dir.resolve("bad.conf");
    Files.writeString(spec, spec("20, 4, 2"));
    Path out = dir.resolve("never");
    Cli.Run r = Cli.run("fog-learning", "--spec", spec.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("must end in 1"), r.err());
    assertFalse(Files.exists(out));
  }
}
