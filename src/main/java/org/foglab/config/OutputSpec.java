package org.foglab.config;

import org.foglab.network.TableFormat;

/**
 * Where and how a job writes its output directory.
 *
 * @param dir output directory (local path or Hadoop URI)
 * @param format table format
 * @param overwrite whether an existing directory may be replaced
 */
public record OutputSpec(String dir, TableFormat format, boolean overwrite) {
  public OutputSpec {
    // Shared by several sections: their declarations check the values read; here, the shape.
    if (dir == null || dir.isBlank()) {
      throw new ConfigError(null, "the output directory must not be empty");
    }
    java.util.Objects.requireNonNull(format, "format");
  }

  /** Reads a section's output directory, format and overwrite settings. */
  public static OutputSpec read(Settings s, Setting<String> out, Setting<TableFormat> format,
      Setting<Boolean> overwrite) {
    return new OutputSpec(s.get(out), s.get(format), s.get(overwrite));
  }
}
