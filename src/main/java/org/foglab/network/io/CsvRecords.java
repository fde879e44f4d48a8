package org.foglab.network.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.foglab.InputError;

/**
 * Streams the records of one CSV file with a header row, keeping line numbers for error
 * messages. Fields may be quoted RFC 4180 style (as Spark writes ids that contain commas);
 * a record may not span lines. Blank lines are skipped.
 */
public final class CsvRecords implements Closeable {
  /** A source of lines (without their endings); null at the end. */
  @FunctionalInterface
  public interface Lines {
    String next() throws IOException;
  }

  private final Lines in;
  private final Closeable source;
  private final String file;
  private final Map<String, Integer> columns = new HashMap<>();
  private final List<String> header = new ArrayList<>();
  private long line;
  private String[] fields;
  private final List<String> scratch = new ArrayList<>();

  /**
   * Opens the file and reads its header; {@code required} columns must all be present.
   *
   * @param displayName how errors name the file
   */
  public CsvRecords(BufferedReader in, String displayName, List<String> required) throws IOException {
    this(in::readLine, in, displayName, required);
  }

  /**
   * Reads the header from the first of {@code in}'s lines.
   *
   * @param source closed by {@link #close}
   */
  public CsvRecords(Lines in, Closeable source, String displayName, List<String> required)
      throws IOException {
    this(in.next(), in, source, 0, displayName, required);
  }

  /**
   * Records of lines in the middle of a file: {@code header} is the file's first line, and
   * {@code in}'s first line is line {@code linesBefore + 1} of the file.
   */
  public static CsvRecords continuing(String header, Lines in, Closeable source, long linesBefore,
      String displayName, List<String> required) throws IOException {
    return new CsvRecords(header, in, source, linesBefore, displayName, required);
  }

  private CsvRecords(String first, Lines in, Closeable source, long linesBefore,
      String displayName, List<String> required) throws IOException {
    this.in = in;
    this.source = source;
    this.file = displayName;
    line = 1;
    if (first == null) {
      source.close();
      throw new InputError(file, -1, null, "the file is empty (expected a header row: "
          + String.join(",", required) + ")");
    }
    if (!first.isEmpty() && first.charAt(0) == '\uFEFF') {
      first = first.substring(1);
    }
    checkText(first);
    List<String> names = split(first);
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c).trim();
      header.add(name);
      if (columns.putIfAbsent(name, c) != null) {
        throw new InputError(file, 1, name, "the header names column " + name + " twice");
      }
    }
    for (String r : required) {
      if (!columns.containsKey(r)) {
        throw new InputError(file, 1, r, "missing column " + r + " (the header is \"" + first
            + "\"; expected " + String.join(",", required) + ")");
      }
    }
    line = Math.max(1, linesBefore);
  }

  public String file() {
    return file;
  }

  /** Position of a column in the header. */
  public int column(String name) {
    Integer c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no column " + name);
    }
    return c;
  }

  /** Advances to the next non-blank record; false at the end of the file. */
  public boolean next() throws IOException {
    String s;
    do {
      s = in.next();
      if (s == null) {
        return false;
      }
      line++;
    } while (s.isBlank());
    checkText(s);
    List<String> f = split(s);
    if (f.size() != header.size()) {
      throw new InputError(file, line, null, "expected " + header.size() + " fields ("
          + String.join(",", header) + "), found " + f.size());
    }
    fields = f.toArray(new String[0]);
    return true;
  }

  public long line() {
    return line;
  }

  /** The raw field at a column position of the current record (unquoted, not trimmed). */
  public String field(int column) {
    return fields[column];
  }

  public InputError error(String columnName, String problem) {
    return new InputError(file, line, columnName, problem);
  }

  /**
   * Readers decode UTF-8 with replacement characters: a line holding one came from bytes that are
   * not UTF-8 (a Latin-1 or UTF-16 export), which would otherwise become unknown device ids.
   */
  private void checkText(String s) {
    if (s.indexOf('\uFFFD') >= 0 || s.indexOf('\u0000') >= 0) {
      throw new InputError(file, line, null, "is not UTF-8 text (invalid byte sequence or NUL "
          + "byte); save the file as UTF-8");
    }
  }

  private List<String> split(String s) {
    scratch.clear();
    if (s.indexOf('"') < 0) {
      // No quotes: the fields are the text between commas.
      int from = 0;
      for (int i = s.indexOf(','); i >= 0; i = s.indexOf(',', from)) {
        scratch.add(s.substring(from, i));
        from = i + 1;
      }
      scratch.add(s.substring(from));
      return scratch;
    }
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(ch);
        }
      } else if (ch == '"' && cur.length() == 0) {
        quoted = true;
      } else if (ch == ',') {
        scratch.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (quoted) {
      throw new InputError(file, line, null, "unterminated quoted field");
    }
    scratch.add(cur.toString());
    return scratch;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
