package org.foglab.optimize;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link SolveMethod#AUTO}'s one policy, shared by {@code solve} (on Spark and in memory),
 * sweeps and {@code train}: solve in closed form (Theorem 3), keep that plan when no device or
 * link capacity binds, since it is then optimal, and otherwise solve exactly. Every path asks
 * this class, so the same trace gets the same method, and the same plan, wherever it is solved.
 */
public final class AutoPolicy {
  private AutoPolicy() {}

  /**
   * What auto chose after the closed-form pass, and why.
   *
   * @param method {@link SolveMethod#CLOSED_FORM} or {@link SolveMethod#EXACT}
   * @param because one sentence for the summary
   */
  public record Decision(SolveMethod method, String because) {
    public boolean exact() {
      return method == SolveMethod.EXACT;
    }
  }

  /** The decision for a closed-form pass with summary {@code closed}. */
  public static Decision decide(SolveSummary closed) {
    CapacityViolations v = closed.violations();
    if (!v.any()) {
      return new Decision(SolveMethod.CLOSED_FORM,
          "no capacity binds: the closed form is optimal");
    }
    return new Decision(SolveMethod.EXACT, String.format(Locale.ROOT, "the closed-form plan "
        + "exceeds %d device-slot and %d link capacities", v.nodeSlots(), v.links()));
  }

  /** The {@code auto} section of a solve summary: the decision and the closed-form pass. */
  public static Map<String, Object> report(SolveSummary closed) {
    Decision d = decide(closed);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chose", d.method().configName());
    m.put("because", d.because());
    m.put("closed_form_cost", closed.totalCost());
    m.put("closed_form_node_violations", closed.violations().nodeSlots());
    m.put("closed_form_link_violations", closed.violations().links());
    m.put("closed_form_seconds", closed.solveSeconds());
    return m;
  }
}
