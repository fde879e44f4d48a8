package org.foglab.learning.engine;

import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.Tier;
import org.foglab.network.Trace;

/** The nodes of a run: the trace's devices (by their ids) and the cloud. */
public final class Nodes {
  /** The one cloud (or central server) every paradigm may use. */
  public static final Node CLOUD = new Node("cloud", Tier.CLOUD);

  private Nodes() {}

  /** Device {@code i} of the run, at {@code tier}: its trace id, or {@code device-i}. */
  public static Node device(Trace trace, int i, Tier tier) {
    return new Node(trace != null ? trace.deviceId(i) : "device-" + i, tier);
  }
}
