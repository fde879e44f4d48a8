package org.foglab.theory;

/** Eigenvalues of small symmetric matrices by cyclic Jacobi rotations. */
final class SymmetricEigen {
  private SymmetricEigen() {}

  /** All eigenvalues (unsorted) of the symmetric matrix {@code a} (not modified). */
  static double[] eigenvalues(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException("matrix must be square");
      }
      m[i] = a[i].clone();
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          total += m[i][j] * m[i][j];
          if (i != j) {
            off += m[i][j] * m[i][j];
          }
        }
      }
      if (off <= 1e-30 * total || off == 0) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (m[p][q] == 0) {
            continue;
          }
          double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          // m <- J^T m J with the rotation J in the (p, q) plane.
          for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
          }
        }
      }
    }
    double[] ev = new double[n];
    for (int i = 0; i < n; i++) {
      ev[i] = m[i][i];
    }
    return ev;
  }

  static double largest(double[][] a) {
    double best = Double.NEGATIVE_INFINITY;
    for (double v : eigenvalues(a)) {
      best = Math.max(best, v);
    }
    return best;
  }
}
