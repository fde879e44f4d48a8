package org.foglab.jobs;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.Settings;
import org.foglab.config.SparkSettings;
import org.foglab.config.WarehouseSettings;
import org.foglab.sql.DefaultNamespaceExtension;
import org.foglab.sql.ReadOnlyExtension;
import org.foglab.tables.Warehouse;

/**
 * {@code serve}: Spark's Thrift JDBC/ODBC server (HiveThriftServer2) over the warehouse, so
 * beeline, DBeaver, Superset, Tableau or any Hive JDBC/ODBC client can query the result tables
 * by their plain names. Runs until Ctrl-C or a signal; read-only unless {@code --writable true}.
 */
public final class ServeJob implements Job<ServeJob.Config> {
  private static final String S = "foglab.serve.";

  /**
   * @param host address to listen on
   * @param port TCP port
   * @param writable whether clients may change tables
   */
  public record Config(String host, int port, boolean writable) {
    public Config {
      HOST.check(host);
      PORT.check(port);
    }
  }

  /** Declarations of {@code foglab.serve.*}. */
  public static final org.foglab.config.Setting<String> HOST =
      org.foglab.config.Setting.string(S + "host").option("host", "ADDR");
  public static final org.foglab.config.Setting<Integer> PORT =
      org.foglab.config.Setting.integer(S + "port", 1, 65535).option("port", "N");
  public static final org.foglab.config.Setting<Boolean> WRITABLE =
      org.foglab.config.Setting.bool(S + "writable").option("writable");

  private static final CommandSpec SPEC = new CommandSpec("serve",
      "Serve the result tables over JDBC/ODBC (Spark's Thrift server) until stopped.",
      "Starts Spark's Thrift JDBC/ODBC server (the HiveServer2 protocol) over the warehouse, on "
          + "127.0.0.1 unless --host says otherwise. Clients connect to jdbc:hive2://HOST:PORT/ "
          + "and see the tables under plain names (SELECT * FROM sweeps), with Iceberg's "
          + "metadata tables (sweeps.snapshots). Read-only unless --writable true. Ctrl-C or a "
          + "signal stops it; the server keeps no files of its own.",
      OptionSpec.of(PORT, HOST, WRITABLE, org.foglab.config.WarehouseSettings.PATH),
      List.of("jobs/foglab serve",
          "jobs/foglab serve --port 10001 --warehouse /data/foglab-warehouse",
          "java -cp \"$(cat target/launcher/provided-classpath.txt)\" org.apache.hive.beeline.BeeLine "
              + "-u jdbc:hive2://127.0.0.1:10000/ -e \"SELECT * FROM sweeps LIMIT 5\""),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    return new Config(root.get(HOST), root.get(PORT), root.get(WRITABLE));
  }

  @Override
  public void run(Config config, JobContext ctx) throws Exception {
    checkCanListen(config.host(), config.port());
    WarehouseSettings w = WarehouseSettings.read(ctx.settings());
    Path scratch = Files.createTempDirectory("foglab-serve-");
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "foglab-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    SparkSession spark = null;
    HiveThriftServer2 server = null;
    try {
      ctx.progress().say("starting Spark ...");
      // Hive's embedded Derby (the execution metastore is in memory) writes its log here, not
      // into the working directory.
      System.setProperty("derby.stream.error.file", scratch.resolve("derby.log").toString());
      Files.createDirectories(scratch.resolve("hive-local"));
      spark = session(ctx.settings(), w, config, scratch);
      List<String> tables = spark.sql("SHOW TABLES IN " + w.catalog() + "." + w.namespace())
          .collectAsList().stream().map(r -> r.getString(r.fieldIndex("tableName"))).sorted().toList();
      // JDBC's getTables (GUI tools' table browsers) lists Spark's session catalog and global
      // temporary views, not other catalogs: a view per table puts them in those lists.
      for (String t : tables) {
        spark.sql("CREATE OR REPLACE GLOBAL TEMPORARY VIEW `" + t + "` AS SELECT * FROM "
            + w.catalog() + "." + w.namespace() + ".`" + t + "`");
      }
      ctx.progress().say("starting the Thrift JDBC/ODBC server ...");
      try {
        server = HiveThriftServer2.startWithContext(spark.sqlContext());
      } catch (RuntimeException e) {
        throw new ConfigError(null, "cannot start the server on " + config.host() + ":"
            + config.port() + ": " + e.getMessage());
      }
      ctx.progress().say(tables.size() + " table" + (tables.size() == 1 ? "" : "s") + " in "
          + w.path() + (tables.isEmpty() ? "" : ": " + String.join(", ", tables)));
      ctx.progress().say("serving jdbc:hive2://" + config.host() + ":" + config.port() + "/ ("
          + (config.writable() ? "writable" : "read-only") + "); press Ctrl-C to stop");
      stop.await();
      ctx.progress().say("stopping ...");
    } finally {
      try {
        if (server != null) {
          server.stop();
        }
        if (spark != null) {
          spark.stop();
        }
      } finally {
        deleteTree(scratch);
        ctx.progress().say("stopped");
        stopped.countDown();
        if (stop.getCount() > 0) {
          // Not stopping because of a signal: the hook is no longer needed.
          Runtime.getRuntime().removeShutdownHook(hook);
        }
      }
    }
  }

