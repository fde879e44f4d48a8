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
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** The reference defaults alone. */
  public static Config reference() {
    return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
  }

  public static Config load(String confFile, List<String> sets, Map<String, Object> overrides,
      Map<String, String> env) {
    Config user = userFile(confFile, env);
    Config setLayer = ConfigFactory.empty();
    for (String s : sets) {
      int eq = s.indexOf('=');
      String key = s.substring(0, eq).trim();
      String value = s.substring(eq + 1);
      try {
        Config one = ConfigFactory.parseString(key + " = " + quoteIfNeeded(value),
            ConfigParseOptions.defaults().setOriginDescription("--set " + s));
        setLayer = one.withFallback(setLayer);
      } catch (ConfigException e) {
        throw new ConfigError(null, "--set " + s + " is not a valid KEY=VALUE: " + e.getMessage());
      }
    }
    Config cli = ConfigFactory.parseMap(overrides, "command line");
    try {
      return cli.withFallback(setLayer).withFallback(user).withFallback(reference())
          .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (ConfigException e) {
      throw new ConfigError(null, "configuration cannot be resolved: " + e.getMessage());
    }
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
    try {
      return ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigError(null, f + " is not valid HOCON: " + e.getMessage());
    }
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
      return c.getValue(key).origin().description();
    } catch (ConfigException e) {
      return null;
    }
  }
}
