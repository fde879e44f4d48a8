package org.foglab.learning.fog;

import java.io.Serializable;
import org.foglab.network.graph.ClusterGraph;

/**
 * A symmetric, doubly stochastic mixing matrix {@code W} on a cluster's D2D graph for average
 * consensus {@code x(k+1) = W x(k)} (Xiao and Boyd, "Fast linear iterations for distributed
 * averaging", Systems and Control Letters 53, 2004): {@code W_ij > 0} only for neighbours and
 * {@code i = j}, rows and columns sum to 1, so every round keeps the cluster sum and, on a
 * connected graph, {@code x(c)} tends to the exact average with error at most
 * {@code lambda_2^c} times the initial deviation, {@code lambda_2} the second-largest eigenvalue
 * modulus of {@code W}.
 *
 * <p>Two constructions: Metropolis-Hastings weights {@code W_ij = 1 / (1 + max(d_i, d_j))}
 * ({@link #metropolisHastings}) and the Laplacian form {@code W = I - eps L}
 * ({@link #laplacian}), which is doubly stochastic with non-negative entries only for
 * {@code 0 < eps <= 1 / max degree}; at exactly {@code 1 / max degree} a regular bipartite graph
 * (an even ring) has eigenvalue -1 and never averages, so smaller steps are safer.
 * Row-normalising the adjacency matrix (with self-loops) is row stochastic but not column
 * stochastic; its iteration converges to the average weighted by
 * {@code d_i + 1}, not the average, which is why it is not offered.
 */
public final class MixingMatrix implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ClusterGraph graph;
  private final double[] self;
  /** Weight of neighbour k of node i, in the graph's neighbour order. */
  private final double[][] weights;

  private MixingMatrix(ClusterGraph graph, double[] self, double[][] weights) {
    this.graph = graph;
    this.self = self;
    this.weights = weights;
  }

  /** Metropolis-Hastings weights on {@code g}: {@code W_ij = 1/(1 + max(d_i, d_j))}. */
  public static MixingMatrix metropolisHastings(ClusterGraph g) {
    int m = g.size();
    double[] self = new double[m];
    double[][] w = new double[m][];
    for (int i = 0; i < m; i++) {
      int d = g.degree(i);
      w[i] = new double[d];
      double s = 0;
      for (int k = 0; k < d; k++) {
        int j = g.neighbour(i, k);
        w[i][k] = 1.0 / (1 + Math.max(d, g.degree(j)));
        s += w[i][k];
      }
      self[i] = 1 - s;
    }
    return new MixingMatrix(g, self, w);
  }

  /**
   * {@code W = I - eps L}, {@code L} the graph Laplacian.
   *
   * @throws IllegalArgumentException unless {@code 0 < eps <= 1 / max degree} (a larger eps
   *     gives negative self weights and may diverge)
   */
  public static MixingMatrix laplacian(ClusterGraph g, double eps) {
    int dmax = g.maxDegree();
    double limit = dmax == 0 ? Double.POSITIVE_INFINITY : 1.0 / dmax;
    if (!(eps > 0) || eps > limit || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("the Laplacian mixing step eps must be in (0, 1/max "
          + "degree] = (0, " + limit + "] for this cluster, got " + eps);
    }
    int m = g.size();
    double[] self = new double[m];
    double[][] w = new double[m][];
    for (int i = 0; i < m; i++) {
      int d = g.degree(i);
      w[i] = new double[d];
      java.util.Arrays.fill(w[i], eps);
      self[i] = 1 - eps * d;
    }
    return new MixingMatrix(g, self, w);
  }

  /** The largest step {@link #laplacian} accepts: {@code 1 / max degree}. */
  public static double maxLaplacianStep(ClusterGraph g) {
    return g.maxDegree() == 0 ? 1 : 1.0 / g.maxDegree();
  }

  public ClusterGraph graph() {
    return graph;
  }

  public int size() {
    return self.length;
  }

  /** Entry {@code W_ij}. */
  public double weight(int i, int j) {
    if (i == j) {
      return self[i];
    }
    int k = java.util.Arrays.binarySearch(graph.neighbours(i), j);
    return k >= 0 ? weights[i][k] : 0;
  }

  /** The dense matrix (tests, small clusters). */
  public double[][] dense() {
    int m = size();
    double[][] d = new double[m][m];
    for (int i = 0; i < m; i++) {
      d[i][i] = self[i];
      for (int k = 0; k < weights[i].length; k++) {
        d[i][graph.neighbour(i, k)] = weights[i][k];
      }
    }
    return d;
  }

  /** {@code y = W x} for one scalar per member. */
  public double[] apply(double[] x) {
    int m = size();
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      double s = self[i] * x[i];
      for (int k = 0; k < weights[i].length; k++) {
        s += weights[i][k] * x[graph.neighbour(i, k)];
      }
      y[i] = s;
    }
    return y;
  }

  /**
   * {@code rounds} consensus rounds on one vector per member, in place: after the call
   * {@code x[i]} is row {@code i} of {@code W^rounds x}. Every member sends its vector to each
   * neighbour once per round. {@code scratch} must have the shape of {@code x}.
   */
  public void mix(double[][] x, double[][] scratch, int rounds) {
    if (rounds < 0) {
      throw new IllegalArgumentException("consensus rounds must be >= 0, got " + rounds);
    }
    int m = size();
    double[][] cur = x;
    double[][] next = scratch;
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < m; i++) {
        double[] out = next[i];
        double[] own = cur[i];
        double a = self[i];
        for (int p = 0; p < out.length; p++) {
          out[p] = a * own[p];
        }
        for (int k = 0; k < weights[i].length; k++) {
          double b = weights[i][k];
          double[] nb = cur[graph.neighbour(i, k)];
          for (int p = 0; p < out.length; p++) {
            out[p] += b * nb[p];
          }
        }
      }
      double[][] t = cur;
      cur = next;
      next = t;
    }
    if (cur != x) {
      for (int i = 0; i < m; i++) {
        System.arraycopy(cur[i], 0, x[i], 0, x[i].length);
      }
    }
  }
}
