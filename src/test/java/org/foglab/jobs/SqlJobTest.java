package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.WarehouseSettings;
import org.foglab.tables.Warehouse;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sql command: complete exports, Spark's own parse messages, unknown tables, statements from
 * stdin and in sequence, the interactive shell and Iceberg metadata tables under plain names.
 * The expected values come from the rows the test writes (i and i / 3.0 for i = 0..249).
 */
class SqlJobTest {
  private static final String CATALOG = "sqlt";
  private static final int ROWS = 250;

  @TempDir
  static Path dir;

  @BeforeAll
  static void writeTable() {
    SparkSession spark = SparkTestSession.get();
    WarehouseSettings w = new WarehouseSettings(dir.resolve("wh").toString(), CATALOG, "results");
    Warehouse.register(spark, w);
    Warehouse.ensureNamespace(spark, w);
    spark.sql("CREATE TABLE " + w.table("nums") + " (i INT, x DOUBLE, s STRING) USING iceberg");
    // Two commits, so the table has two snapshots.
    spark.sql("INSERT INTO " + w.table("nums")
        + " SELECT CAST(id AS INT), id / 3.0D, concat('r', id) FROM range(0, 100)");
    spark.sql("INSERT INTO " + w.table("nums")
        + " SELECT CAST(id AS INT), id / 3.0D, concat('r', id) FROM range(100, " + ROWS + ")");
  }

  private static Cli.Run sql(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "--set";
    all[1] = "foglab.warehouse.path=" + dir.resolve("wh");
    all[2] = "--set";
    all[3] = "foglab.warehouse.catalog=" + CATALOG;
    all[4] = "sql";
    System.arraycopy(args, 0, all, 5, args.length);
    return Cli.run(all);
  }

