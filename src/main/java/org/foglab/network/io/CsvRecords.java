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
  private final BufferedReader in;
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
    this.in = in;
    this.file = displayName;
    String first = in.readLine();
    line = 1;
    if (first == null) {
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
      s = in.readLine();
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
    return new ArrayList<>(scratch);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
