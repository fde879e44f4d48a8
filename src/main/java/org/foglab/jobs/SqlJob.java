package org.foglab.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.foglab.FoglabError;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.ConfigLoader;
import org.foglab.config.Settings;
import org.foglab.config.WarehouseSettings;
import org.foglab.sql.SqlScript;
import org.foglab.tables.TablePrinter;

/**
 * {@code sql}: runs statements against the warehouse and prints their results: from the
 * command line, from standard input ({@code sql -}), or in an interactive shell ({@code sql}
 * with no query) that starts Spark once for many statements.
 */
public final class SqlJob implements Job<SqlJob.Config> {
  private static final String Q = "foglab.sql.";
  private static final String PROMPT = "foglab> ";
  private static final String MORE = "     -> ";

  /** Where the statements come from. */
  public enum Source { ARGUMENTS, STDIN, SHELL }

  /**
   * @param source where the statements come from
   * @param text the statements (with {@link Source#ARGUMENTS})
   * @param maxRows rows printed at most
   * @param limitExports whether {@code maxRows} also limits csv and json (set explicitly)
   * @param style output style
   */
  public record Config(Source source, String text, int maxRows, boolean limitExports,
      TablePrinter.Style style) {}

  /** Declarations of {@code foglab.sql.*}. */
  public static final org.foglab.config.Setting<Integer> MAX_ROWS = org.foglab.config.Setting
      .integer(Q + "max-rows", 1, Integer.MAX_VALUE - 1).option("max-rows", "N");
  public static final org.foglab.config.Setting<TablePrinter.Style> OUTPUT =
      org.foglab.config.Setting.choice(Q + "output", TablePrinter.Style.class).option("output");