  /** One sentence when the port is taken or the address is not this machine's. */
  static void checkCanListen(String host, int port) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigError(S + "host", "is not a known host name or address, got \"" + host + "\"");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port));
    } catch (BindException e) {
      String why = e.getMessage() == null ? "" : e.getMessage();
      if (why.contains("in use")) {
        throw new ConfigError(null, "port " + port + " on " + host
            + " is in use (another server?); choose another with --port");
      }
      throw new ConfigError(null, "cannot listen on " + host + ":" + port + " (" + why
          + "); --host must be an address of this machine");
    } catch (IOException e) {
      throw new ConfigError(null, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }

  /**
   * The server's session: the job's Spark settings, the warehouse catalog as the default
   * catalog (every client session sees it and starts in foglab's namespace), an in-memory
   * session catalog with its scratch files under {@code scratch}, and the read-only check
   * unless writable. Catalog and extensions go to the builder: client sessions are new sessions
   * of it and see only what it was built with.
   */
  static SparkSession session(Settings root, WarehouseSettings w, Config config, Path scratch) {
    Map<String, String> conf = SparkSessions.builderConfig(SparkSettings.read(root), new SparkConf(), false);
    String extensions = "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
        + DefaultNamespaceExtension.class.getName();
    if (!config.writable()) {
      extensions += "," + ReadOnlyExtension.class.getName();
    }
    conf.put("spark.sql.extensions", extensions);
    conf.put("spark.ui.showConsoleProgress", "false");
    Configuration hadoop = new Configuration();
    conf.forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.")) {
        hadoop.set(k.substring("spark.hadoop.".length()), v);
      }
    });
    conf.putAll(Warehouse.catalogConf(w, Warehouse.qualified(hadoop, w.path())));
    conf.put("spark.sql.defaultCatalog", w.catalog());
    conf.put("spark.sql.catalogImplementation", "in-memory");
    conf.put("spark.sql.warehouse.dir", scratch.resolve("spark-warehouse").toUri().toString());
    String h = "spark.hadoop.hive.";
    conf.put(h + "server2.thrift.port", String.valueOf(config.port()));
    conf.put(h + "server2.thrift.bind.host", config.host());
    conf.put(h + "server2.transport.mode", "binary");
    conf.put(h + "server2.enable.doAs", "false");
    conf.put(h + "server2.logging.operation.log.location", scratch.resolve("operation_logs").toString());
    conf.put(h + "exec.local.scratchdir", scratch.resolve("hive-local").toString());
    conf.put(h + "exec.scratchdir", scratch.resolve("hive-scratch").toString());
    conf.put(h + "downloaded.resources.dir", scratch.resolve("hive-resources").toString());
    conf.put(h + "querylog.location", scratch.resolve("hive-querylog").toString());
    SparkSession.Builder b = SparkSession.builder().appName(SparkSettings.read(root).appName() + " serve");
    conf.forEach(b::config);
    return b.getOrCreate();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temporary directory the system cleans eventually.
    }
  }
}
