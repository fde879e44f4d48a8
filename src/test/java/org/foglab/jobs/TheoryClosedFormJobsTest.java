package org.foglab.jobs;

import static org.foglab.jobs.TheoryOffloadingValueJobTest.args;
import static org.foglab.jobs.TheoryOffloadingValueJobTest.num;
import static org.foglab.jobs.TheoryOffloadingValueJobTest.rows;
import static org.foglab.jobs.TheoryOffloadingValueJobTest.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.foglab.theory.LossBoundValidation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code theory bound}, {@code capacity} and {@code hierarchy} end to end, and the group's help. */
class TheoryClosedFormJobsTest {
  @TempDir
  Path dir;

  @Test
  void boundReportsTheValidationAndItsSeries() throws Exception {
    Path out = dir.resolve("b");
    Cli.Run r = Cli.run(args(dir, "tcf1", "theory", "bound", "--devices", "3",
        "--points-per-device", "40", "--features", "2", "--separation", "1", "--tau", "2",
        "--iterations", "60", "--step-fraction", "1", "--ridge", "0.05", "--seed", "4",
        "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("bound (10) holds"), r.out());
    Map<String, Object> s = summary(out);
    var lib = new LossBoundValidation.Scenario(3, 40, 2, 1.0,
        new LossBoundValidation.Settings(2, 60, 1.0, 0.05), 4).run();
    assertEquals(lib.maxBoundRatio(), num(s, "max_bound_ratio"));
    assertEquals(0, num(s, "bound_violations"));
    assertTrue(num(s, "max_bound_ratio") <= 1, "observed excess stays below the bound");
    assertTrue(num(s, "max_lemma_ratio") <= 1 + 1e-9 && num(s, "max_average_drift_ratio") <= 1 + 1e-9);
    assertEquals(true, s.get("holds"));
    List<String> series = Files.readAllLines(out.resolve("series.csv"));
    assertEquals("t,device,observed_excess,bound", series.get(0));
    assertEquals(1 + 60 * lib.devices(), series.size());
    String[] last = series.get(series.size() - 1).split(",");
    assertEquals(lib.bound()[59][lib.devices() - 1], Double.parseDouble(last[3]));
    Map<String, Double[]> rows = rows("tcf1", s.get("run_id"));
    assertEquals(num(s, "epsilon0_final"), rows.get("epsilon0_final")[0]);
    assertEquals(1.0, rows.get("step_assumption_holds")[0]);
  }

  /**
   * The default run is not trivially true: the bound falls below the starting excess at a good
   * share of the (device, step) points, holds there, and the printed summary says how often.
   */
  @Test
  void boundDefaultsGiveANontrivialBound() throws Exception {
    Path out = dir.resolve("bd");
    Cli.Run r = Cli.run(args(dir, "tcf5", "theory", "bound", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    var lib = new LossBoundValidation.Scenario(5, 100, 3, 1.0,
        new LossBoundValidation.Settings(2, 200, 0.1, 0.5), 1).run();
    assertEquals(lib.nontrivialFraction(), num(s, "nontrivial_fraction"));
    assertTrue(num(s, "nontrivial_fraction") >= 0.3, "nontrivial at default: " + s.get("nontrivial_fraction"));
    assertEquals(0, num(s, "bound_violations"));
    assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "nontrivial fraction %.3f",
        lib.nontrivialFraction())), r.out());

    // The old defaults (tau 5, eta beta 1, ridge 0.05) are trivially true, and say so.
    Path old = dir.resolve("bt");
    Cli.Run t = Cli.run(args(dir, "tcf5", "theory", "bound", "--tau", "5", "--step-fraction", "1",
        "--ridge", "0.05", "--separation", "1.5", "--out", old.toString()));
    assertEquals(0, t.code(), t.err());
    assertEquals(0.0, num(summary(old), "nontrivial_fraction"));
    assertTrue(t.out().contains("nontrivial fraction 0: the bound never falls below"), t.out());
  }

  @Test
  void capacityMatchesTheClosedFormAndItsSimulation() throws Exception {
    Path out = dir.resolve("c");
    Cli.Run r = Cli.run(args(dir, "tcf2", "theory", "capacity", "--mu", "0.5,2", "--sigma", "1",
        "--customers", "20000", "--warmup", "2000", "--replications", "10", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) s.get("results");
    assertEquals(2, results.size());
    for (Map<String, Object> m : results) {
      double mu = num(m, "mu");
      double c = num(m, "capacity");
      // The D/M/1 definitions, independent of the closed form: phi solves phi = exp(-mu(1-phi)/C)
      // and the mean wait in queue phi/(mu(1-phi)) equals sigma = 1.
      double phi = num(m, "phi");
      assertEquals(phi, Math.exp(-mu * (1 - phi) / c), 1e-12);
      assertEquals(1.0, phi / (mu * (1 - phi)), 1e-9);
      assertTrue(c > 0 && c < mu);
      @SuppressWarnings("unchecked")
      List<Double> ci = (List<Double>) m.get("simulated_wait_ci95");
      assertTrue(ci.get(0) <= 1 && 1 <= ci.get(1), "simulated wait " + ci + " should cover sigma");
    }
    assertEquals(3, Files.readAllLines(out.resolve("capacities.csv")).size());
    List<Row> rows = SparkTestSession.get().sql("SELECT x, value, ci95_low FROM tcf2.results.theory "
        + "WHERE x_name = 'mu' AND metric = 'simulated_wait' ORDER BY x").collectAsList();
    assertEquals(2, rows.size());
    assertEquals(0.5, rows.get(0).getDouble(0));
    assertFalse(rows.get(0).isNullAt(2));

    Cli.Run bad = Cli.run(args(dir, "tcf2", "theory", "capacity", "--mu", "1,0", "--out",
        dir.resolve("never").toString()));
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--mu must hold positive numbers up to 1e15, got 0"), bad.err());
    Cli.Run sigma = Cli.run(args(dir, "tcf2", "theory", "capacity", "--sigma", "-1", "--out",
        dir.resolve("never").toString()));
    assertTrue(sigma.err().contains("--sigma must be positive, got -1"), sigma.err());
    assertFalse(Files.exists(dir.resolve("never")));
  }

  @Test
  void hierarchyMatchesThePaperFormulasAndTheNumericMinimum() throws Exception {
    Path out = dir.resolve("h");
    Cli.Run r = Cli.run(args(dir, "tcf3", "theory", "hierarchy", "--devices", "10", "--data",
        "1000", "--device-cost", "1", "--server-cost", "0.2", "--link-cost", "0.1", "--gamma", "50",
        "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    // (13) and (14) evaluated here: keep = (gamma/(2c))^(2/3)/D, s* = (gamma/(2(c_s + c_t)))^(2/3)/(nD).
    double keep = Math.pow(50 / 2.0, 2.0 / 3) / 1000;
    double offload = Math.pow(50 / (2 * 0.3), 2.0 / 3) / (10 * 1000);
    assertEquals(keep, num(s, "keep"), 1e-12);
    assertEquals(offload, num(s, "offload"), 1e-15);
    assertEquals(1 - keep - offload, num(s, "discard"), 1e-12);
    assertEquals(num(s, "numeric_offload"), num(s, "offload"), 1e-4 * offload);
    assertTrue(Math.abs(num(s, "cost") - num(s, "numeric_cost")) <= 1e-9 * num(s, "cost"));
    assertEquals(true, s.get("agrees"));
    assertEquals(1.0, rows("tcf3", s.get("run_id")).get("interior")[0]);

    Cli.Run bad = Cli.run(args(dir, "tcf3", "theory", "hierarchy", "--server-cost", "0",
        "--link-cost", "0", "--out", dir.resolve("never").toString()));
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--link-cost plus server-cost must be positive"), bad.err());
  }

  @Test
  void theGroupHasHelpAndRejectsUnknownCommands() {
    Cli.Run group = Cli.run("theory");
    assertEquals(2, group.code());
    for (String c : List.of("bound", "capacity", "hierarchy", "offloading-value", "violations")) {
      assertTrue(group.out().contains("theory " + c), c);
    }
    Cli.Run help = Cli.run("theory", "offloading-value", "--help");
    assertEquals(0, help.code());
    String h = help.out().replaceAll("\\s+", " ");
    assertTrue(h.contains("(default: scale-free; key foglab.theory.offloading-value.topology)"), h);
    assertTrue(h.contains("--max-cost-grid"), h);
    Cli.Run unknown = Cli.run("theory", "loss");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown theory command 'loss'"), unknown.err());
    Cli.Run missing = Cli.run("theory", "hierarchy");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--out (foglab.theory.hierarchy.out) is required"), missing.err());
  }
}
