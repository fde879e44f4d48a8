package org.foglab.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.foglab.FoglabError;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.CapacitySource;
import org.foglab.config.ConfigError;
import org.foglab.config.Settings;
import org.foglab.config.SolveConfig;
import org.foglab.config.SolveSettings;
import org.foglab.config.SolveOptions;
import org.foglab.network.StragglerCapacities;
import org.foglab.network.TableFormat;
import org.foglab.network.Trace;
import org.foglab.network.TraceCollector;
import org.foglab.network.TraceProblem;
import org.foglab.network.TraceReader;
import org.foglab.optimize.AutoPolicy;
import org.foglab.optimize.CapacityViolations;
import org.foglab.optimize.DistributedClosedForm;
import org.foglab.optimize.ErrorModel;
import org.foglab.optimize.InMemorySolver;
import org.foglab.optimize.InformationSetting;
import org.foglab.optimize.PlanTable;
import org.foglab.optimize.SolveMethod;
import org.foglab.optimize.SolveStatus;
import org.foglab.optimize.SolveSummary;
import org.foglab.optimize.exact.DistributedExactResult;
import org.foglab.optimize.exact.DistributedExactSolver;
import org.foglab.tables.Json;

/**
 * {@code solve}: the optimal data movement of a trace. The closed form (Theorem 3) and the exact
 * linear solver run as Spark jobs at any size; the sqrt error model (Lemma 1) and the Table III
 * settings run in the driver's memory, for traces up to {@code foglab.solve.in-memory-limit} rows
 * (devices + links; {@link #DEFAULT_IN_MEMORY_LIMIT} by default), and refuse larger ones.
 */
public final class SolveJob implements Job<SolveConfig> {

  /**
   * Default of {@code foglab.solve.in-memory-limit}: the largest trace (device rows + link rows)
   * the sqrt error model and the Table III settings take in the driver's memory. The issue's
   * 10,000-device x 100-slot scale-free trace (10.97 million rows) fits.
   */
  public static final long DEFAULT_IN_MEMORY_LIMIT = 12_000_000L;

