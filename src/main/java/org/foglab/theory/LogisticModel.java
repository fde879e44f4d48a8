package org.foglab.theory;

/**
 * L2-regularised logistic regression on a fixed set of rows: the convex local loss of the
 * Theorem 1 validation, {@code L(w) = (1/|G|) sum_{d in G} [log(1 + e^{w.x_d}) - y_d w.x_d] +
 * (lambda/2)||w||^2}, with labels in {0, 1} (a bias is just a constant feature).
 */
final class LogisticModel {
  private final double[][] x;
  private final int[] y;
  private final int[] rows;
  private final double ridge;

  LogisticModel(double[][] x, int[] y, int[] rows, double ridge) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("a local loss needs at least one row");
    }
    this.x = x;
    this.y = y;
    this.rows = rows;
    this.ridge = ridge;
  }

  int dimension() {
    return x[0].length;
  }

  int size() {
    return rows.length;
  }

  double loss(double[] w) {
    CompensatedSum s = new CompensatedSum();
    for (int r : rows) {
      double z = dot(w, x[r]);
      // log(1 + e^z) without overflow.
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      s.add(softplus - y[r] * z);
    }
    return s.value() / rows.length + 0.5 * ridge * dot(w, w);
  }

  double[] gradient(double[] w) {
    int d = w.length;
    double[] g = new double[d];
    for (int r : rows) {
      double z = dot(w, x[r]);
      double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      double c = p - y[r];
      for (int j = 0; j < d; j++) {
        g[j] += c * x[r][j];
      }
    }
    for (int j = 0; j < d; j++) {
      g[j] = g[j] / rows.length + ridge * w[j];
    }
    return g;
  }

  /**
   * A smoothness constant: the Hessian is at most {@code X^T X / (4|G|) + lambda I}, whose top
   * eigenvalue is computed exactly (Jacobi).
   */
  double smoothness() {
    int d = dimension();
    double[][] m = new double[d][d];
    for (int r : rows) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          m[i][j] += x[r][i] * x[r][j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        m[i][j] /= 4.0 * rows.length;
      }
    }
    return SymmetricEigen.largest(m) + ridge;
  }

  /** The mean feature norm: {@code ||grad L(w)|| <= meanNorm + lambda ||w||}. */
  double meanFeatureNorm() {
    CompensatedSum s = new CompensatedSum();
    for (int r : rows) {
      s.add(Math.sqrt(dot(x[r], x[r])));
    }
    return s.value() / rows.length;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
