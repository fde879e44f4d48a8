package org.foglab.network.graph;

import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Barabasi-Albert preferential attachment (Science 286, 1999): devices 0..m form a complete
 * seed graph; every later device v attaches to m earlier devices chosen with probability
 * proportional to their degree.
 *
 * <p>Generated edge-parallel with the copy model of Batagelj and Brandes (Phys. Rev. E 71, 2005)
 * as parallelised by Sanders and Schulz ("Scalable generation of scale-free graphs", IPL 116,
 * 2016): list the edges in order, edge e with endpoints M[2e] (the attaching device) and M[2e+1]
 * (its target). The target of edge e is M[r] for r uniform in [0, 2e), which picks a device with
 * probability proportional to its degree so far. M[r] for even r is the source of edge r/2, known
 * in closed form; for odd r it is the target of edge (r-1)/2, resolved the same way. Every r is a
 * pure function of (seed, e), so any partition resolves any edge without communication, in
 * expected O(1) steps. A device's rare repeated targets (multi-edges) and self-references are
 * dropped, so it may attach with slightly fewer than m links; the degree tail keeps exponent 3.
 */
public final class BarabasiAlbertGraphGenerator implements GraphGenerator {
  private static final long serialVersionUID = 1L;

  private final int n;
  private final int m;
  private final long seed;
  /** Edges of the seed clique on devices 0..m. */
  private final long cliqueEdges;

  public BarabasiAlbertGraphGenerator(int devices, int attach, long seed) {
    if (attach < 1) {
      throw new IllegalArgumentException("scale-free attach m must be at least 1, got " + attach);
    }
    if (devices <= attach) {
      throw new IllegalArgumentException(
          "scale-free needs more devices than m = " + attach + ", got " + devices);
    }
    this.n = devices;
    this.m = attach;
    this.seed = seed;
    this.cliqueEdges = (long) m * (m + 1) / 2;
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
    int[] targets = new int[m];
    for (int v = from; v < to; v++) {
      if (v <= m) {
        for (int u = 0; u < v; u++) {
          sink.edge(v, u);
        }
        continue;
      }
      long first = cliqueEdges + (long) (v - m - 1) * m;
      int count = 0;
      for (int q = 0; q < m; q++) {
        int u = target(first + q);
        if (u != v && !contains(targets, count, u)) {
          targets[count++] = u;
          sink.edge(v, u);
        }
      }
    }
  }

  /** The device the edge with index e starts from. */
  int source(long e) {
    if (e < cliqueEdges) {
      // Clique device v owns edges v(v-1)/2 .. v(v+1)/2 - 1.
      int v = (int) Math.floor((1 + Math.sqrt(1 + 8.0 * e)) / 2);
      while ((long) v * (v - 1) / 2 > e) {
        v--;
      }
      while ((long) (v + 1) * v / 2 <= e) {
        v++;
      }
      return v;
    }
    return (int) (m + 1 + (e - cliqueEdges) / m);
  }

  /** The device edge e attaches to (before dropping repeats). */
  int target(long e) {
    while (true) {
      if (e < cliqueEdges) {
        int v = source(e);
        return (int) (e - (long) v * (v - 1) / 2);
      }
      long r = Streams.below(Streams.hash(seed, Purpose.TOPOLOGY, e), 2 * e);
      if ((r & 1L) == 0) {
        return source(r >>> 1);
      }
      e = r >>> 1;
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
