package org.foglab.learning.federated;

import org.foglab.network.Trace;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * The synthetic-cost scenario of Section V-A/B of Tu et al. (INFOCOM 2020) with integer data, for
 * learning experiments and benchmarks: fully connected devices, {@code c_i(t) ~ U(0, 1)},
 * {@code c_ij(t) ~ U(0, 1/n)}, discard cost {@code f_i(t) ~ U(0, 1)}, no capacities, and
 * {@code D_i(t)} given (for example by {@code DeviceData.uniformCounts}). Draws are
 * {@code Streams.uniform(hash(seed, PROCESS_COST | DISCARD_COST, i, t), ...)} and
 * {@code hash(seed, LINK_COST, i, j, t)}. Device ids are {@code d0..d(n-1)} zero-padded, so
 * string order is index order.
 */
public final class SyntheticCostTrace {
  private SyntheticCostTrace() {}

  /** The trace; {@code counts} indexed {@code (t - 1) * n + i}. */
  public static Trace fullyConnected(int devices, int slots, int[] counts, long seed) {
    if (devices < 1 || slots < 1) {
      throw new IllegalArgumentException("devices and slots must be at least 1, got " + devices
          + " and " + slots);
    }
    if (counts.length != devices * slots) {
      throw new IllegalArgumentException("counts must have devices x slots = " + devices * slots
          + " entries, got " + counts.length);
    }
    String[] ids = new String[devices];
    int width = String.valueOf(devices - 1).length();
    for (int i = 0; i < devices; i++) {
      ids[i] = "d" + String.format("%0" + width + "d", i);
    }
    Trace.Builder b = Trace.builder(ids, slots);
    double linkMax = 1.0 / devices;
    for (int t = 1; t <= slots; t++) {
      for (int i = 0; i < devices; i++) {
        double c = Streams.uniform(Streams.hash(seed, Purpose.PROCESS_COST, i, t), 0, 1);
        double f = Streams.uniform(Streams.hash(seed, Purpose.DISCARD_COST, i, t), 0, 1);
        b.device(i, t, counts[(t - 1) * devices + i], Double.POSITIVE_INFINITY, c, f);
        for (int j = 0; j < devices; j++) {
          if (j != i) {
            b.link(i, j, t, Double.POSITIVE_INFINITY,
                Streams.uniform(Streams.hash(seed, Purpose.LINK_COST, i, j, t), 0, linkMax));
          }
        }
      }
    }
    return b.build();
  }
}
