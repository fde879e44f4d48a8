package org.foglab.plot;

import static org.foglab.plot.PlotFixtures.concat;
import static org.foglab.plot.PlotFixtures.warehouse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.foglab.config.WarehouseSettings;
import org.foglab.tables.Warehouse;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a real plot report in headless Chromium and reads back, from the DOM after the page's
 * load handler ran, that every image decoded (naturalWidth > 0) and every figure's table has
 * rows; then removes one PNG and checks the same reading reports it broken. Without
 * /usr/bin/chromium the test is skipped, or fails when FOGLAB_REQUIRE_CHROMIUM=1 (CI).
 */
class PlotReportBrowserTest {
  /** Debian's chromium; -Dfoglab.chromium=PATH points elsewhere. */
  private static final String CHROMIUM = System.getProperty("foglab.chromium", "/usr/bin/chromium");

  @TempDir
  Path dir;

  /** plot (and this test) switch the shared session to the test's catalog: switch back. */
  @org.junit.jupiter.api.AfterEach
  void defaultCatalog() {
    SparkTestSession.get().sql("USE spark_catalog.default");
  }

  @Test
  void everyImageLoadsAndEveryFigureHasRows() throws Exception {
    if (!new File(CHROMIUM).canExecute()) {
      if ("1".equals(System.getenv("FOGLAB_REQUIRE_CHROMIUM"))) {
        fail(CHROMIUM + " is missing but FOGLAB_REQUIRE_CHROMIUM=1: install Debian's chromium "
            + "package (apt-get install -y chromium) to run the report's browser test");
      }
      Assumptions.abort(CHROMIUM + " is not installed; skipping the browser test "
          + "(set FOGLAB_REQUIRE_CHROMIUM=1 to make this a failure)");
    }
    PlotFixtures.quickstartSweep(dir, "plw");
    WarehouseSettings w = PlotFixtures.settings(dir, "plw");
    Warehouse.register(SparkTestSession.get(), w);
    List<Row> rows = new ArrayList<>();
    for (String mode : List.of("centralized", "federated", "network-aware")) {
      rows.add(PlotFixtures.training(PlotFixtures.kv("sweep", "table2", "run_id", "w-" + mode,
          "model", "mlp", "mode", mode, "accuracy", 0.9, "slots", 2, "device_losses",
          List.of(PlotFixtures.deviceLoss(1, 1, 0, 3, 1.0),
              PlotFixtures.deviceLoss(1, 2, 0, 3, 0.5)))));
    }
    PlotFixtures.appendTrainings(SparkTestSession.get(), w, rows);
    Path out = dir.resolve("report");
    Cli.Run r = Cli.run(concat(warehouse(dir, "plw"), "plot", "--figures", "quickstart,table2",
        "--out", out.toString(), "--width", "500", "--height", "300"));
    assertEquals(0, r.code(), r.err());
    Path index = out.resolve("index.html");

    String dom = dumpDom(index);
    assertTrue(dom.contains("data-checked=\"true\""), "the page's load handler did not run: " + dom);
    List<String> images = attributes(dom, "<img [^>]*>");
    List<String> sections = attributes(dom, "<section [^>]*>");
    assertEquals(5, sections.size(), "figures: " + sections);
    assertEquals(4, images.size(), "images (table II has none): " + images);
    for (String img : images) {
      assertTrue(img.contains("data-loaded=\"true\""), "image did not load: " + img);
    }
    for (String s : sections) {
      Matcher m = Pattern.compile("data-table-rows=\"(\\d+)\"").matcher(s);
      assertTrue(m.find(), "no row count: " + s);
      assertTrue(Integer.parseInt(m.group(1)) > 0, "figure without data: " + s);
    }

    // The same reading notices a broken image.
    Files.delete(out.resolve("figure4.png"));
    String broken = dumpDom(index);
    for (String img : attributes(broken, "<img [^>]*>")) {
      boolean figure4 = img.contains("src=\"figure4.png\"");
      assertTrue(img.contains(figure4 ? "data-loaded=\"false\"" : "data-loaded=\"true\""), img);
    }
    assertTrue(broken.contains("image figure4.png did not load"), broken);
  }

  private static List<String> attributes(String dom, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(dom);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private String dumpDom(Path page) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    Path stdout = dir.resolve("dom-" + System.nanoTime() + ".html");
    Process p = new ProcessBuilder(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
        .redirectOutput(stdout.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 120 s");
    }
    assertEquals(0, p.exitValue(), "chromium exit code");
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
