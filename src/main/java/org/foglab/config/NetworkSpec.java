package org.foglab.config;

import java.util.Optional;
import org.foglab.network.Topology;

/**
 * The base graph of a generated trace (settings {@code foglab.generate.*}).
 *
 * @param topology the model
 * @param devices n (for {@link Topology#EDGES}, the count comes from the file and this is unused)
 * @param linkProbability rho of {@link Topology#RANDOM}
 * @param neighbors k of {@link Topology#SMALL_WORLD}, already resolved from 0 = n/5
 * @param rewire p of {@link Topology#SMALL_WORLD}
 * @param attach m of {@link Topology#SCALE_FREE}
 * @param parentsPerDevice parents of each leaf in {@link Topology#HIERARCHICAL}
 * @param edges the edge file of {@link Topology#EDGES}, or null
 * @param directed whether edge-file rows are directed links
 */
public record NetworkSpec(Topology topology, int devices, double linkProbability, int neighbors,
    double rewire, int attach, int parentsPerDevice, String edges, boolean directed)
    implements java.io.Serializable {

  /** Largest network the generators address (device indices are ints). */
  public static final int MAX_DEVICES = Integer.MAX_VALUE - 8;

  public static NetworkSpec read(Settings s) {
    Topology topology = s.choice("topology", Topology.class);
    Optional<String> edges = s.optionalString("edges");
    int n = s.intValue("devices", 1, MAX_DEVICES);
    double rho = s.probability("link-probability");
    int k = s.intValue("neighbors", 0, MAX_DEVICES);
    double p = s.probability("rewire");
    int m = s.intValue("attach", 1, MAX_DEVICES);
    int parents = s.intValue("parents-per-device", 1, MAX_DEVICES);
    boolean directed = s.bool("directed");
    switch (topology) {
      case EDGES:
        if (edges.isEmpty()) {
          throw s.error("edges", "is required when topology = edges (a CSV file with columns src,dst)");
        }
        break;
      case SMALL_WORLD:
        if (k == 0) {
          k = Math.max(2, (int) Math.round(n / 10.0) * 2);
        }
        if (k % 2 != 0) {
          throw s.error("neighbors", "must be even for small-world (k/2 ring neighbours on each side), got " + k);
        }
        if (n > 1 && k > n - 1) {
          throw s.error("neighbors", "must be less than the number of devices (" + n + "), got " + k);
        }
        if (n < 3) {
          throw s.error("devices", "must be at least 3 for small-world, got " + n);
        }
        break;
      case SCALE_FREE:
        if (m >= n) {
          throw s.error("attach", "must be less than the number of devices (" + n + "), got " + m);
        }
        break;
      default:
        break;
    }
    if (topology != Topology.EDGES && edges.isPresent()) {
      throw s.error("edges", "is only used with topology = edges; remove it or set --topology edges");
    }
    return new NetworkSpec(topology, n, rho, k, p, m, parents, edges.orElse(null), directed);
  }

  /** The edge file, when the topology is {@link Topology#EDGES}. */
  public Optional<String> edgesFile() {
    return Optional.ofNullable(edges);
  }
}
