package org.foglab.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documentation of reference.conf's keys: the comment above a key. A comment above a run of
 * keys (no blank line between them) documents each key of the run, and a key inside an inline
 * object ({@code process { min = 0, max = 1 }}) has the object's comment; a key with none of
 * these has its enclosing group's.
 */
public final class ReferenceDocs {
  private ReferenceDocs() {}

  private static final ConfigObject ROOT = ConfigLoader.reference().root();
  private static final Map<String, List<String>> FILES = new ConcurrentHashMap<>();
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  /** The comment documenting a full key, joined into one paragraph; "" when it has none. */
  public static String doc(String key) {
    return CACHE.computeIfAbsent(key, ReferenceDocs::find);
  }

  /** Whether reference.conf has this key (a leaf or a group). */
  public static boolean exists(String key) {
    return value(key) != null;
  }

  private static String find(String key) {
    ConfigValue v = value(key);
    if (v == null) {
      return "";
    }
    String own = join(v.origin().comments());
    if (!own.isEmpty()) {
      return own;
    }
    String above = commentAbove(v.origin());
    if (!above.isEmpty()) {
      return above;
    }
    int dot = key.lastIndexOf('.');
    return dot < 0 ? "" : doc(key.substring(0, dot));
  }

  private static ConfigValue value(String key) {
    ConfigValue v = ROOT;
    for (String segment : ConfigUtil.splitPath(key)) {
      if (!(v instanceof ConfigObject o) || !o.containsKey(segment)) {
        return null;
      }
      v = o.get(segment);
    }
    return v;
  }

  /**
   * The comment block above the run of key lines that holds the value's line, or "" when the run
   * starts a group or follows a blank line or a closed group.
   */
  private static String commentAbove(ConfigOrigin origin) {
    if (origin.url() == null) {
      return "";
    }
    List<String> lines = FILES.computeIfAbsent(origin.url().toString(), u -> lines(origin.url()));
    int line = origin.lineNumber() - 1; // 0-based index of the value's line
    if (line < 0 || line >= lines.size()) {
      return "";
    }
    int i = line - 1;
    while (i >= 0) {
      String l = lines.get(i).trim();
      if (l.isEmpty() || l.endsWith("{") || l.startsWith("}")) {
        return "";
      }
      if (l.startsWith("#")) {
        break;
      }
      i--;
    }
    if (i < 0) {
      return "";
    }
    List<String> block = new ArrayList<>();
    while (i >= 0 && lines.get(i).trim().startsWith("#")) {
      block.add(0, lines.get(i).trim().substring(1));
      i--;
    }
    return join(block);
  }

  private static String join(List<String> comments) {
    StringBuilder b = new StringBuilder();
    for (String c : comments) {
      String t = c.trim();
      if (!t.isEmpty()) {
        b.append(b.length() == 0 ? "" : " ").append(t);
      }
    }
    return b.toString();
  }

  /**
   * The first sentence of a doc: up to the first period that ends a sentence (followed by a
   * space and a letter, or the end), not an abbreviation such as "e.g.".
   */
  public static String firstSentence(String doc) {
    for (int i = doc.indexOf('.'); i >= 0; i = doc.indexOf('.', i + 1)) {
      boolean end = i == doc.length() - 1
          || (i + 2 < doc.length() && doc.charAt(i + 1) == ' '
              && Character.isLetter(doc.charAt(i + 2)));
      String before = doc.substring(Math.max(0, i - 4), i + 1);
      if (end && !before.endsWith("e.g.") && !before.endsWith("i.e.") && !before.endsWith("al.")
          && !before.endsWith("vs.")) {
        return doc.substring(0, i + 1);
      }
    }
    return doc;
  }

  private static List<String> lines(java.net.URL url) {
    try (InputStream in = url.openStream()) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return r.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
