package org.foglab.config;

import java.util.List;
import java.util.Optional;
import org.foglab.network.D2dGraph;
import org.foglab.network.FogTree;
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
 * @param fogTree the layers of {@link Topology#FOG_TREE}, else null
 * @param d2dGraph the D2D graph model inside bottom clusters of a fog tree
 * @param d2dDensity the D2D graph's density (Erdos-Renyi probability, or the share of pairs a
 *     random geometric graph's radius covers)
 */
public record NetworkSpec(Topology topology, int devices, double linkProbability, int neighbors,
    double rewire, int attach, int parentsPerDevice, String edges, boolean directed,
    FogTree fogTree, D2dGraph d2dGraph, double d2dDensity)
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
    List<String> layerList = TrainSpec.list(s, "layers");
    D2dGraph d2d = s.choice("d2d-graph", D2dGraph.class);
    double d2dDensity = s.probability("d2d-density");
    FogTree tree = null;
    if (topology == Topology.FOG_TREE) {
      if (layerList.isEmpty()) {
        throw s.error("layers", "is required when topology = fog-tree (nodes per layer bottom-up, "
            + "ending in 1, e.g. 625,125,25,5,1)");
      }
      int[] counts = new int[layerList.size()];
      for (int l = 0; l < counts.length; l++) {
        try {
          counts[l] = Integer.parseInt(layerList.get(l));
        } catch (NumberFormatException e) {
          throw s.error("layers", "must list whole node counts, got \"" + layerList.get(l) + "\"");
        }
      }
      try {
        tree = FogTree.of(counts);
      } catch (IllegalArgumentException e) {
        throw s.error("layers", e.getMessage().replaceFirst("^--layers ", ""));
      }
      n = tree.devices();
    } else if (!layerList.isEmpty()) {
      throw s.error("layers", "is only used with topology = fog-tree; remove it or set --topology "
          + "fog-tree");
    }
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
    return new NetworkSpec(topology, n, rho, k, p, m, parents, edges.orElse(null), directed, tree,
        d2d, d2dDensity);
  }

  /** The edge file, when the topology is {@link Topology#EDGES}. */
  public Optional<String> edgesFile() {
    return Optional.ofNullable(edges);
  }
}
