package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps append one row per scenario, resume after a failure, and never leave partial batches. */
class SweepJobTest {
  @TempDir
  Path dir;

  private String[] warehouse(String catalog) {
    return new String[] {"--set", "foglab.warehouse.path=" + dir.resolve("wh"),
        "--set", "foglab.warehouse.catalog=" + catalog};
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void rerunSkipsScenariosAlreadyInTheTable() throws Exception {
    Path spec = dir.resolve("s.conf");
    Files.writeString(spec, "sweep { name = t1, table = runs,\n"
        + " settings { generate { topology = full, slots = 5, capacities.enabled = false } }\n"
        + " grid { generate.devices = [4, 6], seed = [1, 2] } }\n");
    Cli.Run r = Cli.run(concat(warehouse("sw1"), "sweep", "--spec", spec.toString(), "--batch-size", "3"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("4 scenarios in sw1.results.runs (4 run now, 0 already there)"), r.out());
    List<Row> rows = SparkTestSession.get().sql(
        "SELECT devices, seed, unit_cost, offloaded_fraction, status FROM sw1.results.runs ORDER BY devices, seed")
        .collectAsList();
    assertEquals(4, rows.size());
    for (Row row : rows) {
      assertEquals("optimal", row.getString(4));
      assertTrue(row.getDouble(2) > 0 && row.getDouble(3) > 0);
    }
    Cli.Run again = Cli.run(concat(warehouse("sw1"), "sweep", "--spec", spec.toString()));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("(0 run now, 4 already there)"), again.out());
    assertEquals(4, SparkTestSession.get().sql("SELECT * FROM sw1.results.runs").count());
  }

  @Test
  void aBadEdgeFileInTheGridFailsBeforeAnyScenarioRuns() throws Exception {
    Path good = dir.resolve("good.csv");
    Path late = dir.resolve("late.csv");
    Path broken = dir.resolve("broken.csv");
    Files.writeString(good, "src,dst\na,b\nb,c\n");
    Files.writeString(broken, "src,dst\na,b\nc,c\n");
    Path spec = dir.resolve("f.conf");
    Files.writeString(spec, "sweep { name = t2, table = runs,\n"
        + " settings { generate { topology = edges, slots = 3 } }\n"
        + " grid { generate.edges = [\"" + good + "\", \"" + late + "\"] } }\n");
    Cli.Run r = Cli.run(concat(warehouse("sw2"), "sweep", "--spec", spec.toString(), "--batch-size", "1"));
    assertEquals(3, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("late.csv: no such edge file"), r.err());
    assertTrue(r.err().contains("scenario"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(!Files.exists(dir.resolve("wh")), "nothing written: " + dir.resolve("wh"));

    Files.writeString(spec, "sweep { name = t2, table = runs,\n"
        + " settings { generate { topology = edges, slots = 3 } }\n"
        + " grid { generate.edges = [\"" + good + "\", \"" + broken + "\"] } }\n");
    Cli.Run bad = Cli.run(concat(warehouse("sw2"), "sweep", "--spec", spec.toString(), "--batch-size", "1"));
    assertEquals(3, bad.code(), bad.out() + bad.err());
    assertTrue(bad.err().contains("broken.csv") && bad.err().contains("line 3"), bad.err());

    Files.writeString(late, "src,dst\nx,y\n");
    Files.writeString(spec, "sweep { name = t2, table = runs,\n"
        + " settings { generate { topology = edges, slots = 3 } }\n"
        + " grid { generate.edges = [\"" + good + "\", \"" + late + "\"] } }\n");
    Cli.Run again = Cli.run(concat(warehouse("sw2"), "sweep", "--spec", spec.toString()));
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("(2 run now, 0 already there)"), again.out());
    assertEquals(2, SparkTestSession.get().sql("SELECT * FROM sw2.results.runs").count());
  }

  /**
   * Two runs of one sweep at once (two threads on the shared session, both past the resume
   * check before either commits): each scenario is stored once.
   */
  @Test
  void theSameSweepRunTwiceAtOnceStoresEachScenarioOnce() throws Exception {
    Path spec = dir.resolve("c.conf");
    Files.writeString(spec, "sweep { name = t9, table = runs,\n"
        + " settings { generate { topology = full, slots = 3, capacities.enabled = false } }\n"
        + " grid { generate.devices = [3, 4, 5], seed = [1, 2] } }\n");
    for (int round = 0; round < 2; round++) {
      String catalog = "swc" + round;
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        List<java.util.concurrent.Future<Cli.Run>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
          runs.add(pool.submit(() -> {
            start.await();
            return Cli.run(concat(warehouse(catalog), "sweep", "--spec", spec.toString(),
                "--batch-size", "6"));
          }));
        }
        for (java.util.concurrent.Future<Cli.Run> f : runs) {
          Cli.Run r = f.get();
          assertEquals(0, r.code(), r.out() + r.err());
        }
      } finally {
        pool.shutdownNow();
      }
      List<Row> rows = SparkTestSession.get().sql("SELECT scenario_key, count(*) FROM " + catalog
          + ".results.runs GROUP BY scenario_key").collectAsList();
      assertEquals(6, rows.size(), "six scenarios");
      for (Row row : rows) {
        assertEquals(1L, row.getLong(1), "scenario " + row.getString(0) + " stored once");
      }
    }
  }

