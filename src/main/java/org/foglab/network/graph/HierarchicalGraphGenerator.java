package org.foglab.network.graph;

import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * The hierarchical fog network of Tu et al. Section V-D: the {@code parents} devices with the
 * lowest mean processing cost are parents (edge servers); every other device links to
 * {@code perDevice} distinct parents chosen uniformly. Links are undirected (both directions).
 *
 * <p>Which devices are parents needs a global ranking, so the generator takes the ranking as
 * {@code parentByRank} (parent device of each rank 0..parents-1) and {@code isParent}; the
 * choice of ranks for a leaf, {@link #parentRanks}, is a pure function of (seed, leaf) and is
 * shared with the distributed job, which joins ranks to devices instead of holding the array.
 */
public final class HierarchicalGraphGenerator implements GraphGenerator {
  private static final long serialVersionUID = 1L;

  private final int n;
  private final int[] parentByRank;
  private final boolean[] isParent;
  private final int perDevice;
  private final long seed;

  public HierarchicalGraphGenerator(int devices, int[] parentByRank, int perDevice, long seed) {
    if (parentByRank.length < 1 || parentByRank.length > devices) {
      throw new IllegalArgumentException("need between 1 and n parents, got " + parentByRank.length);
    }
    this.n = devices;
    this.parentByRank = parentByRank.clone();
    this.isParent = new boolean[devices];
    for (int p : parentByRank) {
      isParent[p] = true;
    }
    this.perDevice = perDevice;
    this.seed = seed;
  }

  /** floor(n/3), at least 1: the paper's number of parents. */
  public static int parentCount(int devices) {
    return Math.max(1, devices / 3);
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
    return false;
  }

  @Override
  public void edges(int from, int to, EdgeSink sink) {
    for (int v = from; v < to; v++) {
      if (isParent[v]) {
        continue;
      }
      for (int r : parentRanks(seed, v, parentByRank.length, perDevice)) {
        sink.edge(v, parentByRank[r]);
      }
    }
  }

  /**
   * min(perDevice, parents) distinct ranks in [0, parents) for a leaf, uniformly (a partial
   * Fisher-Yates shuffle addressed by (seed, leaf key)).
   */
  public static int[] parentRanks(long seed, long leafKey, int parents, int perDevice) {
    int c = Math.min(perDevice, parents);
    int[] chosen = new int[c];
    for (int q = 0; q < c; q++) {
      // Draw among the parents - q ranks not chosen yet, then skip over the chosen ones in order.
      long r = Streams.below(Streams.hash(seed, Purpose.HIERARCHY_PARENTS, leafKey, q), parents - q);
      int x = (int) r;
      int[] sorted = java.util.Arrays.copyOf(chosen, q);
      java.util.Arrays.sort(sorted);
      for (int s : sorted) {
        if (x >= s) {
          x++;
        }
      }
      chosen[q] = x;
    }
    return chosen;
  }
}
