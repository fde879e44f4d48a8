package org.foglab.network.graph;

/** The fully connected network: every directed link (i, j), i != j (Tu et al., Section V-B). */
public final class CompleteGraphGenerator implements GraphGenerator {
  private static final long serialVersionUID = 1L;

  private final int n;

  public CompleteGraphGenerator(int devices) {
    if (devices < 1) {
      throw new IllegalArgumentException("a network needs at least one device, got " + devices);
    }
    this.n = devices;
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
    for (int i = from; i < to; i++) {
      for (int j = 0; j < n; j++) {
        if (j != i) {
          sink.edge(i, j);
        }
      }
    }
  }
}
