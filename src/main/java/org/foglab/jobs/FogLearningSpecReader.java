package org.foglab.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.foglab.config.Choice;
import org.foglab.config.ConfigError;
import org.foglab.config.SettingKeys;

/**
 * The strict reader of {@code fog-learning --spec} files: one {@code fog-learning { }} block
 * holding only {@link #KEYS}, networks holding only {@link #NETWORK_KEYS}, runs only
 * {@link #RUN_KEYS}, every value of its type. Anything else is one sentence naming the file,
 * the line and the key ({@link ConfigError}, exit 2), as {@code SweepSpec} does for sweeps.
 */
final class FogLearningSpecReader {
  /** Keys of the fog-learning block. */
  static final List<String> KEYS = List.of("name", "dataset", "networks", "runs", "rounds",
      "batch", "learning-rate", "samples-per-device", "two-class-share", "sample-fraction",
      "cluster-fraction", "cluster-sampling", "d2d-graph", "d2d-density", "seed", "executor",
      "partitions", "evaluate-every", "offload", "move-probability", "table");
  /** Keys of one network. */
  static final List<String> NETWORK_KEYS = List.of("name", "layers", "layer-periods");
  /** Keys of one run. */
  static final List<String> RUN_KEYS = List.of("mode", "consensus-rounds", "offload",
      "move-probability");

  private final String file;
  private final ConfigObject block;

  private FogLearningSpecReader(String file, ConfigObject block) {
    this.file = file;
    this.block = block;
  }

