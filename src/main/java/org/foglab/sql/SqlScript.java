package org.foglab.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at top-level semicolons: a semicolon inside a quoted string
 * or identifier ('...', "...", `...`) or a comment (-- to the end of the line, slash-star to
 * star-slash) does not end a statement. Statements are returned trimmed; empty ones are dropped.
 */
public final class SqlScript {
  private SqlScript() {}

  /** The complete statements of {@code text}; a trailing statement without ';' counts. */
  public static List<String> statements(String text) {
    Scan s = scan(text);
    List<String> out = new ArrayList<>(s.complete);
    if (!s.rest.isBlank() && !onlyComments(s.rest)) {
      out.add(s.rest.strip());
    }
    return out;
  }

  /** Result of scanning: statements ended by ';' and the unfinished text after the last one. */
  public record Scan(List<String> complete, String rest) {}

  public static Scan scan(String text) {
    List<String> complete = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = i + 1;
        while (end < n && text.charAt(end) != c) {
          // Spark string literals take backslash escapes; identifiers double the backquote.
          end += (c != '`' && text.charAt(end) == '\\') ? 2 : 1;
        }
        end = Math.min(end + 1, n);
        cur.append(text, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        cur.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        cur.append(text, i, end);
        i = end;
      } else if (c == ';') {
        String st = cur.toString().strip();
        if (!st.isEmpty() && !onlyComments(st)) {
          complete.add(st);
        }
        cur.setLength(0);
        i++;
      } else {
        cur.append(c);
        i++;
      }
    }
    return new Scan(complete, cur.toString());
  }

  private static boolean onlyComments(String s) {
    String t = s.replaceAll("(?s)/\\*.*?(\\*/|$)", " ").replaceAll("--[^\\n]*", " ");
    return t.isBlank();
  }
}
