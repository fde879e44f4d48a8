package org.foglab.random;

/**
 * What a random draw is for. Each purpose is an independent stream, so adding a new kind of
 * draw never shifts the values of existing ones. Tags are part of the on-disk contract of
 * generated traces: never renumber them.
 */
public enum Purpose {
  DATA(1),
  PROCESS_COST(2),
  DISCARD_COST(3),
  NODE_CAPACITY(4),
  LINK_COST(5),
  LINK_CAPACITY(6),
  DEVICE_ACTIVE(7),
  LINK_UP(8),
  TOPOLOGY(9),
  TOPOLOGY_REWIRE(10),
  HIERARCHY_PARENTS(11),
  SIMULATION(12),
  DATASET(13),
  MODEL_INIT(14),
  SAMPLING(15),
  /** Theorem 2 service rates mu_i (one per device, time-invariant). */
  SERVICE_RATE(16),
  /** Where a node sits in the cell of the LTE link model (learning.cost.LteLinkModel). */
  NODE_PLACEMENT(17),
  /** Rayleigh fading of a link in a round (learning.cost.LteLinkModel). */
  CHANNEL_FADING(18),
  /** Split training: each fog node's compute-speed factor per round (stragglers). */
  STRAGGLER(20),
  /** Fog trees: a D2D pair of a bottom cluster (Erdos-Renyi draw). */
  FOG_D2D(21),
  /** Fog trees: a device's position in its cluster's unit square (random geometric graph). */
  FOG_POSITION(22),
  /** Fog learning: whether a cluster takes part in a global round. */
  FOG_CLUSTER_SAMPLING(23),
  /** Fog learning: which device(s) of a cluster the parent samples after consensus. */
  FOG_DEVICE_SAMPLING(24),
  /** Fog learning: a device's digit classes (non-IID split) and its samples. */
  FOG_DATA(25),
  /** Fog learning: a device's moves between bottom clusters and its D2D links on arrival. */
  FOG_MOBILITY(26);

  private final int tag;

  Purpose(int tag) {
    this.tag = tag;
  }

  public int tag() {
    return tag;
  }
}
