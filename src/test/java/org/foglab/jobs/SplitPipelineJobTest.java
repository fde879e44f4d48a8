package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --mode split|pipeline} end to end: the summary, ledger.csv, the ledger table and
 * the trainings row agree; bad options fail with one sentence naming them and write nothing.
 */
class SplitPipelineJobTest {
  @TempDir
  Path dir;

  /** 256 features (a 16x16 "image" for the CNN), 4 devices x 10 slots, |D_i(t)| on 0..15. */
  private static final String DATA =
      "synthetic:classes=3,features=256,samples=600,test=100,seed=2";

  private String[] base(String catalog, String... more) {
    String[] head = {"--set", "foglab.warehouse.path=" + dir.resolve("wh"),
        "--set", "foglab.warehouse.catalog=" + catalog, "train", "--dataset", DATA,
        "--devices", "4", "--slots", "10", "--passes", "2", "--capacities", "false"};
    String[] all = new String[head.length + more.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }

  @Test
  void splitWritesALedgerThatAddsUpEverywhere() throws Exception {
    Path out = dir.resolve("split");
    Cli.Run r = Cli.run(base("sp1", "--mode", "split", "--batch-size", "5",
        "--straggler-rate", "0.25", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = Json.readMap(Files.readString(out.resolve("summary.json")));
    @SuppressWarnings("unchecked")
    Map<String, Object> ledger = (Map<String, Object>) s.get("ledger");
    @SuppressWarnings("unchecked")
    Map<String, Object> split = (Map<String, Object>) s.get("split");
    assertEquals(3, ((Number) split.get("participants_per_round")).intValue());
    double bytes = ((Number) ledger.get("bytes")).doubleValue();
    // ledger.csv, the ledger table and the trainings row carry the same total.
    List<String> lines = Files.readAllLines(out.resolve("ledger.csv"));
    double csv = 0;
    int col = List.of(lines.get(0).split(",")).indexOf("bytes");
    for (String line : lines.subList(1, lines.size())) {
      csv += Double.parseDouble(line.split(",", -1)[col]);
    }
    assertEquals(bytes, csv, 1e-9 * bytes);
    Row t = SparkTestSession.get().sql("SELECT sum(bytes), count(*), first(mode) FROM "
        + "sp1.results.ledger").first();
    assertEquals(bytes, t.getDouble(0), 1e-9 * bytes);
    assertEquals(lines.size() - 1, t.getLong(1));
    assertEquals("split", t.getString(2));
    Row row = SparkTestSession.get().sql("SELECT bytes_total, bytes_activations, split_cut, "
        + "batch_size, straggler_rate, mode, get_json_object(report, '$.rounds') FROM "
        + "sp1.results.trainings").first();
    assertEquals(bytes, row.getDouble(0), 0.0);
    assertEquals("output", row.getString(2));
    assertEquals(5, row.getInt(3));
    assertEquals(0.25, row.getDouble(4), 0.0);
    assertEquals("split", row.getString(5));
    assertEquals(split.get("rounds").toString(), row.getString(6));
  }

  @Test
  void pipelineReportsStagesAndBothTimings() throws Exception {
    Path out = dir.resolve("pipe");
    Cli.Run r = Cli.run(base("sp2", "--mode", "pipeline", "--model", "cnn", "--suite",
        "hybrid-off-device", "--batch-size", "16", "--micro-batches", "1", "--out",
        out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = Json.readMap(Files.readString(out.resolve("summary.json")));
    @SuppressWarnings("unchecked")
    Map<String, Object> p = (Map<String, Object>) s.get("pipeline");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> stages = (List<Map<String, Object>>) p.get("stages");
    assertEquals(2, stages.size());
    assertEquals("cloudlet", stages.get(0).get("tier"));
    assertEquals("cloud", stages.get(1).get("tier"));
    double seq = ((Number) p.get("simulated_sequential_seconds")).doubleValue();
    double pipe = ((Number) p.get("simulated_pipelined_seconds")).doubleValue();
    // One micro-batch per batch is sequential execution: the two timings are one computation
    // done twice, by the station sums and by GPipe's fill-and-drain formula.
    assertEquals(seq, pipe, 1e-9 * seq);
    assertTrue(r.out().contains("simulated wall time"), r.out());
  }

  @Test
  void badSplitAndPipelineOptionsFailWithOneSentenceAndWriteNothing() {
    Path out = dir.resolve("bad");
    String[][] cases = {
        {"--mode", "split", "--cut", "conv9"},
        {"--mode", "split", "--straggler-rate", "1"},
        {"--mode", "split", "--batch-size", "400"},
        {"--mode", "pipeline", "--suite", "custom", "--placement", "device"},
        {"--mode", "pipeline", "--source", "9"},
        {"--mode", "pipeline", "--suite", "hybrid-on-device", "--cut", "hidden1"},
    };
    String[] named = {"--cut", "--straggler-rate", "--batch-size", "at least 2 stages",
        "--source", "--cut"};
    for (int c = 0; c < cases.length; c++) {
      String[] args = new String[cases[c].length + 2];
      System.arraycopy(cases[c], 0, args, 0, cases[c].length);
      args[cases[c].length] = "--out";
      args[cases[c].length + 1] = out.toString();
      Cli.Run r = Cli.run(base("sp3", args));
      assertEquals(2, r.code(), String.join(" ", cases[c]) + ": " + r.err());
      assertTrue(r.err().contains(named[c]), String.join(" ", cases[c]) + ": " + r.err());
      assertEquals(1, r.err().lines().filter(l -> !l.startsWith("[train")).count(), r.err());
      assertFalse(Files.exists(out), String.join(" ", cases[c]));
    }
  }

  @Test
  void aSweepRefusesAScenarioWhoseBatchExceedsANodesDataBeforeRunningAny() throws Exception {
    Path spec = dir.resolve("s.conf");
    Files.writeString(spec, "sweep { name = sb, kind = train,\n"
        + " settings { generate { devices = 4, slots = 10, capacities.enabled = false },\n"
        + "   train { dataset = \"" + DATA + "\", mode = split, passes = 1 } }\n"
        + " grid { train.batch-size = [5, 400], seed = [1] } }\n");
    Cli.Run r = Cli.run("--set", "foglab.warehouse.path=" + dir.resolve("wh"), "--set",
        "foglab.warehouse.catalog=sp4", "sweep", "--spec", spec.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--batch-size 400") && r.err().contains("scenario"), r.err());
    Path wh = dir.resolve("wh");
    if (Files.exists(wh)) {
      try (var files = Files.walk(wh)) {
        assertFalse(files.anyMatch(f -> f.getFileName().toString().equals("trainings")),
            "nothing ran, so no table was created");
      }
    }
  }
}
