package org.foglab.config;

/**
 * Everything {@code generate} needs (settings {@code foglab.generate.*} and the root seed).
 *
 * @param trace what to generate
 * @param output output directory and format
 * @param partitions Spark partitions (0 = automatic)
 * @param graphStats whether to write graph statistics
 */
public record GenerateConfig(TraceSpec trace, OutputSpec output, int partitions,
    boolean graphStats) {

  public GenerateConfig {
    java.util.Objects.requireNonNull(trace, "trace");
    java.util.Objects.requireNonNull(output, "output");
    GenerateSettings.PARTITIONS.check(partitions);
  }

  public static GenerateConfig read(Settings root) {
    return new GenerateConfig(TraceSpec.read(root), OutputSpec.read(root, GenerateSettings.OUT,
        GenerateSettings.FORMAT, GenerateSettings.OVERWRITE), root.get(GenerateSettings.PARTITIONS),
        root.get(GenerateSettings.GRAPH_STATS));
  }
}
