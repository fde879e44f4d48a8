package org.foglab.network.graph;

import java.io.Serializable;

/**
 * A base-graph generator whose output for any device range is a pure function of its parameters
 * and seed: a Spark partition owning devices {@code [from, to)} generates exactly the edges those
 * devices own, whatever the other partitions are. Every edge has one owner.
 */
public interface GraphGenerator extends Serializable {
  /** Number of devices. */
  int devices();

  /** Whether each emitted edge stands for both directed links. */
  boolean undirected();

  /**
   * Whether two owners may emit the same undirected edge (callers then deduplicate). Generators
   * that return false never emit an edge twice and never emit self-links.
   */
  boolean mayRepeat();

  /** Emits the edges owned by devices {@code from .. to-1}. */
  void edges(int from, int to, EdgeSink sink);
}