  private static final CommandSpec SPEC = new CommandSpec("sql",
      "Query the result tables with Spark SQL: one query, a script, or an interactive shell.",
      "Runs Spark SQL statements with the warehouse's catalog and namespace as the defaults, "
          + "so tables are named plainly (SELECT * FROM sweeps). SHOW TABLES lists them; Iceberg "
          + "metadata tables work too (SELECT * FROM sweeps.snapshots). Several statements "
          + "separated by ';' run in order; QUERY - reads them from standard input; no QUERY "
          + "starts an interactive shell (statements end with ';', quit or exit leaves). The "
          + "table style prints at most --max-rows rows; csv and json export every row unless "
          + "--max-rows is given.",
      OptionSpec.of(MAX_ROWS, OUTPUT, org.foglab.config.WarehouseSettings.PATH),
      List.of("jobs/foglab sql \"SHOW TABLES\"",
          "jobs/foglab sql \"SELECT devices, avg(unit_cost) FROM sweeps WHERE sweep = 'quickstart' GROUP BY devices ORDER BY devices\"",
          "jobs/foglab sql --output csv \"SELECT * FROM sweeps\" > sweeps.csv",
          "jobs/foglab sql - < queries.sql",
          "jobs/foglab sql"),
      "[QUERY | -]");

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    Settings s = root.at("sql");
    int maxRows = root.get(MAX_ROWS);
    String origin = ConfigLoader.origin(root.config(), MAX_ROWS.key());
    boolean explicit = origin != null && !origin.contains("reference.conf");
    TablePrinter.Style style = root.get(OUTPUT);
    if (!s.isSet("args")) {
      return new Config(Source.SHELL, null, maxRows, explicit, style);
    }
    List<String> args = s.stringList("args");
    if (args.equals(List.of("-"))) {
      return new Config(Source.STDIN, null, maxRows, explicit, style);
    }
    String query = String.join(" ", args).trim();
    if (SqlScript.statements(query).isEmpty()) {
      throw new ConfigError(null, "sql needs a query, e.g. jobs/foglab sql \"SHOW TABLES\"");
    }
    return new Config(Source.ARGUMENTS, query, maxRows, explicit, style);
  }

  @Override
  public void run(Config config, JobContext ctx) throws IOException {
    if (config.source() == Source.SHELL) {
      shell(config, ctx);
      return;
    }
    String text = config.source() == Source.STDIN
        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : config.text();
    List<String> statements = SqlScript.statements(text);
    if (statements.isEmpty()) {
      throw new ConfigError(null, "sql - read no statement from standard input");
    }
    SparkSession spark = session(ctx);
    for (int i = 0; i < statements.size(); i++) {
      String where = statements.size() == 1 ? "" : "statement " + (i + 1) + " of " + statements.size() + ": ";
      runStatement(spark, statements.get(i), where, config, ctx);
    }
  }

  /** Reads statements from standard input, each ended by ';', until quit, exit or the end. */
  private void shell(Config config, JobContext ctx) throws IOException {
    PrintStream out = ctx.out();
    PrintStream err = ctx.progress().err();
    ctx.progress().say("starting Spark ...");
    SparkSession spark = session(ctx);
    ctx.progress().say("ready: statements end with ';'; quit, exit or Ctrl-D leaves");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder pending = new StringBuilder();
    while (true) {
      out.print(pending.toString().isBlank() ? PROMPT : MORE);
      out.flush();
      String line = in.readLine();
      if (line == null) {
        out.println();
        break;
      }
      String word = line.strip().replaceAll(";$", "").strip().toLowerCase(java.util.Locale.ROOT);
      if (pending.toString().isBlank() && (word.equals("quit") || word.equals("exit"))) {
        break;
      }
      pending.append(line).append('\n');
      SqlScript.Scan scan = SqlScript.scan(pending.toString());
      for (String statement : scan.complete()) {
        shellStatement(spark, statement, config, ctx, err);
      }
      pending.setLength(0);
      pending.append(scan.rest());
    }
    for (String statement : SqlScript.statements(pending.toString())) {
      shellStatement(spark, statement, config, ctx, err);
    }
  }

  /** One statement of the shell: an error is printed and the shell goes on. */
  private void shellStatement(SparkSession spark, String statement, Config config, JobContext ctx,
      PrintStream err) {
    try {
      runStatement(spark, statement, "", config, ctx);
    } catch (FoglabError e) {
      err.println("error: " + e.getMessage());
    } catch (RuntimeException e) {
      err.println("error: " + firstLine(e.toString()));
    }
    err.flush();
  }

  private static SparkSession session(JobContext ctx) {
    SparkSession spark = ctx.spark();
    WarehouseSettings w = WarehouseSettings.read(ctx.settings());
    org.foglab.tables.Warehouse.ensureNamespace(spark, w);
    spark.sql("USE " + w.catalog() + "." + w.namespace());
    return spark;
  }

  private static void runStatement(SparkSession spark, String statement, String where, Config config,
      JobContext ctx) {
    Dataset<Row> result;
    try {
      result = spark.sql(statement);
    } catch (Exception e) {
      throw userError(e, where, WarehouseSettings.read(ctx.settings()));
    }
    try {
      if (config.style() == TablePrinter.Style.TABLE) {
        List<Row> rows = result.limit(config.maxRows() + 1).collectAsList();
        boolean more = rows.size() > config.maxRows();
        if (more) {
          rows = rows.subList(0, config.maxRows());
        }
        TablePrinter.print(result.schema(), rows, config.style(), ctx.out());
        if (more) {
          ctx.progress().say("showing the first " + config.maxRows() + " rows; raise --max-rows for more");
        }
      } else {
        Dataset<Row> rows = config.limitExports() ? result.limit(config.maxRows()) : result;
        TablePrinter.export(result.schema(), rows.toLocalIterator(), config.style(), ctx.out());
      }
    } catch (Exception e) {
      throw userError(e, where, WarehouseSettings.read(ctx.settings()));
    }
  }

  /**
   * A failed statement as one sentence: Spark's own message with its position for a parse error,
   * the missing name for an unknown table. Scala declares no checked exceptions, so the kinds are
   * told apart by type.
   */
  static RuntimeException userError(Exception e, String where, WarehouseSettings w) {
    if (e instanceof ParseException p) {
      String msg = firstLine(p.getMessage()).replaceFirst("^\\[[A-Z_.]+\\]\\s*", "")
          .replaceFirst("\\s*\\(line", " (line");
      return new ConfigError(null, where + "the query does not parse: " + msg);
    }
    if (e instanceof AnalysisException a) {
      Map<String, String> params = a.getMessageParameters();
      String at = a.line().isDefined()
          ? " (line " + a.line().get() + ", pos " + a.startPosition().getOrElse(() -> 0) + ")" : "";
      if ("TABLE_OR_VIEW_NOT_FOUND".equals(a.getErrorClass()) && params.containsKey("relationName")) {
        return new ConfigError(null, where + "there is no table " + params.get("relationName")
            + " in " + w.catalog() + "." + w.namespace() + at + "; SHOW TABLES lists the tables");
      }
      String msg = firstLine(a.getMessage()).replaceFirst("^\\[[A-Z_.]+\\]\\s*", "")
          .replaceFirst(";\\s*line \\d+ pos \\d+;?$", "");
      return new ConfigError(null, where + "the query cannot run: " + msg + at);
    }
    if (e instanceof SparkThrowable t && !"INTERNAL_ERROR".equals(t.getErrorClass())
        && t.getErrorClass() != null) {
      return new ConfigError(null, where + "the query failed: "
          + firstLine(e.getMessage()).replaceFirst("^\\[[A-Z_.]+\\]\\s*", ""));
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }

  /** The first line with text (Spark's parse messages start with a line break). */
  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    for (String line : s.strip().split("\n")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return "";
  }
}
