package org.foglab.optimize.convex;

import java.util.ArrayList;
import java.util.List;
import org.foglab.network.Trace;

/**
 * An independent reference for tiny nonlinear instances: a primal log-barrier method with dense
 * Newton steps on the explicit variables (kept amounts and link flows; discarding is the slack
 * of each source). Nothing is shared with {@link ConvexSolver} except the trace.
 */
public final class BarrierReference {
  private final Trace tr;
  private final double[] u;
  private final int nv;
  private final double[] lin;      // linear cost of each variable
  private final int[] sinkOf;      // sink (device-slot) each variable loads
  private final int[] srcOf;       // source device-slot of each variable
  private final double[] upper;    // finite upper bound of the variable, or +inf
  private final List<Integer> sinks = new ArrayList<>();

  public BarrierReference(Trace tr) {
    this.tr = tr;
    this.u = SqrtErrorModel.maxLoad(tr);
    List<double[]> vars = new ArrayList<>();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (!tr.present(k) || tr.data(k) == 0) {
        continue;
      }
      if (tr.capacity(k) > 0) {
        vars.add(new double[] {tr.processCost(k), k, k, Double.POSITIVE_INFINITY});
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        int r = tr.receiver(k, e);
        if (r >= 0 && tr.linkCapacity(e) > 0 && tr.capacity(r) > 0) {
          vars.add(new double[] {tr.linkCost(e) + tr.processCost(r), r, k, tr.linkCapacity(e)});
        }
      }
    }
    nv = vars.size();
    lin = new double[nv];
    sinkOf = new int[nv];
    srcOf = new int[nv];
    upper = new double[nv];
    for (int v = 0; v < nv; v++) {
      double[] d = vars.get(v);
      lin[v] = d[0];
      sinkOf[v] = (int) d[1];
      srcOf[v] = (int) d[2];
      upper[v] = d[3];
    }
    for (int s = 0; s < tr.deviceSlots(); s++) {
      if (tr.present(s)) {
        sinks.add(s);
      }
    }
  }

  private double[] loads(double[] x) {
    double[] g = new double[tr.deviceSlots()];
    for (int v = 0; v < nv; v++) {
      g[sinkOf[v]] += x[v];
    }
    return g;
  }

  private double[] sent(double[] x) {
    double[] out = new double[tr.deviceSlots()];
    for (int v = 0; v < nv; v++) {
      out[srcOf[v]] += x[v];
    }
    return out;
  }

  private boolean errorTerm(int s) {
    return SqrtErrorModel.hasErrorTerm(tr, u, s);
  }

  /** The true objective; +inf outside the domain. */
  public double objective(double[] x) {
    double[] g = loads(x);
    double f = 0;
    for (int v = 0; v < nv; v++) {
      f += lin[v] * x[v];
    }
    for (int s : sinks) {
      if (errorTerm(s)) {
        f += SqrtErrorModel.error(tr.discardCost(s), g[s]);
      }
    }
    return f;
  }

  /** Barrier value t F(x) - sum log(slack); +inf if not strictly feasible. */
  private double barrier(double[] x, double t) {
    double val = t * objective(x);
    if (!Double.isFinite(val)) {
      return Double.POSITIVE_INFINITY;
    }
    double[] g = loads(x);
    double[] out = sent(x);
    for (int v = 0; v < nv; v++) {
      if (x[v] <= 0 || (upper[v] != Double.POSITIVE_INFINITY && x[v] >= upper[v])) {
        return Double.POSITIVE_INFINITY;
      }
      val -= Math.log(x[v]);
      if (upper[v] != Double.POSITIVE_INFINITY) {
        val -= Math.log(upper[v] - x[v]);
      }
    }
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (tr.present(k) && tr.data(k) > 0) {
        double sl = tr.data(k) - out[k];
        if (sl <= 0) {
          return Double.POSITIVE_INFINITY;
        }
        val -= Math.log(sl);
      }
    }
    for (int s : sinks) {
      if (tr.capacity(s) != Double.POSITIVE_INFINITY && tr.capacity(s) > 0) {
        double sl = tr.capacity(s) - g[s];
        if (sl <= 0) {
          return Double.POSITIVE_INFINITY;
        }
        val -= Math.log(sl);
      }
    }
    return val;
  }

  /** Minimises the objective; returns the optimal variable vector. */
  public double[] solve() {
    double[] x = new double[nv];
    double theta = 0.5;
    while (true) {
      for (int v = 0; v < nv; v++) {
        int k = srcOf[v];
        int outlets = 1;
        for (int w = 0; w < nv; w++) {
          if (srcOf[w] == k && w != v) {
            outlets++;
          }
        }
        x[v] = theta * Math.min(tr.data(k) / (outlets + 1), upper[v] / 2);
      }
      if (Double.isFinite(barrier(x, 1))) {
        break;
      }
      theta /= 2;
    }
    int constraints = 2 * nv + tr.deviceSlots() * 2;
    for (double t = 1; constraints / t > 1e-11 * Math.max(1, Math.abs(objective(x))); t *= 8) {
      newton(x, t);
    }
    return x;
  }

  private void newton(double[] x, double t) {
    for (int iter = 0; iter < 200; iter++) {
      double[] grad = new double[nv];
      double[][] hess = new double[nv][nv];
      double[] g = loads(x);
      double[] out = sent(x);
      for (int v = 0; v < nv; v++) {
        grad[v] = t * lin[v] - 1 / x[v];
        hess[v][v] += 1 / (x[v] * x[v]);
        if (upper[v] != Double.POSITIVE_INFINITY) {
          double sl = upper[v] - x[v];
          grad[v] += 1 / sl;
          hess[v][v] += 1 / (sl * sl);
        }
      }
      for (int v = 0; v < nv; v++) {
        int s = sinkOf[v];
        int k = srcOf[v];
        if (errorTerm(s)) {
          double f = tr.discardCost(s);
          grad[v] += t * (-0.5 * f / (g[s] * Math.sqrt(g[s])));
        }
        double slk = tr.data(k) - out[k];
        grad[v] += 1 / slk;
        if (tr.capacity(s) != Double.POSITIVE_INFINITY && tr.capacity(s) > 0) {
          grad[v] += 1 / (tr.capacity(s) - g[s]);
        }
        for (int w = 0; w < nv; w++) {
          if (sinkOf[w] == s) {
            if (errorTerm(s)) {
              hess[v][w] += t * 0.75 * tr.discardCost(s) / (g[s] * g[s] * Math.sqrt(g[s]));
            }
            if (tr.capacity(s) != Double.POSITIVE_INFINITY && tr.capacity(s) > 0) {
              double sl = tr.capacity(s) - g[s];
              hess[v][w] += 1 / (sl * sl);
            }
          }
          if (srcOf[w] == k) {
            hess[v][w] += 1 / (slk * slk);
          }
        }
      }
      double[] step = solveLinear(hess, grad);
      double dec = 0;
      for (int v = 0; v < nv; v++) {
        dec += grad[v] * step[v];
      }
      if (dec / 2 < 1e-14) {
        return;
      }
      double f0 = barrier(x, t);
      double a = 1;
      double[] y = new double[nv];
      while (true) {
        for (int v = 0; v < nv; v++) {
          y[v] = x[v] - a * step[v];
        }
        double f1 = barrier(y, t);
        if (f1 <= f0 - 0.25 * a * dec) {
          break;
        }
        a /= 2;
        if (a < 1e-20) {
          return;
        }
      }
      System.arraycopy(y, 0, x, 0, nv);
    }
  }

  /** Gaussian elimination with partial pivoting. */
  private static double[] solveLinear(double[][] a0, double[] b0) {
    int n = b0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] tmp = a[c];
      a[c] = a[p];
      a[p] = tmp;
      double tb = b[c];
      b[c] = b[p];
      b[p] = tb;
      for (int r = c + 1; r < n; r++) {
        double fct = a[r][c] / a[c][c];
        for (int q = c; q < n; q++) {
          a[r][q] -= fct * a[c][q];
        }
        b[r] -= fct * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int q = r + 1; q < n; q++) {
        s -= a[r][q] * x[q];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  int variables() {
    return nv;
  }
}
