package org.foglab.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.theory.LossBoundValidation;

/**
 * {@code theory bound}: Theorem 1 of Tu et al. (INFOCOM 2020) checked on a convex model
 * ({@link LossBoundValidation}): non-i.i.d. logistic data per device, moved by the closed-form
 * plan (Theorem 3), trained by weighted federated averaging; the observed excess loss
 * {@code L(w_i(t)) - L(w*)} against the bound {@code epsilon_0 + rho g_i(t - K tau)} with
 * constants estimated from the data.
 */
public final class TheoryBoundJob implements Job<TheoryBoundJob.Config> {
  static final String NAME = "theory bound";
  private static final String P = "foglab.theory.bound.";

  /**
   * @param scenario the validation scenario (data, plan, training settings, seed)
   * @param target output directory and table
   */
  public record Config(LossBoundValidation.Scenario scenario, TheorySettings.Target target) {}

  /** Declarations of {@code foglab.theory.bound.*}. */
  static final Setting<Integer> DEVICES = Setting.integer(P + "devices", 2, 10_000).option("devices", "N");
  static final Setting<Integer> POINTS =
      Setting.integer(P + "points-per-device", 1, 1_000_000).option("points-per-device", "N");
  static final Setting<Integer> FEATURES =
      Setting.integer(P + "features", 1, 10_000).option("features", "F");
  static final Setting<Double> SEPARATION =
      TheorySettings.nonNegative(P + "separation").option("separation", "X");
  static final Setting<Integer> TAU = Setting.integer(P + "tau", 1, 1_000_000).option("tau", "T");
  static final Setting<Integer> ITERATIONS =
      Setting.integer(P + "iterations", 1, 10_000_000).option("iterations", "T");
  static final Setting<Double> STEP_FRACTION = Setting.number(P + "step-fraction", 0, 2)
      .require(x -> x > 0 && x < 2,
          x -> "must be in (0, 2) (eta = step-fraction / beta), got " + Settings.fmt(x))
      .option("step-fraction", "X");
  static final Setting<Double> RIDGE = TheorySettings.positive(P + "ridge").option("ridge", "L");
  static final Setting<String> OUT = Setting.string(P + "out").option("out", "DIR");
  static final Setting<Boolean> OVERWRITE = Setting.bool(P + "overwrite").option("overwrite");

