package org.foglab.config;

/**
 * A synthetic trace, fully determined: root seed, base graph and per device-slot model. Two
 * equal specs generate identical traces, in memory or on any number of Spark partitions.
 */
public record TraceSpec(long seed, NetworkSpec network, SyntheticModel model)
    implements java.io.Serializable {

  /** Reads {@code foglab.seed} and {@code foglab.generate.*}. */
  public static TraceSpec read(Settings root) {
    Settings g = root.at("generate");
    return new TraceSpec(root.longValue("seed", Long.MIN_VALUE, Long.MAX_VALUE),
        NetworkSpec.read(g), SyntheticModel.read(g));
  }
}
