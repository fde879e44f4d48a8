package org.foglab.plot;

import java.util.List;
import java.util.Locale;

/**
 * The {@code index.html} report: one section per figure with its PNG (or, for a table or a
 * figure without rows, no image), a link to the CSV of its rows, the query, and the rows
 * themselves as an HTML table (every cell escaped). A small script marks each image loaded or
 * broken ({@code data-loaded}) and counts each section's rows ({@code data-table-rows}), so a
 * reader sees a broken image at once and a browser check can read the result from the DOM.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** What became of one figure. */
  public enum Status {
    /** A PNG was drawn. */
    DRAWN,
    /** A table figure: its rows are the figure. */
    TABLE,
    /** The query returned no rows (or its table does not exist). */
    EMPTY
  }

  /**
   * One section of the report.
   *
   * @param figure the resolved figure
   * @param status what was drawn
   * @param message why there is nothing to draw (EMPTY), else null
   * @param data the rows (null when EMPTY)
   * @param png file name of the PNG (DRAWN), else null
   * @param csv file name of the CSV of the rows, or null
   */
  public record Entry(Figure figure, Status status, String message, FigureData data, String png,
      String csv) {}

  /**
   * The whole page.
   *
   * @param title page heading
   * @param about one line under the heading (source, warehouse, run)
   * @param maxRows table rows shown per figure (the CSV holds all)
   */
  public static String render(String title, String about, List<Entry> entries, int width,
      int height, int maxRows) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc(title)).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em;max-width:1100px}")
        .append("table.rows{border-collapse:collapse;font-size:13px;margin:0.5em 0 2em}")
        .append("table.rows th,table.rows td{border:1px solid #ccc;padding:2px 6px;text-align:right}")
        .append("table.rows th{background:#f0f0f0}")
        .append("pre{background:#f7f7f7;padding:0.5em;white-space:pre-wrap}")
        .append(".empty,.broken{color:#a00}.note{color:#333}")
        .append("img{max-width:100%;height:auto;border:1px solid #ddd}\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n<p>")
        .append(esc(about)).append("</p>\n<ul class=\"contents\">\n");
    for (Entry e : entries) {
      b.append("<li><a href=\"#").append(esc(e.figure().name())).append("\">")
          .append(esc(e.figure().title())).append("</a>")
          .append(e.status() == Status.EMPTY ? " (no rows)" : "").append("</li>\n");
    }
    b.append("</ul>\n");
    for (Entry e : entries) {
      Figure f = e.figure();
      int rows = e.data() == null ? 0 : e.data().rows().size();
      b.append("<section class=\"figure\" id=\"").append(esc(f.name())).append("\" data-figure=\"")
          .append(esc(f.name())).append("\" data-status=\"")
          .append(e.status().name().toLowerCase(Locale.ROOT)).append("\" data-rows=\"")
          .append(rows).append("\">\n<h2>").append(esc(f.title())).append("</h2>\n");
      if (f.note() != null) {
        b.append("<p class=\"note\">").append(esc(f.note())).append("</p>\n");
      }
      if (e.status() == Status.EMPTY) {
        b.append("<p class=\"empty\">").append(esc(e.message())).append("</p>\n");
      }
      if (e.png() != null) {
        b.append("<p><a href=\"").append(esc(e.png())).append("\"><img src=\"")
            .append(esc(e.png())).append("\" width=\"").append(width).append("\" height=\"")
            .append(height).append("\" alt=\"").append(esc(f.title())).append("\"></a></p>\n");
      }
      if (e.data() != null) {
        b.append("<p>").append(rows).append(rows == 1 ? " row" : " rows")
            .append(e.data().truncated() ? " (the query has more; raise --max-rows)" : "");
        if (e.csv() != null) {
          b.append(": <a href=\"").append(esc(e.csv())).append("\">").append(esc(e.csv()))
              .append("</a>");
        }
        if (rows > maxRows) {
          b.append("; the table shows the first ").append(maxRows);
        }
        b.append("</p>\n");
      }
      b.append("<details><summary>Query</summary><pre>").append(esc(f.sql()))
          .append("</pre></details>\n");
      if (e.data() != null) {
        table(b, e.data(), maxRows);
      }
      b.append("</section>\n");
    }
    b.append("<script>\n")
        .append("window.addEventListener('load', function () {\n")
        .append("  document.querySelectorAll('section.figure img').forEach(function (img) {\n")
        .append("    var ok = img.complete && img.naturalWidth > 0;\n")
        .append("    img.dataset.loaded = ok ? 'true' : 'false';\n")
        .append("    if (!ok) {\n")
        .append("      var p = document.createElement('p');\n")
        .append("      p.className = 'broken';\n")
        .append("      p.textContent = 'image ' + img.getAttribute('src') + ' did not load';\n")
        .append("      img.parentNode.parentNode.insertBefore(p, img.parentNode);\n")
        .append("    }\n  });\n")
        .append("  document.querySelectorAll('section.figure').forEach(function (s) {\n")
        .append("    s.dataset.tableRows = s.querySelectorAll('table.rows tbody tr').length;\n")
        .append("  });\n")
        .append("  document.body.dataset.checked = 'true';\n")
        .append("});\n</script>\n</body>\n</html>\n");
    return b.toString();
  }

  private static void table(StringBuilder b, FigureData d, int maxRows) {
    b.append("<table class=\"rows\">\n<thead><tr>");
    for (String c : d.columns()) {
      b.append("<th>").append(esc(c)).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    int n = Math.min(maxRows, d.rows().size());
    for (int i = 0; i < n; i++) {
      b.append("<tr>");
      for (Object v : d.rows().get(i)) {
        b.append("<td>").append(esc(FigureData.text(v))).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  /** Escapes text for HTML content and attribute values. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** The rows as CSV (RFC 4180 quoting), with a header row. */
  public static String csv(FigureData d) {
    StringBuilder b = new StringBuilder();
    b.append(csvLine(d.columns().stream().map(c -> (Object) c).toList()));
    for (List<Object> r : d.rows()) {
      b.append(csvLine(r));
    }
    return b.toString();
  }

  private static String csvLine(List<Object> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String t = FigureData.text(cells.get(i));
      if (t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r")) {
        t = "\"" + t.replace("\"", "\"\"") + "\"";
      }
      b.append(i == 0 ? "" : ",").append(t);
    }
    return b.append('\n').toString();
  }
}