  private static Cli.Run withStdin(String input, String... args) {
    InputStream before = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return sql(args);
    } finally {
      System.setIn(before);
    }
  }

  @Test
  void csvExportsEveryRowAtFullPrecisionAndMaxRowsLimitsOnlyWhenGiven() {
    Cli.Run csv = sql("--output", "csv", "SELECT i, x, s FROM nums ORDER BY i");
    assertEquals(0, csv.code(), csv.err());
    List<String> lines = csv.out().lines().toList();
    assertEquals(ROWS + 1, lines.size(), "header and every row");
    assertEquals("i,x,s", lines.get(0));
    for (int i = 0; i < ROWS; i++) {
      String[] cells = lines.get(i + 1).split(",");
      assertEquals(i, Integer.parseInt(cells[0]));
      assertEquals(i / 3.0, Double.parseDouble(cells[1]), 0.0, "lossless double");
      assertEquals("r" + i, cells[2]);
    }
    assertFalse(csv.err().contains("showing the first"), csv.err());
    Cli.Run json = sql("--output", "json", "SELECT i FROM nums");
    assertEquals(ROWS, json.out().lines().count());
    Cli.Run limited = sql("--output", "csv", "--max-rows", "7", "SELECT i FROM nums ORDER BY i");
    assertEquals("i\n0\n1\n2\n3\n4\n5\n6\n", limited.out());
    // The table style stops at max-rows (200 by default) and says so.
    Cli.Run table = sql("SELECT i FROM nums ORDER BY i");
    assertEquals(0, table.code(), table.err());
    assertTrue(table.out().contains("(200 rows)"), table.out());
    assertTrue(table.err().contains("showing the first 200 rows; raise --max-rows for more"), table.err());
  }

  @Test
  void badQueriesGetSparksMessageInOneSentence() {
    Cli.Run bad = sql("SELEC * FROM nums");
    assertEquals(2, bad.code());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
    assertTrue(bad.err().contains("the query does not parse: Syntax error at or near 'SELEC'"), bad.err());
    assertTrue(bad.err().contains("(line 1, pos 0)"), bad.err());
    Cli.Run missing = sql("SELECT * FROM nosuch");
    assertEquals(2, missing.code());
    assertEquals("foglab sql: there is no table `nosuch` in sqlt.results (line 1, pos 14); "
        + "SHOW TABLES lists the tables", missing.err().strip());
    Cli.Run column = sql("SELECT nope FROM nums");
    assertEquals(2, column.code());
    assertEquals(1, column.err().strip().lines().count(), column.err());
    assertTrue(column.err().contains("the query cannot run: A column or function parameter with name `nope` cannot be resolved"),
        column.err());
    Cli.Run second = sql("SELECT 1 AS a; SELECT * FROM nosuch");
    assertEquals(2, second.code());
    assertTrue(second.out().contains("(1 row)"), "the first statement ran: " + second.out());
    assertTrue(second.err().contains("statement 2 of 2: there is no table `nosuch`"), second.err());
  }

  @Test
  void statementsRunInOrderFromArgumentsAndStdin() {
    Cli.Run two = sql("--output", "csv", "SELECT 'a;b' AS s; -- a comment; with a semicolon\n"
        + "SELECT count(*) AS n FROM nums;");
    assertEquals(0, two.code(), two.err());
    assertEquals("s\na;b\nn\n" + ROWS + "\n", two.out());
    Cli.Run stdin = withStdin("SELECT max(i) AS m FROM nums;\n/* ; */ SELECT min(x) AS lo FROM nums\n",
        "--output", "csv", "-");
    assertEquals(0, stdin.code(), stdin.err());
    assertEquals("m\n" + (ROWS - 1) + "\nlo\n0.0\n", stdin.out());
    Cli.Run empty = withStdin("  -- nothing\n", "-");
    assertEquals(2, empty.code());
    assertTrue(empty.err().contains("read no statement from standard input"), empty.err());
  }

  @Test
  void theShellRunsManyStatementsAndSurvivesErrors() {
    Cli.Run shell = withStdin("SELECT count(*) AS n\nFROM nums;\nSELEC oops;\nSELECT 7 AS seven; SELECT * FROM nosuch;\n"
        + "SELECT 8 AS eight;\nquit\nSELECT 9 AS nine;\n", "--output", "csv");
    assertEquals(0, shell.code(), shell.err());
    String out = shell.out();
    assertTrue(out.startsWith("foglab> "), out);
    assertTrue(out.contains("     -> "), "continuation prompt: " + out);
    assertTrue(out.contains("n\n" + ROWS + "\n"), out);
    assertTrue(out.contains("seven\n7\n"), out);
    assertTrue(out.contains("eight\n8\n"), "after two errors: " + out);
    assertFalse(out.contains("nine"), "quit ends the shell: " + out);
    assertTrue(shell.err().contains("error: the query does not parse: Syntax error at or near 'SELEC'"), shell.err());
    assertTrue(shell.err().contains("error: there is no table `nosuch`"), shell.err());
    // End of input ends it too, running a last statement without ';'.
    Cli.Run eof = withStdin("SELECT 5 AS five", "--output", "csv");
    assertEquals(0, eof.code(), eof.err());
    assertTrue(eof.out().contains("five\n5\n"), eof.out());
  }

  @Test
  void icebergMetadataTablesResolveUnderThePlainTableName() {
    Cli.Run snaps = sql("--output", "csv", "SELECT operation FROM nums.snapshots ORDER BY committed_at");
    assertEquals(0, snaps.code(), snaps.err());
    assertEquals("operation\nappend\nappend\n", snaps.out(), "two INSERTs, two snapshots");
    Cli.Run files = sql("--output", "csv", "SELECT sum(record_count) AS n FROM nums.files");
    assertEquals("n\n" + ROWS + "\n", files.out());
    Cli.Run full = sql("--output", "csv", "SELECT count(*) AS n FROM results.nums.history");
    assertEquals("n\n2\n", full.out());
    Cli.Run notMeta = sql("SELECT * FROM nums.nosuch");
    assertEquals(2, notMeta.code());
    assertTrue(notMeta.err().contains("there is no table `nums`.`nosuch`"), notMeta.err());
  }
}
