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
    switch (style) {
      case CSV:
        out.println(String.join(",", schema.fieldNames()));
        for (Row r : rows) {
          List<String> cells = new ArrayList<>();
          for (int c = 0; c < r.size(); c++) {
            cells.add(csv(cell(r, c)));
          }
          out.println(String.join(",", cells));
        }
        break;
      case JSON:
        for (Row r : rows) {
          out.println(r.json());
        }
        break;
      default:
        table(schema, rows, out);
    }
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
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
