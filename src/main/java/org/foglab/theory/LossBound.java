package org.foglab.theory;

import java.io.Serializable;

/**
 * The loss bound of Theorem 1 of Tu et al. (INFOCOM 2020) for device i after {@code t} local
 * steps, {@code K = floor(t / tau)} aggregations:
 * {@code L(w_i(t)) - L(w*) <= epsilon_0 + rho g_i(t - K tau)}.
 *
 * <p><b>Ingredients (Wang et al., "Adaptive Federated Learning in Resource Constrained Edge
 * Computing Systems", IEEE JSAC 2019).</b> Each local loss is convex, {@code rho}-Lipschitz and
 * {@code beta}-smooth; {@code delta_i >= ||grad L_i(w) - grad L(w)||}; {@code delta} is the
 * weighted mean of the {@code delta_i} with the aggregation weights. Between aggregations the
 * local model drifts from the centralised gradient descent {@code v} started at the last
 * aggregate by at most {@code g_i(x) = (delta_i/beta)((eta beta + 1)^x - 1)} after {@code x}
 * steps (induction: {@code ||w_i - v||} grows by the factor {@code 1 + eta beta} plus
 * {@code eta delta_i} per step), and the weighted average drifts by at most
 * {@code h(x) = (delta/beta)((eta beta + 1)^x - 1) - eta delta x} (summing {@code eta beta} times
 * the weighted {@code g_i} over the steps: {@code eta delta sum_{y<x}((1+eta beta)^y - 1)}); this is
 * Wang et al.'s h, as the paper says. {@code omega = min_k 1/||v_k((k-1) tau) - w*||^2}.
 *
 * <p><b>epsilon_0.</b> The proof's {@code y(eps) = (t omega eta (1 - beta eta/2) -
 * (rho/eps^2)(K h(tau) + g_i(t - K tau)))^-1}; {@code y(eps) = eps} is the quadratic
 * {@code a eps^2 - eps - b = 0} with {@code a = t omega eta (1 - beta eta / 2)} and
 * {@code b = rho (K h(tau) + g_i(t - K tau))}, whose positive root is
 * {@code 1/(2a) + sqrt(1/(4a^2) + b/a)} ({@link #epsilon0Quadratic}); {@link #epsilon0} finds it
 * by bisection on {@code a eps - b/eps - 1} (increasing in {@code eps > 0}) as the primary
 * computation. The paper's printed closed form ({@link #epsilon0Printed}) has
 * {@code (K h + g)/(t omega eta (1 - beta eta/2))} under the root where the root of
 * {@code y(eps) = eps} has {@code rho (K h + g)/(...)}: the factor {@code rho} is missing, so the
 * two agree only when {@code rho = 1} or {@code K h + g = 0}; this class uses the root.
 *
 * <p><b>Assumptions and regime.</b> The theorem needs {@code eta <= 1/beta} (else
 * {@link #stepAssumptionHolds()} is false; {@code beta eta < 2} is required to compute at all)
 * and, in its proof, {@code L(w(T)) - L(w*) >= eps} and {@code theta_k(k tau) >= eps} for the
 * chosen {@code eps}: the bound is a statement about runs that are still above
 * {@code epsilon_0}; when the run is already below, the proof's "either/or" gives the bound for
 * the best aggregate only. Because {@code epsilon_0 -> sqrt(rho h(tau) / (tau omega eta (1 -
 * beta eta / 2)))} as {@code t -> infinity}, the bound does not vanish unless {@code tau = 1}
 * ({@code h(1) = 0}) or the data are i.i.d. across devices ({@code delta = 0}); it is meaningful
 * (below the initial excess loss) only for small {@code eta beta tau} and {@code delta}.
 *
 * @param rho Lipschitz constant of the losses, positive
 * @param beta smoothness constant, positive
 * @param eta step size, positive with {@code beta eta < 2}
 * @param omega {@code min_k 1/||v_k((k-1)tau) - w*||^2}, positive
 * @param tau aggregation period, at least 1
 * @param deltaLocal {@code delta_i} of the device, non-negative
 * @param delta the weighted mean of the {@code delta_i}, non-negative
 */
