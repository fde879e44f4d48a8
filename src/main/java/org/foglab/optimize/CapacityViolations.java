package org.foglab.optimize;

import java.io.Serializable;

/**
 * How far a plan exceeds node and link capacities. An amount counts as a violation when it
 * exceeds the capacity by more than {@link #RELATIVE_TOLERANCE} of the capacity (and of one
 * datapoint's billionth, so zero capacities compare sensibly).
 *
 * @param nodeSlots device-slots whose processed load exceeds their capacity
 * @param nodeExcess total excess load over those device-slots, in datapoints
 * @param maxNodeExcess largest excess of one device-slot
 * @param links link-slots whose offloaded amount exceeds their capacity
 * @param linkExcess total excess over those links, in datapoints
 * @param maxLinkExcess largest excess of one link-slot
 */
public record CapacityViolations(
    long nodeSlots,
    double nodeExcess,
    double maxNodeExcess,
    long links,
    double linkExcess,
    double maxLinkExcess) implements Serializable {

  public static final double RELATIVE_TOLERANCE = 1e-9;

  public static final CapacityViolations NONE = new CapacityViolations(0, 0, 0, 0, 0, 0);

  public boolean any() {
    return nodeSlots > 0 || links > 0;
  }

  /** Whether {@code amount} exceeds {@code capacity} beyond the tolerance. */
  public static boolean exceeds(double amount, double capacity) {
    return amount > capacity + RELATIVE_TOLERANCE * Math.max(1.0, capacity);
  }

  /** Combines the violations of disjoint parts of a trace. */
  public CapacityViolations plus(CapacityViolations o) {
    return new CapacityViolations(nodeSlots + o.nodeSlots, nodeExcess + o.nodeExcess,
        Math.max(maxNodeExcess, o.maxNodeExcess), links + o.links, linkExcess + o.linkExcess,
        Math.max(maxLinkExcess, o.maxLinkExcess));
  }

  /** Mutable tally used while scanning a plan. */
  public static final class Accumulator {
    private long nodeSlots;
    private double nodeExcess;
    private double maxNodeExcess;
    private long links;
    private double linkExcess;
    private double maxLinkExcess;

    public void node(double load, double capacity) {
      if (exceeds(load, capacity)) {
        double x = load - capacity;
        nodeSlots++;
        nodeExcess += x;
        maxNodeExcess = Math.max(maxNodeExcess, x);
      }
    }

    public void link(double amount, double capacity) {
      if (exceeds(amount, capacity)) {
        double x = amount - capacity;
        links++;
        linkExcess += x;
        maxLinkExcess = Math.max(maxLinkExcess, x);
      }
    }

    public CapacityViolations result() {
      return new CapacityViolations(nodeSlots, nodeExcess, maxNodeExcess, links, linkExcess,
          maxLinkExcess);
    }
  }
}
