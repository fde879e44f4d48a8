package org.foglab.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.foglab.InputError;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.config.SweepSpec;
import org.foglab.config.WarehouseSettings;
import org.foglab.plot.Charts;
import org.foglab.plot.Figure;
import org.foglab.plot.FigureCatalogue;
import org.foglab.plot.FigureData;
import org.foglab.plot.HtmlReport;
import org.foglab.plot.PlotKind;
import org.foglab.tables.Warehouse;
import org.jfree.chart.JFreeChart;

/**
 * {@code plot}: draws figures from the result tables only. With {@code --spec} the figures the
 * {@link FigureCatalogue} declares for the spec's sweep; with {@code --figures} catalogue
 * figures by name; with {@code --sql} one figure of any query. Writes a PNG per figure, the CSV
 * of its rows and an {@code index.html} report, all or nothing into {@code --out}.
 */
public final class PlotJob implements Job<PlotJob.Config> {
  private static final String P = "foglab.plot.";

  /**
   * One figure to draw.
   *
   * @param figure the resolved figure
   * @param empty the message when the query returns no rows
   * @param adHoc a user's --sql (errors are the user's), not a catalogue figure
   */
  record Planned(Figure figure, String empty, boolean adHoc) {}

  /**
   * @param figures the figures, in report order
   * @param source what is drawn, for the report's heading
   * @param out output directory
   * @param overwrite replace an existing output directory
   * @param width PNG width in pixels
   * @param height PNG height in pixels
   * @param maxRows rows collected per figure at most
   * @param htmlRows rows shown per figure in the report (the CSV holds all collected)
   */
  public record Config(List<Planned> figures, String source, String out, boolean overwrite,
      int width, int height, int maxRows, int htmlRows) {
    public Config {
      OUT.check(out);
      WIDTH.check(width);
      HEIGHT.check(height);
      MAX_ROWS.check(maxRows);
      HTML_ROWS.check(htmlRows);
    }
  }

  /** Declarations of {@code foglab.plot.*}. */
  public static final Setting<String> SPEC_FILE =
      Setting.string(P + "spec").optional().option("spec", "FILE");
  public static final Setting<String> FIGURES =
      Setting.string(P + "figures").optional().option("figures", "NAMES");
  public static final Setting<String> SQL = Setting.string(P + "sql").optional().option("sql", "QUERY");
  public static final Setting<String> X = Setting.string(P + "x").optional().option("x", "COL");
  public static final Setting<String> Y = Setting.string(P + "y").optional().option("y", "COL[,COL]");
  public static final Setting<String> SERIES =
      Setting.string(P + "series").optional().option("series", "COL");
  public static final Setting<PlotKind> KIND = Setting.choice(P + "kind", PlotKind.class).option("kind");
  public static final Setting<String> TITLE =
      Setting.string(P + "title").optional().option("title", "TEXT");
  public static final Setting<String> OUT = Setting.string(P + "out").option("out", "DIR");
  public static final Setting<Boolean> OVERWRITE = Setting.bool(P + "overwrite").option("overwrite");
  public static final Setting<Integer> WIDTH =
      Setting.integer(P + "width", 200, 10_000).option("width", "PX");
  public static final Setting<Integer> HEIGHT =
      Setting.integer(P + "height", 150, 10_000).option("height", "PX");
  public static final Setting<Integer> MAX_ROWS =
      Setting.integer(P + "max-rows", 1, 10_000_000).option("max-rows", "N");
  public static final Setting<Integer> HTML_ROWS =
      Setting.integer(P + "html-rows", 1, 10_000_000).option("html-rows", "N");

