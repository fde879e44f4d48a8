package org.foglab.optimize.lp;

import java.util.ArrayList;
import java.util.List;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The data-movement problem (5)-(9) of Tu et al. with the linear error model, written out as an
 * explicit linear program and solved by ojAlgo's {@link ExpressionsBasedModel}.
 *
 * <p>Variables: per present device-slot {@code k} the kept amount {@code s_kk D_k >= 0} and the
 * discarded amount {@code r_k D_k >= 0}; per link {@code e} whose receiver exists the offloaded
 * amount {@code 0 <= x_e <= C_e}. Constraints: conservation (8) per source,
 * {@code kept + sum x + discarded = D}, and the node capacity (9) per device-slot with finite
 * capacity, {@code kept_s + sum of x into s <= C_s}. Objective (5): {@code c_k kept + f_k
 * discarded + (c_e + c_r) x_e}.
 *
 * <p>This is the independent oracle of the tests and a solver for small sub-problems: ojAlgo does
 * not scale past about 20,000 variables ({@code stack.md}). The ojAlgo model stays inside this
 * class.
 */
public final class TraceLp {
  /** Variables above which {@link #solve} refuses, since ojAlgo would not finish in useful time. */
  public static final int MAX_VARIABLES = 20_000;

  private TraceLp() {}

  /** Builds and solves the LP of {@code tr}. */
  public static LpResult solve(Trace tr) {
    long t0 = System.nanoTime();
    int m = tr.deviceSlots();
    int usable = 0;
    for (int k = 0; k < m; k++) {
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        if (tr.present(k) && tr.receiver(k, e) >= 0) {
          usable++;
        }
      }
    }
    int vars = 0;
    for (int k = 0; k < m; k++) {
      if (tr.present(k)) {
        vars += 2;
      }
    }
    vars += usable;
    if (vars > MAX_VARIABLES) {
      throw new IllegalArgumentException("the LP of this trace has " + vars
          + " variables; ojAlgo is only used up to " + MAX_VARIABLES
          + " (use ExactSolver for larger traces)");
    }
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[] keep = new Variable[m];
    Variable[] drop = new Variable[m];
    Variable[] off = new Variable[tr.links()];
    Expression[] sink = new Expression[m];
    List<Variable> order = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      if (!tr.present(k)) {
        continue;
      }
      keep[k] = model.addVariable("keep" + k).lower(0).weight(tr.processCost(k));
      drop[k] = model.addVariable("drop" + k).lower(0).weight(tr.discardCost(k));
      order.add(keep[k]);
      order.add(drop[k]);
    }
    for (int k = 0; k < m; k++) {
      if (!tr.present(k)) {
        continue;
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        int r = tr.receiver(k, e);
        if (r < 0) {
          continue;
        }
        Variable x = model.addVariable("x" + e).lower(0)
            .weight(tr.linkCost(e) + tr.processCost(r));
        if (tr.linkCapacity(e) != Double.POSITIVE_INFINITY) {
          x.upper(tr.linkCapacity(e));
        }
        off[e] = x;
        order.add(x);
      }
    }
    int constraints = 0;
    for (int k = 0; k < m; k++) {
      if (!tr.present(k)) {
        continue;
      }
      Expression src = model.addExpression("src" + k).level(tr.data(k));
      constraints++;
      src.set(keep[k], 1);
      src.set(drop[k], 1);
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        if (off[e] != null) {
          src.set(off[e], 1);
        }
      }
      if (tr.capacity(k) != Double.POSITIVE_INFINITY) {
        sink[k] = model.addExpression("cap" + k).upper(tr.capacity(k));
        sink[k].set(keep[k], 1);
        constraints++;
      }
    }
    for (int k = 0; k < m; k++) {
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        if (off[e] != null) {
          int r = tr.receiver(k, e);
          if (sink[r] != null) {
            sink[r].set(off[e], 1);
          }
        }
      }
    }
    Optimisation.Result res = model.minimise();
    boolean optimal = res.getState().isOptimal();
    double[] kept = new double[m];
    double[] discarded = new double[m];
    double[] offloaded = new double[tr.links()];
    if (optimal) {
      for (int k = 0; k < m; k++) {
        if (keep[k] != null) {
          kept[k] = Math.max(0, res.doubleValue(keep[k].getIndex().index));
          discarded[k] = Math.max(0, res.doubleValue(drop[k].getIndex().index));
        }
      }
      for (int e = 0; e < off.length; e++) {
        if (off[e] != null) {
          offloaded[e] = Math.max(0, res.doubleValue(off[e].getIndex().index));
        }
      }
    }
    Plan plan = optimal ? new Plan(tr, kept, discarded, offloaded) : null;
    return new LpResult(plan, res.getValue(), optimal, res.getState().toString(), order.size(),
        constraints, (System.nanoTime() - t0) * 1e-9);
  }
}
