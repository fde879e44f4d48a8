package org.foglab.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows behind a figure, as plain Java values: numbers stay {@link Number}s (decimals become
 * doubles), everything else its string form, SQL NULL is null.
 *
 * @param columns column names, in query order
 * @param rows the rows (at most the limit they were collected with)
 * @param truncated whether the query had more rows than were collected
 */
public record FigureData(List<String> columns, List<List<Object>> rows, boolean truncated) {
  public FigureData {
    columns = List.copyOf(columns);
    rows = Collections.unmodifiableList(new ArrayList<>(rows));
  }

  /** Collects at most {@code maxRows} rows of a query. */
  public static FigureData collect(Dataset<Row> df, int maxRows) {
    List<String> columns = List.of(df.columns());
    List<Row> got = df.limit(maxRows + 1).collectAsList();
    boolean more = got.size() > maxRows;
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : got.subList(0, Math.min(maxRows, got.size()))) {
      List<Object> v = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        v.add(plain(r.get(i)));
      }
      rows.add(Collections.unmodifiableList(v));
    }
    return new FigureData(columns, rows, more);
  }

  private static Object plain(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (o instanceof Number || o instanceof String || o instanceof Boolean) {
      return o;
    }
    return String.valueOf(o);
  }

  public int column(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** A cell as a double, or NaN when null, not a number or not finite. */
  public static double number(Object o) {
    if (o instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : Double.NaN;
    }
    return Double.NaN;
  }

  /** A cell as text: numbers in their shortest form, null as the empty string. */
  public static String text(Object o) {
    if (o == null) {
      return "";
    }
    if (o instanceof Double || o instanceof Float) {
      double d = ((Number) o).doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
    return String.valueOf(o);
  }
}
