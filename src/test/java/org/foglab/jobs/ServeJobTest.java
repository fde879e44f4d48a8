package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.Foglab;
import org.foglab.config.WarehouseSettings;
import org.foglab.tables.Warehouse;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve: the Thrift JDBC/ODBC server in its own JVM (it needs its own SparkContext: catalog and
 * extensions are fixed when a context's first session is built), queried with the Hive JDBC
 * driver. Expected values come from the shared test session reading the same tables directly,
 * or from the rows the test wrote.
 */
class ServeJobTest {
  private static final String CATALOG = "srvw";

  @TempDir
  static Path dir;

  private static WarehouseSettings w;

  @BeforeAll
  static void writeTables() throws Exception {
    SparkSession spark = SparkTestSession.get();
    // The test reads what the server's clients wrote: no cached table state.
    spark.conf().set("spark.sql.catalog." + CATALOG + ".cache-enabled", "false");
    w = new WarehouseSettings(dir.resolve("wh").toString(), CATALOG, "results");
    Path spec = dir.resolve("s.conf");
    Files.writeString(spec, "sweep { name = serve-test, table = sweeps,\n"
        + " settings { generate { topology = full, slots = 3 } }\n"
        + " grid { generate.devices = [3, 4] } }\n");
    Cli.Run sweep = Cli.run("--set", "foglab.warehouse.path=" + w.path(), "--set",
        "foglab.warehouse.catalog=" + CATALOG, "sweep", "--spec", spec.toString(), "--show", "false");
    assertEquals(0, sweep.code(), sweep.err());
    Warehouse.register(spark, w);
    spark.sql("CREATE TABLE " + w.table("trainings") + " (run_id STRING, accuracy DOUBLE) USING iceberg");
    spark.sql("INSERT INTO " + w.table("trainings") + " VALUES ('a', 0.5), ('b', 0.75)");
    spark.sql("CREATE TABLE " + w.table("ledger") + " (run_id STRING, kind STRING, bytes BIGINT) USING iceberg");
    spark.sql("INSERT INTO " + w.table("ledger") + " VALUES ('a', 'upload', 10), ('a', 'download', 20), ('b', 'upload', 5)");
  }

  /**
   * A server JVM on a free port with the test classpath and the test JVM's module flags. Its
   * standard error goes to a file: a pipe read while the process exits can lose the last lines.
   */
  private record Server(Process process, int port, Path cwd, Path errFile) implements AutoCloseable {
    String url() {
      return "jdbc:hive2://127.0.0.1:" + port + "/";
    }

    String err() {
      try {
        return Files.readString(errFile);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    int stop() throws InterruptedException {
      process.destroy();
      assertTrue(process.waitFor(90, TimeUnit.SECONDS), "stops on SIGTERM: " + err());
      return process.exitValue();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts a server on a port that was free a moment before. Another process on the machine
   * (Spark picks random ports too) can take it while the server starts Spark: then the server
   * says the address is in use and this tries another port, up to three times.
   */
  private static Server start(String... extra) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(extra);
      } catch (AssertionError e) {
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
          throw e;
        }
      }
    }
  }

  private static Server startOnce(String... extra) throws Exception {
    int port = freePort();
    Path cwd = Files.createTempDirectory(dir, "cwd");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Djdk.reflect") || a.startsWith("-Dlog4j2") || a.startsWith("-Dorg.bytedeco")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx1g");
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.addAll(List.of(Foglab.class.getName(), "serve", "--port", String.valueOf(port),
        "--warehouse", w.path(), "--set", "foglab.spark.master=local[2]"));
    cmd.addAll(List.of(extra));
    Path errFile = Files.createTempFile(dir, "serve", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Server server = new Server(pb.start(), port, cwd, errFile);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!server.err().contains("serving jdbc:hive2://")) {
      if (!server.process().isAlive() || System.nanoTime() > deadline) {
        server.close();
        throw new AssertionError("the server did not start: " + server.err());
      }
      Thread.sleep(200);
    }
    return server;
  }

  private static List<List<Object>> query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int cols = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= cols; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static List<List<Object>> direct(String sql) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : SparkTestSession.get().sql(sql).collectAsList()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        row.add(r.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void clientsQueryEveryTableByItsPlainNameAndCannotChangeThem() throws Exception {
    Class.forName("org.apache.hive.jdbc.HiveDriver");
    try (Server server = start()) {
      assertTrue(server.err().contains("3 tables in " + w.path() + ": ledger, sweeps, trainings"), server.err());
      assertTrue(server.err().contains("serving jdbc:hive2://127.0.0.1:" + server.port() + "/ (read-only)"), server.err());
      try (Connection c = DriverManager.getConnection(server.url(), "analyst", "")) {
        List<List<Object>> tables = query(c, "SHOW TABLES");
        assertEquals(List.of("ledger", "sweeps", "trainings"), tables.stream().map(r -> r.get(1)).sorted().toList());
        assertEquals(direct("SELECT devices, unit_cost, offloaded_fraction FROM " + w.table("sweeps") + " ORDER BY devices"),
            query(c, "SELECT devices, unit_cost, offloaded_fraction FROM sweeps ORDER BY devices"));
        assertEquals(2, query(c, "SELECT * FROM sweeps").size());
        // Table browsers see them (as views in global_temp) through JDBC's metadata calls.
        List<String> listed = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
          while (rs.next()) {
            listed.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
          }
        }
        assertEquals(List.of("global_temp.ledger", "global_temp.sweeps", "global_temp.trainings"),
            listed.stream().sorted().toList());
        assertEquals(List.of(List.of(3L)), query(c, "SELECT count(*) FROM global_temp.ledger"));
        assertEquals(List.of(List.of("a", 0.5), List.of("b", 0.75)),
            query(c, "SELECT run_id, accuracy FROM trainings ORDER BY run_id"));
        assertEquals(List.of(List.of("a", 30L), List.of("b", 5L)),
            query(c, "SELECT run_id, sum(bytes) FROM ledger GROUP BY run_id ORDER BY run_id"));
        assertEquals(List.of(List.of("a", 0.5, 30L), List.of("b", 0.75, 5L)), query(c,
            "SELECT t.run_id, t.accuracy, sum(l.bytes) FROM trainings t JOIN ledger l ON t.run_id = l.run_id "
                + "GROUP BY t.run_id, t.accuracy ORDER BY t.run_id"));
        assertEquals(direct("SELECT count(*) FROM " + w.table("sweeps") + ".snapshots"),
            query(c, "SELECT count(*) FROM sweeps.snapshots"));

        long ledgerSnapshots = (Long) direct("SELECT count(*) FROM " + w.table("ledger") + ".snapshots").get(0).get(0);
        String[] writes = {
            "INSERT INTO ledger VALUES ('c', 'upload', 1)",
            "INSERT OVERWRITE ledger SELECT * FROM ledger WHERE bytes > 5",
            "CREATE TABLE scratch (a INT)",
            "CREATE TABLE scratch2 AS SELECT * FROM ledger",
            "DROP TABLE ledger",
            "ALTER TABLE ledger ADD COLUMN z INT",
            "ALTER TABLE ledger RENAME TO ledger2",
            "DELETE FROM ledger WHERE bytes > 0",
            "UPDATE ledger SET bytes = 0",
            "MERGE INTO ledger t USING (SELECT 'a' AS run_id) s ON t.run_id = s.run_id WHEN MATCHED THEN DELETE",
            "TRUNCATE TABLE ledger",
            "CREATE VIEW v AS SELECT * FROM ledger",
            "CREATE NAMESPACE other",
            "CALL system.expire_snapshots(table => 'results.ledger', retain_last => 1)",
        };
        for (String write : writes) {
          SQLException e = assertThrows(SQLException.class, () -> execute(c, write), write);
          assertTrue(e.getMessage().contains("this server is read-only"), write + ": " + e.getMessage());
          assertTrue(e.getMessage().contains("--writable true"), e.getMessage());
        }
        // What only touches the session still works.
        execute(c, "CREATE TEMPORARY VIEW big AS SELECT * FROM ledger WHERE bytes >= 10");
        assertEquals(List.of(List.of(2L)), query(c, "SELECT count(*) FROM big"));
        assertEquals(List.of(List.of(3L)), query(c, "SELECT count(*) FROM ledger"));
        assertEquals(ledgerSnapshots, direct("SELECT count(*) FROM " + w.table("ledger") + ".snapshots").get(0).get(0),
            "no commit");
        assertFalse(SparkTestSession.get().catalog().tableExists(w.table("scratch")));
        assertFalse(SparkTestSession.get().catalog().tableExists(w.table("scratch2")));
      }
      server.stop();
      assertTrue(server.err().contains("stopped"), server.err());
      try (var files = Files.list(server.cwd())) {
        assertEquals(List.of(), files.toList(), "no metastore, derby.log or spark-warehouse in the working directory");
      }
    }
  }

  @Test
  void aWritableServerLetsClientsChangeTables() throws Exception {
    Class.forName("org.apache.hive.jdbc.HiveDriver");
    try (Server server = start("--writable", "true")) {
      assertTrue(server.err().contains("(writable)"), server.err());
      try (Connection c = DriverManager.getConnection(server.url(), "analyst", "")) {
        execute(c, "CREATE TABLE scratch (a INT, b STRING)");
        execute(c, "INSERT INTO scratch VALUES (1, 'x'), (2, 'y')");
        assertEquals(List.of(List.of(1, "x"), List.of(2, "y")),
            direct("SELECT a, b FROM " + w.table("scratch") + " ORDER BY a"), "written where the warehouse is");
        execute(c, "DELETE FROM scratch WHERE a = 1");
        assertEquals(List.of(List.of(2, "y")), query(c, "SELECT a, b FROM scratch"));
        execute(c, "DROP TABLE scratch");
        assertFalse(SparkTestSession.get().catalog().tableExists(w.table("scratch")));
      }
      server.stop();
    }
  }

  @Test
  void aBusyPortIsOneSentence() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Foglab.run(new String[] {"serve", "--port", String.valueOf(busy.getLocalPort()),
          "--warehouse", dir.resolve("none").toString()}, new PrintStream(out, true), new PrintStream(err, true),
          Map.of(), s -> {
            throw new AssertionError("Spark started");
          });
      assertEquals(2, code, err.toString());
      assertEquals("foglab serve: port " + busy.getLocalPort() + " on 127.0.0.1 is in use (another server?); "
          + "choose another with --port", err.toString().strip());
    }
    assertFalse(new File(dir.resolve("none").toString()).exists(), "nothing written");
  }
}
