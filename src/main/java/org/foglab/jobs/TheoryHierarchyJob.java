package org.foglab.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.theory.HierarchicalOffloading;

/**
 * {@code theory hierarchy}: Theorem 4 of Tu et al. (INFOCOM 2020), the fractions {@code r*}
 * discarded and {@code s*} offloaded to an edge server by {@code n} identical devices under the
 * nonlinear error cost of Lemma 1 ({@link HierarchicalOffloading}), in closed form (13-14, or
 * the {@code r* = 0} boundary when the data are too few) and by direct numeric minimisation.
 */
public final class TheoryHierarchyJob implements Job<TheoryHierarchyJob.Config> {
  static final String NAME = "theory hierarchy";
  private static final String P = "foglab.theory.hierarchy.";

  /** Relative cost difference up to which closed form and numeric minimum agree. */
  static final double AGREEMENT = 1e-9;

  /**
   * @param model the instance
   * @param target output directory and table
   */
  public record Config(HierarchicalOffloading model, TheorySettings.Target target) {}

  /** Declarations of {@code foglab.theory.hierarchy.*}. */
  static final Setting<Integer> DEVICES =
      Setting.integer(P + "devices", 1, Integer.MAX_VALUE).option("devices", "N");
  static final Setting<Double> DATA = TheorySettings.positive(P + "data").option("data", "D");
  static final Setting<Double> DEVICE_COST =
      TheorySettings.positive(P + "device-cost").option("device-cost", "C");
  static final Setting<Double> SERVER_COST =
      TheorySettings.nonNegative(P + "server-cost").option("server-cost", "C");
  static final Setting<Double> LINK_COST =
      TheorySettings.nonNegative(P + "link-cost").option("link-cost", "C");
  static final Setting<Double> GAMMA = TheorySettings.positive(P + "gamma").option("gamma", "G");
  static final Setting<String> OUT = Setting.string(P + "out").option("out", "DIR");
  static final Setting<Boolean> OVERWRITE = Setting.bool(P + "overwrite").option("overwrite");

  private static final CommandSpec SPEC = new CommandSpec(NAME,
      "Theorem 4: discard and offload fractions r*, s* of a device-server hierarchy.",
      "Solves Theorem 4 (Tu et al.): n identical devices (cost c, data D each) process, discard "
          + "(fraction r) or offload (fraction s) to one edge server (cost c_{n+1}, transfer c_t), "
          + "with the error cost gamma/sqrt(G) at every device and the server. Gives the closed "
          + "form, (13) r*(s) = 1 - (gamma/(2c))^(2/3)/D - s and (14) s* = (gamma/(2(c_{n+1} + "
          + "c_t)))^(2/3)/(n D) when D is large enough, otherwise r* = 0 with s* the root of the "
          + "boundary condition; and checks it against a nested golden-section minimisation of "
          + "the objective. Writes <out>/summary.json and rows of the theory table.",
      OptionSpec.of(DEVICES, DATA, DEVICE_COST, SERVER_COST, LINK_COST, GAMMA, OUT, OVERWRITE),
      List.of("jobs/foglab theory hierarchy --out out/t4",
          "jobs/foglab theory hierarchy --devices 4 --data 5 --gamma 50 --out out/t4-boundary"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    int n = root.get(DEVICES);
    double data = root.get(DATA);
    double c = root.get(DEVICE_COST);
    double server = root.get(SERVER_COST);
    double link = root.get(LINK_COST);
    if (!(server + link > 0)) {
      throw LINK_COST.error("plus server-cost must be positive (free offloading has no "
          + "optimum), got both 0");
    }
    double gamma = root.get(GAMMA);
    return new Config(new HierarchicalOffloading(n, data, c, server, link, gamma),
        TheorySettings.Target.read(root, OUT, OVERWRITE, List.of()));
  }

  @Override
  public void run(Config config, JobContext ctx) {
    HierarchicalOffloading h = config.model();
    try (TheoryOutput out = TheoryOutput.open(ctx, NAME, config.target(), false)) {
      long t0 = System.nanoTime();
      HierarchicalOffloading.Solution sol = h.solve();
      ctx.progress().say("closed form done; minimising numerically");
      HierarchicalOffloading.Numeric num = h.numericOptimum();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("theorem", "Theorem 4 (hierarchical offloading)");
      summary.putAll(sol.summary());
      summary.put("paper_discard", h.paperDiscard(h.paperOffload()));
      summary.put("paper_offload", h.paperOffload());
      summary.put("device_processed", h.deviceProcessed());
      summary.put("server_processed", h.serverProcessed());
      summary.put("numeric_discard", num.discard());
      summary.put("numeric_offload", num.offload());
      summary.put("numeric_cost", num.cost());
      double gap = (sol.cost() - num.cost()) / Math.abs(num.cost());
      summary.put("cost_relative_difference", gap);
      summary.put("agrees", gap <= AGREEMENT);
      summary.put("seconds", (System.nanoTime() - t0) / 1e9);
      out.rows().scalars(null, null, summary);
      String table = out.finish(summary);
      ctx.out().print(describe(h, sol, num, gap, out.where(), table, ctx.run().runId()));
    }
  }

  static String describe(HierarchicalOffloading h, HierarchicalOffloading.Solution sol,
      HierarchicalOffloading.Numeric num, double gap, String where, String table, String runId) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "Theorem 4 with n = %d devices, D = %s, c = %s, c_{n+1} = %s, c_t = %s, gamma = %s:%n",
        h.devices(), Settings.fmt(h.data()), Settings.fmt(h.deviceCost()),
        Settings.fmt(h.serverCost()), Settings.fmt(h.linkCost()), Settings.fmt(h.gamma())));
    b.append(String.format(Locale.ROOT, "  closed form (%s): r* = %.9g, s* = %.9g, keep %.9g, cost %.9g%n",
        sol.interior() ? "(13)-(14), interior" : "boundary r* = 0, D below "
            + String.format(Locale.ROOT, "%.6g", sol.interiorDataThreshold()),
        sol.discard(), sol.offload(), sol.keep(), sol.cost()));
    b.append(String.format(Locale.ROOT, "  numeric minimum:           r  = %.9g, s  = %.9g, cost %.9g%n",
        num.discard(), num.offload(), num.cost()));
    b.append(String.format(Locale.ROOT, "  relative cost difference %.3g: %s%n", gap,
        gap <= AGREEMENT ? "the closed form is the optimum" : "DISAGREE"));
    b.append("results in ").append(where).append(" and table ").append(table).append(" (run ")
        .append(runId).append(")\n");
    return b.toString();
  }
}
