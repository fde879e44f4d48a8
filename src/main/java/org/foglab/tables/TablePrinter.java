package org.foglab.tables;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Prints query results as an aligned text table, CSV or JSON lines. */
public final class TablePrinter {
  private TablePrinter() {}

  /** Output styles. */
  public enum Style implements org.foglab.config.Choice {
    TABLE, CSV, JSON;

    @Override
    public String configName() {
      return org.foglab.config.Choice.nameOf(this);
    }
  }

  public static void print(StructType schema, List<Row> rows, Style style, PrintStream out) {
    if (style == Style.TABLE) {
      table(schema, rows, out);
    } else {
      export(schema, rows.iterator(), style, out);
    }
  }

  /**
   * Writes rows as CSV (a header, then one line per row) or JSON lines as they come, so an
   * export of any size never sits in memory. CSV numbers keep their full precision.
   *
   * @return the number of rows written
   */
  public static long export(StructType schema, java.util.Iterator<Row> rows, Style style, PrintStream out) {
    if (style == Style.TABLE) {
      throw new IllegalArgumentException("export writes csv or json");
    }
    if (style == Style.CSV) {
      List<String> head = new ArrayList<>();
      for (String f : schema.fieldNames()) {
        head.add(csv(f));
      }
      out.println(String.join(",", head));
    }
    long n = 0;
    while (rows.hasNext()) {
      Row r = rows.next();
      if (style == Style.CSV) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < r.size(); c++) {
          cells.add(csv(r.isNullAt(c) ? "null" : String.valueOf(r.get(c))));
        }
        out.println(String.join(",", cells));
      } else {
        out.println(r.json());
      }
      n++;
    }
    out.flush();
    return n;
  }

  static void table(StructType schema, List<Row> rows, PrintStream out) {
    int cols = schema.size();
    int[] width = new int[cols];
    String[][] cells = new String[rows.size()][cols];
    for (int c = 0; c < cols; c++) {
      width[c] = schema.fieldNames()[c].length();
    }
    for (int i = 0; i < rows.size(); i++) {
      for (int c = 0; c < cols; c++) {
        cells[i][c] = cell(rows.get(i), c);
        width[c] = Math.max(width[c], cells[i][c].length());
      }
    }
    StringBuilder head = new StringBuilder();
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < cols; c++) {
      head.append(c == 0 ? "" : "  ").append(pad(schema.fieldNames()[c], width[c]));
      rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
    }
    out.println(head);
    out.println(rule);
    for (String[] r : cells) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        line.append(c == 0 ? "" : "  ").append(pad(r[c], width[c]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
  }

  static String cell(Row r, int c) {
    if (r.isNullAt(c)) {
      return "null";
    }
    Object v = r.get(c);
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.6g", d);
    }
    if (v instanceof Float f) {
      return String.format(Locale.ROOT, "%.6g", f);
    }
    return String.valueOf(v);
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
