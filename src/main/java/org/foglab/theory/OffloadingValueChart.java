package org.foglab.theory;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A PNG of the value of offloading {@code V(C)} against the cost range {@code C} (Theorem 5):
 * the closed form as a line and, optionally, Monte Carlo estimates with their 95% intervals as
 * points with error bars. Rendered headless with JFreeChart.
 */
public final class OffloadingValueChart {
  private OffloadingValueChart() {}

  /** A Monte Carlo point of the chart. */
  public record Estimate(double costRange, MonteCarloEstimate estimate) {}

  /**
   * Writes the chart to {@code png} ({@code width x height} pixels), creating parent folders.
   *
   * @param closedForm the series of {@link OffloadingValue#series}
   * @param monteCarlo Monte Carlo points (may be empty)
   */
  public static void write(Path png, String title, List<OffloadingValue.Point> closedForm,
      List<Estimate> monteCarlo, int width, int height) throws IOException {
    if (png.getParent() != null) {
      Files.createDirectories(png.getParent());
    }
    try (OutputStream out = Files.newOutputStream(png)) {
      write(out, title, closedForm, monteCarlo, width, height);
    }
  }

  /** Writes the chart as PNG to a stream (any file system), which stays open. */
  public static void write(OutputStream png, String title, List<OffloadingValue.Point> closedForm,
      List<Estimate> monteCarlo, int width, int height) throws IOException {
    if (width < 100 || height < 100) {
      throw new IllegalArgumentException(
          "width and height must be at least 100 pixels, got " + width + "x" + height);
    }
    System.setProperty("java.awt.headless", "true");
    XYSeries line = new XYSeries("closed form C sum_k N(k) k/(2(k+2))");
    for (var p : closedForm) {
      line.add(p.costRange(), p.value());
    }
    NumberAxis x = new NumberAxis("cost range C (costs ~ U(0, C))");
    NumberAxis y = new NumberAxis("average saving per device and datapoint");
    x.setAutoRangeIncludesZero(true);
    y.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
    lineRenderer.setSeriesPaint(0, new Color(0x1f77b4));
    lineRenderer.setSeriesStroke(0, new BasicStroke(2f));
    XYPlot plot = new XYPlot(new XYSeriesCollection(line), x, y, lineRenderer);
    if (!monteCarlo.isEmpty()) {
      YIntervalSeries points = new YIntervalSeries("Monte Carlo, 95% CI");
      for (var m : monteCarlo) {
        points.add(m.costRange(), m.estimate().mean(), m.estimate().ci95Low(),
            m.estimate().ci95High());
      }
      XYErrorRenderer errors = new XYErrorRenderer();
      errors.setDrawXError(false);
      errors.setDefaultLinesVisible(false);
      errors.setSeriesPaint(0, new Color(0xd62728));
      YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
      dataset.addSeries(points);
      plot.setDataset(1, dataset);
      plot.setRenderer(1, errors);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.writeChartAsPNG(png, chart, width, height);
  }
}
