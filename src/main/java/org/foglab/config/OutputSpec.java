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
  public static OutputSpec read(Settings s) {
    return new OutputSpec(s.string("out"), s.choice("format", TableFormat.class),
        s.bool("overwrite"));
  }
}
