package org.foglab.theory;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.foglab.theory.DegreeDistribution.Empirical;

/**
 * {@code p_k(n)} of Theorem 6 (Tu et al., INFOCOM 2020): for a device with {@code k}
 * neighbours, the probability that a given neighbour has {@code n} neighbours. Either measured
 * on a graph (the fraction of the edge ends leaving degree-k devices that reach degree-n
 * devices) or the uncorrelated law {@code p(n) = n N(n) / sum_m m N(m)} of a configuration
 * model, the same for every {@code k}.
 */
public final class NeighbourDegrees implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<Long, Empirical> byDegree;
  private final Empirical common;

  private NeighbourDegrees(Map<Long, Empirical> byDegree, Empirical common) {
    this.byDegree = byDegree;
    this.common = common;
  }

  /** Measured on a graph. */
  public static NeighbourDegrees ofGraph(SimpleGraph g) {
    Map<Long, TreeMap<Long, Long>> counts = new HashMap<>();
    for (int v = 0; v < g.vertices(); v++) {
      long k = g.degree(v);
      for (int p = g.neighbourStart(v); p < g.neighbourEnd(v); p++) {
        counts.computeIfAbsent(k, x -> new TreeMap<>())
            .merge((long) g.degree(g.neighbourAt(p)), 1L, Long::sum);
      }
    }
    Map<Long, Empirical> by = new HashMap<>();
    counts.forEach((k, h) -> by.put(k, Empirical.ofHistogram(h)));
    return new NeighbourDegrees(by, null);
  }

  /** The uncorrelated (configuration-model) law from device counts per degree. */
  public static NeighbourDegrees uncorrelated(Empirical n) {
    int size = 0;
    for (int i = 0; i < n.size(); i++) {
      if (n.degreeAt(i) > 0) {
        size++;
      }
    }
    if (size == 0) {
      throw new IllegalArgumentException("the degree distribution has no device with neighbours");
    }
    long[] d = new long[size];
    double[] w = new double[size];
    int p = 0;
    for (int i = 0; i < n.size(); i++) {
      if (n.degreeAt(i) > 0) {
        d[p] = n.degreeAt(i);
        w[p++] = n.degreeAt(i) * n.weightAt(i);
      }
    }
    return new NeighbourDegrees(Map.of(), new Empirical(d, w));
  }

  /** The law of a neighbour's degree for devices of degree {@code k}; null if none. */
  public Empirical of(long k) {
    return common != null ? common : byDegree.get(k);
  }
}
