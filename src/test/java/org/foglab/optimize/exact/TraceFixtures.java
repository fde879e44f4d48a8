package org.foglab.optimize.exact;

import org.foglab.network.Trace;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Small seeded traces for the solver tests: binding node and link capacities, links missing in
 * some slots, absent device-slots, zero data, unbounded and zero capacities.
 */
public final class TraceFixtures {
  private TraceFixtures() {}

  /** Device ids d00, d01, ... (sorted as strings). */
  public static String[] ids(int n) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = String.format("d%02d", i);
    }
    return ids;
  }

  /**
   * A random trace with every edge case mixed in.
   *
   * @param capScale node capacities are U(0, capScale * Dmax): small values make them bind
   */
  public static Trace random(long seed, int n, int slots, double linkProb, double capScale) {
    Trace.Builder b = Trace.builder(ids(n), slots);
    double dmax = 10;
    for (int t = 1; t <= slots; t++) {
      for (int i = 0; i < n; i++) {
        double u = Streams.unit(Streams.hash(seed, Purpose.DEVICE_ACTIVE, i, t));
        if (u < 0.1) {
          continue; // absent device-slot
        }
        double data = Streams.unit(Streams.hash(seed, Purpose.DATA, i, t)) < 0.1 ? 0
            : Streams.uniform(Streams.hash(seed, Purpose.DATA, i, t, 1), 0, dmax);
        double cu = Streams.unit(Streams.hash(seed, Purpose.NODE_CAPACITY, i, t, 7));
        double cap = cu < 0.1 ? Double.POSITIVE_INFINITY
            : cu < 0.15 ? 0
            : Streams.uniform(Streams.hash(seed, Purpose.NODE_CAPACITY, i, t), 0, capScale * dmax);
        double pc = Streams.unit(Streams.hash(seed, Purpose.PROCESS_COST, i, t));
        double dc = Streams.unit(Streams.hash(seed, Purpose.DISCARD_COST, i, t));
        b.device(i, t, data, cap, pc, dc);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i == j || Streams.unit(Streams.hash(seed, Purpose.TOPOLOGY, i, j)) >= linkProb) {
          continue;
        }
        for (int t = 1; t <= slots; t++) {
          if (Streams.unit(Streams.hash(seed, Purpose.LINK_UP, i, j, t)) < 0.2) {
            continue; // link missing in this slot
          }
          double lu = Streams.unit(Streams.hash(seed, Purpose.LINK_CAPACITY, i, j, t, 3));
          double cap = lu < 0.15 ? Double.POSITIVE_INFINITY
              : lu < 0.2 ? 0
              : Streams.uniform(Streams.hash(seed, Purpose.LINK_CAPACITY, i, j, t), 0, dmax);
          double cost = Streams.uniform(Streams.hash(seed, Purpose.LINK_COST, i, j, t), 0, 0.3);
          b.link(i, j, t, cap, cost);
        }
      }
    }
    return b.build();
  }

  /** A trace whose capacities never bind: all unbounded. */
  public static Trace unbounded(long seed, int n, int slots, double linkProb) {
    Trace base = random(seed, n, slots, linkProb, 1);
    Trace.Builder b = Trace.builder(ids(n), slots);
    for (int k = 0; k < base.deviceSlots(); k++) {
      if (base.present(k)) {
        b.device(base.deviceOf(k), base.slotOf(k), base.data(k), Double.POSITIVE_INFINITY,
            base.processCost(k), base.discardCost(k));
      }
      for (int e = base.linkStart(k); e < base.linkEnd(k); e++) {
        b.link(base.deviceOf(k), base.linkDst(e), base.slotOf(k), Double.POSITIVE_INFINITY,
            base.linkCost(e));
      }
    }
    return b.build();
  }
}
