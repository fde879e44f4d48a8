package org.foglab.learning.engine;

import org.foglab.data.DeviceData;

/**
 * The batches that nodes holding their own data draw, round after round: node {@code i}'s
 * samples (everything its device collects over the horizon) are walked in a seeded order,
 * reshuffled each time they run out, so round {@code r} of node {@code i} takes positions
 * {@code [r B, (r + 1) B)} of an endless sequence of shuffles. Rounds must be asked for in order
 * per node (each node keeps its current shuffle).
 */
public final class FogBatches {
  /** SAMPLING sub-stream of the nodes' orders. */
  public static final long STREAM = 102;

  private final int[][] samples;
  private final int batch;
  private final long seed;
  private final int[][] order;
  private final long[] cycle;

  /**
   * @param data the devices' collected samples; device {@code i} is node {@code i}
   * @param batch B
   * @param seed seed of the orders
   * @param option the option that sets B, named in the error when a node has fewer than B
   *     samples
   */
  public FogBatches(DeviceData data, int batch, long seed, String option) {
    int n = data.devices();
    this.samples = new int[n][];
    for (int i = 0; i < n; i++) {
      int[] ids = data.deviceSamples(i);
      int count = ids.length;
      if (count < batch) {
        throw new IllegalArgumentException(option + " " + batch + " is larger than the " + count
            + " samples node " + i + " holds; use at most the smallest node's data or fewer, "
            + "larger nodes");
      }
      samples[i] = ids;
    }
    this.batch = batch;
    this.seed = seed;
    this.order = new int[n][];
    this.cycle = new long[n];
    java.util.Arrays.fill(cycle, -1);
  }

  /** Number of nodes. */
  public int nodes() {
    return samples.length;
  }

  /** Samples node {@code i} holds. */
  public int size(int i) {
    return samples[i].length;
  }

  /** All samples held. */
  public long totalSamples() {
    long s = 0;
    for (int[] ids : samples) {
      s += ids.length;
    }
    return s;
  }

  /** Node {@code i}'s batch in {@code round} (from 0), written to {@code out[from .. from+B)}. */
  public void batch(int i, long round, int[] out, int from) {
    int size = samples[i].length;
    long start = round * batch;
    for (int p = 0; p < batch; p++) {
      long pos = start + p;
      long c = pos / size;
      if (c != cycle[i]) {
        if (c < cycle[i]) {
          throw new IllegalStateException("node " + i + " asked for round " + round
              + " after a later one");
        }
        order[i] = Shuffle.shuffled(samples[i], seed, STREAM, c * samples.length + i);
        cycle[i] = c;
      }
      out[from + p] = order[i][(int) (pos % size)];
    }
  }
}
