package org.foglab.plot;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One figure: the SQL that gives its rows and how to draw them. The SQL may name
 * {@code {sweep}} (the sweep's name), {@code {table}} (the sweep's result table) and
 * {@code {theory}} (the theory table); {@link #resolve} fills them in.
 *
 * @param name file stem of the PNG and CSV, and the figure's anchor in the report
 * @param title heading of the chart and of its report section
 * @param kind how the rows are drawn
 * @param sql the query, with placeholders
 * @param x column of the horizontal axis (the category of bars)
 * @param y columns drawn against x (one line or bar segment each)
 * @param series column whose values split the rows into series, or null
 * @param low column of the lower end of a range drawn around the first y column, or null
 * @param high column of the upper end of that range, or null
 * @param xLabel axis label of x
 * @param yLabel axis label of y
 * @param logX logarithmic x axis
 * @param logY logarithmic y axis
 * @param note what the figure shows, and what the tables do not hold (shown under the title)
 */
public record Figure(String name, String title, PlotKind kind, String sql, String x,
    List<String> y, String series, String low, String high, String xLabel, String yLabel,
    boolean logX, boolean logY, String note) {

  public Figure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sql, "sql");
    y = List.copyOf(y);
    if (kind != PlotKind.TABLE && (x == null || y.isEmpty())) {
      throw new IllegalArgumentException(name + ": a chart needs x and y columns");
    }
    if ((low == null) != (high == null)) {
      throw new IllegalArgumentException(name + ": a range needs both its low and high column");
    }
  }

  /** Starts a declaration. */
  public static Builder of(String name, PlotKind kind, String title) {
    return new Builder(name, kind, title);
  }

  /** The columns the chart reads, in order: x, y, series, low, high (those set). */
  public List<String> chartColumns() {
    java.util.ArrayList<String> c = new java.util.ArrayList<>();
    if (x != null) {
      c.add(x);
    }
    c.addAll(y);
    for (String s : new String[] {series, low, high}) {
      if (s != null) {
        c.add(s);
      }
    }
    return c;
  }

  /** This figure with the placeholders of its SQL, name, title and note filled in. */
  public Figure resolve(Map<String, String> vars) {
    return new Figure(fill(name, vars), fill(title, vars), kind, fill(sql, vars), x, y, series,
        low, high, xLabel, yLabel, logX, logY, fill(note, vars));
  }

  /** Fills the placeholders ({@code {sweep}}, ...) of a text. */
  public static String fill(String s, Map<String, String> vars) {
    if (s == null) {
      return null;
    }
    String out = s;
    for (Map.Entry<String, String> e : vars.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  /** A figure declaration, field by field. */
  public static final class Builder {
    private final String name;
    private final PlotKind kind;
    private final String title;
    private String sql;
    private String x;
    private List<String> y = List.of();
    private String series;
    private String low;
    private String high;
    private String xLabel;
    private String yLabel;
    private boolean logX;
    private boolean logY;
    private String note;

    private Builder(String name, PlotKind kind, String title) {
      this.name = name;
      this.kind = kind;
      this.title = title;
    }

    public Builder sql(String q) {
      this.sql = q;
      return this;
    }

    /** The x column and its axis label. */
    public Builder x(String column, String label) {
      this.x = column;
      this.xLabel = label;
      return this;
    }

    /** The y columns and the y axis label. */
    public Builder y(String label, String... columns) {
      this.y = List.of(columns);
      this.yLabel = label;
      return this;
    }

    public Builder series(String column) {
      this.series = column;
      return this;
    }

    /** A band from {@code lowColumn} to {@code highColumn} around the (single) y line. */
    public Builder range(String lowColumn, String highColumn) {
      this.low = lowColumn;
      this.high = highColumn;
      return this;
    }

    public Builder logX() {
      this.logX = true;
      return this;
    }

    public Builder logY() {
      this.logY = true;
      return this;
    }

    public Builder note(String text) {
      this.note = text;
      return this;
    }

    public Figure build() {
      return new Figure(name, title, kind, sql, x, y, series, low, high, xLabel, yLabel, logX,
          logY, note);
    }
  }
}
