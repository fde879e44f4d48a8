package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;
import org.foglab.optimize.ClosedForm;
import org.foglab.optimize.Plan;
import org.foglab.optimize.PlanEvaluation;
import org.foglab.optimize.convex.BarrierReference;
import org.foglab.optimize.exact.ExactSolver;
import org.foglab.optimize.lp.LpResult;
import org.foglab.optimize.lp.TraceLp;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.foglab.testutil.Specs;
import org.foglab.optimize.InMemorySolver;
import org.foglab.optimize.SolveMethod;
import org.foglab.optimize.SolveSummary;
import org.foglab.optimize.ErrorModel;
import org.foglab.config.SolveOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** solve's methods, error models and capacity sources end to end through the command line. */
class SolveMethodsJobTest {
  @TempDir
  Path dir;

  /** A small random trace whose node capacities bind (U(0, 0.5 Dmax)). */
  private static final Map<String, Object> BINDING = Map.of("topology", "random", "devices", 8,
      "slots", 4, "link-probability", 0.5, "capacities.node-factor", 0.5, "seed", 3);

  private Path generate(String name, Map<String, Object> spec) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("generate", "--out", out.toString(),
        "--graph-stats", "false"));
    for (Map.Entry<String, Object> e : spec.entrySet()) {
      args.add(e.getKey().equals("seed") ? "--seed" : "--set");
      args.add(e.getKey().equals("seed") ? String.valueOf(e.getValue())
          : "foglab.generate." + e.getKey() + "=" + e.getValue());
    }
    Cli.Run g = Cli.run(args.toArray(new String[0]));
    assertEquals(0, g.code(), g.err());
    return out;
  }

  private Map<String, Object> solve(Path trace, String out, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("solve", "--trace", trace.toString(), "--out",
        dir.resolve(out).toString()));
    args.addAll(List.of(options));
    Cli.Run s = Cli.run(args.toArray(new String[0]));
    assertEquals(0, s.code(), s.err());
    return Json.readMap(Files.readString(dir.resolve(out).resolve("summary.json")));
  }

  private static double cost(Map<String, Object> summary) {
    return ((Number) ((Map<?, ?>) summary.get("cost")).get("total")).doubleValue();
  }

  private static double num(Map<?, ?> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  /** The written plan table as a plan of the in-memory trace. */
  private Plan planOf(String out, Trace tr) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < tr.devices(); i++) {
      index.put(tr.deviceId(i), i);
    }
    double[] kept = new double[tr.deviceSlots()];
    double[] discarded = new double[tr.deviceSlots()];
    double[] offloaded = new double[tr.links()];
    List<Row> rows = SparkTestSession.get().read().option("header", "true")
        .schema("src string, t int, dst string, amount double")
        .csv(dir.resolve(out).resolve("plan").toString()).collectAsList();
    for (Row r : rows) {
      int k = tr.index(index.get(r.getString(0)), r.getInt(1));
      if (r.isNullAt(2)) {
        discarded[k] += r.getDouble(3);
      } else if (r.getString(2).equals(r.getString(0))) {
        kept[k] += r.getDouble(3);
      } else {
        int j = index.get(r.getString(2));
        boolean found = false;
        for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
          if (tr.linkDst(e) == j) {
            offloaded[e] += r.getDouble(3);
            found = true;
          }
        }
        assertTrue(found, "plan row over a link the trace does not have: " + r);
      }
    }
    return new Plan(tr, kept, discarded, offloaded);
  }

  @Test
  void exactMatchesTheLpOracleAndAutoSwitchesToItWhenCapacitiesBind() throws Exception {
    Path trace = generate("binding", BINDING);
    Trace tr = TraceGenerator.generate(Specs.trace(BINDING));
    assertTrue(PlanEvaluation.of(ClosedForm.solve(tr)).capacity().any(), "capacities bind");
    LpResult lp = TraceLp.solve(tr);
    assertTrue(lp.optimal(), lp.solverState());

    Map<String, Object> exact = solve(trace, "exact", "--method", "exact");
    assertEquals("exact", exact.get("method"));
    assertEquals("optimal", exact.get("status"));
    assertTrue(num(exact, "gap") <= 1e-6, "gap " + exact.get("gap"));
    assertEquals(lp.objective(), cost(exact), 1e-6 * lp.objective(), "ojAlgo's LP optimum");
    Map<?, ?> details = (Map<?, ?>) exact.get("exact");
    assertTrue(num(details, "bound") <= cost(exact) + 1e-9 * cost(exact));
    assertTrue(num(details, "searches") > 0);
    assertEquals(0, num((Map<?, ?>) exact.get("capacity_violations"), "node_slots"));
    PlanEvaluation written = PlanEvaluation.of(planOf("exact", tr));
    assertTrue(written.isFeasible(), "the written plan is feasible: " + written);
    assertEquals(lp.objective(), written.totalCost(), 1e-6 * lp.objective());

    Map<String, Object> auto = solve(trace, "auto");
    assertEquals("auto", auto.get("requested_method"));
    assertEquals("exact", auto.get("method"));
    assertEquals("exact", ((Map<?, ?>) auto.get("auto")).get("chose"));
    assertEquals(cost(exact), cost(auto), 1e-9 * cost(exact));
    // Sweeps and train solve in memory: the same auto policy picks the same method and cost.
    SolveSummary mem = inMemoryAuto(tr);
    assertEquals(SolveMethod.EXACT, mem.method());
    assertEquals(cost(auto), mem.totalCost(), 1e-9 * cost(auto));
  }

  private static SolveSummary inMemoryAuto(Trace tr) {
    return InMemorySolver.solve(tr, new SolveOptions(SolveMethod.AUTO, ErrorModel.LINEAR, null,
        1, SolveOptions.DEFAULT_GAP_TOLERANCE)).summary();
  }

  @Test
  void autoKeepsTheClosedFormWhenNothingBinds() throws Exception {
    Map<String, Object> spec = Map.of("topology", "random", "devices", 8, "slots", 4,
        "capacities.enabled", false, "seed", 5);
    Map<String, Object> s = solve(generate("free", spec), "free-plan");
    assertEquals("closed-form", s.get("method"));
    assertEquals("auto", s.get("requested_method"));
    assertEquals("optimal", s.get("status"));
    assertEquals(0.0, num(s, "gap"));
    assertNull(s.get("exact"), "the exact solver did not run");
    assertEquals("closed-form", ((Map<?, ?>) s.get("auto")).get("chose"));
    double want = PlanEvaluation.of(ClosedForm.solve(TraceGenerator.generate(Specs.trace(spec))))
        .totalCost();
    assertEquals(want, cost(s), 1e-9 * want);
    SolveSummary mem = inMemoryAuto(TraceGenerator.generate(Specs.trace(spec)));
    assertEquals(SolveMethod.CLOSED_FORM, mem.method(), "the in-memory path decides alike");
    assertEquals(want, mem.totalCost(), 1e-9 * want);
  }

  @Test
  void sqrtErrorModelMatchesTheBarrierReference() throws Exception {
    Map<String, Object> spec = Map.of("topology", "full", "devices", 3, "slots", 2,
        "data.total", 60, "costs.discard.min", 1, "costs.discard.max", 20,
        "capacities.node-factor", 1, "seed", 2);
    Trace tr = TraceGenerator.generate(Specs.trace(spec));
    BarrierReference ref = new BarrierReference(tr);
    double want = ref.objective(ref.solve());
    Map<String, Object> s = solve(generate("sqrt", spec), "sqrt-plan", "--error", "sqrt");
    assertEquals("sqrt", s.get("error_model"));
    assertEquals("exact", s.get("method"));
    assertEquals("optimal", s.get("status"));
    assertTrue(num(s, "gap") <= 1e-6, "gap " + s.get("gap"));
    assertEquals(want, cost(s), 1e-6 * want, "interior-point reference");
    assertTrue(num((Map<?, ?>) s.get("exact"), "iterations") >= 1);
    assertTrue(PlanEvaluation.of(planOf("sqrt-plan", tr)).isFeasible());
  }

  /** Table III through solve and through a sweep, against the library's in-memory plans. */
  @Test
  void settingsAtoDThroughSolveAndSweep() throws Exception {
    Map<String, Object> spec = Map.of("topology", "full", "devices", 5, "slots", 12, "seed", 4);
    Trace real = TraceGenerator.generate(Specs.trace(spec));
    Path trace = generate("t3", spec);
    Map<String, Double> realised = new HashMap<>();
    for (String setting : List.of("A", "B", "C", "D")) {
      PlanEvaluation want = PlanEvaluation.of(org.foglab.optimize.ImperfectInformation.plan(real,
          org.foglab.optimize.InformationSetting.valueOf(setting), 3, ClosedForm::solve,
          t -> ExactSolver.builder().build().solve(t).plan()));
      Map<String, Object> s = solve(trace, "setting-" + setting, "--setting", setting,
          "--intervals", "3");
      String what = "setting " + setting;
      assertEquals(want.totalCost(), cost(s), 1e-9 * want.totalCost(), what);
      Map<?, ?> v = (Map<?, ?>) s.get("capacity_violations");
      assertEquals(want.capacity().nodeSlots(), num(v, "node_slots"), what);
      assertEquals(want.capacity().links(), num(v, "links"), what);
      if (want.capacity().any()) {
        assertEquals("capacity-violated", s.get("status"), what);
        assertNull(s.get("gap"), what);
      } else {
        assertTrue(List.of("feasible", "optimal").contains(s.get("status")), what);
      }
      Map<?, ?> d = (Map<?, ?>) s.get("setting");
      assertEquals(setting, d.get("setting"));
      assertTrue(cost(s) >= num(s, "lower_bound") - 1e-9 * cost(s), what);
      realised.put(setting, cost(s));
    }
    assertEquals(0.0, num(Json.readMap(Files.readString(dir.resolve("setting-A/summary.json"))),
        "offloaded_fraction"));
    assertEquals("exact", Json.readMap(Files.readString(dir.resolve("setting-D/summary.json")))
        .get("method"));
    assertTrue(realised.get("B") < realised.get("A"), "moving data beats moving none");

    Path sweep = dir.resolve("table3.conf");
    Files.writeString(sweep, "sweep { name = t3, table = runs,\n"
        + " settings { generate { topology = full, devices = 5, slots = 12 }, solve.intervals = 3 }\n"
        + " grid { solve.setting = [A, B, C, D], seed = [4] } }\n");
    Cli.Run r = Cli.run("--set", "foglab.warehouse.path=" + dir.resolve("wh"), "--set",
        "foglab.warehouse.catalog=smt3", "sweep", "--spec", sweep.toString());
    assertEquals(0, r.code(), r.err());
    List<Row> rows = SparkTestSession.get().sql("SELECT setting, total_cost, method_used, "
        + "intervals, planned_cost FROM smt3.results.runs ORDER BY setting").collectAsList();
    assertEquals(4, rows.size());
    for (Row row : rows) {
      String setting = row.getString(0);
      assertEquals(realised.get(setting), row.getDouble(1), 1e-9 * realised.get(setting), setting);
      assertEquals(setting.equals("A") ? null : setting.equals("D") ? "exact" : "closed-form",
          row.isNullAt(2) ? null : row.getString(2));
      assertEquals(setting.equals("C") || setting.equals("D") ? Integer.valueOf(3) : null,
          row.isNullAt(3) ? null : row.getInt(3));
      assertFalse(row.isNullAt(4));
    }
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("setting") && l.contains("unit_cost")),
        "the results view groups by setting: " + r.out());
  }

  /** Sweeps carry the method and error model into the table. */
  @Test
  void sweepsSelectMethodAndErrorModel() throws Exception {
    Path spec = dir.resolve("m.conf");
    Files.writeString(spec, "sweep { name = m, table = runs,\n"
        + " settings { generate { topology = random, devices = 8, slots = 4, link-probability = 0.5,"
        + " capacities.node-factor = 0.5 } }\n"
        + " grid { solve.method = [closed-form, exact], seed = [3] } }\n");
    Path sqrt = dir.resolve("s.conf");
    Files.writeString(sqrt, "sweep { name = s, table = runs,\n"
        + " settings { generate { topology = full, devices = 3, slots = 2, data.total = 60 },"
        + " solve.method = exact }\n"
        + " grid { solve.error = [linear, sqrt], seed = [2] } }\n");
    String[] wh = {"--set", "foglab.warehouse.path=" + dir.resolve("wh"), "--set",
        "foglab.warehouse.catalog=smm"};
    for (Path p : List.of(spec, sqrt)) {
      Cli.Run r = Cli.run(wh[0], wh[1], wh[2], wh[3], "sweep", "--spec", p.toString(), "--show",
          "false");
      assertEquals(0, r.code(), r.err());
    }
    Trace tr = TraceGenerator.generate(Specs.trace(BINDING));
    double exact = ExactSolver.builder().build().solve(tr).primal();
    double closed = PlanEvaluation.of(ClosedForm.solve(tr)).totalCost();
    List<Row> rows = SparkTestSession.get().sql("SELECT sweep, method, method_used, error_model, "
        + "status, total_cost, gap, searches FROM smm.results.runs ORDER BY sweep, method, "
        + "error_model").collectAsList();
    assertEquals(4, rows.size());
    Row cf = rows.get(0);
    assertEquals("closed-form", cf.getString(2));
    assertEquals("capacity-violated", cf.getString(4));
    assertEquals(closed, cf.getDouble(5), 1e-9 * closed);
    Row ex = rows.get(1);
    assertEquals("exact", ex.getString(2));
    assertEquals("optimal", ex.getString(4));
    assertEquals(exact, ex.getDouble(5), 1e-9 * exact);
    assertTrue(ex.getDouble(6) <= 1e-6 && ex.getLong(7) > 0);
    assertEquals("linear", rows.get(2).getString(3));
    assertEquals("sqrt", rows.get(3).getString(3));
    assertEquals("optimal", rows.get(3).getString(4));
  }

  /** Theorem 2 capacities: written by generate, derived again by solve. */
  @Test
  void stragglerCapacitiesThroughGenerateAndSolve() throws Exception {
    Map<String, Object> spec = Map.of("topology", "random", "devices", 6, "slots", 3,
        "link-probability", 0.6, "capacities.model", "straggler", "capacities.service-rate.min", 2,
        "capacities.service-rate.max", 40, "capacities.wait-bound", 0.5, "seed", 7);
    Path trace = generate("straggler", spec);
    List<Row> devices = SparkTestSession.get().read().option("header", "true")
        .schema("device string, t int, data double, capacity double, process_cost double, "
            + "discard_cost double, service_rate double")
        .csv(trace.resolve("devices").toString()).collectAsList();
    assertEquals(18, devices.size());
    Map<String, Double> perDevice = new HashMap<>();
    for (Row r : devices) {
      double mu = r.getDouble(6);
      assertTrue(mu >= 2 && mu <= 40, "mu " + mu);
      double want = org.foglab.cost.StragglerCapacity.capacity(mu, 0.5);
      assertEquals(want, r.getDouble(3), 1e-12 * want, "C = Theorem 2 capacity of mu");
      Double before = perDevice.put(r.getString(0), r.getDouble(3));
      assertTrue(before == null || before == r.getDouble(3), "time-invariant per device");
    }
    // Solve re-derives the capacities for another wait bound: as if generated with it.
    Map<String, Object> other = new HashMap<>(spec);
    other.put("capacities.wait-bound", 2.0);
    Trace tr = TraceGenerator.generate(Specs.trace(other));
    double want = ExactSolver.builder().build().solve(tr).primal();
    Map<String, Object> s = solve(trace, "straggler-plan", "--capacity-model", "straggler",
        "--wait-bound", "2", "--method", "exact");
    assertEquals("optimal", s.get("status"));
    assertEquals(want, cost(s), 1e-9 * want);
    assertEquals(2.0, num((Map<?, ?>) s.get("capacities"), "wait_bound"));

    Path plain = generate("plain", Map.of("devices", 3, "slots", 2));
    Path out = dir.resolve("never");
    Cli.Run r = Cli.run("solve", "--trace", plain.toString(), "--out", out.toString(),
        "--capacity-model", "straggler");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("column service_rate: the devices table has no service_rate "
        + "column"), r.err());
    assertFalse(Files.exists(out));
    Path bad = dir.resolve("bad-mu");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("devices.csv"), "device,t,data,capacity,process_cost,"
        + "discard_cost,service_rate\na,1,1,,0.1,0.2,3\nb,1,1,,0.1,0.2,x\n");
    Cli.Run m = Cli.run("solve", "--trace", bad.toString(), "--out", out.toString(),
        "--capacity-model", "straggler");
    assertEquals(3, m.code(), m.err());
    assertTrue(m.err().contains("devices.csv line 3, column service_rate: \"x\" is not a number"),
        m.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void badOptionsExitTwoWithOneSentenceAndWriteNothing() throws Exception {
    Path trace = generate("small", Map.of("devices", 3, "slots", 4, "seed", 1));
    Path out = dir.resolve("nothing");
    String[][] cases = {
        {"--method closed-form --error sqrt", "--error sqrt has no closed form"},
        {"--setting B --method exact", "--setting B fixes the solver"},
        {"--setting C --error sqrt", "--setting C is a Table III setting of the linear error model"},
        {"--intervals 0", "--intervals must be an integer in [1, "},
        {"--setting C --intervals 5", "--intervals must be at most the horizon of 4 slots"},
        {"--gap-tolerance 0", "--gap-tolerance must be a number in ["},
        {"--wait-bound -1", "--wait-bound must be a number in [0, "},
        {"--capacity-model queue", "--capacity-model must be trace or straggler"},
        {"--setting E", "--setting must be A, B, C or D"},
        {"--error sqrt --set foglab.solve.in-memory-limit=10",
            "--error sqrt runs in the driver's memory and takes traces of at most 10 rows"},
    };
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of("solve", "--trace", trace.toString(), "--out",
          out.toString()));
      args.addAll(List.of(c[0].split(" ")));
      Cli.Run r = Cli.run(args.toArray(new String[0]));
      assertEquals(2, r.code(), c[0] + ": " + r.err());
      List<String> errors = r.err().strip().lines().filter(l -> l.startsWith("foglab ")).toList();
      assertEquals(1, errors.size(), c[0] + ": " + r.err());
      assertTrue(errors.get(0).contains(c[1]), c[0] + ": " + r.err());
      assertFalse(Files.exists(out), c[0]);
    }
    String[][] generateCases = {
        {"--capacity-model straggler --capacities false",
            "--capacity-model straggler draws finite capacities"},
        {"--service-rate-min 5 --service-rate-max 1",
            "--service-rate-max must be at least capacities.service-rate.min (5), got 1"},
        {"--capacity-model bursty", "--capacity-model must be uniform or straggler"},
    };
    for (String[] c : generateCases) {
      List<String> args = new ArrayList<>(List.of("generate", "--out", out.toString()));
      args.addAll(List.of(c[0].split(" ")));
      Cli.Run r = Cli.run(args.toArray(new String[0]));
      assertEquals(2, r.code(), c[0] + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), c[0] + ": " + r.err());
      assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
      assertFalse(Files.exists(out), c[0]);
    }
  }

  /** The exact and in-memory paths check keys themselves; errors still name file and line. */
  @Test
  void keyErrorsAreLocatedOnEveryPath() throws Exception {
    String devices = "device,t,data,capacity,process_cost,discard_cost\n"
        + "a,1,5,1,0.5,0.9\nb,1,3,,0.2,0.9\na,2,4,10,0.5,0.9\nb,2,1,8,0.1,0.3\n";
    String links = "src,dst,t,capacity,cost\na,b,1,2.5,0.01\nb,a,1,,0.02\n";
    String[][] cases = {
        {devices + "b,1,1,1,0.1,0.1\n", links,
            "devices.csv line 6, column t: duplicate device-slot (device b, t 1), first at line/row 3"},
        {devices, links + "a,b,1,1,0.1\n",
            "links.csv line 4, column t: duplicate link (src a, dst b, t 1), first at line/row 2"},
        {devices, links + "z,a,2,1,0.1\n", "links.csv line 4, column src: unknown device z"},
    };
    int i = 0;
    for (String[] c : cases) {
      Path trace = dir.resolve("k" + i++);
      Files.createDirectories(trace);
      Files.writeString(trace.resolve("devices.csv"), c[0]);
      Files.writeString(trace.resolve("links.csv"), c[1]);
      for (String[] options : new String[][] {{"--method", "exact"}, {"--error", "sqrt"},
          {"--setting", "D", "--intervals", "2"}}) {
        Path out = dir.resolve("ko");
        List<String> args = new ArrayList<>(List.of("solve", "--trace", trace.toString(), "--out",
            out.toString()));
        args.addAll(List.of(options));
        Cli.Run r = Cli.run(args.toArray(new String[0]));
        assertEquals(3, r.code(), String.join(" ", options) + ": " + r.err());
        assertTrue(r.err().contains(c[2]), String.join(" ", options) + ": " + r.err());
        assertFalse(Files.exists(out));
      }
    }
  }

  @Test
  void benchExactWritesItsFigures() throws Exception {
    Path work = dir.resolve("bench");
    Cli.Run r = Cli.run("bench", "exact", "--devices", "40", "--slots", "6", "--attach", "2",
        "--partitions", "2", "--work-dir", work.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Object> b = Json.readMap(Files.readString(work.resolve("bench.json")));
    assertEquals("optimal", b.get("status"));
    assertTrue(num(b, "gap") <= 1e-6);
    assertEquals(240, num(b, "device_rows"));
    assertEquals(2, num(b, "blocks"));
    assertTrue(num(b, "peak_heap_gb") > 0 && num(b, "solve_seconds") > 0);
    assertEquals(false, b.get("input_cached"));
    // O(blocks): the block ranges, one window's counters, two blocks' sums.
    assertTrue(num(b, "driver_state_bytes") > 0 && num(b, "driver_state_bytes") < 20_000);
    assertTrue(num(b, "command_seconds") >= num(b, "solve_seconds"));
    assertTrue(r.out().contains("spark exact (2 blocks)"), r.out());
  }
}