  @Test
  void invalidSpecsAreRejectedBeforeAnythingRuns() throws Exception {
    Path spec = dir.resolve("bad.conf");
    Files.writeString(spec, "sweep { name = t3, grid { generate.devices = [5, 0] } }\n");
    Cli.Run r = Cli.run(concat(warehouse("sw3"), "sweep", "--spec", spec.toString()));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("scenario {generate.devices=0}: foglab.generate.devices must be an integer in [1,"),
        r.err());
    Files.writeString(spec, "sweep { name = t3, grid { generate.devicez = [5] } }\n");
    Cli.Run k = Cli.run(concat(warehouse("sw3"), "sweep", "--spec", spec.toString()));
    assertTrue(k.err().contains("sweep.grid.generate.devicez is not a setting; did you mean generate.devices?"),
        k.err());
    Files.writeString(spec, "sweep { name = t3, grid { generate.devices = 5 } }\n");
    Cli.Run l = Cli.run(concat(warehouse("sw3"), "sweep", "--spec", spec.toString()));
    assertTrue(l.err().contains("sweep.grid.generate.devices must be a list of values"), l.err());
    assertTrue(!Files.exists(dir.resolve("wh")), "nothing written");
  }

  @Test
  void sqlQueriesTheWarehouseAndReportsBadQueries() throws Exception {
    Path spec = dir.resolve("q.conf");
    Files.writeString(spec, "sweep { name = t4, table = runs,\n"
        + " settings { generate { topology = full, slots = 3 } }\n"
        + " grid { generate.devices = [3] } }\n");
    assertEquals(0, Cli.run(concat(warehouse("sw4"), "sweep", "--spec", spec.toString(), "--show", "false")).code());
    Cli.Run q = Cli.run(concat(warehouse("sw4"), "sql", "SELECT devices, status FROM runs"));
    assertEquals(0, q.code(), q.err());
    assertTrue(q.out().contains("devices  status"), q.out());
    assertTrue(q.out().contains("(1 row)"), q.out());
    Cli.Run csv = Cli.run(concat(warehouse("sw4"), "sql", "--output", "csv", "SELECT devices FROM runs"));
    assertEquals("devices\n3\n", csv.out());
    Cli.Run bad = Cli.run(concat(warehouse("sw4"), "sql", "SELEC nothing"));
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("the query does not parse"), bad.err());
    Cli.Run missing = Cli.run(concat(warehouse("sw4"), "sql", "SELECT * FROM nosuch"));
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("there is no table `nosuch`"), missing.err());
  }

  @Test
  void setOverridesTheSpecsSettingsInTheStoredRows() throws Exception {
    Path spec = dir.resolve("o.conf");
    Files.writeString(spec, "sweep { name = o1, table = runs,\n"
        + " settings { generate { topology = full, slots = 5, capacities.enabled = false } }\n"
        + " grid { generate.devices = [4, 6] } }\n");
    Cli.Run r = Cli.run(concat(warehouse("sw5"), "--set", "foglab.generate.slots=3", "sweep", "--spec",
        spec.toString(), "--show", "false"));
    assertEquals(0, r.code(), r.err());
    List<Row> rows = SparkTestSession.get().sql("SELECT devices, slots FROM sw5.results.runs ORDER BY devices")
        .collectAsList();
    assertEquals(2, rows.size());
    for (Row row : rows) {
      assertEquals(3, row.getInt(1), "--set, not the spec's 5");
    }
    Cli.Run grid = Cli.run(concat(warehouse("sw5"), "--set", "foglab.generate.devices=5", "sweep", "--spec",
        spec.toString()));
    assertEquals(2, grid.code(), grid.err());
    assertTrue(grid.err().contains("--set foglab.generate.devices=5 would give every scenario the same "
        + "generate.devices, which sweep.grid varies"), grid.err());
    assertEquals(2, SparkTestSession.get().sql("SELECT * FROM sw5.results.runs").count());
  }
}
