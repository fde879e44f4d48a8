package org.foglab.network.graph;

/** Receives generated edges between device indices. */
@FunctionalInterface
public interface EdgeSink {
  void edge(int a, int b);
}
