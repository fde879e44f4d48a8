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

  public static GenerateConfig read(Settings root) {
    Settings g = root.at("generate");
    return new GenerateConfig(TraceSpec.read(root), OutputSpec.read(g),
        g.intValue("partitions", 0, 1_000_000), g.bool("graph-stats"));
  }
}
