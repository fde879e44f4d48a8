package org.foglab.plot;

import static org.foglab.plot.PlotFixtures.concat;
import static org.foglab.plot.PlotFixtures.warehouse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.WarehouseSettings;
import org.foglab.tables.LedgerTable;
import org.foglab.tables.NamedRow;
import org.foglab.tables.ResultTable;
import org.foglab.tables.RunInfo;
import org.foglab.tables.SweepTable;
import org.foglab.tables.TheoryTable;
import org.foglab.tables.Warehouse;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plot draws what the tables hold: the PNGs decode at the requested size, the charts' series
 * equal values computed here from the raw rows (not through the figures' SQL), the report's
 * tables hold the same rows, and empty figures, bad queries and statements fail as documented.
 */
class PlotJobTest {
  private static final double EPS = 1e-12;

  @TempDir
  Path dir;

  /** plot (and this test) switch the shared session to the test's catalog: switch back. */
  @org.junit.jupiter.api.AfterEach
  void defaultCatalog() {
    SparkTestSession.get().sql("USE spark_catalog.default");
  }

  private static SparkSession spark() {
    return SparkTestSession.get();
  }

  /** Runs a catalogue figure's query and builds its chart, as plot does. */
  private static JFreeChart chartOf(String catalog, Figure f, FigureData[] data) {
    spark().sql("USE " + catalog + ".results");
    data[0] = FigureData.collect(spark().sql(f.sql()), 100_000);
    return Charts.build(f, data[0]);
  }

  private static Figure figure(String group, String name, String table) {
    Map<String, String> vars = Map.of("sweep", group, "table", table, "theory", "theory",
        "ledger", "ledger");
    for (Figure f : FigureCatalogue.group(group).orElseThrow().figures()) {
      if (f.resolve(vars).name().equals(name)) {
        return f.resolve(vars);
      }
    }
    throw new AssertionError("no figure " + name);
  }

  @Test
  void everyCatalogueFigureRunsOnTheTablesSchemas() {
    WarehouseSettings w = PlotFixtures.settings(dir, "plcat");
    Warehouse.register(spark(), w);
    ResultTable.ensure(spark(), w, "sweeps", SweepTable.SCHEMA);
    ResultTable.ensure(spark(), w, "trainings", org.foglab.tables.TrainingTable.SCHEMA);
    ResultTable.ensure(spark(), w, "theory", TheoryTable.SCHEMA);
    ResultTable.ensure(spark(), w, "ledger", org.foglab.tables.LedgerTable.SCHEMA);
    ResultTable.ensure(spark(), w, "fog_rounds", org.foglab.tables.FogRoundsTable.SCHEMA);
    spark().sql("USE plcat.results");
    int n = 0;
    for (FigureCatalogue.Group g : FigureCatalogue.groups().values()) {
      Map<String, String> vars = Map.of("sweep", g.key(), "table", g.table(), "theory", "theory",
          "ledger", "ledger");
      for (Figure f : g.figures()) {
        Figure r = f.resolve(vars);
        List<String> columns = List.of(spark().sql(r.sql()).columns());
        for (String c : r.chartColumns()) {
          assertTrue(columns.contains(c), r.name() + " has no column " + c + ": " + columns);
        }
        n++;
      }
    }
    assertTrue(n >= 30, "catalogue has " + n + " figures");
  }

  @Test
  void quickstartFiguresPlotTheSweepRows() throws Exception {
    PlotFixtures.quickstartSweep(dir, "plq");
    Path out = dir.resolve("plots");
    Cli.Run r = Cli.run(concat(warehouse(dir, "plq"), "plot", "--spec",
        dir.resolve("quickstart.conf").toString(), "--out", out.toString(), "--width", "640",
        "--height", "400"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 of 2 figures drawn"), r.out());
    for (String png : List.of("quickstart-offloading.png", "quickstart-costs.png")) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertNotNull(img, png + " does not decode");
      assertEquals(640, img.getWidth());
      assertEquals(400, img.getHeight());
    }

    // Independent reference: the raw rows, averaged here per device count.
    List<Row> raw = spark().sql("SELECT devices, offloaded_fraction, slot_offloaded_min, "
        + "slot_offloaded_max, process_cost, transfer_cost, discard_cost, total_data, unit_cost "
        + "FROM plq.results.sweeps WHERE sweep = 'quickstart'").collectAsList();
    assertEquals(4, raw.size());
    Map<Integer, double[]> ref = new TreeMap<>(); // mean offloaded, min, max, mean process/datum, count
    for (Row row : raw) {
      double[] a = ref.computeIfAbsent(row.getInt(0),
          k -> new double[] {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0});
      a[0] += row.getDouble(1);
      a[1] = Math.min(a[1], row.getDouble(2));
      a[2] = Math.max(a[2], row.getDouble(3));
      a[3] += row.getDouble(4) / row.getDouble(7);
      a[4]++;
    }
    Figure off = figure("quickstart", "quickstart-offloading", "sweeps");
    FigureData[] data = new FigureData[1];
    YIntervalSeriesCollection band = (YIntervalSeriesCollection) chartOf("plq", off, data)
        .getXYPlot().getDataset();
    assertEquals(1, band.getSeriesCount());
    assertEquals(2, band.getItemCount(0));
    int i = 0;
    for (Map.Entry<Integer, double[]> e : ref.entrySet()) {
      double[] a = e.getValue();
      assertEquals(e.getKey(), band.getXValue(0, i), EPS);
      assertEquals(a[0] / a[4], band.getYValue(0, i), EPS);
      assertEquals(a[1], band.getStartYValue(0, i), EPS);
      assertEquals(a[2], band.getEndYValue(0, i), EPS);
      assertTrue(a[1] < a[0] / a[4] && a[0] / a[4] < a[2], "range around the mean");
      i++;
    }
    Figure costs = figure("quickstart", "quickstart-costs", "sweeps");
    XYDataset lines = chartOf("plq", costs, data).getXYPlot().getDataset();
    assertEquals(List.of("process", "transfer", "discard", "unit_cost"), seriesKeys(lines));
    i = 0;
    for (Map.Entry<Integer, double[]> e : ref.entrySet()) {
      assertEquals(e.getValue()[3] / e.getValue()[4], lines.getYValue(0, i), 1e-9,
          "process cost per datapoint at n = " + e.getKey());
      i++;
    }

    // The report's table holds the rows, and the CSV the same.
    String html = Files.readString(out.resolve("index.html"));
    String csv = Files.readString(out.resolve("quickstart-offloading.csv"));
    List<String> lines2 = csv.lines().toList();
    assertEquals("devices,offloaded_fraction,slot_min,slot_max,runs", lines2.get(0));
    assertEquals(3, lines2.size());
    for (String line : lines2.subList(1, 3)) {
      String[] cells = line.split(",");
      double[] a = ref.get(Integer.parseInt(cells[0]));
      assertEquals(a[0] / a[4], Double.parseDouble(cells[1]), EPS);
      StringBuilder row = new StringBuilder("<tr>");
      for (String c : cells) {
        row.append("<td>").append(c).append("</td>");
      }
      assertTrue(html.contains(row.append("</tr>").toString()), "html row " + row);
    }
    assertTrue(html.contains("<img src=\"quickstart-costs.png\""), html);
  }

  private static List<String> seriesKeys(XYDataset d) {
    List<String> k = new ArrayList<>();
    for (int s = 0; s < d.getSeriesCount(); s++) {
      k.add(d.getSeriesKey(s).toString());
    }
    return k;
  }

  @Test
  void learningAndTheoryFiguresPlotTheirRows() throws Exception {
    WarehouseSettings w = PlotFixtures.settings(dir, "pll");
    Warehouse.register(spark(), w);
    List<Row> rows = new ArrayList<>();
    // figure5: two seeds at n = 10 and 20.
    double[][] fig5 = {{10, 0.5, 0.9}, {10, 0.7, 0.8}, {20, 0.9, 0.85}, {20, 0.6, 0.95}};
    for (double[] v : fig5) {
      rows.add(PlotFixtures.training(PlotFixtures.kv("sweep", "figure5", "run_id", "f5-" + rows.size(),
          "devices", (int) v[0], "offloaded_fraction", v[1], "discarded_fraction", 0.1,
          "accuracy", v[2], "process_cost", 2.0, "transfer_cost", 1.0, "discard_cost", 1.0,
          "total_cost", 4.0, "unit_cost", 0.5)));
    }
    // table2: an older and a newer network-aware MLP run (Figure 4 takes the newer), and a
    // federated run; losses with a null (no samples) that must not be drawn.
    // Passes and slots count from 1, as the trainings table stores them.
    List<Row> oldLosses = List.of(PlotFixtures.deviceLoss(1, 1, 0, 5, 9.0));
    List<Row> losses = List.of(PlotFixtures.deviceLoss(1, 1, 0, 5, 2.0),
        PlotFixtures.deviceLoss(1, 2, 0, 5, 1.5), PlotFixtures.deviceLoss(2, 1, 0, 5, 1.0),
        PlotFixtures.deviceLoss(1, 1, 1, 0, null), PlotFixtures.deviceLoss(1, 2, 1, 4, 3.0));
    rows.add(table2Row("t2-old", "network-aware", 0.80, "2026-01-01T00:00:00Z", 3, oldLosses));
    rows.add(table2Row("t2-new", "network-aware", 0.90, "2026-01-02T00:00:00Z", 3, losses));
    rows.add(table2Row("t2-fed", "federated", 0.85, "2026-01-03T00:00:00Z", 3, List.of()));
    // fpl-figure6: two seeds of one configuration with validation-loss curves.
    rows.add(PlotFixtures.training(PlotFixtures.kv("sweep", "fpl-figure6", "run_id", "fpl-1",
        "mode", "fpl", "accuracy", 0.9, "bytes_total", 1e6, "simulated_seconds", 2.0, "report",
        "{\"junction_before\":\"F1\",\"parameters\":1000,\"cpu_seconds\":10,"
            + "\"validation_loss\":[0.9,0.5,0.4]}")));
    rows.add(PlotFixtures.training(PlotFixtures.kv("sweep", "fpl-figure6", "run_id", "fpl-2",
        "mode", "fpl", "accuracy", 0.8, "bytes_total", 3e6, "simulated_seconds", 4.0, "report",
        "{\"junction_before\":\"F1\",\"parameters\":1000,\"cpu_seconds\":30,"
            + "\"validation_loss\":[0.7,0.3,0.2]}")));
    PlotFixtures.appendTrainings(spark(), w, rows);
    // ledger: fpl-1 sent 100 bytes of parameters and 300 of activations, fpl-2 500 of parameters.
    ResultTable.ensure(spark(), w, "ledger", LedgerTable.SCHEMA);
    ResultTable.append(spark(), w, "ledger", List.of(ledgerRow("fpl-1", "parameters", 100),
        ledgerRow("fpl-1", "activations", 300), ledgerRow("fpl-2", "parameters", 500),
        ledgerRow("other-run", "parameters", 7000)), LedgerTable.SCHEMA);
    // theory: an older curve run and the latest, with a Monte Carlo point.
    ResultTable.ensure(spark(), w, "theory", TheoryTable.SCHEMA);
    TheoryTable.Rows old = new TheoryTable.Rows("offloading-value",
        new RunInfo("th-old", Instant.EPOCH, "g", "v"), "{}")
        .metric("max_cost", 1.0, "closed_form", 5.0);
    TheoryTable.Rows latest = new TheoryTable.Rows("offloading-value",
        new RunInfo("th-new", Instant.EPOCH, "g", "v"), "{}")
        .metric("max_cost", 1.0, "closed_form", 0.25).metric("max_cost", 2.0, "closed_form", 0.5)
        .estimate("max_cost", 2.0, "monte_carlo", 0.48, 0.45, 0.51);
    ResultTable.append(spark(), w, "theory", old.rows(Instant.parse("2026-01-01T00:00:00Z")),
        TheoryTable.SCHEMA);
    ResultTable.append(spark(), w, "theory", latest.rows(Instant.parse("2026-01-02T00:00:00Z")),
        TheoryTable.SCHEMA);

    Path out = dir.resolve("learning");
    Cli.Run r = Cli.run(concat(warehouse(dir, "pll"), "plot", "--figures",
        "figure5,table2,fpl-figure6,theorem5,figure6", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    // figure6 has no rows: named on stderr and in the report, the rest still drawn.
    assertTrue(r.err().contains("figure6-offloading: no rows in trainings for sweep 'figure6'; "
        + "run jobs/foglab sweep --spec jobs/figure6.conf first"), r.err());
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("data-figure=\"figure6-accuracy\" data-status=\"empty\""), html);
    assertTrue(html.contains("data-figure=\"table2\" data-status=\"table\" data-rows=\"2\""), html);
    assertFalse(Files.exists(out.resolve("figure6-accuracy.png")));
    for (String png : List.of("figure5-offloading", "figure5-costs", "figure5-accuracy",
        "table2-accuracy", "figure4", "fpl-figure6-accuracy", "fpl-figure6-bytes",
        "fpl-figure6-time",
        "fpl-figure6-bytes-by-kind",
        "fpl-figure6-validation-loss", "theorem5-curve")) {
      BufferedImage img = ImageIO.read(out.resolve(png + ".png").toFile());
      assertNotNull(img, png);
      assertEquals(900, img.getWidth());
      assertEquals(560, img.getHeight());
    }

    FigureData[] d = new FigureData[1];
    // Figure 5 accuracy: mean and seed range per n.
    YIntervalSeriesCollection acc = (YIntervalSeriesCollection) chartOf("pll",
        figure("figure5", "figure5-accuracy", "trainings"), d).getXYPlot().getDataset();
    assertEquals(10, acc.getXValue(0, 0), EPS);
    assertEquals(0.85, acc.getYValue(0, 0), EPS);
    assertEquals(0.8, acc.getStartYValue(0, 0), EPS);
    assertEquals(0.9, acc.getEndYValue(0, 0), EPS);
    assertEquals(0.9, acc.getYValue(0, 1), EPS);
    XYDataset costs = chartOf("pll", figure("figure5", "figure5-costs", "trainings"), d)
        .getXYPlot().getDataset();
    assertEquals(0.25, costs.getYValue(0, 0), EPS); // process 2 of total 4 at unit cost 0.5
    assertEquals(0.125, costs.getYValue(1, 0), EPS);

    // Figure 4: the newer run's losses, null left out, time = (pass - 1) x slots + slot.
    XYDataset f4 = chartOf("pll", figure("table2", "figure4", "trainings"), d)
        .getXYPlot().getDataset();
    assertEquals(List.of("device 0", "device 1"), seriesKeys(f4));
    assertEquals(3, f4.getItemCount(0));
    double[][] dev0 = {{1, 2.0}, {2, 1.5}, {4, 1.0}};
    for (int i = 0; i < 3; i++) {
      assertEquals(dev0[i][0], f4.getXValue(0, i), EPS);
      assertEquals(dev0[i][1], f4.getYValue(0, i), EPS);
    }
    assertEquals(1, f4.getItemCount(1));
    assertEquals(2, f4.getXValue(1, 0), EPS);
    assertEquals(3.0, f4.getYValue(1, 0), EPS);

    // Table II as bars: accuracy by mode for the MLP, the mean of the two network-aware runs.
    CategoryDataset bars = chartOf("pll", figure("table2", "table2-accuracy", "trainings"), d)
        .getCategoryPlot().getDataset();
    assertEquals(0.85, bars.getValue("mlp", "network-aware").doubleValue(), EPS);
    assertEquals(0.85, bars.getValue("mlp", "federated").doubleValue(), EPS);

    // FPL validation loss: per-epoch mean of the two seeds' arrays.
    XYDataset vl = chartOf("pll", figure("fpl-figure6", "fpl-figure6-validation-loss",
        "trainings"), d).getXYPlot().getDataset();
    assertEquals(List.of("fpl before F1"), seriesKeys(vl));
    double[] mean = {0.8, 0.4, 0.3};
    for (int i = 0; i < 3; i++) {
      assertEquals(i + 1, vl.getXValue(0, i), EPS);
      assertEquals(mean[i], vl.getYValue(0, i), 1e-12);
    }
    // Accuracy (Figure 6a): the mean and the two seeds as points joined by a line, on an axis
    // that fits them (not from zero, where 0.8 and 0.9 would look alike).
    JFreeChart accChart = chartOf("pll", figure("fpl-figure6", "fpl-figure6-accuracy",
        "trainings"), d);
    CategoryDataset accuracy = accChart.getCategoryPlot().getDataset();
    assertEquals(0.85, accuracy.getValue("accuracy", "fpl before F1").doubleValue(), EPS);
    assertEquals(0.8, accuracy.getValue("lowest_seed", "fpl before F1").doubleValue(), EPS);
    assertEquals(0.9, accuracy.getValue("highest_seed", "fpl before F1").doubleValue(), EPS);
    assertTrue(accChart.getCategoryPlot().getRenderer()
        instanceof org.jfree.chart.renderer.category.MinMaxCategoryRenderer);
    assertTrue(accChart.getCategoryPlot().getRangeAxis().getLowerBound() > 0.5,
        "axis from " + accChart.getCategoryPlot().getRangeAxis().getLowerBound());
    CategoryDataset bytes = chartOf("pll", figure("fpl-figure6", "fpl-figure6-bytes",
        "trainings"), d).getCategoryPlot().getDataset();
    assertEquals(2e6, bytes.getValue(0, 0).doubleValue(), 1e-6);
    // Learning time: measured CPU seconds and the ledger's simulated wall time, mean of the runs.
    CategoryDataset time = chartOf("pll", figure("fpl-figure6", "fpl-figure6-time",
        "trainings"), d).getCategoryPlot().getDataset();
    assertEquals(20.0, time.getValue("cpu_seconds", "fpl before F1").doubleValue(), 1e-9);
    assertEquals(3.0, time.getValue("simulated_seconds", "fpl before F1").doubleValue(), 1e-9);

    // Bytes by kind: per run of the configuration (two runs), the other sweep's run left out.
    CategoryDataset kinds = chartOf("pll", figure("fpl-figure6", "fpl-figure6-bytes-by-kind",
        "trainings"), d).getCategoryPlot().getDataset();
    assertEquals(300.0, kinds.getValue("parameters", "fpl before F1").doubleValue(), EPS);
    assertEquals(150.0, kinds.getValue("activations", "fpl before F1").doubleValue(), EPS);

    // Theorem 5: only the latest run; closed form without a band, Monte Carlo with its interval.
    YIntervalSeriesCollection th = (YIntervalSeriesCollection) chartOf("pll",
        figure("theorem5", "theorem5-curve", "theory"), d).getXYPlot().getDataset();
    assertEquals(2, th.getSeriesCount());
    assertEquals("closed_form", th.getSeriesKey(0));
    assertEquals(2, th.getItemCount(0));
    assertEquals(0.25, th.getYValue(0, 0), EPS);
    assertEquals(0.25, th.getStartYValue(0, 0), EPS);
    assertEquals("monte_carlo", th.getSeriesKey(1));
    assertEquals(0.48, th.getYValue(1, 0), EPS);
    assertEquals(0.45, th.getStartYValue(1, 0), EPS);
    assertEquals(0.51, th.getEndYValue(1, 0), EPS);
  }

  @Test
  void aReducedSpecDrawsTheFiguresOfTheSweepItNamesFromItsOwnRows() throws Exception {
    WarehouseSettings w = PlotFixtures.settings(dir, "plr");
    Warehouse.register(spark(), w);
    String report = "{\"junction_before\":\"F1\",\"parameters\":1000,\"validation_loss\":[0.9]}";
    List<Row> rows = List.of(
        PlotFixtures.training(PlotFixtures.kv("sweep", "fpl-figure6", "run_id", "full-1",
            "mode", "fpl", "accuracy", 0.9, "bytes_total", 1e6, "report", report)),
        PlotFixtures.training(PlotFixtures.kv("sweep", "fpl-figure6-reduced", "run_id", "red-1",
            "mode", "fpl", "accuracy", 0.5, "bytes_total", 2e5, "report", report)),
        PlotFixtures.training(PlotFixtures.kv("sweep", "fpl-figure6-reduced", "run_id", "red-2",
            "mode", "fpl", "accuracy", 0.7, "bytes_total", 4e5, "report", report)));
    PlotFixtures.appendTrainings(spark(), w, rows);
    Path out = dir.resolve("reduced");
    Cli.Run r = Cli.run(concat(warehouse(dir, "plr"), "plot", "--spec",
        "jobs/fpl-figure6-reduced.conf", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    // fpl-figure6's table, named after the reduced sweep and holding only its two runs.
    List<String> csv = Files.readString(out.resolve("fpl-figure6-reduced.csv")).lines().toList();
    assertEquals(2, csv.size(), String.join("\n", csv));
    List<String> head = List.of(csv.get(0).split(","));
    String[] cells = csv.get(1).split(",");
    assertEquals(0.6, Double.parseDouble(cells[head.indexOf("accuracy")]), EPS);
    assertEquals(3e5, Double.parseDouble(cells[head.indexOf("bytes_total")]), 1e-6);
    assertEquals(2, Integer.parseInt(cells[head.indexOf("runs")]));
    assertNotNull(ImageIO.read(out.resolve("fpl-figure6-reduced-validation-loss.png").toFile()));

    // A figures key naming no figure group is one sentence naming the file and the groups.
    Path bad = dir.resolve("bad-figures.conf");
    Files.writeString(bad, "sweep { name = x, kind = train, figures = nope, grid { seed = [1] } }\n");
    Cli.Run e = Cli.run(concat(warehouse(dir, "plr"), "plot", "--spec", bad.toString(), "--out",
        dir.resolve("bad-out").toString()));
    assertEquals(2, e.code(), e.err());
    assertTrue(e.err().contains(bad + ": no figures are declared for sweep 'nope' (figures exist "
        + "for "), e.err());
    assertFalse(Files.exists(dir.resolve("bad-out")));
  }

  private static Row ledgerRow(String run, String kind, double bytes) {
    return NamedRow.builder(LedgerTable.SCHEMA).set("run_id", run).set("sweep", null)
        .set("scenario_key", null).set("mode", "fpl").set("entity", "link").set("src", "a")
        .set("src_tier", "device").set("dst", "b").set("dst_tier", "cloud").set("round", 0L)
        .set("kind", kind).set("stage", null).set("count", 1L).set("bytes", bytes)
        .set("flops", 0.0).set("cpu_seconds", null).set("seconds", 0.0)
        .set("energy_joules", 0.0).set("carbon_kg", 0.0).build();
  }

  private static Row table2Row(String run, String mode, double accuracy, String finished,
      int slots, List<Row> losses) {
    Map<String, Object> m = new HashMap<>();
    m.put("sweep", "table2");
    m.put("run_id", run);
    m.put("model", "mlp");
    m.put("mode", mode);
    m.put("accuracy", accuracy);
    m.put("slots", slots);
    m.put("finished_at", Timestamp.from(Instant.parse(finished)));
    m.put("device_losses", losses);
    return PlotFixtures.training(m);
  }

  @Test
  void nothingToDrawFailsAndWritesNothing() {
    WarehouseSettings w = PlotFixtures.settings(dir, "ple");
    Warehouse.register(spark(), w);
    ResultTable.ensure(spark(), w, "trainings", org.foglab.tables.TrainingTable.SCHEMA);
    Path out = dir.resolve("none");
    Cli.Run r = Cli.run(concat(warehouse(dir, "ple"), "plot", "--spec", "jobs/figure6.conf",
        "--out", out.toString()));
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("figure6-offloading: no rows in trainings for sweep 'figure6'; "
        + "run jobs/foglab sweep --spec jobs/figure6.conf first"), r.err());
    assertTrue(r.err().contains("nothing to plot"), r.err());
    assertFalse(Files.exists(out));
    // A table that does not exist at all reads as no rows too.
    Cli.Run t = Cli.run(concat(warehouse(dir, "ple"), "plot", "--figures", "theorem5",
        "--out", out.toString()));
    assertEquals(3, t.code(), t.err());
    assertTrue(t.err().contains("theorem5-curve: no rows in theory for theorem offloading-value"),
        t.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void badQueriesAreOneSentenceAndWriteNothing() throws Exception {
    PlotFixtures.quickstartSweep(dir, "plb");
    Path out = dir.resolve("bad");
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("--sql: the query does not parse", new String[] {"--sql", "SELEC devices FROM sweeps",
        "--x", "devices", "--y", "unit_cost"});
    cases.put("--x nodes: the query has no column nodes; its columns are devices, unit_cost",
        new String[] {"--sql", "SELECT devices, unit_cost FROM sweeps", "--x", "nodes", "--y",
            "unit_cost"});
    cases.put("--sql: the query cannot run", new String[] {"--sql",
        "SELECT devices, nope FROM sweeps", "--x", "devices", "--y", "nope"});
    cases.put("--sql must be a query", new String[] {"--sql", "DROP TABLE sweeps", "--x", "a",
        "--y", "b"});
    cases.put("--sql needs --x COL and --y COL", new String[] {"--sql", "SELECT 1 AS a"});
    for (Map.Entry<String, String[]> c : cases.entrySet()) {
      Cli.Run r = Cli.run(concat(concat(warehouse(dir, "plb"), "plot", "--out", out.toString()),
          c.getValue()));
      assertEquals(2, r.code(), c.getKey() + ": " + r.err());
      assertTrue(r.err().contains(c.getKey()), r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
      assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
      assertFalse(Files.exists(out), "nothing written for " + c.getKey());
    }
    assertEquals(4, spark().sql("SELECT * FROM plb.results.sweeps").count(), "table kept");

    // A good query draws its rows: one bar per category, values as the table holds them.
    Cli.Run ok = Cli.run(concat(warehouse(dir, "plb"), "plot", "--out", out.toString(), "--sql",
        "SELECT devices, seed, unit_cost FROM sweeps WHERE sweep = 'quickstart' ORDER BY devices, seed",
        "--x", "devices", "--y", "unit_cost", "--series", "seed", "--kind", "bar"));
    assertEquals(0, ok.code(), ok.err());
    assertNotNull(ImageIO.read(out.resolve("query.png").toFile()));
    List<String> csv = Files.readAllLines(out.resolve("query.csv"));
    assertEquals(5, csv.size());
    for (Row row : spark().sql("SELECT devices, seed, unit_cost FROM plb.results.sweeps")
        .collectAsList()) {
      assertTrue(csv.contains(row.getInt(0) + "," + row.getLong(1) + "," + row.getDouble(2)),
          csv.toString());
    }
    // An existing output directory is kept unless --overwrite true.
    Cli.Run again = Cli.run(concat(warehouse(dir, "plb"), "plot", "--out", out.toString(),
        "--sql", "SELECT 1 AS a", "--kind", "table"));
    assertEquals(2, again.code(), again.err());
    assertTrue(again.err().contains("already exists"), again.err());
    Cli.Run over = Cli.run(concat(warehouse(dir, "plb"), "plot", "--out", out.toString(),
        "--sql", "SELECT 1 AS a", "--kind", "table", "--overwrite", "true"));
    assertEquals(0, over.code(), over.err());
    assertFalse(Files.exists(out.resolve("query.png")));
    assertNull(null);
  }
}
