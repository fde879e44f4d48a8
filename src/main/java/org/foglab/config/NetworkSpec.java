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

  /**
   * Checks every value against its declaration in {@link GenerateSettings} and the rules that
   * tie them together, so a spec built directly is checked as one read from the settings is. A
   * fog tree sets the device count; small-world's k = 0 becomes the even number nearest n/5.
   */
  public NetworkSpec {
    GenerateSettings.TOPOLOGY.check(topology);
    if (topology == Topology.FOG_TREE) {
      if (fogTree == null) {
        throw GenerateSettings.LAYERS.error("is required when topology = fog-tree (nodes per "
            + "layer bottom-up, ending in 1, e.g. 625,125,25,5,1)");
      }
      devices = fogTree.devices();
    } else if (fogTree != null) {
      throw GenerateSettings.LAYERS.error("is only used with topology = fog-tree; remove it or "
          + "set --topology fog-tree");
    }
    GenerateSettings.DEVICES.check(devices);
    GenerateSettings.LINK_PROBABILITY.check(linkProbability);
    GenerateSettings.NEIGHBORS.check(neighbors);
    GenerateSettings.REWIRE.check(rewire);
    GenerateSettings.ATTACH.check(attach);
    GenerateSettings.PARENTS_PER_DEVICE.check(parentsPerDevice);
    GenerateSettings.EDGES.check(edges);
    GenerateSettings.D2D_GRAPH.check(d2dGraph);
    GenerateSettings.D2D_DENSITY.check(d2dDensity);
    int n = devices;
    switch (topology) {
      case EDGES:
        if (edges == null) {
          throw GenerateSettings.EDGES.error("is required when topology = edges (a CSV file with "
              + "columns src,dst)");
        }
        break;
      case SMALL_WORLD:
        if (neighbors == 0) {
          neighbors = Math.max(2, (int) Math.round(n / 10.0) * 2);
        }
        if (neighbors % 2 != 0) {
          throw GenerateSettings.NEIGHBORS.error("must be even for small-world (k/2 ring "
              + "neighbours on each side), got " + neighbors);
        }
        if (n > 1 && neighbors > n - 1) {
          throw GenerateSettings.NEIGHBORS.error("must be less than the number of devices (" + n
              + "), got " + neighbors);
        }
        if (n < 3) {
          throw GenerateSettings.DEVICES.error("must be at least 3 for small-world, got " + n);
        }
        break;
      case SCALE_FREE:
        if (attach >= n) {
          throw GenerateSettings.ATTACH.error("must be less than the number of devices (" + n
              + "), got " + attach);
        }
        break;
      default:
        break;
    }
    if (topology != Topology.EDGES && edges != null) {
      throw GenerateSettings.EDGES.error("is only used with topology = edges; remove it or set "
          + "--topology edges");
    }
  }

  public static NetworkSpec read(Settings s) {
    Topology topology = s.get(GenerateSettings.TOPOLOGY);
    String edges = s.get(GenerateSettings.EDGES);
    int n = s.get(GenerateSettings.DEVICES);
    double rho = s.get(GenerateSettings.LINK_PROBABILITY);
    int k = s.get(GenerateSettings.NEIGHBORS);
    double p = s.get(GenerateSettings.REWIRE);
    int m = s.get(GenerateSettings.ATTACH);
    int parents = s.get(GenerateSettings.PARENTS_PER_DEVICE);
    boolean directed = s.get(GenerateSettings.DIRECTED);
    List<String> layerList = s.get(GenerateSettings.LAYERS);
    D2dGraph d2d = s.get(GenerateSettings.D2D_GRAPH);
    double d2dDensity = s.get(GenerateSettings.D2D_DENSITY);
    FogTree tree = null;
    if (!layerList.isEmpty() && topology == Topology.FOG_TREE) {
      tree = fogTree(layerList);
    } else if (!layerList.isEmpty()) {
      throw GenerateSettings.LAYERS.error("is only used with topology = fog-tree; remove it or "
          + "set --topology fog-tree");
    }
    return new NetworkSpec(topology, n, rho, k, p, m, parents, edges, directed, tree, d2d,
        d2dDensity);
  }

  /** The fog tree of a {@code layers} list: whole node counts per layer, bottom-up, ending in 1. */
  public static FogTree fogTree(List<String> layerList) {
    int[] counts = new int[layerList.size()];
    for (int l = 0; l < counts.length; l++) {
      try {
        counts[l] = Integer.parseInt(layerList.get(l));
      } catch (NumberFormatException e) {
        throw GenerateSettings.LAYERS.error("must list whole node counts, got \""
            + layerList.get(l) + "\"");
      }
    }
    try {
      return FogTree.of(counts);
    } catch (IllegalArgumentException e) {
      throw GenerateSettings.LAYERS.error(e.getMessage().replaceFirst("^--layers ", ""));
    }
  }

  /** The edge file, when the topology is {@link Topology#EDGES}. */
  public Optional<String> edgesFile() {
    return Optional.ofNullable(edges);
  }
}
