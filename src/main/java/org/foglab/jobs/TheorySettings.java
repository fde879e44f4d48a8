package org.foglab.jobs;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import org.foglab.config.ConfigError;
import org.foglab.config.ConfigLoader;
import org.foglab.config.Settings;

/** Typed reads shared by the {@code theory} commands, on top of {@link Settings}. */
final class TheorySettings {
  private TheorySettings() {}

  /** Largest magnitude accepted for a real-valued setting (keeps messages readable). */
  static final double MAX = 1e15;

  /**
   * Where a theory command writes: its output directory and the warehouse table.
   *
   * @param dir output directory (local path or Hadoop URI)
   * @param overwrite whether an existing directory may be replaced
   * @param table the theory table's name in the warehouse
   * @param inputs the files the command reads (option -> path), which the output may not touch
   */
  record Target(String dir, boolean overwrite, String table, java.util.Map<String, String> inputs) {
    Target {
      inputs = java.util.Map.copyOf(inputs);
    }

    Target(String dir, boolean overwrite, String table) {
      this(dir, overwrite, table, java.util.Map.of());
    }

    /** Reads {@code out} and {@code overwrite} of a command's settings and {@code foglab.theory.table}. */
    static Target read(Settings root, Settings command) {
      Settings t = root.at("theory");
      String table = t.string("table");
      if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw t.error("table", "must be an identifier (letters, digits, _), got \"" + table + "\"");
      }
      java.util.Map<String, String> inputs = new java.util.LinkedHashMap<>();
      for (String key : java.util.List.of("edges", "degrees")) {
        if (command.isSet(key)) {
          inputs.put("--" + key, command.string(key));
          InputPaths.file(command.string(key), "--" + key);
        }
      }
      Target target = new Target(command.string("out"), command.bool("overwrite"), table, inputs);
      OutputDirectory.check(target.dir(), target.overwrite(), "--out", inputs);
      return target;
    }
  }

  static double positive(Settings s, String key) {
    double x = s.doubleValue(key, -MAX, MAX);
    if (!(x > 0)) {
      throw s.error(key, "must be positive, got " + Settings.fmt(x));
    }
    return x;
  }

  static double nonNegative(Settings s, String key) {
    double x = s.doubleValue(key, -MAX, MAX);
    if (x < 0) {
      throw s.error(key, "must be non-negative, got " + Settings.fmt(x));
    }
    return x;
  }

  /**
   * A list of positive numbers, written as a HOCON list ({@code [0.5, 1, 2]}) or as
   * comma-separated text ({@code 0.5,1,2}, as typed on the command line); may be empty.
   */
  static double[] positiveList(Settings s, String key) {
    String full = s.full(key);
    if (!s.isSet(key)) {
      return new double[0];
    }
    ConfigValue v = s.config().getValue(full);
    List<String> items = new ArrayList<>();
    if (v.valueType() == ConfigValueType.LIST) {
      for (Object o : (List<?>) v.unwrapped()) {
        items.add(String.valueOf(o));
      }
    } else if (v.valueType() == ConfigValueType.STRING || v.valueType() == ConfigValueType.NUMBER) {
      for (String p : String.valueOf(v.unwrapped()).split(",")) {
        if (!p.isBlank()) {
          items.add(p.trim());
        }
      }
    } else {
      throw s.error(key, "must be a list of numbers such as 0.5,1,2, got " + v.render());
    }
    double[] out = new double[items.size()];
    for (int i = 0; i < out.length; i++) {
      double x;
      try {
        x = Double.parseDouble(items.get(i));
      } catch (NumberFormatException e) {
        throw s.error(key, "must be a list of numbers such as 0.5,1,2, got \"" + items.get(i) + "\"");
      }
      if (!(x > 0) || x > MAX) {
        throw s.error(key, "must hold positive numbers up to 1e15, got " + items.get(i));
      }
      out[i] = x;
    }
    return out;
  }

  /** Whether a key was set by the user (option, --set or settings file), not by reference.conf. */
  static boolean explicit(Settings s, String key) {
    String origin = ConfigLoader.origin(s.config(), s.full(key));
    return origin != null && !origin.contains("reference.conf");
  }

  /** {@code (value - reference) / reference}, or null when the reference is 0. */
  static Double relative(double value, double reference) {
    return reference == 0 ? null : (value - reference) / reference;
  }

  /** A user error not tied to one key. */
  static ConfigError error(String message) {
    return new ConfigError(null, message);
  }
}
