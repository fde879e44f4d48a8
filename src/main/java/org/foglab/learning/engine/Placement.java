package org.foglab.learning.engine;

import java.util.ArrayList;
import java.util.List;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.Tier;
import org.foglab.network.Trace;

/**
 * Which node runs each stage of a model: a path from a data source through fog nodes to the
 * cloud, derived from the trace's topology. A stage at tier {@code device} runs on the source
 * itself; at {@code fog} or {@code cloudlet}, on the source's cheapest neighbour in the trace's
 * first slot (in a hierarchical trace, one of its fog parents), or on a node of that tier of its
 * own when the trace has no such link; at {@code cloud}, on {@link Nodes#CLOUD}.
 *
 * @param source the data source
 * @param stages the node of each stage, in order
 */
public record Placement(Node source, List<Node> stages) {

  public Placement {
    stages = List.copyOf(stages);
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a placement needs at least one stage");
    }
  }

  /**
   * The path of {@code tiers} from device {@code sourceIndex} of {@code trace} (null: a network
   * of {@code devices} devices without links).
   */
  public static Placement along(Trace trace, int devices, int sourceIndex, List<Tier> tiers) {
    if (sourceIndex < 0 || sourceIndex >= devices) {
      throw new IllegalArgumentException("--source " + sourceIndex + " names no device: the "
          + "network has " + devices);
    }
    Node source = Nodes.device(trace, sourceIndex, Tier.DEVICE);
    List<Node> nodes = new ArrayList<>();
    for (Tier t : tiers) {
      nodes.add(node(trace, sourceIndex, source, t));
    }
    return new Placement(source, nodes);
  }

  /** The node stage {@code s} runs on. */
  public Node stage(int s) {
    return stages.get(s);
  }

  /** The node feeding stage {@code s}: the source for stage 0, else the previous stage's node. */
  public Node before(int s) {
    return s == 0 ? source : stages.get(s - 1);
  }

  /** Whether data crosses a link into stage {@code s}. */
  public boolean hopInto(int s) {
    return !before(s).equals(stage(s));
  }

  private static Node node(Trace trace, int sourceIndex, Node source, Tier tier) {
    switch (tier) {
      case DEVICE:
        return source;
      case CLOUD:
        return Nodes.CLOUD;
      default:
        if (trace != null) {
          int k = trace.index(sourceIndex, 1);
          int best = -1;
          for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
            if (best < 0 || trace.linkCost(e) < trace.linkCost(best)) {
              best = e;
            }
          }
          if (best >= 0) {
            return Nodes.device(trace, trace.linkDst(best), tier);
          }
        }
        return new Node(tier.configName(), tier);
    }
  }
}
