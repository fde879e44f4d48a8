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
  public SweepConfig {
    java.util.Objects.requireNonNull(spec, "spec");
    SweepSettings.BATCH_SIZE.check(batchSize);
  }

  public static SweepConfig read(Settings root) {
    String file = root.get(SweepSettings.SPEC);
    int batch = root.get(SweepSettings.BATCH_SIZE);
    boolean show = root.get(SweepSettings.SHOW);
    return new SweepConfig(SweepSpec.read(file, root.config(), root.commandLine()), batch, show);
  }
}
