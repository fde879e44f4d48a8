package org.foglab.network.graph;

import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Watts-Strogatz small world (Watts and Strogatz, Nature 393, 1998), the social network of Tu et
 * al. Section V-D: a ring where each device links to its k/2 nearest devices on each side, then
 * each ring edge (i, i+j) is rewired with probability p to (i, w), w uniform over the devices
 * outside i's ring neighbourhood.
 *
 * <p>Device i owns the ring edges (i, i+1) .. (i, i+k/2). Rewired targets avoid i's whole ring
 * neighbourhood and repeat none of i's own edges, so only two devices rewiring towards each
 * other can create the same edge twice ({@link #mayRepeat()}: the caller keeps one). Restricting
 * targets to outside the neighbourhood, rather than to non-neighbours of the evolving graph as
 * the sequential algorithm does, keeps each device's edges independent of all others; the
 * clustering C(p) ~ C(0)(1-p)^3 and path-length behaviour are those of the original model.
 */
public final class WattsStrogatzGraphGenerator implements GraphGenerator {
  private static final long serialVersionUID = 1L;
  private static final int MAX_ATTEMPTS = 64;

  private final int n;
  private final int k;
  private final double p;
  private final long seed;

  public WattsStrogatzGraphGenerator(int devices, int neighbors, double rewire, long seed) {
    if (devices < 3) {
      throw new IllegalArgumentException("small-world needs at least 3 devices, got " + devices);
    }
    if (neighbors < 2 || neighbors % 2 != 0 || neighbors >= devices) {
      throw new IllegalArgumentException(
          "small-world neighbours k must be even, at least 2 and below n = " + devices + ", got " + neighbors);
    }
    if (!(rewire >= 0 && rewire <= 1)) {
      throw new IllegalArgumentException("rewiring probability must be in [0, 1], got " + rewire);
    }
    this.n = devices;
    this.k = neighbors;
    this.p = rewire;
    this.seed = seed;
  }

  @Override
  public int devices() {
    return n;
  }

  @Override
  public boolean undirected() {
    return true;
  }

  @Override
  public boolean mayRepeat() {
    return true;
  }

  @Override
  public void edges(int from, int to, EdgeSink sink) {
    int half = k / 2;
    long outside = (long) n - k - 1;
    int[] rewired = new int[half];
    for (int i = from; i < to; i++) {
      int count = 0;
      for (int j = 1; j <= half; j++) {
        int target = (int) (((long) i + j) % n);
        boolean rewire = p > 0 && outside > 0
            && Streams.unit(Streams.hash(seed, Purpose.TOPOLOGY_REWIRE, i, j)) < p;
        if (rewire) {
          for (int a = 0; a < MAX_ATTEMPTS; a++) {
            long r = Streams.below(Streams.hash(seed, Purpose.TOPOLOGY, i, j, a), outside);
            int w = (int) (((long) i + half + 1 + r) % n);
            if (!contains(rewired, count, w)) {
              target = w;
              rewired[count++] = w;
              break;
            }
          }
        }
        sink.edge(i, target);
      }
    }
  }

  private static boolean contains(int[] a, int count, int x) {
    for (int q = 0; q < count; q++) {
      if (a[q] == x) {
        return true;
      }
    }
    return false;
  }
}