  private static final CommandSpec SPEC = new CommandSpec(NAME,
      "Theorem 1: the local-loss bound, checked by federated logistic regression.",
      "Checks Theorem 1 (Tu et al.) on a convex model: every device collects non-i.i.d. logistic "
          + "data (feature means shifted by --separation), the closed-form plan (Theorem 3) moves "
          + "it, and the processed data train L2-regularised logistic regression by weighted "
          + "federated averaging (full-batch steps, aggregation every --tau steps). The constants "
          + "rho, beta, delta_i, delta and omega are estimated from the run so the proof's steps "
          + "hold; epsilon_0 is the positive root of y(eps) = eps (the printed closed form misses "
          + "a factor rho). Reports the largest observed excess loss over the bound, the number "
          + "of violations, the drift lemma's and Wang et al.'s h ratios, and whether the "
          + "theorem's assumptions held. Writes <out>/summary.json, <out>/series.csv (t, device, "
          + "observed excess, bound) and rows of the theory table.",
      OptionSpec.of(DEVICES, POINTS, FEATURES, SEPARATION, TAU, ITERATIONS, STEP_FRACTION, RIDGE,
          org.foglab.config.CoreSettings.SEED, OUT, OVERWRITE),
      List.of("jobs/foglab theory bound --out out/t1",
          "jobs/foglab theory bound --tau 1 --iterations 300 --out out/t1-tau1",
          "jobs/foglab theory bound --separation 0 --tau 2 --step-fraction 0.1 --iterations 1000 --out out/t1-iid"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    int devices = root.get(DEVICES);
    int points = root.get(POINTS);
    int features = root.get(FEATURES);
    if ((long) devices * points * features > 200_000_000L) {
      throw POINTS.error("times devices and features must be at most 2e8 (the data are held in "
          + "memory), got " + (long) devices * points * features);
    }
    return new Config(new LossBoundValidation.Scenario(devices, points, features,
        root.get(SEPARATION), new LossBoundValidation.Settings(root.get(TAU),
            root.get(ITERATIONS), root.get(STEP_FRACTION), root.get(RIDGE)),
        root.get(org.foglab.config.CoreSettings.SEED)),
        TheorySettings.Target.read(root, OUT, OVERWRITE, List.of()));
  }

  @Override
  public void run(Config config, JobContext ctx) {
    LossBoundValidation.Scenario sc = config.scenario();
    try (TheoryOutput out = TheoryOutput.open(ctx, NAME, config.target(), true)) {
      long t0 = System.nanoTime();
      ctx.progress().say(String.format(Locale.ROOT,
          "training %d devices x %d points, tau %d, %d steps, eta beta %s",
          sc.devices(), sc.pointsPerDevice(), sc.settings().tau(), sc.settings().iterations(),
          Settings.fmt(sc.settings().stepFraction())));
      LossBoundValidation.Report r = sc.run();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("theorem", "Theorem 1 (local-loss bound)");
      summary.putAll(r.summary());
      summary.put("holds", r.boundViolations() == 0);
      summary.put("seconds", (System.nanoTime() - t0) / 1e9);
      out.rows().scalars(null, null, summary);
      List<List<Object>> series = new ArrayList<>();
      for (int t = 0; t < r.observedExcess().length; t++) {
        for (int i = 0; i < r.devices(); i++) {
          series.add(List.of(t + 1, i, r.observedExcess()[t][i], r.bound()[t][i]));
        }
      }
      out.writeCsv("series.csv", List.of("t", "device", "observed_excess", "bound"), series);
      String table = out.finish(summary);
      ctx.out().print(describe(r, sc, out.where(), table, ctx.run().runId()));
    }
  }

  static String describe(LossBoundValidation.Report r, LossBoundValidation.Scenario sc,
      String where, String table, String runId) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "Theorem 1 on %d participating devices (of %d), tau %d, %d steps, eta beta %s:%n",
        r.devices(), sc.devices(), sc.settings().tau(), sc.settings().iterations(),
        Settings.fmt(sc.settings().stepFraction())));
    b.append(String.format(Locale.ROOT,
        "  bound (10) %s: %d of %d (device, step) points above it; largest observed/bound %.4g%n",
        r.boundViolations() == 0 ? "holds" : "VIOLATED", r.boundViolations(), r.checkedPoints(),
        r.maxBoundRatio()));
    b.append(String.format(Locale.ROOT,
        "  final excess loss %.6g, epsilon_0 %.6g (paper's printed form %.6g); initial excess %.6g%n",
        r.finalExcess(), r.epsilon0Final(), r.epsilon0PrintedFinal(), r.initialExcess()));
    b.append(String.format(Locale.ROOT,
        "  drift lemma ratio %.4g, Wang et al.'s h ratio %.4g (both at most 1 in theory)%n",
        r.maxLemmaRatio(), r.maxAverageDriftRatio()));
    b.append(r.nontrivialFraction() > 0
        ? String.format(Locale.ROOT, "  nontrivial fraction %.3f: the bound is below the initial "
            + "excess (says something) at %.1f%% of points%n", r.nontrivialFraction(),
            100 * r.nontrivialFraction())
        : String.format(Locale.ROOT, "  nontrivial fraction 0: the bound never falls below the "
            + "initial excess %.6g, so it holds trivially here (try a smaller --tau or "
            + "--step-fraction)%n", r.initialExcess()));
    b.append(String.format(Locale.ROOT, "  assumptions: eta <= 1/beta %s; final excess >= epsilon_0 %s%n",
        r.stepAssumptionHolds() ? "yes" : "no", r.excessAssumptionHolds() ? "yes" : "no"));
    b.append("results in ").append(where).append(" and table ").append(table).append(" (run ")
        .append(runId).append(")\n");
    return b.toString();
  }
}
