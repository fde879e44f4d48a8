package org.foglab.network.graph;

import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Directed Erdos-Renyi G(n, rho): each link (i, j), i != j, exists independently with
 * probability rho (Tu et al., Section V-C). Device i owns its out-links and finds them by
 * geometric skipping (Batagelj and Brandes, "Efficient generation of large random networks",
 * Phys. Rev. E 71, 2005), so the work is O(out-degree) rather than O(n).
 */
public final class GnpGraphGenerator implements GraphGenerator {
  private static final long serialVersionUID = 1L;

  private final int n;
  private final double rho;
  private final long seed;

  public GnpGraphGenerator(int devices, double rho, long seed) {
    if (devices < 1) {
      throw new IllegalArgumentException("a network needs at least one device, got " + devices);
    }
    if (!(rho >= 0 && rho <= 1)) {
      throw new IllegalArgumentException("link probability must be in [0, 1], got " + rho);
    }
    this.n = devices;
    this.rho = rho;
    this.seed = seed;
  }

  @Override
  public int devices() {
    return n;
  }

  @Override
  public boolean undirected() {
    return false;
  }

  @Override
  public boolean mayRepeat() {
    return false;
  }

  @Override
  public void edges(int from, int to, EdgeSink sink) {
    if (rho == 0) {
      return;
    }
    double logq = Math.log1p(-rho);
    for (int i = from; i < to; i++) {
      if (rho == 1) {
        for (int j = 0; j < n; j++) {
          if (j != i) {
            sink.edge(i, j);
          }
        }
        continue;
      }
      // Candidates are the n-1 other devices, numbered c = 0..n-2 (c >= i maps to c + 1).
      long c = -1;
      long draw = 0;
      while (true) {
        double u = Streams.unitOpen(Streams.hash(seed, Purpose.TOPOLOGY, i, draw++));
        c += 1 + (long) Math.floor(Math.log(u) / logq);
        if (c >= n - 1 || c < 0) {
          break;
        }
        int j = (int) (c < i ? c : c + 1);
        sink.edge(i, j);
      }
    }
  }
}
