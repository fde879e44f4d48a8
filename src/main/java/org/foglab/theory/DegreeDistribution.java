package org.foglab.theory;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The degree distribution {@code N(k)} of Theorems 5 and 6 (Tu et al., INFOCOM 2020): either
 * {@link Empirical} (weights per degree, e.g. device counts from a graph) or {@link PowerLaw}
 * (scale-free, possibly with an unbounded maximum degree).
 */
public sealed interface DegreeDistribution extends Serializable
    permits DegreeDistribution.Empirical, DegreeDistribution.PowerLaw {

  /** The largest degree with positive weight ({@link PowerSums#INFINITE} if unbounded). */
  long maxDegree();

  /**
   * Weights per degree: {@code degrees} strictly increasing and non-negative, {@code weights}
   * positive (device counts or fractions; only their ratios matter for averages).
   */
  record Empirical(long[] degrees, double[] weights) implements DegreeDistribution {
    public Empirical {
      if (degrees.length != weights.length) {
        throw new IllegalArgumentException("degrees and weights must have the same length, got "
            + degrees.length + " and " + weights.length);
      }
      if (degrees.length == 0) {
        throw new IllegalArgumentException("a degree distribution needs at least one degree");
      }
      for (int i = 0; i < degrees.length; i++) {
        if (degrees[i] < 0 || (i > 0 && degrees[i] <= degrees[i - 1])) {
          throw new IllegalArgumentException(
              "degrees must be non-negative and strictly increasing, at position " + i);
        }
        if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
          throw new IllegalArgumentException("weights must be positive and finite, got "
              + weights[i] + " for degree " + degrees[i]);
        }
      }
      degrees = degrees.clone();
      weights = weights.clone();
    }

    @Override
    public long[] degrees() {
      return degrees.clone();
    }

    @Override
    public double[] weights() {
      return weights.clone();
    }

    int size() {
      return degrees.length;
    }

    long degreeAt(int i) {
      return degrees[i];
    }

    double weightAt(int i) {
      return weights[i];
    }

    @Override
    public long maxDegree() {
      return degrees[degrees.length - 1];
    }

    /** Total weight (the number of devices when weights are counts). */
    public double totalWeight() {
      CompensatedSum s = new CompensatedSum();
      for (double w : weights) {
        s.add(w);
      }
      return s.value();
    }

    /** From {@code countByDegree[k]} = number of devices of degree k (zeros skipped). */
    public static Empirical ofCounts(long[] countByDegree) {
      int n = 0;
      for (long c : countByDegree) {
        if (c < 0) {
          throw new IllegalArgumentException("device counts must be non-negative, got " + c);
        }
        if (c > 0) {
          n++;
        }
      }
      long[] d = new long[n];
      double[] w = new double[n];
      int p = 0;
      for (int k = 0; k < countByDegree.length; k++) {
        if (countByDegree[k] > 0) {
          d[p] = k;
          w[p++] = countByDegree[k];
        }
      }
      return new Empirical(d, w);
    }

    /** From a histogram degree -> number of devices. */
    public static Empirical ofHistogram(Map<Long, Long> histogram) {
      TreeMap<Long, Long> sorted = new TreeMap<>(histogram);
      long[] d = new long[sorted.size()];
      double[] w = new double[sorted.size()];
      int p = 0;
      for (var e : sorted.entrySet()) {
        d[p] = e.getKey();
        w[p++] = e.getValue();
      }
      return new Empirical(d, w);
    }

    /** The degrees of a graph's devices. */
    public static Empirical ofGraph(SimpleGraph g) {
      return ofCounts(g.degreeCounts());
    }

    /**
     * The degrees of an undirected edge list of numeric ids (either or both directions, repeats
     * and self-loops ignored), plus {@code isolatedDevices} devices of degree 0 that the list
     * cannot show.
     */
    public static Empirical ofEdges(long[] src, long[] dst, long isolatedDevices) {
      if (isolatedDevices < 0) {
        throw new IllegalArgumentException(
            "isolatedDevices must be non-negative, got " + isolatedDevices);
      }
      long[] counts = SimpleGraph.fromIdEdges(src, dst, new long[0]).degreeCounts();
      if (isolatedDevices > 0) {
        counts = counts.length == 0 ? new long[1] : counts;
        counts[0] += isolatedDevices;
      }
      return ofCounts(counts);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Empirical e && Arrays.equals(degrees, e.degrees)
          && Arrays.equals(weights, e.weights);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(degrees) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
      return "Empirical[" + degrees.length + " degrees, max " + maxDegree() + "]";
    }
  }

  /** How the paper's {@code N(k) = Gamma k^(1-gamma)} is read. */
  enum Exponent {
    /**
     * As printed: {@code N(k) proportional to k^(1-gamma)}. That exponent is the one of the
     * degree of the device at the end of a random edge ({@code k P(k)}) in a scale-free network
     * with exponent gamma, not of the degree distribution itself.
     */
    PAPER_LITERAL,
    /** The standard scale-free law {@code P(k) proportional to k^-gamma}. */
    STANDARD;

    /** The exponent {@code a} in {@code N(k) proportional to k^-a}. */
    public double decay(double gamma) {
      return this == PAPER_LITERAL ? gamma - 1 : gamma;
    }
  }

  /**
   * A power law normalised over degrees {@code 1..maxDegree}: {@code N(k) = k^-a / Z} with
   * {@code a} from {@link Exponent}. {@code maxDegree = PowerSums.INFINITE} is unbounded (needs
   * {@code a > 1}). The paper takes {@code gamma in (2, 3)}; any {@code gamma > 0} is accepted.
   */
  record PowerLaw(double gamma, long maxDegree, Exponent exponent) implements DegreeDistribution {
    public PowerLaw {
      if (!(gamma > 0) || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("gamma must be positive and finite, got " + gamma);
      }
      if (maxDegree < 1) {
        throw new IllegalArgumentException("maxDegree must be at least 1, got " + maxDegree);
      }
      if (exponent == null) {
        throw new IllegalArgumentException("exponent convention must be given");
      }
      if (maxDegree == PowerSums.INFINITE && !(exponent.decay(gamma) > 1)) {
        throw new IllegalArgumentException("maxDegree must be finite when the decay exponent "
            + exponent.decay(gamma) + " is at most 1 (the law cannot be normalised)");
      }
    }

    /** The exponent {@code a} of {@code k^-a}. */
    public double decay() {
      return exponent.decay(gamma);
    }

    /** The normalising sum {@code Z = sum_{k=1}^{K} k^-a}; {@code Gamma = 1/Z}. */
    public double normaliser() {
      return PowerSums.zeta(decay(), maxDegree);
    }

    /** {@code N(k)}, the fraction of devices of degree k. */
    public double fraction(long k) {
      if (k < 1 || k > maxDegree) {
        return 0;
      }
      return Math.pow(k, -decay()) / normaliser();
    }

    /**
     * The expected device count per degree for {@code devices} devices, as an empirical
     * distribution (for Theorem 6); needs a finite {@code maxDegree} of at most 10^8.
     */
    public Empirical expectedCounts(double devices) {
      if (maxDegree > 100_000_000L) {
        throw new IllegalArgumentException(
            "maxDegree must be at most 1e8 to list expected counts, got " + maxDegree);
      }
      int k = (int) maxDegree;
      long[] d = new long[k];
      double[] w = new double[k];
      double z = normaliser();
      for (int i = 0; i < k; i++) {
        d[i] = i + 1;
        w[i] = devices * Math.pow(i + 1, -decay()) / z;
      }
      return new Empirical(d, w);
    }
  }
}
