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
 * {@code train --mode fpl|sl|gfl|transfer} end to end on synthetic 16x16 images: summary,
 * ledger and trainings row agree; bad options fail with one sentence and write nothing.
 */
class FplJobTest {
  @TempDir
  Path dir;

  private static final String DATA =
      "synthetic:classes=3,features=256,samples=48,test=20,seed=2";

  private String[] base(String catalog, String... more) {
    String[] head = {"--set", "foglab.warehouse.path=" + dir.resolve("wh"),
        "--set", "foglab.warehouse.catalog=" + catalog, "train", "--dataset", DATA,
        "--model", "cnn", "--leaf", "false", "--views", "blur,hflip,vflip", "--epochs", "2",
        "--batch-size", "16", "--devices", "3", "--slots", "2", "--capacities", "false"};
    String[] all = new String[head.length + more.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }

  @Test
  void fplWritesItsReportLedgerAndRow() throws Exception {
    Path out = dir.resolve("fpl");
    Cli.Run r = Cli.run(base("fp1", "--mode", "fpl", "--junction-before", "F2", "--out",
        out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = Json.readMap(Files.readString(out.resolve("summary.json")));
    @SuppressWarnings("unchecked")
    Map<String, Object> fpl = (Map<String, Object>) s.get("fpl");
    assertEquals(3, ((Number) fpl.get("sources")).intValue());
    assertEquals("output", fpl.get("junction_before"));
    @SuppressWarnings("unchecked")
    List<Object> curve = (List<Object>) fpl.get("validation_loss");
    assertEquals(2, curve.size());
    @SuppressWarnings("unchecked")
    Map<String, Object> ledger = (Map<String, Object>) s.get("ledger");
    double bytes = ((Number) ledger.get("bytes")).doubleValue();
    Row row = SparkTestSession.get().sql("SELECT bytes_total, mode, batch_size, accuracy, "
        + "get_json_object(report, '$.best_epoch') FROM fp1.results.trainings").first();
    assertEquals(bytes, row.getDouble(0), 0.0);
    assertEquals("fpl", row.getString(1));
    assertEquals(16, row.getInt(2));
    assertEquals(((Number) s.get("accuracy")).doubleValue(), row.getDouble(3), 0.0);
    assertEquals(fpl.get("best_epoch").toString(), row.getString(4));
  }

  /**
   * The job with {@code --executor spark} (3 partitions, one source each) and {@code local}: the
   * same summary figures and ledger to the last digit (the strategies' bit-for-bit comparison is
   * MultiSourceSparkTest; this checks the job hands its executor to the multi-source modes).
   */
  @Test
  void executorsGiveTheSameSummary() throws Exception {
    Map<String, Map<String, Object>> got = new java.util.HashMap<>();
    for (String ex : new String[] {"local", "spark"}) {
      Path out = dir.resolve("sl-" + ex);
      Cli.Run r = Cli.run(base("fp4" + ex, "--mode", "sl", "--executor", ex, "--partitions",
          "3", "--out", out.toString()));
      assertEquals(0, r.code(), r.err());
      got.put(ex, Json.readMap(Files.readString(out.resolve("summary.json"))));
    }
    for (String key : new String[] {"accuracy", "ledger"}) {
      assertEquals(got.get("local").get(key), got.get("spark").get(key), key);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> local = (Map<String, Object>) got.get("local").get("sl");
    @SuppressWarnings("unchecked")
    Map<String, Object> spark = (Map<String, Object>) got.get("spark").get("sl");
    for (String key : new String[] {"validation_loss", "test_accuracy", "parameters",
        "simulated_seconds"}) {
      assertEquals(local.get(key), spark.get(key), key);
    }
  }

  @Test
  void gflPresetRuns() throws Exception {
    Path out = dir.resolve("gfl");
    Cli.Run r = Cli.run(base("fp2", "--preset", "gfl-c2-f1-f2", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = Json.readMap(Files.readString(out.resolve("summary.json")));
    assertEquals("gfl", s.get("mode"));
    @SuppressWarnings("unchecked")
    Map<String, Object> gfl = (Map<String, Object>) s.get("gfl");
    assertEquals(List.of("conv2", "dense", "output"), gfl.get("average"));
  }

  @Test
  void badOptionsFailWithOneSentenceAndWriteNothing() {
    Path out = dir.resolve("bad");
    String[][] cases = {
        {"--mode", "fpl", "--junction-before", "F3"},
        {"--mode", "fpl", "--junction-before", "C2"},
        {"--mode", "gfl", "--average", "F1,F9"},
        {"--mode", "fpl", "--sources", "1"},
        {"--mode", "fpl", "--view-noise", "0.1,0.2"},
        {"--mode", "fpl", "--executor", "cluster"},
    };
    String[] named = {"--junction-before", "--junction-before", "--average", "--sources",
        "--view-noise", "--executor"};
    for (int c = 0; c < cases.length; c++) {
      String[] args = new String[cases[c].length + 2];
      System.arraycopy(cases[c], 0, args, 0, cases[c].length);
      args[cases[c].length] = "--out";
      args[cases[c].length + 1] = out.toString();
      Cli.Run r = Cli.run(base("fp3", args));
      assertEquals(2, r.code(), String.join(" ", cases[c]) + ": " + r.err());
      assertTrue(r.err().contains(named[c]), String.join(" ", cases[c]) + ": " + r.err());
      assertEquals(1, r.err().lines().filter(l -> !l.startsWith("[train")).count(), r.err());
      assertFalse(Files.exists(out), String.join(" ", cases[c]));
    }
  }
}