  private static final CommandSpec SPEC = new CommandSpec("plot",
      "Draw the figures of a sweep (or of a query) from the result tables as PNG and HTML.",
      "Draws figures from the warehouse's result tables only (sweeps, trainings, ledger, theory), "
          + "never by re-running anything. --spec FILE draws the figures declared for that spec's "
          + "sweep (jobs/quickstart.conf, figure5-8, table2, table3, the learning modes' specs); "
          + "--figures NAMES draws catalogue figures by sweep or figure name (theorem5 for "
          + "Theorem 5's curve, all for every one); --sql QUERY with --x, --y and optionally "
          + "--series and --kind draws one query. Writes <out>/<figure>.png, the rows behind each "
          + "figure as <figure>.csv, and <out>/index.html linking every figure with its rows. A "
          + "figure whose query has no rows is named in the report and on stderr; the command "
          + "fails only when nothing at all could be drawn.",
      OptionSpec.of(SPEC_FILE, FIGURES, SQL, X, Y, SERIES, KIND, TITLE, OUT, OVERWRITE, WIDTH,
          HEIGHT, MAX_ROWS, HTML_ROWS, org.foglab.config.WarehouseSettings.PATH),
      List.of("jobs/foglab plot --spec jobs/quickstart.conf --out out/plots",
          "jobs/foglab plot --figures theorem5,table3 --out out/theory-plots",
          "jobs/foglab plot --sql \"SELECT devices, avg(unit_cost) AS unit_cost FROM sweeps "
              + "WHERE sweep = 'quickstart' GROUP BY devices ORDER BY devices\" --x devices "
              + "--y unit_cost --out out/unit-cost"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    Settings s = root.at("plot");
    int given = (s.isSet("spec") ? 1 : 0) + (s.isSet("figures") ? 1 : 0) + (s.isSet("sql") ? 1 : 0);
    if (given != 1) {
      throw new ConfigError(null, given == 0
          ? "plot needs --spec FILE, --figures NAMES or --sql QUERY, e.g. jobs/foglab plot --spec jobs/quickstart.conf --out out/plots"
          : "plot takes one of --spec, --figures and --sql, not several");
    }
    if (!s.isSet("out")) {
      throw s.error("out", "is required: the directory for the PNGs and index.html");
    }
    if (!s.isSet("sql")) {
      for (String k : List.of("x", "y", "series", "title")) {
        if (s.isSet(k)) {
          throw s.error(k, "applies only to --sql; catalogue figures have their own axes");
        }
      }
    }
    String theory = root.get(TheorySettings.TABLE);
    String ledger = root.get(org.foglab.config.TrainSettings.LEDGER_TABLE);
    List<Planned> figures = new ArrayList<>();
    String source;
    if (s.isSet("spec")) {
      String file = root.get(SPEC_FILE);
      String[] fog = FogLearningJob.nameAndTable(file);
      if (fog != null) {
        // A fog-learning comparison: its rounds are in fog_rounds (or the spec's table).
        FigureCatalogue.Group g = FigureCatalogue.group(fog[0])
            .orElse(FigureCatalogue.group(FigureCatalogue.FOG_LEARNING).orElseThrow());
        Map<String, String> vars = Map.of("sweep", fog[0], "table", fog[1], "theory", theory,
            "ledger", ledger);
        for (Figure f : g.figures()) {
          figures.add(planned(g, f, vars, "jobs/foglab fog-learning --spec " + file));
        }
        source = "fog-learning " + fog[0] + " (" + file + ")";
      } else {
      SweepSpec spec = SweepSpec.read(file, root.config());
      FigureCatalogue.Group g = FigureCatalogue.group(spec.figures()).orElseThrow(() ->
          new ConfigError(null, file + ": no figures are declared for sweep '" + spec.figures()
              + "' (figures exist for " + String.join(", ", FigureCatalogue.groups().keySet())
              + "); draw its rows with --sql"));
      Map<String, String> vars = Map.of("sweep", spec.name(), "table", spec.table(),
          "theory", theory, "ledger", ledger);
      for (Figure f : g.figures()) {
        figures.add(planned(g, f, vars, "jobs/foglab sweep --spec " + file));
      }
      source = "sweep " + spec.name() + " (" + file + ")";
      }
    } else if (s.isSet("figures")) {
      List<String> names = Arrays.stream(root.get(FIGURES).split(","))
          .map(String::trim).filter(n -> !n.isEmpty()).toList();
      Set<String> seen = new HashSet<>();
      for (String n : names) {
        List<FigureCatalogue.Group> groups = new ArrayList<>();
        String only = null;
        if (n.equals("all")) {
          groups.addAll(FigureCatalogue.groups().values());
        } else if (FigureCatalogue.group(n).isPresent()) {
          groups.add(FigureCatalogue.group(n).get());
        } else if (FigureCatalogue.groupOfFigure(n).isPresent()) {
          groups.add(FigureCatalogue.groupOfFigure(n).get());
          only = n;
        } else {
          throw FIGURES.error("has no figure or sweep named \"" + n + "\"; known: all, "
              + String.join(", ", FigureCatalogue.groups().keySet()));
        }
        for (FigureCatalogue.Group g : groups) {
          Map<String, String> vars = Map.of("sweep", g.key(), "table", g.table(), "theory", theory,
              "ledger", ledger);
          for (Figure f : g.figures()) {
            Planned p = planned(g, f, vars, g.hint());
            if ((only == null || p.figure().name().equals(only)) && seen.add(p.figure().name())) {
              figures.add(p);
            }
          }
        }
      }
      source = "figures " + String.join(", ", names);
    } else {
      String sql = root.get(SQL);
      PlotKind kind = root.get(KIND);
      String title = root.get(TITLE);
      Figure.Builder b = Figure.of("query", kind, title != null ? title : "Query").sql(sql);
      if (kind != PlotKind.TABLE) {
        if (!s.isSet("x") || !s.isSet("y")) {
          throw new ConfigError(null, "--sql needs --x COL and --y COL[,COL] (or --kind table)");
        }
        String[] ys = Arrays.stream(root.get(Y).split(",")).map(String::trim)
            .filter(c -> !c.isEmpty()).toArray(String[]::new);
        if (ys.length == 0) {
          throw Y.error("must name at least one column");
        }
        b.x(root.get(X), root.get(X)).y(String.join(", ", ys), ys);
        if (root.get(SERIES) != null) {
          b.series(root.get(SERIES));
        }
      }
      figures.add(new Planned(b.build(), "query: the query returned no rows", true));
      source = "query";
    }
    return new Config(figures, source, root.get(OUT), root.get(OVERWRITE), root.get(WIDTH),
        root.get(HEIGHT), root.get(MAX_ROWS), root.get(HTML_ROWS));
  }

  private static Planned planned(FigureCatalogue.Group g, Figure f, Map<String, String> vars,
      String hint) {
    Figure r = f.resolve(vars);
    String where = Figure.fill(g.source(), vars);
    return new Planned(r, r.name() + ": no rows " + where + "; run " + hint + " first", false);
  }

  /** A figure whose query was analysed: its dataset, or why there is none. */
  private record Prepared(Planned plan, Dataset<Row> df, String problem) {}

  @Override
  public void run(Config config, JobContext ctx) {
    System.setProperty("java.awt.headless", "true");
    SparkSession spark = ctx.spark();
    WarehouseSettings w = WarehouseSettings.read(ctx.settings());
    Warehouse.ensureNamespace(spark, w);
    spark.sql("USE " + w.catalog() + "." + w.namespace());
    Progress progress = ctx.progress();
    List<Prepared> prepared = new ArrayList<>();
    for (Planned p : config.figures()) {
      prepared.add(prepare(spark, p));
    }
    List<HtmlReport.Entry> entries = new ArrayList<>();
    int shown = 0;
    String firstProblem = null;
    try (OutputDirectory dir = OutputDirectory.open(config.out(), config.overwrite(),
        ctx.run().runId(), spark.sparkContext().hadoopConfiguration(), "--out")) {
      for (Prepared p : prepared) {
        Figure f = p.plan().figure();
        String problem = p.problem();
        FigureData data = null;
        if (problem == null) {
          progress.say("drawing " + f.name());
          data = FigureData.collect(p.df(), config.maxRows());
          if (data.isEmpty()) {
            problem = p.plan().empty();
          }
        }
        if (problem != null) {
          progress.say(problem);
          firstProblem = firstProblem == null ? problem : firstProblem;
          entries.add(new HtmlReport.Entry(f, HtmlReport.Status.EMPTY, problem, null, null, null));
          continue;
        }
        if (data.truncated()) {
          progress.say(f.name() + ": more than " + config.maxRows()
              + " rows; drawing the first (raise --max-rows)");
        }
        String csv = f.name() + ".csv";
        dir.writeText(csv, HtmlReport.csv(data));
        String png = null;
        JFreeChart chart = Charts.build(f, data);
        if (chart != null) {
          png = f.name() + ".png";
          try (OutputStream out = dir.fileSystem().create(
              new org.apache.hadoop.fs.Path(dir.path(png)), true)) {
            Charts.writePng(chart, out, config.width(), config.height());
          } catch (IOException e) {
            throw new IllegalStateException("cannot write " + png + ": " + e.getMessage(), e);
          }
        }
        entries.add(new HtmlReport.Entry(f, png == null ? HtmlReport.Status.TABLE
            : HtmlReport.Status.DRAWN, null, data, png, csv));
        shown++;
        ctx.out().println(String.format(Locale.ROOT, "%-40s %d rows", png != null ? png : csv,
            data.rows().size()));
      }
      if (shown == 0) {
        int others = prepared.size() - 1;
        throw new InputError("nothing to plot: " + firstProblem
            + (others > 0 ? " (and " + others + " more figures without rows)" : ""));
      }
      dir.writeText("index.html", HtmlReport.render("foglab figures: " + config.source(),
          "From the warehouse " + w.path() + ", run " + ctx.run().runId() + ", git "
              + ctx.run().gitCommit() + ". Each figure's rows are in the table under it and in "
              + "its CSV file.", entries, config.width(), config.height(), config.htmlRows()));
      dir.commit();
      ctx.out().println(String.format(Locale.ROOT, "%d of %d figures drawn; report: %s",
          shown, prepared.size(), new org.apache.hadoop.fs.Path(dir.target(), "index.html")));
    }
  }

  /** Analyses a figure's query (no rows are read); a user's bad query is a ConfigError. */
  private static Prepared prepare(SparkSession spark, Planned p) {
    Figure f = p.figure();
    Dataset<Row> df;
    try {
      df = spark.sql(p.adHoc() ? wrapped(f.sql()) : f.sql());
    } catch (Exception e) {
      if (!(e instanceof AnalysisException)) {
        throw e;
      }
      if (p.adHoc()) {
        throw userQueryError(spark, f.sql(), e);
      }
      String m = firstLine(e.getMessage());
      if (m.contains("TABLE_OR_VIEW_NOT_FOUND")) {
        return new Prepared(p, null, p.empty() + " (the warehouse has no such table yet)");
      }
      return new Prepared(p, null, f.name() + ": the query cannot run on this warehouse: " + m);
    }
    List<String> have = Arrays.asList(df.columns());
    for (String c : f.chartColumns()) {
      if (have.stream().noneMatch(h -> h.equalsIgnoreCase(c))) {
        String option = c.equals(f.x()) ? "--x" : c.equals(f.series()) ? "--series" : "--y";
        String msg = "the query has no column " + c + "; its columns are " + String.join(", ", have);
        if (p.adHoc()) {
          throw new ConfigError(null, option + " " + c + ": " + msg);
        }
        throw new IllegalStateException("figure " + f.name() + ": " + msg);
      }
    }
    return new Prepared(p, df, null);
  }

  /**
   * A user's query inside {@code SELECT * FROM (...)}: only a query parses there, so a statement
   * (DROP, INSERT, CREATE) can never run from plot.
   */
  private static String wrapped(String sql) {
    String q = sql.strip();
    while (q.endsWith(";")) {
      q = q.substring(0, q.length() - 1).strip();
    }
    return "SELECT * FROM (\n" + q + "\n) AS plot_query";
  }

  private static ConfigError userQueryError(SparkSession spark, String sql, Exception e) {
    if (e instanceof ParseException) {
      try {
        spark.sessionState().sqlParser().parsePlan(sql);
      } catch (ParseException original) {
        return new ConfigError(null, "--sql: the query does not parse: "
            + parseMessage(original));
      }
      return new ConfigError(null, "--sql must be a query (SELECT or WITH ... SELECT), not a "
          + "statement");
    }
    return new ConfigError(null, "--sql: the query cannot run: " + firstLine(e.getMessage()));
  }

  /** Spark's parse message without the echoed query and caret lines. */
  private static String parseMessage(ParseException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    StringBuilder b = new StringBuilder();
    for (String line : m.split("\n")) {
      String t = line.strip();
      if (t.startsWith("== SQL") || t.startsWith("^")) {
        break;
      }
      if (!t.isEmpty()) {
        b.append(b.length() == 0 ? "" : " ").append(t);
      }
    }
    return b.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
