package org.foglab.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.WarehouseSettings;
import org.foglab.tables.Json;
import org.foglab.tables.ResultTable;
import org.foglab.tables.TheoryTable;

/**
 * The outputs of one {@code theory} command: files staged in an {@link OutputDirectory} and rows
 * for the {@link TheoryTable}. {@link #finish} writes {@code summary.json}, appends the rows in
 * one Iceberg commit and only then moves the directory into place, so a failure at any point
 * leaves no output directory (and a failure before the append, no rows).
 */
final class TheoryOutput implements AutoCloseable {
  private final JobContext ctx;
  private final SparkSession spark;
  private final TheorySettings.Target target;
  private final OutputDirectory dir;
  private final TheoryTable.Rows rows;
  private final Map<String, Object> settings;

  private TheoryOutput(JobContext ctx, SparkSession spark, TheorySettings.Target target,
      OutputDirectory dir, String theorem, Map<String, Object> settings) {
    this.ctx = ctx;
    this.spark = spark;
    this.target = target;
    this.dir = dir;
    this.settings = settings;
    this.rows = new TheoryTable.Rows(theorem, ctx.run(), Json.compact(settings));
  }

  /**
   * Starts Spark (for the warehouse) and checks the output directory before any work is done.
   *
   * @param command the command's name, e.g. {@code theory offloading-value}
   * @param seeded whether the command uses the root seed (recorded in the settings)
   */
  static TheoryOutput open(JobContext ctx, String command, TheorySettings.Target target,
      boolean seeded) {
    SparkSession spark = ctx.spark();
    OutputDirectory dir = OutputDirectory.open(target.dir(), target.overwrite(), ctx.run().runId(),
        spark.sparkContext().hadoopConfiguration(), "--out", target.inputs());
    Map<String, Object> settings = new TreeMap<>(ctx.settings().config()
        .getConfig("foglab." + command.replace(' ', '.')).root().unwrapped());
    if (seeded) {
      settings.put("seed", ctx.settings().config().getLong("foglab.seed"));
    }
    return new TheoryOutput(ctx, spark, target, dir, command.substring(command.indexOf(' ') + 1),
        settings);
  }

  SparkSession spark() {
    return spark;
  }

  /** The rows this run will append to the theory table. */
  TheoryTable.Rows rows() {
    return rows;
  }

  /** The resolved settings recorded with the run. */
  Map<String, Object> settings() {
    return settings;
  }

  void writeText(String name, String text) {
    dir.writeText(name, text);
  }

  /** A small CSV file with a header row; numbers in Java's shortest round-trip form. */
  void writeCsv(String name, List<String> header, List<List<Object>> lines) {
    StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
    for (List<Object> l : lines) {
      for (int i = 0; i < l.size(); i++) {
        Object v = l.get(i);
        b.append(i == 0 ? "" : ",").append(v == null ? "" : String.valueOf(v));
      }
      b.append('\n');
    }
    dir.writeText(name, b.toString());
  }

  /** Opens a binary file (a PNG) in the staging directory. */
  OutputStream create(String name) throws IOException {
    return dir.fileSystem().create(new org.apache.hadoop.fs.Path(dir.path(name)), true);
  }

  /**
   * Writes {@code summary.json} (with the run's identity and settings added), appends the rows
   * to the theory table and commits the directory.
   *
   * @return the fully qualified table name
   */
  String finish(Map<String, Object> summary) {
    summary.put("run_id", ctx.run().runId());
    summary.put("git_commit", ctx.run().gitCommit());
    summary.put("settings", settings);
    dir.writeText("summary.json", Json.write(summary));
    WarehouseSettings w = WarehouseSettings.read(ctx.settings());
    ResultTable.ensure(spark, w, target.table(), TheoryTable.SCHEMA);
    ResultTable.append(spark, w, target.table(), rows.rows(Instant.now()), TheoryTable.SCHEMA);
    dir.commit();
    ctx.progress().say(String.format(Locale.ROOT, "%d rows appended to %s; output in %s",
        rows.size(), w.table(target.table()), dir.target()));
    return w.table(target.table());
  }

  String where() {
    return dir.target().toString();
  }

  @Override
  public void close() {
    dir.close();
  }
}
