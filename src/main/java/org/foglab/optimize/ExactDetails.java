package org.foglab.optimize;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.foglab.optimize.convex.ConvexResult;
import org.foglab.optimize.exact.ExactSummary;

/**
 * What an exact solve adds to a {@link SolveSummary}: its certificate and its work.
 *
 * @param algorithm what ran, in words
 * @param bound certified lower bound on the optimal cost (the Lagrangian dual bound at the
 *     solver's sink prices, see {@code DualBound}; for the sqrt model the best of the dual and the
 *     LP bound of the tangent underestimate)
 * @param primal the plan's cost, summed with compensation (the certified objective)
 * @param gapTolerance relative gap up to which the plan is reported optimal
 * @param searches shortest-path searches (augmentations), aborted window attempts included
 * @param settledNodes nodes settled over all searches (in-memory and block solves; 0 if not
 *     counted)
 * @param blocks time blocks solved in parallel (1 in memory)
 * @param windowRounds rounds of seam-window solves (0 without seams)
 * @param windows seam windows in the final decomposition
 * @param widestWindowSlots source slots of the widest final window
 * @param iterations outer-approximation rounds of the sqrt model (0 for the linear model)
 * @param blockSeconds time to build and solve the blocks (0 in memory)
 * @param windowSeconds time of the seam windows (0 without seams)
 * @param seconds wall-clock time of the exact solve, certification included
 */
public record ExactDetails(String algorithm, double bound, double primal, double gapTolerance,
    long searches, long settledNodes, int blocks, int windowRounds, int windows,
    int widestWindowSlots, int iterations, double blockSeconds, double windowSeconds,
    double seconds) implements Serializable {

  /** The details of a linear exact solve, in memory or on Spark. */
  public static ExactDetails of(ExactSummary s, double gapTolerance) {
    String algorithm = s.blocks() > 1 || s.blockSeconds() > 0
        ? "successive shortest paths from the Theorem 3 start, " + s.blocks()
            + " time block(s) on Spark with seam windows"
        : "successive shortest paths from the Theorem 3 start, in memory";
    return new ExactDetails(algorithm, s.bound(), s.primal(), gapTolerance, s.searches(),
        s.settledNodes(), s.blocks(), s.windowRounds(), s.windows(), s.widestWindowSlots(), 0,
        s.blockSeconds(), s.windowSeconds(), s.seconds());
  }

  /** The details of a sqrt-model solve. */
  public static ExactDetails of(ConvexResult r, double gapTolerance) {
    return new ExactDetails("outer approximation by tangents with exact min-cost-flow LPs, in "
        + "memory", r.bound(), r.primal(), gapTolerance, r.searches(), 0, 1, 0, 0, 0,
        r.iterations(), 0, 0, r.seconds());
  }

  /** The summary.json object. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("algorithm", algorithm);
    m.put("bound", bound);
    m.put("primal", primal);
    m.put("gap_tolerance", gapTolerance);
    m.put("searches", searches);
    m.put("settled_nodes", settledNodes);
    m.put("blocks", blocks);
    m.put("window_rounds", windowRounds);
    m.put("windows", windows);
    m.put("widest_window_slots", widestWindowSlots);
    m.put("iterations", iterations);
    m.put("block_seconds", blockSeconds);
    m.put("window_seconds", windowSeconds);
    m.put("seconds", seconds);
    return m;
  }
}
