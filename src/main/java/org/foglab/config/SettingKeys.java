package org.foglab.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings foglab knows: every key of {@code reference.conf}. A key anywhere else (a
 * {@code --set}, a settings file, a sweep spec) is a user's mistake and gets the nearest known key
 * as a suggestion. {@code foglab.spark.conf} is open: any Spark property may go under it.
 */
public final class SettingKeys {
  private SettingKeys() {}

  /** The one open group: Spark properties, passed to the session as written. */
  public static final String SPARK_CONF = "foglab.spark.conf";

  private static final Set<String> LEAVES = new TreeSet<>();
  private static final Set<String> GROUPS = new TreeSet<>();

  static {
    Map<String, ConfigValue> leaves = leaves(ConfigLoader.reference().root());
    for (String k : leaves.keySet()) {
      if (k.startsWith(SPARK_CONF + ".")) {
        continue;
      }
      LEAVES.add(k);
      for (int dot = k.indexOf('.'); dot >= 0; dot = k.indexOf('.', dot + 1)) {
        GROUPS.add(k.substring(0, dot));
      }
    }
  }

  /** Every leaf key of reference.conf, sorted. */
  public static Set<String> all() {
    return java.util.Collections.unmodifiableSet(LEAVES);
  }

  /**
   * Every leaf (a value that is not an object, nulls included) of a tree, keyed by its path with
   * the segments joined by dots as written (so {@code "spark.sql.x"} under a quoted key reads
   * like the property name). Substitutions are left unresolved: only keys are looked at.
   */
  public static Map<String, ConfigValue> leaves(ConfigObject root) {
    Map<String, ConfigValue> out = new LinkedHashMap<>();
    for (Leaf l : leafList(root)) {
      out.put(l.key(), l.value());
    }
    return out;
  }

  /**
   * One leaf of a tree.
   *
   * @param key its segments joined by dots as written, for messages and lookups
   * @param path its path expression (segments quoted where needed), for {@link Config} calls
   * @param value its value
   */
  public record Leaf(String key, String path, ConfigValue value) {}

  /** The leaves of a tree, in order (see {@link #leaves}). */
  public static List<Leaf> leafList(ConfigObject root) {
    List<Leaf> out = new ArrayList<>();
    collect(root, List.of(), out);
    return out;
  }

  private static void collect(ConfigObject o, List<String> prefix, List<Leaf> out) {
    for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
      List<String> segments = new ArrayList<>(prefix);
      segments.add(e.getKey());
      if (e.getValue() instanceof ConfigObject child) {
        // An empty object sets nothing.
        collect(child, segments, out);
      } else {
        out.add(new Leaf(String.join(".", segments), ConfigUtil.joinPath(segments), e.getValue()));
      }
    }
  }

  /**
   * What is wrong with a full key ({@code foglab.generate.devices}), or null when it is a
   * setting: "is not a setting; did you mean ...?" or, for a group, which keys it holds.
   */
  public static String problem(String key) {
    if (LEAVES.contains(key) || key.equals(SPARK_CONF) || key.startsWith(SPARK_CONF + ".")) {
      return null;
    }
    if (GROUPS.contains(key)) {
      String first = LEAVES.stream().filter(k -> k.startsWith(key + ".")).findFirst().orElseThrow();
      return "is a group of settings, not one: set its keys, e.g. " + first;
    }
    return "is not a setting; did you mean " + nearest(key) + "?";
  }

  /**
   * The known key nearest to {@code key}: least edit distance over whole keys, halved for keys
   * with the same last segment, so a setting put in the wrong section ({@code foglab.devices})
   * finds its section ({@code foglab.generate.devices}).
   */
  public static String nearest(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    String leaf = k.substring(k.lastIndexOf('.') + 1);
    String best = null;
    double bestScore = Double.MAX_VALUE;
    for (String candidate : LEAVES) {
      double d = distance(k, candidate);
      if (candidate.substring(candidate.lastIndexOf('.') + 1).equals(leaf)) {
        d /= 2;
      }
      if (d < bestScore) {
        bestScore = d;
        best = candidate;
      }
    }
    return best;
  }

  /**
   * Checks every key of a configuration tree against the known keys and throws one sentence for
   * the first unknown one, naming where it was set when that was not the command line.
   */
  public static void check(Config c) {
    for (Map.Entry<String, ConfigValue> e : leaves(c.root()).entrySet()) {
      String problem = problem(e.getKey());
      if (problem != null) {
        String where = e.getValue().origin() == null ? null : e.getValue().origin().description();
        boolean typed = where == null || where.startsWith("--set ") || where.startsWith("command line");
        throw new ConfigError(null, e.getKey() + (typed ? "" : " (set in " + where + ")") + " " + problem);
      }
    }
  }

  /** The path of a Spark property under {@link #SPARK_CONF}, quoted so its dots stay in the key. */
  public static String sparkPath(String property) {
    return SPARK_CONF + "." + ConfigUtil.quoteString(property);
  }

  /** Full keys that are equal, or one inside the other (a group and a key in it). */
  public static boolean overlap(String a, String b) {
    return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".");
  }

  /** Levenshtein distance (also the CLI's nearest-option hint). */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
