package org.foglab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.MinMaxCategoryRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Builds a JFreeChart from a figure's rows and writes it as PNG. A series is one y column, or
 * (with a series column) one value of that column, or both ({@code value y}); cells that are
 * null or not finite are left out. Lines need a numeric x (otherwise the x values are categories);
 * bars and points take x as the category.
 */
public final class Charts {
  private Charts() {}

  private static final Paint[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e),
      new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b),
      new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

  /** The chart of a figure, or null for a table. */
  public static JFreeChart build(Figure f, FigureData d) {
    System.setProperty("java.awt.headless", "true");
    JFreeChart chart = switch (f.kind()) {
      case TABLE -> null;
      case LINE -> numericX(f, d) ? xyChart(f, d) : categoryChart(f, d);
      case BAR, STACKED_BAR, POINTS -> categoryChart(f, d);
    };
    if (chart != null) {
      chart.setBackgroundPaint(Color.WHITE);
    }
    return chart;
  }

  /** Writes the chart as PNG of the given size to a stream, which stays open. */
  public static void writePng(JFreeChart chart, OutputStream out, int width, int height)
      throws IOException {
    ChartUtils.writeChartAsPNG(out, chart, width, height);
  }

  private static boolean numericX(Figure f, FigureData d) {
    int x = d.column(f.x());
    for (List<Object> r : d.rows()) {
      if (r.get(x) != null && !(r.get(x) instanceof Number)) {
        return false;
      }
    }
    return true;
  }

  /** The series key of a row's y column. */
  static String seriesKey(Figure f, FigureData d, List<Object> row, String y) {
    if (f.series() == null) {
      return y;
    }
    String s = FigureData.text(row.get(d.column(f.series())));
    return f.y().size() > 1 ? s + " " + y : s;
  }

  private static JFreeChart xyChart(Figure f, FigureData d) {
    int x = d.column(f.x());
    ValueAxis xAxis = axis(f.xLabel(), f.logX());
    ValueAxis yAxis = axis(f.yLabel(), f.logY());
    XYPlot plot;
    if (f.low() != null) {
      Map<String, YIntervalSeries> series = new LinkedHashMap<>();
      String y = f.y().get(0);
      int yi = d.column(y);
      int lo = d.column(f.low());
      int hi = d.column(f.high());
      for (List<Object> r : d.rows()) {
        double xv = FigureData.number(r.get(x));
        double yv = FigureData.number(r.get(yi));
        if (Double.isNaN(xv) || Double.isNaN(yv)) {
          continue;
        }
        double l = FigureData.number(r.get(lo));
        double h = FigureData.number(r.get(hi));
        series.computeIfAbsent(seriesKey(f, d, r, y), YIntervalSeries::new)
            .add(xv, yv, Double.isNaN(l) ? yv : l, Double.isNaN(h) ? yv : h);
      }
      YIntervalSeriesCollection data = new YIntervalSeriesCollection();
      series.values().forEach(data::addSeries);
      DeviationRenderer r = new DeviationRenderer(true, true);
      r.setAlpha(0.2f);
      style(r, series.size());
      for (int i = 0; i < series.size(); i++) {
        r.setSeriesFillPaint(i, PALETTE[i % PALETTE.length]);
      }
      plot = new XYPlot(data, xAxis, yAxis, r);
    } else {
      Map<String, XYSeries> series = new LinkedHashMap<>();
      for (List<Object> r : d.rows()) {
        double xv = FigureData.number(r.get(x));
        for (String y : f.y()) {
          double yv = FigureData.number(r.get(d.column(y)));
          if (Double.isNaN(xv) || Double.isNaN(yv)) {
            continue;
          }
          series.computeIfAbsent(seriesKey(f, d, r, y), k -> new XYSeries(k, true, true))
              .add(xv, yv);
        }
      }
      XYSeriesCollection data = new XYSeriesCollection();
      series.values().forEach(data::addSeries);
      XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, d.rows().size() <= 400);
      style(r, series.size());
      plot = new XYPlot(data, xAxis, yAxis, r);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return new JFreeChart(f.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
  }

  private static void style(XYLineAndShapeRenderer r, int n) {
    for (int i = 0; i < n; i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
  }

  private static ValueAxis axis(String label, boolean log) {
    if (log) {
      LogAxis a = new LogAxis(label);
      a.setSmallestValue(1e-12);
      return a;
    }
    NumberAxis a = new NumberAxis(label);
    a.setAutoRangeIncludesZero(false);
    return a;
  }

  /** The category dataset of bars (and of lines over a non-numeric x). */
  static DefaultCategoryDataset categories(Figure f, FigureData d) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    int x = d.column(f.x());
    for (List<Object> r : d.rows()) {
      for (String y : f.y()) {
        double v = FigureData.number(r.get(d.column(y)));
        if (!Double.isNaN(v)) {
          data.addValue(v, seriesKey(f, d, r, y), FigureData.text(r.get(x)));
        }
      }
    }
    return data;
  }

  private static JFreeChart categoryChart(Figure f, FigureData d) {
    DefaultCategoryDataset data = categories(f, d);
    CategoryAxis xAxis = new CategoryAxis(f.xLabel());
    int maxLabel = 0;
    for (Object k : data.getColumnKeys()) {
      maxLabel = Math.max(maxLabel, k.toString().length());
    }
    if (data.getColumnCount() * maxLabel > 90) {
      xAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    xAxis.setMaximumCategoryLabelLines(2);
    ValueAxis yAxis = axis(f.yLabel(), f.logY());
    if (yAxis instanceof NumberAxis n) {
      n.setAutoRangeIncludesZero(f.kind() != PlotKind.LINE && f.kind() != PlotKind.POINTS);
    }
    CategoryPlot plot;
    if (f.kind() == PlotKind.LINE) {
      LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
      for (int i = 0; i < data.getRowCount(); i++) {
        r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        r.setSeriesStroke(i, new BasicStroke(2f));
      }
      plot = new CategoryPlot(data, xAxis, yAxis, r);
    } else if (f.kind() == PlotKind.POINTS) {
      MinMaxCategoryRenderer r = new MinMaxCategoryRenderer();
      r.setGroupPaint(Color.GRAY);
      for (int i = 0; i < data.getRowCount(); i++) {
        r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      }
      plot = new CategoryPlot(data, xAxis, yAxis, r);
    } else {
      BarRenderer r = f.kind() == PlotKind.STACKED_BAR ? new StackedBarRenderer() : new BarRenderer();
      r.setBarPainter(new StandardBarPainter());
      r.setShadowVisible(false);
      r.setItemMargin(0.05);
      for (int i = 0; i < data.getRowCount(); i++) {
        r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      }
      if (f.logY()) {
        // Bars grow from a base; on a log axis use a power of ten below the smallest value.
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < data.getRowCount(); i++) {
          for (int j = 0; j < data.getColumnCount(); j++) {
            Number v = data.getValue(i, j);
            if (v != null && v.doubleValue() > 0) {
              min = Math.min(min, v.doubleValue());
            }
          }
        }
        if (Double.isFinite(min)) {
          r.setBase(Math.pow(10, Math.floor(Math.log10(min))));
        }
        r.setIncludeBaseInRange(true);
      }
      plot = new CategoryPlot(data, xAxis, yAxis, r);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    boolean legend = data.getRowCount() > 1;
    return new JFreeChart(f.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
  }
}
