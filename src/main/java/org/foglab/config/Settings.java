package org.foglab.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated reads from a HOCON tree under a path prefix. Every failure is a
 * {@link ConfigError} naming the full key and what is allowed, so records built from a
 * {@code Settings} never see an unchecked value.
 */
public final class Settings {
  private final Config config;
  private final String prefix;
  private final Config commandLine;

  public Settings(Config config, String prefix) {
    this(config, prefix, ConfigFactory.empty());
  }

  /**
   * @param commandLine the part of {@code config} the user typed ({@code --set} and options), for
   *     readers that layer settings of their own under it (a sweep spec's)
   */
  public Settings(Config config, String prefix, Config commandLine) {
    this.config = config;
    this.prefix = prefix == null ? "" : prefix;
    this.commandLine = commandLine;
  }

  /** The settings under {@code path} (relative to this prefix). */
  public Settings at(String path) {
    return new Settings(config, full(path), commandLine);
  }

  public Config config() {
    return config;
  }

  /** The command-line layer (full keys, unresolved); empty when not built from a command line. */
  public Config commandLine() {
    return commandLine;
  }

  public String prefix() {
    return prefix;
  }

  /** The full key of a relative path. */
  public String full(String path) {
    return prefix.isEmpty() ? path : prefix + "." + path;
  }

  public ConfigError error(String path, String problem) {
    return new ConfigError(full(path), problem);
  }

  /** A declared setting's value (its full key, whatever this prefix), typed and validated. */
  public <T> T get(Setting<T> setting) {
    return setting.read(this);
  }

  public boolean isSet(String path) {
    String k = full(path);
    return config.hasPathOrNull(k) && !config.getIsNull(k);
  }

  private ConfigValue value(String path) {
    String k = full(path);
    if (!config.hasPathOrNull(k)) {
      throw new ConfigError(k, "is missing (it has no default: set it)");
    }
    if (config.getIsNull(k)) {
      throw new ConfigError(k, "is required");
    }
    return config.getValue(k);
  }

  Number number(String path, String what) {
    ConfigValue v = value(path);
    if (v.valueType() == ConfigValueType.NUMBER) {
      return (Number) v.unwrapped();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      try {
        return Double.valueOf(((String) v.unwrapped()).trim());
      } catch (NumberFormatException ignored) {
        // fall through to the error below
      }
    }
    throw error(path, "must be " + what + ", got " + render(v));
  }

  private static String render(ConfigValue v) {
    return v.valueType() == ConfigValueType.NULL ? "nothing (null)" : "\"" + v.unwrapped() + "\"";
  }

  public double doubleValue(String path, double min, double max) {
    double x = number(path, "a number").doubleValue();
    if (!Double.isFinite(x) || x < min || x > max) {
      throw error(path, "must be a number in [" + fmt(min) + ", " + fmt(max) + "], got " + fmt(x));
    }
    return x;
  }

  /** A probability in [0, 1]. */
  public double probability(String path) {
    return doubleValue(path, 0, 1);
  }

  public long longValue(String path, long min, long max) {
    Number n = number(path, "an integer");
    double d = n.doubleValue();
    if (d != Math.rint(d) || Double.isInfinite(d)) {
      throw error(path, "must be an integer, got " + fmt(d));
    }
    long x = n.longValue();
    if (d < min || d > max) {
      throw error(path, "must be an integer in [" + min + ", " + max + "], got " + fmt(d));
    }
    return x;
  }

  public int intValue(String path, int min, int max) {
    return (int) longValue(path, min, max);
  }

  public boolean bool(String path) {
    ConfigValue v = value(path);
    if (v.valueType() == ConfigValueType.BOOLEAN) {
      return (Boolean) v.unwrapped();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      String s = ((String) v.unwrapped()).trim().toLowerCase(java.util.Locale.ROOT);
      if (s.equals("true") || s.equals("yes") || s.equals("on")) {
        return true;
      }
      if (s.equals("false") || s.equals("no") || s.equals("off")) {
        return false;
      }
    }
    throw error(path, "must be true or false, got " + render(v));
  }

  public String string(String path) {
    ConfigValue v = value(path);
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      throw error(path, "must be a single value, got " + v.render());
    }
    String s = String.valueOf(v.unwrapped()).trim();
    if (s.isEmpty()) {
      throw error(path, "must not be empty");
    }
    return s;
  }

  public Optional<String> optionalString(String path) {
    return isSet(path) ? Optional.of(string(path)) : Optional.empty();
  }

  public <E extends Enum<E> & Choice> E choice(String path, Class<E> type) {
    String s = string(path);
    E e = Choice.parse(type, s);
    if (e == null) {
      throw error(path, "must be " + Choice.allowed(type) + ", got \"" + s + "\"");
    }
    return e;
  }

  /** A string-to-string map (e.g. Spark properties); values are rendered as written. */
  public Map<String, String> stringMap(String path) {
    Map<String, String> m = new LinkedHashMap<>();
    if (!isSet(path)) {
      return m;
    }
    Config sub;
    try {
      sub = config.getConfig(full(path));
    } catch (ConfigException e) {
      throw error(path, "must be an object of key = value pairs");
    }
    for (Map.Entry<String, ConfigValue> e : sub.entrySet()) {
      String key = e.getKey().replace("\"", "");
      m.put(key, String.valueOf(e.getValue().unwrapped()));
    }
    return m;
  }

  public List<String> stringList(String path) {
    try {
      return config.getStringList(full(path));
    } catch (ConfigException e) {
      throw error(path, "must be a list of strings");
    }
  }

  /** Short rendering of a number for messages: integers without ".0". */
  public static String fmt(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return Double.toString(x);
  }
}