  /** Parses {@code file} and checks its layout; values are read with the typed getters. */
  static FogLearningSpecReader open(String file) {
    File f = new File(file);
    Config c;
    try {
      c = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false))
          .resolve();
    } catch (ConfigException e) {
      throw new ConfigError(null, file + " is not valid HOCON: " + e.getMessage());
    }
    for (String top : c.root().keySet()) {
      if (!top.equals("fog-learning")) {
        throw new ConfigError(null, at(file, c.root().get(top)) + top + " is outside "
            + "fog-learning { }; a fog-learning spec holds one fog-learning { ... } block");
      }
    }
    if (!(c.root().get("fog-learning") instanceof ConfigObject block)) {
      throw new ConfigError(null, file + " has no fog-learning { ... } block");
    }
    FogLearningSpecReader r = new FogLearningSpecReader(file, block);
    r.known(block, "fog-learning", KEYS);
    return r;
  }

  /** "FILE line N: " of a value. */
  private static String at(String file, ConfigValue v) {
    int line = v == null || v.origin() == null ? -1 : v.origin().lineNumber();
    return file + (line > 0 ? " line " + line : "") + ": ";
  }

  private String at(ConfigValue v) {
    return at(file, v);
  }

  /** Refuses keys of {@code o} not in {@code keys}, suggesting a near one. */
  void known(ConfigObject o, String where, List<String> keys) {
    for (String k : o.keySet()) {
      if (keys.contains(k)) {
        continue;
      }
      String hint = keys.stream().filter(x -> SettingKeys.distance(x, k) <= 2).findFirst()
          .map(x -> "; did you mean " + x + "?").orElse("");
      throw new ConfigError(null, at(o.get(k)) + where + "." + k + " is not a key of " + where
          + " (it holds " + String.join(", ", keys) + ")" + hint);
    }
  }

  ConfigObject block() {
    return block;
  }

  boolean has(ConfigObject o, String key) {
    return o.containsKey(key) && o.get(key).valueType() != ConfigValueType.NULL;
  }

  private ConfigValue required(ConfigObject o, String where, String key) {
    ConfigValue v = o.get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      throw new ConfigError(null, at(o) + where + "." + key + " is missing");
    }
    return v;
  }

  private ConfigError wrong(ConfigValue v, String where, String key, String what) {
    return new ConfigError(null, at(v) + where + "." + key + " must be " + what + ", got "
        + v.render());
  }

  String string(ConfigObject o, String where, String key) {
    ConfigValue v = required(o, where, key);
    if (v.valueType() != ConfigValueType.STRING) {
      throw wrong(v, where, key, "a string");
    }
    return (String) v.unwrapped();
  }

  double number(ConfigObject o, String where, String key, double min, double max) {
    ConfigValue v = required(o, where, key);
    double d = asNumber(v, where, key);
    if (!(d >= min && d <= max)) {
      String lo = min == Double.MIN_VALUE ? "(0" : "[" + fmt(min);
      String hi = max == Math.nextDown(1.0) ? "1)" : fmt(max) + "]";
      throw wrong(v, where, key, "a number in " + lo + ", " + hi);
    }
    return d;
  }

  private double asNumber(ConfigValue v, String where, String key) {
    if (v.valueType() == ConfigValueType.NUMBER) {
      return ((Number) v.unwrapped()).doubleValue();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      try {
        return Double.parseDouble(((String) v.unwrapped()).trim());
      } catch (NumberFormatException e) {
        // Falls through to the sentence below.
      }
    }
    throw wrong(v, where, key, "a number");
  }

  long whole(ConfigValue v, String where, String key, long min, long max) {
    double d;
    try {
      d = asNumber(v, where, key);
    } catch (ConfigError e) {
      throw wrong(v, where, key, "a whole number");
    }
    if (d != Math.rint(d) || Double.isInfinite(d)) {
      throw wrong(v, where, key, "a whole number");
    }
    if (d < min || d > max) {
      throw wrong(v, where, key, "a whole number in [" + min + ", " + max + "]");
    }
    return (long) d;
  }

  int integer(ConfigObject o, String where, String key, int min, int max) {
    return (int) whole(required(o, where, key), where, key, min, max);
  }

  long longValue(ConfigObject o, String where, String key) {
    return whole(required(o, where, key), where, key, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
  }

  boolean bool(ConfigObject o, String where, String key) {
    ConfigValue v = required(o, where, key);
    if (v.valueType() == ConfigValueType.BOOLEAN) {
      return (Boolean) v.unwrapped();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      String s = ((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return s.equals("true");
      }
    }
    throw wrong(v, where, key, "true or false");
  }

  <E extends Enum<E> & Choice> E choice(ConfigObject o, String where, String key, Class<E> type) {
    ConfigValue v = required(o, where, key);
    String s = v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : null;
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.configName());
      if (e.configName().equals(s)) {
        return e;
      }
    }
    throw wrong(v, where, key, "one of " + String.join(", ", names));
  }

  /** A list of whole numbers (a single number is a list of one). */
  int[] integers(ConfigObject o, String where, String key, int min, int max) {
    ConfigValue v = required(o, where, key);
    if (v.valueType() != ConfigValueType.LIST) {
      return new int[] {(int) whole(v, where, key, min, max)};
    }
    ConfigList l = (ConfigList) v;
    if (l.isEmpty()) {
      throw wrong(v, where, key, "a non-empty list of whole numbers");
    }
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) whole(l.get(i), where, key + "[" + i + "]", min, max);
    }
    return out;
  }

  /** A list of { } objects, each checked against {@code keys}. */
  List<ConfigObject> objects(ConfigObject o, String where, String key, List<String> keys) {
    ConfigValue v = required(o, where, key);
    if (v.valueType() != ConfigValueType.LIST || ((ConfigList) v).isEmpty()) {
      throw wrong(v, where, key, "a non-empty list of { ... } entries");
    }
    List<ConfigObject> out = new ArrayList<>();
    ConfigList l = (ConfigList) v;
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof ConfigObject e)) {
        throw wrong(l.get(i), where, key + "[" + i + "]", "a { ... } entry");
      }
      known(e, where + "." + key + "[" + i + "]", keys);
      out.add(e);
    }
    return out;
  }

  /** An error about {@code key} of {@code o}, located. */
  ConfigError error(ConfigObject o, String where, String key, String problem) {
    ConfigValue v = o.get(key);
    return new ConfigError(null, at(v == null ? o : v) + where + "." + key + " " + problem);
  }

  String file() {
    return file;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
