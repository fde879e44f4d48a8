package org.foglab.network;

import org.foglab.config.Choice;

/** Fog network topologies (Tu et al., Sections IV-B and V-C/V-D). */
public enum Topology implements Choice {
  /** Every directed link (i, j), i != j. */
  FULL,
  /** Each directed link present independently with probability rho (Section V-C). */
  RANDOM,
  /** Watts-Strogatz small world, the paper's social network (Section V-D). */
  SMALL_WORLD,
  /** Barabasi-Albert preferential attachment. */
  SCALE_FREE,
  /** The n/3 cheapest devices are parents; every other device links to two of them (Section V-D). */
  HIERARCHICAL,
  /** A user's src,dst edge list. */
  EDGES,
  /**
   * A fog tree (seed 002): devices in bottom clusters with D2D links inside each cluster, and
   * layers of aggregators up to one root ({@link FogTree}); the trace's links are the D2D links.
   */
  FOG_TREE;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
