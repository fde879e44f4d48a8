package org.foglab.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * Layers configuration: {@code reference.conf} (documented defaults) under the user's file
 * ({@code --conf FILE}, else {@code $FOGLAB_CONF}, else {@code conf/foglab.conf} under
 * {@code $FOGLAB_HOME} or the working directory) under {@code --set KEY=VALUE} under options.
 * Keys under {@code spark.} (in {@code --set} or a file's top level) are Spark properties and
 * join {@code foglab.spark.conf}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** The reference defaults alone. */
  public static Config reference() {
    return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
  }

  public static Config load(String confFile, List<String> sets, Map<String, Object> overrides,
      Map<String, String> env) {
    return load(confFile, commandLine(sets, overrides), env);
  }

  /**
   * The settings: {@code commandLine} (see {@link #commandLine}) over the user's file over
   * {@code foglab.home} from {@code $FOGLAB_HOME} over reference.conf, resolved. Every key must be
   * one of reference.conf's ({@link SettingKeys}); an unknown one is an error naming the nearest.
   */
  public static Config load(String confFile, Config commandLine, Map<String, String> env) {
    Config user = userFile(confFile, env);
    Config home = ConfigFactory.empty();
    String h = env.get("FOGLAB_HOME");
    if (h != null && !h.isBlank()) {
      home = ConfigFactory.parseMap(Map.of("foglab.home", h), "$FOGLAB_HOME");
    }
    Config merged;
    try {
      merged = commandLine.withFallback(user).withFallback(home).withFallback(reference())
          .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (ConfigException e) {
      throw new ConfigError(null, "configuration cannot be resolved: " + e.getMessage());
    }
    SettingKeys.check(merged);
    return merged;
  }

  /**
   * The layer the user typed: options over {@code --set KEY=VALUE} assignments, later ones over
   * earlier. A key under {@code spark.} is a Spark property and goes to {@code foglab.spark.conf}.
   * Unresolved: {@link #load} resolves it with the layers below.
   */
  public static Config commandLine(List<String> sets, Map<String, Object> overrides) {
    Config setLayer = ConfigFactory.empty();
    for (String s : sets) {
      int eq = s.indexOf('=');
      String key = s.substring(0, eq).trim();
      String value = s.substring(eq + 1);
      String path = key.startsWith("spark.") ? SettingKeys.sparkPath(key) : key;
      try {
        Config one = ConfigFactory.parseString(path + " = " + quoteIfNeeded(value),
            ConfigParseOptions.defaults().setOriginDescription("--set " + s));
        setLayer = one.withFallback(setLayer);
      } catch (ConfigException e) {
        throw new ConfigError(null, "--set " + s + " is not a valid KEY=VALUE: " + e.getMessage());
      }
    }
    return ConfigFactory.parseMap(overrides, "command line").withFallback(setLayer);
  }

  private static String quoteIfNeeded(String value) {
    String v = value.trim();
    if (v.isEmpty()) {
      return "\"\"";
    }
    char c = v.charAt(0);
    // Lists, objects, quoted strings and numbers parse as HOCON; anything else is a string.
    if (c == '[' || c == '{' || c == '"' || v.matches("-?[0-9][0-9_.eE+-]*") || v.equals("true")
        || v.equals("false") || v.equals("null")) {
      return v;
    }
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static Config userFile(String confFile, Map<String, String> env) {
    File f;
    if (confFile != null) {
      f = new File(confFile);
      if (!f.isFile() && confFile.contains("=")) {
        // spark-submit's --conf takes a property; foglab's takes a file.
        throw new ConfigError(null, "--conf " + confFile + ": --conf takes a settings file; for a "
            + "Spark or foglab setting use --set " + confFile);
      }
      if (!f.isFile()) {
        throw new ConfigError(null, "--conf " + confFile + ": no such file");
      }
    } else if (env.get("FOGLAB_CONF") != null && !env.get("FOGLAB_CONF").isBlank()) {
      f = new File(env.get("FOGLAB_CONF"));
      if (!f.isFile()) {
        throw new ConfigError(null, "FOGLAB_CONF=" + f + ": no such file");
      }
    } else {
      String home = env.get("FOGLAB_HOME");
      f = new File(home == null || home.isBlank() ? "." : home, "conf/foglab.conf");
      if (!f.isFile()) {
        return ConfigFactory.empty();
      }
    }
    Config c;
    try {
      c = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigError(null, f + " is not valid HOCON: " + e.getMessage());
    }
    return sparkToConf(c);
  }

  /** A file's top-level {@code spark { ... }} properties, moved under foglab.spark.conf. */
  static Config sparkToConf(Config c) {
    if (!(c.root().get("spark") instanceof com.typesafe.config.ConfigObject spark)) {
      return c;
    }
    Config out = c.root().withoutKey("spark").toConfig();
    for (Map.Entry<String, com.typesafe.config.ConfigValue> e : SettingKeys.leaves(spark).entrySet()) {
      out = out.withValue(SettingKeys.sparkPath("spark." + e.getKey()), e.getValue());
    }
    return out;
  }

  /** Where a key's value came from, e.g. "conf/foglab.conf: 12", for messages. */
  public static String origin(Config c, String key) {
    try {
      if (!c.hasPathOrNull(key)) {
        return null;
      }
      if (c.getIsNull(key)) {
        // A null's origin is its parent object's.
        int dot = key.lastIndexOf('.');
        return dot < 0 ? null : c.getValue(key.substring(0, dot)).origin().description();
      }
      String d = c.getValue(key).origin().description();
      // A --set assignment is a one-line "file": its line number says nothing.
      return d.startsWith("--set ") ? d.replaceFirst(": 1$", "") : d;
    } catch (ConfigException e) {
      return null;
    }
  }
}
