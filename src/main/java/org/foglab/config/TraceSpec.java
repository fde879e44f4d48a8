package org.foglab.config;

/**
 * A synthetic trace, fully determined: root seed, base graph and per device-slot model. Two
 * equal specs generate identical traces, in memory or on any number of Spark partitions.
 */
public record TraceSpec(long seed, NetworkSpec network, SyntheticModel model)
    implements java.io.Serializable {

  public TraceSpec {
    java.util.Objects.requireNonNull(network, "network");
    java.util.Objects.requireNonNull(model, "model");
  }

  /** Reads {@code foglab.seed} and {@code foglab.generate.*}. */
  public static TraceSpec read(Settings root) {
    return new TraceSpec(root.get(CoreSettings.SEED), NetworkSpec.read(root),
        SyntheticModel.read(root));
  }
}
