package org.foglab.config;

/**
 * Everything {@code sweep} needs ({@code foglab.sweep.*}), with the spec already expanded and
 * validated.
 *
 * @param spec the expanded sweep
 * @param batchSize scenarios per committed batch (0 = automatic)
 * @param show print the sweep's rows when done
 */
public record SweepConfig(SweepSpec spec, int batchSize, boolean show) {
  public static SweepConfig read(Settings root) {
    Settings s = root.at("sweep");
    String file = s.string("spec");
    int batch = s.intValue("batch-size", 0, 1_000_000);
    boolean show = s.bool("show");
    return new SweepConfig(SweepSpec.read(file, root.config(), root.commandLine()), batch, show);
  }
}
