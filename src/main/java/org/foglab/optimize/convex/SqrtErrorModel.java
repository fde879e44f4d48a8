package org.foglab.optimize.convex;

import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.foglab.optimize.exact.Sum;

/**
 * The nonlinear error model of Lemma 1 of Tu et al. (INFOCOM 2020): the error cost of
 * device-slot {@code (i, t)} is {@code f_i(t) / sqrt(G_i(t))} (the trace's discard cost column is
 * {@code f}), so the objective (5) becomes
 * {@code sum_s c_s G_s + sum_e c_e x_e + sum_s f_s / sqrt(G_s)}: processing where data is
 * processed, transfer on links, and the error term; discarding has no direct cost, its cost is
 * the larger error it causes. The capacities (9) are those of the linear model.
 *
 * <p>Edge cases, which the paper leaves open:
 * <ul>
 *   <li>Absent device-slots have no load and no error term.</li>
 *   <li>{@code f = 0}: no error term; the device-slot only has its processing cost.</li>
 *   <li>A device-slot whose load is <em>forced</em> to 0, because its capacity is 0 or no data
 *       can reach it (no own data, and no incoming link with positive capacity from a source with
 *       data), {@link #maxLoad} = 0: its error term is taken as 0 (it trains on nothing and the
 *       bound of Lemma 1 says nothing), so such device-slots cannot make the problem
 *       infeasible.</li>
 *   <li>Every other device-slot with {@code f > 0} gets {@code G > 0} at the optimum (the error
 *       term's slope is unbounded at 0); a plan that leaves such a device-slot with {@code G = 0}
 *       has cost {@code +infinity}.</li>
 * </ul>
 * With these conventions the problem is convex with a finite optimum.
 */
public final class SqrtErrorModel {
  private SqrtErrorModel() {}

  /**
   * The largest load each device-slot can receive: {@code min(C_s, D_s + sum over incoming
   * usable links of min(C_e, D_source))}; 0 for absent device-slots.
   */
  public static double[] maxLoad(Trace tr) {
    double[] u = new double[tr.deviceSlots()];
    for (int k = 0; k < u.length; k++) {
      if (tr.present(k)) {
        u[k] += tr.data(k);
        for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
          int r = tr.receiver(k, e);
          if (r >= 0) {
            u[r] += Math.min(tr.linkCapacity(e), tr.data(k));
          }
        }
      }
    }
    for (int k = 0; k < u.length; k++) {
      u[k] = tr.present(k) ? Math.min(u[k], tr.capacity(k)) : 0;
    }
    return u;
  }

  /** Whether device-slot {@code k} carries an error term: present, {@code f > 0}, load not forced to 0. */
  public static boolean hasErrorTerm(Trace tr, double[] maxLoad, int k) {
    return tr.present(k) && tr.discardCost(k) > 0 && maxLoad[k] > 0;
  }

  /** {@code f / sqrt(G)}, {@code +infinity} at {@code G = 0} for {@code f > 0}. */
  public static double error(double f, double g) {
    if (f == 0) {
      return 0;
    }
    return g > 0 ? f / Math.sqrt(g) : Double.POSITIVE_INFINITY;
  }

  /**
   * Costs of a plan under this model.
   *
   * @param processCost {@code sum c_s G_s}
   * @param transferCost {@code sum c_e x_e}
   * @param errorCost {@code sum f_s / sqrt(G_s)} over device-slots with an error term
   * @param total their sum
   * @param loads the processed loads {@code G}
   */
  public record Evaluation(double processCost, double transferCost, double errorCost,
      double total, double[] loads) {}

  /** Evaluates {@code plan}; the total is {@code +infinity} if a load with an error term is 0. */
  public static Evaluation evaluate(Plan plan) {
    Trace tr = plan.trace();
    double[] g = plan.processedLoad();
    double[] u = maxLoad(tr);
    Sum process = new Sum();
    Sum transfer = new Sum();
    Sum error = new Sum();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (!tr.present(k)) {
        continue;
      }
      process.add(tr.processCost(k) * g[k]);
      if (hasErrorTerm(tr, u, k)) {
        error.add(error(tr.discardCost(k), g[k]));
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        if (plan.offloaded(e) != 0) {
          transfer.add(tr.linkCost(e) * plan.offloaded(e));
        }
      }
    }
    double p = process.value();
    double t = transfer.value();
    double er = error.value();
    return new Evaluation(p, t, er, p + t + er, g);
  }

  /**
   * {@code min over G in [0, U] of c G + f / sqrt(G) - mu G} (the sink part of the Lagrangian
   * dual), with the error term only if {@code withError}.
   */
  public static double minShifted(double c, double f, double u, boolean withError, double mu) {
    double slope = c - mu;
    if (!withError) {
      return Math.min(0, slope * u);
    }
    double g = slope > 0 ? Math.min(u, Math.pow(f / (2 * slope), 2.0 / 3)) : u;
    return slope * g + f / Math.sqrt(g);
  }
}