public record LossBound(double rho, double beta, double eta, double omega, int tau,
    double deltaLocal, double delta) implements Serializable {

  public LossBound {
    positive("rho", rho);
    positive("beta", beta);
    positive("eta", eta);
    positive("omega", omega);
    if (tau < 1) {
      throw new IllegalArgumentException("tau (aggregation period) must be at least 1, got " + tau);
    }
    if (!(deltaLocal >= 0) || Double.isInfinite(deltaLocal)) {
      throw new IllegalArgumentException("deltaLocal must be non-negative, got " + deltaLocal);
    }
    if (!(delta >= 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("delta must be non-negative, got " + delta);
    }
    if (!(beta * eta < 2)) {
      throw new IllegalArgumentException("eta must be below 2/beta (the theorem assumes "
          + "eta <= 1/beta), got eta beta = " + eta * beta);
    }
  }

  private static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
  }

  /** Whether the theorem's step assumption {@code eta <= 1/beta} holds. */
  public boolean stepAssumptionHolds() {
    return eta * beta <= 1;
  }

  /** {@code (eta beta + 1)^x - 1}, accurate for small {@code eta beta}. */
  private double growth(double x) {
    return Math.expm1(x * Math.log1p(eta * beta));
  }

  /** {@code g_i(x) = (delta_i/beta)((eta beta + 1)^x - 1)}. */
  public double g(double x) {
    return deltaLocal / beta * growth(x);
  }

  /** Wang et al.'s {@code h(x) = (delta/beta)((eta beta + 1)^x - 1) - eta delta x}. */
  public double h(double x) {
    return delta / beta * growth(x) - eta * delta * x;
  }

  /** {@code a = t omega eta (1 - beta eta / 2)}. */
  private double a(long t) {
    return t * omega * eta * (1 - beta * eta / 2);
  }

  /** {@code b = rho (K h(tau) + g_i(t - K tau))}. */
  private double b(long t) {
    long k = t / tau;
    return rho * (k * h(tau) + g(t - k * tau));
  }

  private static void checkT(long t) {
    if (t < 1) {
      throw new IllegalArgumentException("t (local steps) must be at least 1, got " + t);
    }
  }

  /** The positive root of {@code y(eps) = eps}, by bisection. */
  public double epsilon0(long t) {
    checkT(t);
    double a = a(t);
    double b = Math.max(0, b(t));
    // f(eps) = a eps - b/eps - 1 increases on (0, inf); bracket [lo, hi] with f(lo) < 0 < f(hi).
    double hi = Math.max(2 / a, 2 * Math.sqrt(b / a) + 1e-300);
    while (a * hi - b / hi - 1 <= 0) {
      hi *= 2;
    }
    double lo = 0;
    for (int it = 0; it < 400; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (a * mid - b / mid - 1 < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** The root in closed form: {@code 1/(2a) + sqrt(1/(4a^2) + b/a)}. */
  public double epsilon0Quadratic(long t) {
    checkT(t);
    double a = a(t);
    double b = Math.max(0, b(t));
    return 1 / (2 * a) + Math.sqrt(1 / (4 * a * a) + b / a);
  }

  /** The paper's printed {@code epsilon_0}, without the factor {@code rho} under the root. */
  public double epsilon0Printed(long t) {
    checkT(t);
    long k = t / tau;
    double c = t * omega * eta * (2 - beta * eta);
    return 1 / c + Math.sqrt(1 / (c * c) + (k * h(tau) + g(t - k * tau)) / a(t));
  }

  /** The bound (10): {@code epsilon_0 + rho g_i(t - K tau)}. */
  public double bound(long t) {
    long k = t / tau;
    return epsilon0(t) + rho * g(t - k * tau);
  }
}
