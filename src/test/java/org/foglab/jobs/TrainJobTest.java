package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * {@code train} and training sweeps end to end on small synthetic data: outputs agree with the
 * table, the settings' costs keep their order, bad input fails cleanly, sweeps resume.
 */
class TrainJobTest {
  @TempDir
  Path dir;

  /** 4 devices x 10 slots, 400 training samples: |D_i(t)| uniform on 0..10. */
  private static final String DATA = "synthetic:classes=3,features=8,samples=400,test=100,seed=2";

  private String[] base(String catalog, String... more) {
    String[] head = {"--set", "foglab.warehouse.path=" + dir.resolve("wh"),
        "--set", "foglab.warehouse.catalog=" + catalog, "train", "--dataset", DATA,
        "--devices", "4", "--slots", "10", "--tau", "5", "--passes", "2", "--capacities", "false"};
    String[] all = new String[head.length + more.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }

  @Test
  void writesSummaryCurvesAndOneTableRowThatAgree() throws Exception {
    Path out = dir.resolve("b");
    Cli.Run r = Cli.run(base("tr1", "--setting", "B", "--evaluate-every", "1", "--out",
        out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = Json.readMap(Files.readString(out.resolve("summary.json")));
    for (String k : List.of("accuracy", "loss", "unit_cost", "process_cost", "transfer_cost",
        "discard_cost", "offloaded_fraction")) {
      assertTrue(s.get(k) instanceof Number, k + " in " + s);
    }
    double unit = ((Number) s.get("unit_cost")).doubleValue();
    double total = ((Number) s.get("process_cost")).doubleValue()
        + ((Number) s.get("transfer_cost")).doubleValue()
        + ((Number) s.get("discard_cost")).doubleValue();
    long collected = ((Number) s.get("collected")).longValue();
    assertEquals(total / collected, unit, 1e-12 * unit, "unit cost = total / collected data");
    // 2 passes x 10 slots / tau 5 = 4 aggregations, each evaluated; header + 4 rows.
    assertEquals(5, Files.readAllLines(out.resolve("curve.csv")).size());
    assertEquals(1 + 2 * 10 * 4, Files.readAllLines(out.resolve("device_losses.csv")).size());
    Row row = SparkTestSession.get().sql("SELECT accuracy, unit_cost, size(curve), "
        + "size(device_losses), mode, setting, collected FROM tr1.results.trainings").first();
    assertEquals(((Number) s.get("accuracy")).doubleValue(), row.getDouble(0), 0.0);
    assertEquals(unit, row.getDouble(1), 0.0);
    assertEquals(4, row.getInt(2));
    assertEquals(80, row.getInt(3));
    assertEquals("network-aware", row.getString(4));
    assertEquals("B", row.getString(5));
    assertEquals(collected, row.getLong(6));
  }

  /**
   * Without capacities, B's plan (Theorem 3) is optimal and A's (keep everything) is feasible:
   * B's unit cost is at most A's, and the federated baseline moves no data, as A.
   */
  @Test
  void settingBCostsNoMoreThanAAndFederatedMovesNothing() throws Exception {
    Cli.Run a = Cli.run(base("tr2", "--setting", "A", "--out", dir.resolve("a").toString()));
    Cli.Run b = Cli.run(base("tr2", "--setting", "B", "--out", dir.resolve("b").toString()));
    Cli.Run f = Cli.run(base("tr2", "--mode", "federated", "--out", dir.resolve("f").toString()));
    Cli.Run c = Cli.run(base("tr2", "--mode", "centralized", "--executor", "local", "--out",
        dir.resolve("c").toString()));
    for (Cli.Run r : List.of(a, b, f, c)) {
      assertEquals(0, r.code(), r.err());
    }
    // By default only the final model is tested: one curve point, yet progress every pass.
    assertEquals(2, Files.readAllLines(dir.resolve("a").resolve("curve.csv")).size());
    assertTrue(a.err().contains("pass 1/2") && a.err().contains("pass 2/2: test accuracy"),
        a.err());
    List<Row> rows = SparkTestSession.get().sql("SELECT mode, setting, unit_cost, "
        + "offloaded_fraction, discarded_fraction, tau, accuracy FROM tr2.results.trainings "
        + "ORDER BY mode, setting").collectAsList();
    assertEquals(4, rows.size());
    Row central = rows.get(0);
    Row fed = rows.get(1);
    Row rowA = rows.get(2);
    Row rowB = rows.get(3);
    assertNull(central.get(2), "centralized runs have no network cost");
    assertEquals(1, fed.getInt(5), "federated aggregates every slot");
    assertEquals(0.0, fed.getDouble(3));
    assertEquals(0.0, rowA.getDouble(3));
    assertEquals(0.0, rowA.getDouble(4));
    assertEquals(rowA.getDouble(2), fed.getDouble(2), 1e-12, "A and federated both keep all data");
    assertTrue(rowB.getDouble(2) <= rowA.getDouble(2) * (1 + 1e-12),
        rowB.getDouble(2) + " vs " + rowA.getDouble(2));
    assertTrue(rowB.getDouble(3) > 0, "cheap links attract data");
  }

  @Test
  void theSparkAndLocalExecutorsTrainTheSameModel() throws Exception {
    Path spark = dir.resolve("spark");
    Path local = dir.resolve("local");
    assertEquals(0, Cli.run(base("tr3", "--out", spark.toString(), "--partitions", "3")).code());
    assertEquals(0, Cli.run(base("tr3", "--out", local.toString(), "--executor", "local")).code());
    Map<String, Object> s = Json.readMap(Files.readString(spark.resolve("summary.json")));
    Map<String, Object> l = Json.readMap(Files.readString(local.resolve("summary.json")));
    // Tolerance 0: the weighted sums are aggregated in exact fixed-point arithmetic, so the
    // order in which partitions combine does not change a bit.
    assertEquals(l.get("loss"), s.get("loss"));
    assertEquals(l.get("accuracy"), s.get("accuracy"));
    assertEquals(l.get("unit_cost"), s.get("unit_cost"));
  }

  @Test
  void badInputFailsWithOneSentenceAndWritesNothing() {
    Path out = dir.resolve("bad");
    Cli.Run missing = Cli.run("--set", "foglab.warehouse.path=" + dir.resolve("wh"), "train",
        "--dataset", "mnist:" + dir.resolve("nowhere"), "--out", out.toString());
    assertEquals(3, missing.code(), missing.err());
    assertTrue(missing.err().contains("does not exist"), missing.err());
    assertFalse(Files.exists(out));
    Cli.Run mode = Cli.run("train", "--mode", "sideways", "--out", out.toString());
    assertEquals(2, mode.code());
    assertTrue(mode.err().contains("network-aware") && mode.err().contains("split"), mode.err());
    Cli.Run ds = Cli.run("train", "--dataset", "imagenet", "--out", out.toString());
    assertEquals(2, ds.code());
    assertTrue(ds.err().contains("foglab.train.dataset") || ds.err().contains("--dataset"),
        ds.err());
    Cli.Run cnn = Cli.run("--set", "foglab.warehouse.path=" + dir.resolve("wh"), "train",
        "--dataset", "synthetic:features=10", "--model", "cnn", "--out", out.toString());
    assertEquals(3, cnn.code(), cnn.err());
    assertTrue(cnn.err().contains("square"), cnn.err());
    assertFalse(Files.exists(out));
    // 300 samples over 50 devices x 20 slots: 0.3 per device-slot, floored to 0 by whole samples.
    Cli.Run empty = Cli.run("--set", "foglab.warehouse.path=" + dir.resolve("wh"), "train",
        "--dataset", "synthetic:samples=300,test=50", "--devices", "50", "--slots", "20",
        "--tau", "5", "--passes", "1", "--out", out.toString());
    assertEquals(2, empty.code(), empty.err());
    assertEquals("foglab train: the devices collect no datapoints: 300 training samples over 50 "
        + "devices x 20 slots leave every device-slot below one sample; use fewer devices or "
        + "slots, or a larger dataset", empty.err().lines().filter(l -> l.startsWith("foglab"))
        .findFirst().orElse(empty.err()));
    assertFalse(Files.exists(out));
  }

  /** A training sweep on 4 devices x 10 slots of {@link #DATA} (tau 5), its grid as given. */
  private static String trainingSweep(String name, String train, String grid) {
    return "sweep { name = " + name + ", kind = train,\n"
        + " settings { generate { devices = 4, slots = 10, capacities.enabled = false },\n"
        + "   train { dataset = \"" + DATA + "\", tau = 5" + train + " } }\n"
        + " grid { " + grid + ", seed = [1] } }\n";
  }

  @Test
  void trainingSweepsAppendOneRowPerScenarioAndResume() throws Exception {
    Path spec = dir.resolve("t.conf");
    Files.writeString(spec, trainingSweep("tl", ", passes = 1", "train.setting = [A, B]"));
    String[] wh = {"--set", "foglab.warehouse.path=" + dir.resolve("wh"),
        "--set", "foglab.warehouse.catalog=tr4"};
    Cli.Run r = Cli.run(wh[0], wh[1], wh[2], wh[3], "sweep", "--spec", spec.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 scenarios in tr4.results.trainings (2 run now"), r.out());
    Cli.Run again = Cli.run(wh[0], wh[1], wh[2], wh[3], "sweep", "--spec", spec.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("(0 run now, 2 already there)"), again.out());
    List<Row> rows = SparkTestSession.get().sql("SELECT setting, offloaded_fraction, sweep, "
        + "scenario_key FROM tr4.results.trainings ORDER BY setting").collectAsList();
    assertEquals(2, rows.size());
    assertEquals(0.0, rows.get(0).getDouble(1));
    assertTrue(rows.get(1).getDouble(1) > 0);
    assertEquals("tl", rows.get(0).getString(2));
    // The same run as a single train command gives the same accuracy (scenarios are seeded alike).
    Cli.Run one = Cli.run("--set", "foglab.warehouse.path=" + dir.resolve("wh"), "--set",
        "foglab.warehouse.catalog=tr5", "train", "--dataset", DATA, "--devices", "4", "--slots",
        "10", "--tau", "5", "--passes", "1", "--capacities", "false", "--setting", "B",
        "--executor", "local", "--out", dir.resolve("one").toString());
    assertEquals(0, one.code(), one.err());
    double sweepAcc = SparkTestSession.get().sql("SELECT accuracy FROM tr4.results.trainings "
        + "WHERE setting = 'B'").first().getDouble(0);
    double oneAcc = SparkTestSession.get().sql("SELECT accuracy FROM tr5.results.trainings")
        .first().getDouble(0);
    assertEquals(oneAcc, sweepAcc, 0.0);
  }

  @Test
  void aTrainingSweepKeepsTheScenariosThatFinishedBeforeOneFailed() throws Exception {
    Path spec = dir.resolve("f.conf");
    Files.writeString(spec, trainingSweep("tf", ", passes = 1",
        "train.learning-rate = [0.01, 100]"));
    String[] wh = {"--set", "foglab.warehouse.path=" + dir.resolve("whf"),
        "--set", "foglab.warehouse.catalog=tf1"};
    // Both at once: the second diverges; the first, running beside it, finishes and is kept.
    Cli.Run failed = Cli.run(wh[0], wh[1], wh[2], wh[3], "sweep", "--spec", spec.toString(),
        "--batch-size", "2");
    assertTrue(failed.code() != 0, failed.out());
    assertTrue(failed.err().contains("training diverged"), failed.err());
    assertTrue(failed.err().contains("1/2 scenarios in tf1.results.trainings"), failed.err());
    assertTrue(failed.err().contains("the scenarios already running finish"), failed.err());
    List<Row> kept = SparkTestSession.get().sql("SELECT accuracy, settings FROM "
        + "tf1.results.trainings").collectAsList();
    assertEquals(1, kept.size());
    assertTrue(kept.get(0).getDouble(0) > 0.5
        && kept.get(0).getString(1).contains("\"hidden-units\":[200],\"intervals\":10,"
        + "\"learning-rate\":0.01,"), kept.toString());
    long ledger = SparkTestSession.get().sql("SELECT count(*) FROM tf1.results.ledger l JOIN "
        + "tf1.results.trainings t ON l.run_id = t.run_id AND l.scenario_key = t.scenario_key")
        .first().getLong(0);
    assertTrue(ledger > 0, "the kept scenario's ledger rows");
    // The rerun with the bad value replaced trains only the new scenario.
    Files.writeString(spec, trainingSweep("tf", ", passes = 1",
        "train.learning-rate = [0.01, 0.02]"));
    Cli.Run again = Cli.run(wh[0], wh[1], wh[2], wh[3], "sweep", "--spec", spec.toString(),
        "--batch-size", "2");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("(1 run now, 1 already there)"), again.out());
    assertEquals(2, SparkTestSession.get().sql("SELECT * FROM tf1.results.trainings").count());
  }

  @Test
  void aFinishedScenarioIsCommittedWhileTheOthersTrain() throws Exception {
    // Three scenarios, two at a time on two task slots: the short one finishes first and must be
    // committed while the long one beside it still trains (its thread commits before it starts
    // the third, which would otherwise take the slot the commit needs).
    Path spec = dir.resolve("c.conf");
    Files.writeString(spec, trainingSweep("tc", "", "train.passes = [1, 500, 501]"));
    Cli.Run r = Cli.run("--set", "foglab.warehouse.path=" + dir.resolve("whc"), "--set",
        "foglab.warehouse.catalog=tc1", "sweep", "--spec", spec.toString(), "--batch-size", "2",
        "--show", "false");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    int committed = -1;
    int laterLine = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (committed < 0 && lines.get(i).contains("1/3 scenarios in tc1.results.trainings")) {
        committed = i;
      } else if (committed >= 0 && lines.get(i).contains("train.passes=500")
          && lines.get(i).contains(": pass ")) {
        laterLine = i;
      }
    }
    assertTrue(committed >= 0 && laterLine > committed,
        "the first scenario was committed while the second still trained:\n" + r.err());
  }
}