  private static final CommandSpec SPEC = new CommandSpec("solve",
      "Solve a trace's optimal data movement: closed form, exact under capacities, or sqrt error.",
      "Reads a trace (CSV or Parquet, docs/formats.md), validates every row (errors name the file, line "
          + "and column), and writes <out>/plan (src,t,dst,amount: dst = src processed locally, "
          + "another device offloaded and processed there next slot, empty discarded) and "
          + "<out>/summary.json (method, status, cost components, unit cost, fractions, the "
          + "certified lower bound and gap, capacity violations, and what the exact solver did). "
          + "--method closed-form is Theorem 3: every datapoint to its cheapest outlet, optimal "
          + "when no capacity binds (else the status is capacity-violated). --method exact solves "
          + "the capacitated problem exactly on Spark (successive shortest paths in parallel time "
          + "blocks) and certifies the gap with a dual bound. --method auto (the default) runs the "
          + "closed form and switches to exact only if a capacity binds. --error sqrt uses Lemma "
          + "1's error cost f/sqrt(G) (certified, in the driver's memory: traces up to "
          + "--in-memory-limit rows). --setting A|B|C|D "
          + "plans as Table III's settings (A no movement; B perfect information, capacities "
          + "ignored; C previous interval's averages, capacities ignored; D averages, capacities "
          + "enforced by the exact solver) and reports the cost and capacity violations the plan "
          + "realises on the trace (in memory, up to --in-memory-limit rows). --capacity-model "
          + "straggler replaces the capacities by Theorem 2's, from the devices' service_rate "
          + "column and --wait-bound.",
      OptionSpec.of(SolveSettings.TRACE, SolveSettings.OUT, SolveSettings.FORMAT,
          SolveSettings.METHOD, SolveSettings.ERROR, SolveSettings.SETTING,
          SolveSettings.INTERVALS, SolveSettings.GAP_TOLERANCE, SolveSettings.CAPACITY_MODEL,
          SolveSettings.WAIT_BOUND, SolveSettings.OVERWRITE, SolveSettings.PARTITIONS,
          SolveSettings.VALIDATION, SolveSettings.BROADCAST_LIMIT, SolveSettings.IN_MEMORY_LIMIT),
      List.of("jobs/foglab solve --trace out/sf --out out/sf-plan",
          "jobs/foglab solve --trace out/sf --out out/sf-exact --method exact",
          "jobs/foglab solve --trace out/small --out out/small-sqrt --error sqrt",
          "jobs/foglab solve --trace out/full10 --out out/table3-d --setting D --intervals 10",
          "jobs/foglab solve --trace out/straggler --out out/plan --capacity-model straggler --wait-bound 0.5",
          "jobs/foglab solve --trace my-trace --out out/plan --format parquet --overwrite true"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public SolveConfig configure(Settings root) {
    SolveConfig c = SolveConfig.read(root);
    InputPaths.directory(c.trace(), "--trace", "trace");
    OutputDirectory.check(c.output().dir(), c.output().overwrite(), "--out", inputs(c));
    return c;
  }

  private static Map<String, String> inputs(SolveConfig c) {
    return Map.of("--trace", c.trace());
  }

  @Override
  public void run(SolveConfig config, JobContext ctx) {
    Progress progress = ctx.progress();
    SparkSession spark = ctx.spark();
    SolveOptions o = config.options();
    progress.say("Spark " + spark.version() + " started, master " + spark.sparkContext().master());
    try (OutputDirectory out = OutputDirectory.open(config.output().dir(), config.output().overwrite(),
        ctx.run().runId(), spark.sparkContext().hadoopConfiguration(), "--out", inputs(config))) {
      boolean straggler = config.capacities() == CapacitySource.STRAGGLER;
      progress.say("reading and validating " + config.trace());
      boolean inMemory = o.setting() != null || o.error() == ErrorModel.SQRT;
      // The Spark closed form trusts its input's keys; the exact solver and the in-memory path
      // check keys as they go and report problems for the reader to locate.
      TraceReader.Checks checks = !inMemory && o.method() != SolveMethod.EXACT
          ? (config.trustGenerated() ? TraceReader.Checks.VERIFIED : TraceReader.Checks.FULL)
          : TraceReader.Checks.ROWS;
      TraceReader.Tables trace = TraceReader.read(spark, config.trace(), checks, straggler);
      if (trace.verified()) {
        progress.say("the trace's files match the checksums generate recorded: its rows and keys "
            + "are the generator's, valid by construction (--validation full re-checks them)");
      }
      o.checkIntervals(trace.horizon(), "--intervals");
      Dataset<Row> devices = straggler
          ? StragglerCapacities.derive(trace.devices(), config.waitBound()) : trace.devices();
      if (straggler) {
        progress.say("device capacities from service rates (Theorem 2, wait bound "
            + config.waitBound() + " slots)");
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      SolveSummary s;
      long rows;
      try {
        Solved solved = inMemory
            ? inMemory(spark, devices, trace, o, config.inMemoryLimit(), progress, extra)
            : onSpark(devices, trace, config, o, progress, extra);
        s = solved.summary;
        rows = solved.writer != null
            ? solved.writer.write(out.path("plan"), config.output().format())
            : TableIo.write(solved.plan, out.path("plan"), config.output().format());
        solved.release.run();
      } catch (Exception e) {
        TraceProblem problem = TraceProblem.Found.in(e);
        if (problem != null) {
          throw trace.locate(problem);
        }
        throw FoglabError.unwrap(e);
      }
      Map<String, Object> json = new LinkedHashMap<>(s.toJson());
      json.putAll(extra);
      if (straggler) {
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("model", "straggler");
        caps.put("wait_bound", config.waitBound());
        json.put("capacities", caps);
      }
      json.put("trace", config.trace());
      json.put("validation", trace.verified() ? "checksums matched generate's manifest"
          : checks == TraceReader.Checks.ROWS ? "rows; keys checked by the solver" : "full");
      json.put("horizon", trace.horizon());
      json.put("plan_rows", rows);
      json.put("run_id", ctx.run().runId());
      json.put("git_commit", ctx.run().gitCommit());
      out.writeText("summary.json", Json.write(json));
      out.commit();
      progress.say("wrote " + rows + " plan rows");
      ctx.out().print(describe(s, out.target().toString()));
    }
  }

  /** A plan to write (by its own writer when it has one), its summary, and what to release. */
  private record Solved(Dataset<Row> plan, SolveSummary summary, Runnable release,
      DistributedClosedForm.PlanWriter writer) {
    Solved(Dataset<Row> plan, SolveSummary summary, Runnable release) {
      this(plan, summary, release, null);
    }
  }

  /** The closed form and the exact linear solver, as Spark jobs. */
  private static Solved onSpark(Dataset<Row> devices, TraceReader.Tables trace, SolveConfig config,
      SolveOptions o, Progress progress, Map<String, Object> extra) {
    long t0 = System.nanoTime();
    Dataset<Row> links = trace.links();
    if (o.method() != SolveMethod.CLOSED_FORM) {
      // The exact solver reads the tables more than once (ids, then blocks).
      devices = devices.persist(StorageLevel.MEMORY_AND_DISK());
      links = links.persist(StorageLevel.MEMORY_AND_DISK());
    }
    Dataset<Row> dev = devices;
    Dataset<Row> lk = links;
    Runnable releaseTables = () -> {
      dev.unpersist(false);
      lk.unpersist(false);
    };
    if (o.method() != SolveMethod.EXACT) {
      progress.say("horizon " + trace.horizon() + " slots; closed form");
      // The broadcast path collects the devices table into the driver (about 48 bytes a row as
      // task results), which spark.driver.maxResultSize bounds (0: no bound).
      long maxResult = devices.sparkSession().sparkContext().getConf()
          .getSizeAsBytes("spark.driver.maxResultSize", "1g");
      boolean broadcast = trace.deviceRows() >= 0 && trace.deviceRows() <= config.broadcastLimit()
          && (maxResult <= 0 || trace.deviceRows() * 48 <= maxResult * 4 / 5);
      // Files that match generate's checksums hold the link rows trace.json counts.
      long knownLinks = trace.verified() && trace.metadata().get("links") instanceof Number n
          ? n.longValue() : -1;
      DistributedClosedForm.Result cf = DistributedClosedForm.solve(devices, links,
          trace.horizon(), config.partitions(), broadcast, knownLinks, progress::say);
      SolveSummary closed = cf.summary();
      AutoPolicy.Decision decision = AutoPolicy.decide(closed);
      if (o.method() == SolveMethod.AUTO) {
        extra.put("auto", AutoPolicy.report(closed));
      }
      if (o.method() == SolveMethod.CLOSED_FORM || !decision.exact()) {
        return new Solved(cf.plan(), closed.requestedAs(o.method(), seconds(t0)), () -> {
          cf.release();
          releaseTables.run();
        }, cf.writer());
      }
      progress.say(decision.because() + "; solving exactly");
      cf.release();
    }
    int blocks = config.partitions() > 0 ? Math.min(config.partitions(), trace.horizon())
        : Math.max(1, Math.min(trace.horizon(),
            devices.sparkSession().sparkContext().defaultParallelism()));
    progress.say("horizon " + trace.horizon() + " slots; exact solve in " + blocks
        + " time block(s)");
    DistributedExactResult r = DistributedExactSolver.builder().partitions(blocks)
        .gapTolerance(o.gapTolerance()).build().solve(devices, links, trace.horizon());
    SolveSummary s = SolveSummary.exact(r.summary(), r.summary().deviceSlots(),
        r.summary().links(), seconds(t0), o.gapTolerance());
    progress.say(String.format(Locale.ROOT, "exact: %s, gap %.2e, %d searches, %d window round(s)",
        s.status().configName(), s.gap(), s.exact().searches(), s.exact().windowRounds()));
    return new Solved(r.plan(), s.requestedAs(o.method(), seconds(t0)), () -> {
      r.release();
      releaseTables.run();
    });
  }

  /** The sqrt error model and the Table III settings, in the driver's memory. */
  private static Solved inMemory(SparkSession spark, Dataset<Row> devices,
      TraceReader.Tables trace, SolveOptions o, long limit, Progress progress,
      Map<String, Object> extra) {
    long deviceRows = devices.count();
    long linkRows = trace.links().count();
    if (deviceRows + linkRows > limit) {
      String what = o.setting() != null ? "--setting " + o.setting().configName()
          : "--error sqrt";
      String alternative = o.setting() != null
          ? "a shorter or smaller trace (generate --devices/--slots)"
          : "--error linear, which the exact solver handles at any size on Spark, or a smaller trace";
      throw new ConfigError(null, String.format(Locale.ROOT, "%s runs in the driver's memory and "
          + "takes traces of at most %,d rows (devices + links; --in-memory-limit); this trace has "
          + "%,d, so use %s", what, limit, deviceRows + linkRows, alternative));
    }
    progress.say(String.format(Locale.ROOT, "collecting %,d device rows and %,d link rows into "
        + "the driver", deviceRows, linkRows));
    Trace tr = TraceCollector.collect(devices, trace.links(), trace.horizon());
    progress.say(o.setting() != null ? "planning as Table III setting " + o.setting().configName()
        : "solving the sqrt error model (outer approximation, exact LPs)");
    InMemorySolver.Outcome r = InMemorySolver.solve(tr, o);
    if (r.closedForm() != null) {
      extra.put("auto", AutoPolicy.report(r.closedForm()));
    }
    return new Solved(PlanTable.of(spark, r.plan()), r.summary(), () -> { });
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static String describe(SolveSummary s, String where) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "plan written to %s%n", where));
    String method = s.method() == null ? "none (setting A moves nothing)" : s.method().configName();
    b.append(String.format(Locale.ROOT,
        "method %s (asked: %s), %s error, status %s; cost %.6g (process %.6g, transfer %.6g, %s %.6g), "
            + "unit cost %.6g%n", method, s.requested().configName(), s.error().configName(),
        s.status().configName(), s.totalCost(), s.processCost(), s.transferCost(),
        s.error() == ErrorModel.SQRT ? "error" : "discard", s.discardCost(), s.unitCost()));
    b.append(String.format(Locale.ROOT, "data %.6g: kept %.2f%%, offloaded %.2f%%, discarded %.2f%%%n",
        s.totalData(), 100 * s.keptFraction(), 100 * s.offloadedFraction(),
        100 * s.discardedFraction()));
    if (s.setting() != null) {
      b.append(String.format(Locale.ROOT, "setting %s%s: planned cost %.6g (%s), realised cost "
          + "%.6g%n", s.setting().setting().configName(), s.setting().setting().imperfect()
          ? " (" + s.setting().intervals() + " intervals)" : "", s.setting().plannedCost(),
          s.setting().plannedStatus().configName(), s.totalCost()));
    }
    if (s.exact() != null) {
      b.append(String.format(Locale.ROOT, "certified: lower bound %.10g, gap %.2e (tolerance %.0e); "
          + "%d searches%s in %.1f s%n", s.lowerBound(), s.gap(), s.exact().gapTolerance(),
          s.exact().searches(), s.exact().iterations() > 0
              ? ", " + s.exact().iterations() + " outer-approximation rounds"
              : s.exact().blocks() > 1 ? ", " + s.exact().blocks() + " time blocks, "
                  + s.exact().windowRounds() + " window round(s)" : "", s.exact().seconds()));
    }
    CapacityViolations v = s.violations();
    if (v.any()) {
      String intro = s.setting() != null ? "the realised plan exceeds"
          : "capacities bind: the closed-form plan exceeds";
      b.append(String.format(Locale.ROOT,
          "%s %d device-slot capacities by %.6g in all (largest %.6g) and %d link capacities by "
              + "%.6g (largest %.6g)%s%n", intro, v.nodeSlots(), v.nodeExcess(), v.maxNodeExcess(),
          v.links(), v.linkExcess(), v.maxLinkExcess(), s.setting() != null ? ""
              : String.format(Locale.ROOT, "; it is not feasible, and its cost %.6g is a lower "
                  + "bound on the capacitated optimum (solve with --method exact or auto)",
                  s.totalCost())));
    } else if (s.status() == SolveStatus.OPTIMAL && s.exact() == null && s.setting() == null) {
      b.append("no capacity binds: the plan is optimal (gap 0)\n");
    } else if (s.status() == SolveStatus.FEASIBLE) {
      b.append(String.format(Locale.ROOT, "feasible; %.2f%% above the uncapacitated optimum %.6g "
          + "of the trace%n", 100 * s.gap(), s.lowerBound()));
    }
    return b.toString();
  }
}
