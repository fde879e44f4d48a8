package org.foglab.jobs;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import org.foglab.config.ConfigError;
import org.foglab.config.ConfigLoader;
import org.foglab.config.Setting;
import org.foglab.config.Settings;

/** Typed reads shared by the {@code theory} commands, on top of {@link Settings}. */
final class TheorySettings {
  private TheorySettings() {}

  /** Largest magnitude accepted for a real-valued setting (keeps messages readable). */
  static final double MAX = 1e15;

  /** {@code foglab.theory.table}: the theory table's name in the warehouse. */
  public static final Setting<String> TABLE = Setting.identifier("foglab.theory.table");

  /** A positive number (up to {@link #MAX}). */
  static Setting<Double> positive(String key) {
    return Setting.number(key, -MAX, MAX)
        .require(x -> x > 0, x -> "must be positive, got " + Settings.fmt(x));
  }

  /** A non-negative number (up to {@link #MAX}). */
  static Setting<Double> nonNegative(String key) {
    return Setting.number(key, -MAX, MAX)
        .require(x -> x >= 0, x -> "must be non-negative, got " + Settings.fmt(x));
  }

  /**
   * A list of positive numbers, written as a HOCON list ({@code [0.5, 1, 2]}) or as
   * comma-separated text ({@code 0.5,1,2}, as typed on the command line); may be empty.
   */
  static Setting<List<Double>> positiveList(String key) {
    return Setting.numbers(key).rule(l -> l.stream().filter(x -> !(x > 0) || x > MAX).findFirst()
        .map(x -> "must hold positive numbers up to 1e15, got " + Settings.fmt(x)).orElse(null));
  }

  /** The array of a {@link #positiveList}. */
  static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

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

    /**
     * Reads a command's output directory and overwrite setting and {@code foglab.theory.table},
     * and checks the output against the input files the command's settings name (its
     * {@code edges} and {@code degrees} keys, when it has them).
     */
    static Target read(Settings root, Setting<String> out, Setting<Boolean> overwrite,
        List<Setting<String>> inputFiles) {
      String table = root.get(TABLE);
      java.util.Map<String, String> inputs = new java.util.LinkedHashMap<>();
      for (Setting<String> key : inputFiles) {
        String file = root.get(key);
        if (file != null) {
          inputs.put("--" + key.optionName(), file);
          InputPaths.file(file, "--" + key.optionName());
        }
      }
      Target target = new Target(root.get(out), root.get(overwrite), table, inputs);
      OutputDirectory.check(target.dir(), target.overwrite(), "--out", inputs);
      return target;
    }
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
