package org.foglab.jobs;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.Settings;
import org.foglab.config.WarehouseSettings;
import org.foglab.tables.TablePrinter;

/** {@code sql}: runs a query against the warehouse and prints the result. */
public final class SqlJob implements Job<SqlJob.Config> {
  private static final String Q = "foglab.sql.";

  /**
   * @param query the SQL text
   * @param maxRows rows printed at most
   * @param style output style
   */
  public record Config(String query, int maxRows, TablePrinter.Style style) {}

  private static final CommandSpec SPEC = new CommandSpec("sql",
      "Query the result tables with Spark SQL and print the result.",
      "Runs one Spark SQL statement with the warehouse's catalog and namespace as the defaults, "
          + "so tables are named plainly (SELECT * FROM sweeps). SHOW TABLES lists them; Iceberg "
          + "metadata tables work too (SELECT * FROM sweeps.snapshots).",
      List.of(
          OptionSpec.integer("max-rows", Q + "max-rows", "N", "rows printed at most"),
          OptionSpec.choice("output", Q + "output", TablePrinter.Style.class, "output style"),
          OptionSpec.string("warehouse", "foglab.warehouse.path", "DIR", "warehouse directory")),
      List.of("jobs/foglab sql \"SHOW TABLES\"",
          "jobs/foglab sql \"SELECT devices, avg(unit_cost) FROM sweeps WHERE sweep = 'quickstart' GROUP BY devices ORDER BY devices\"",
          "jobs/foglab sql --output csv \"SELECT * FROM sweeps\" > sweeps.csv"),
      "QUERY");

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    Settings s = root.at("sql");
    if (!s.isSet("args")) {
      throw new ConfigError(null, "sql needs a query, e.g. jobs/foglab sql \"SHOW TABLES\"");
    }
    String query = String.join(" ", s.stringList("args")).trim();
    if (query.isEmpty()) {
      throw new ConfigError(null, "sql needs a query, e.g. jobs/foglab sql \"SHOW TABLES\"");
    }
    return new Config(query, s.intValue("max-rows", 1, 10_000_000),
        s.choice("output", TablePrinter.Style.class));
  }

  @Override
  public void run(Config config, JobContext ctx) {
    SparkSession spark = ctx.spark();
    WarehouseSettings w = WarehouseSettings.read(ctx.settings());
    org.foglab.tables.Warehouse.ensureNamespace(spark, w);
    spark.sql("USE " + w.catalog() + "." + w.namespace());
    Dataset<Row> result;
    try {
      result = spark.sql(config.query());
    } catch (Exception e) {
      // Scala declares no checked exceptions: tell the user's mistakes from failures by type.
      if (e instanceof ParseException) {
        throw new ConfigError(null, "the query does not parse: " + firstLine(e.getMessage()));
      }
      if (e instanceof org.apache.spark.sql.AnalysisException) {
        throw new ConfigError(null, "the query cannot run: " + firstLine(e.getMessage()));
      }
      throw e;
    }
    List<Row> rows = result.limit(config.maxRows() + 1).collectAsList();
    boolean more = rows.size() > config.maxRows();
    if (more) {
      rows = rows.subList(0, config.maxRows());
    }
    TablePrinter.print(result.schema(), rows, config.style(), ctx.out());
    if (more) {
      ctx.progress().say("showing the first " + config.maxRows() + " rows; raise --max-rows for more");
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
