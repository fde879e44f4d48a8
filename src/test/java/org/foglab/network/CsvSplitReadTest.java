package org.foglab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.FoglabError;
import org.foglab.InputError;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV files read in byte ranges by separate tasks give the rows, line numbers and errors of the
 * one-task read. Line numbers are checked against a plain {@link BufferedReader} count over the
 * same text; the files mix a byte-order mark, CRLF and LF endings, blank lines, quoted fields and
 * reordered columns.
 */
class CsvSplitReadTest {
  @TempDir
  Path dir;

  /** A devices file of {@code rows} rows (columns reordered, endings mixed), as text. */
  private static String devicesText(int rows, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("\uFEFFt,device,process_cost,data,discard_cost,capacity\r\n");
    for (int i = 0; i < rows; i++) {
      String id = r.nextInt(5) == 0 ? "\"dev," + i + "\"" : "d" + i;
      String cap = r.nextInt(4) == 0 ? "" : String.format(Locale.ROOT, "%.3f", r.nextDouble() * 9);
      b.append(1 + r.nextInt(9)).append(',').append(id).append(',')
          .append(String.format(Locale.ROOT, "%.4f", r.nextDouble())).append(',')
          .append(r.nextInt(100)).append(',').append(String.format(Locale.ROOT, "%.2f", r.nextDouble()))
          .append(',').append(cap);
      b.append(r.nextInt(3) == 0 ? "\r\n" : "\n");
      if (r.nextInt(25) == 0) {
        b.append(r.nextBoolean() ? "\n" : "  \r\n");
      }
    }
    return b.toString();
  }

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, text.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  private static TraceReader.Located located(Path... files) {
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      names.add(f.toString());
    }
    return new TraceReader.Located(files[0].toString(), names, TableFormat.CSV);
  }

  private static List<Row> read(TraceReader.Located at, long splitBytes) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> rows = TraceReader.loadCsv(spark, at, TraceSchema.DEVICES_SCHEMA, splitBytes);
    return rows.orderBy(TraceReader.FILE, TraceReader.LINE).collectAsList();
  }

  /** Line numbers of the non-blank lines after the header, counted by a BufferedReader. */
  private static List<Long> referenceLines(String text) throws Exception {
    List<Long> out = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new StringReader(text))) {
      long n = 0;
      for (String s = in.readLine(); s != null; s = in.readLine()) {
        n++;
        if (n > 1 && !s.isBlank()) {
          out.add(n);
        }
      }
    }
    return out;
  }

  @Test
  void rangesOfAnySizeReadTheRowsAndLinesOfTheWholeFileRead() throws Exception {
    String text = devicesText(1200, 1);
    String other = devicesText(300, 2);
    Path a = write("a.csv", text);
    Path b = write("b.csv", other);
    TraceReader.Located at = located(a, b);
    List<Row> whole = read(at, Long.MAX_VALUE);
    assertEquals(1500, whole.size());
    List<Long> lines = new ArrayList<>();
    for (Row r : whole) {
      if (r.getString(r.fieldIndex(TraceReader.FILE)).equals(a.toString())) {
        lines.add(r.getLong(r.fieldIndex(TraceReader.LINE)));
      }
    }
    assertEquals(referenceLines(text), lines);
    // Quoted ids keep their commas; blank capacities are unbounded (null).
    assertTrue(whole.stream().filter(r -> r.getString(0).startsWith("dev,")).count() > 150);
    assertTrue(whole.stream().filter(r -> r.isNullAt(3)).count() > 150);
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    // Byte-level cuts at every position are LineReaderTest's; here ranges go through Spark.
    for (long split : new long[] {397, 1000, bytes / 3, bytes - 1}) {
      assertEquals(whole, read(at, split), "ranges of " + split + " bytes");
    }
  }

  @Test
  void anErrorInTheLastRangeHasTheSequentialLineNumber() throws Exception {
    String text = devicesText(1500, 3);
    List<String> lines = text.lines().toList();
    // Plant a negative value in the last non-blank line.
    int last = lines.size() - 1;
    while (lines.get(last).isBlank()) {
      last--;
    }
    String[] f = lines.get(last).split(",", -1);
    String bad = lines.get(last).replaceFirst("," + java.util.regex.Pattern.quote(f[f.length - 3])
        + ",", ",-4,");
    String planted = text.substring(0, text.lastIndexOf(lines.get(last))) + bad
        + text.substring(text.lastIndexOf(lines.get(last)) + lines.get(last).length());
    long expected = -1;
    try (BufferedReader in = new BufferedReader(new StringReader(planted))) {
      long n = 0;
      for (String s = in.readLine(); s != null; s = in.readLine()) {
        n++;
        if (s.equals(bad)) {
          expected = n;
        }
      }
    }
    assertTrue(expected > 1000);
    Path p = write("bad.csv", planted);
    String wholeMessage = null;
    for (long split : new long[] {Long.MAX_VALUE, 997, 4096}) {
      InputError e = readError(located(p), split);
      assertEquals(expected, e.line(), e.getMessage());
      assertEquals("data", e.column(), e.getMessage());
      assertTrue(e.getMessage().contains("line " + expected + ", column data: -4 is negative"),
          e.getMessage());
      if (wholeMessage == null) {
        wholeMessage = e.getMessage();
      }
      assertEquals(wholeMessage, e.getMessage());
    }
  }

  /** A quoted field may not hold a line break: the same error and line in every reading. */
  @Test
  void aLineBreakInsideQuotesIsTheSameErrorWhateverTheRanges() throws Exception {
    String text = devicesText(400, 4);
    int cut = text.indexOf('\n', text.length() / 2) + 1;
    String planted = text.substring(0, cut) + "3,\"two\nlines\",0.5,4,0.9,1\n" + text.substring(cut);
    long expected = -1;
    try (BufferedReader in = new BufferedReader(new StringReader(planted))) {
      long n = 0;
      for (String s = in.readLine(); s != null; s = in.readLine()) {
        n++;
        if (s.equals("3,\"two")) {
          expected = n;
        }
      }
    }
    Path p = write("quoted.csv", planted);
    for (long split : new long[] {Long.MAX_VALUE, 500, 1000}) {
      InputError e = readError(located(p), split);
      assertEquals(expected, e.line(), e.getMessage());
      assertTrue(e.getMessage().contains("unterminated quoted field"), e.getMessage());
    }
  }

  /** A header error is reported once, as line 1, whichever range's task meets it. */
  @Test
  void aHeaderErrorIsLineOneInEveryRange() throws Exception {
    String text = devicesText(300, 5).replaceFirst("capacity", "cap");
    Path p = write("header.csv", text);
    for (long split : new long[] {Long.MAX_VALUE, 1000}) {
      InputError e = readError(located(p), split);
      assertEquals(1, e.line(), e.getMessage());
      assertTrue(e.getMessage().contains("missing column capacity"), e.getMessage());
    }
  }

  private static InputError readError(TraceReader.Located at, long split) {
    Exception e = assertThrows(Exception.class, () -> read(at, split));
    RuntimeException u = FoglabError.unwrap(e);
    assertTrue(u instanceof InputError, "not an input error: " + e);
    return (InputError) u;
  }
}
