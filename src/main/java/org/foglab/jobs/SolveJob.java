package org.foglab.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.Settings;
import org.foglab.tables.Json;
import org.foglab.config.SolveConfig;
import org.foglab.network.TableFormat;
import org.foglab.network.TraceReader;
import org.foglab.optimize.DistributedClosedForm;
import org.foglab.optimize.SolveMethod;
import org.foglab.optimize.SolveSummary;

/** {@code solve}: each device's optimal data movement for a trace, as a Spark job. */
public final class SolveJob implements Job<SolveConfig> {
  private static final String S = "foglab.solve.";

  private static final CommandSpec SPEC = new CommandSpec("solve",
      "Solve each device's optimal data movement for a trace (closed form, Theorem 3).",
      "Reads a trace (CSV or Parquet, model.md), validates every row (errors name the file, line "
          + "and column), and writes <out>/plan (src,t,dst,amount: dst = src processed locally, "
          + "another device offloaded and processed there next slot, empty discarded) and "
          + "<out>/summary.json (cost components, unit cost, fractions, method, status, certified "
          + "gap, capacity violations). The closed form sends every datapoint to its cheapest "
          + "outlet; it is optimal when no capacity binds, and when one does the status is "
          + "capacity-violated with the violations' count and size (its cost is then a lower bound).",
      List.of(
          OptionSpec.string("trace", S + "trace", "DIR", "trace directory"),
          OptionSpec.string("out", S + "out", "DIR", "output directory"),
          OptionSpec.choice("format", S + "format", TableFormat.class, "plan format"),
          OptionSpec.choice("method", S + "method", SolveMethod.class, "solver"),
          OptionSpec.bool("overwrite", S + "overwrite", "replace an existing output directory"),
          OptionSpec.integer("partitions", S + "partitions", "P", "Spark partitions; 0 = automatic")),
      List.of("jobs/foglab solve --trace out/sf --out out/sf-plan",
          "jobs/foglab solve --trace my-trace --out out/plan --format parquet --overwrite true"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public SolveConfig configure(Settings root) {
    return SolveConfig.read(root);
  }

  @Override
  public void run(SolveConfig config, JobContext ctx) {
    Progress progress = ctx.progress();
    SparkSession spark = ctx.spark();
    progress.say("Spark " + spark.version() + " started, master " + spark.sparkContext().master());
    try (OutputDirectory out = OutputDirectory.open(config.output().dir(), config.output().overwrite(),
        ctx.run().runId(), spark.sparkContext().hadoopConfiguration(), "--out")) {
      progress.say("reading and validating " + config.trace());
      TraceReader.Tables trace = TraceReader.read(spark, config.trace());
      progress.say("trace valid: horizon " + trace.horizon() + " slots; solving with "
          + config.method().configName());
      DistributedClosedForm.Result result = DistributedClosedForm.solve(trace.devices(),
          trace.links(), trace.horizon(), config.partitions());
      progress.say("solved: " + result.summary().status().configName());
      long rows = TableIo.write(result.plan(), out.path("plan"), config.output().format());
      SolveSummary s = result.summary();
      Map<String, Object> json = new LinkedHashMap<>(s.toJson());
      json.put("trace", config.trace());
      json.put("horizon", trace.horizon());
      json.put("plan_rows", rows);
      json.put("run_id", ctx.run().runId());
      json.put("git_commit", ctx.run().gitCommit());
      out.writeText("summary.json", Json.write(json));
      out.commit();
      progress.say("wrote " + rows + " plan rows");
      ctx.out().println(describe(s, out.target().toString()));
    }
  }

  static String describe(SolveSummary s, String where) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "plan written to %s%n", where));
    b.append(String.format(Locale.ROOT,
        "method %s, status %s; cost %.6g (process %.6g, transfer %.6g, discard %.6g), unit cost %.6g%n",
        s.method().configName(), s.status().configName(), s.totalCost(), s.processCost(),
        s.transferCost(), s.discardCost(), s.unitCost()));
    b.append(String.format(Locale.ROOT, "data %.6g: kept %.2f%%, offloaded %.2f%%, discarded %.2f%%%n",
        s.totalData(), 100 * s.keptFraction(), 100 * s.offloadedFraction(),
        100 * s.discardedFraction()));
    if (s.violations().any()) {
      b.append(String.format(Locale.ROOT,
          "capacities bind: the closed-form plan exceeds %d device-slot capacities by %.6g in all "
              + "(largest %.6g) and %d link capacities by %.6g (largest %.6g); it is not feasible, "
              + "and its cost %.6g is a lower bound on the capacitated optimum%n",
          s.violations().nodeSlots(), s.violations().nodeExcess(), s.violations().maxNodeExcess(),
          s.violations().links(), s.violations().linkExcess(), s.violations().maxLinkExcess(),
          s.totalCost()));
    } else {
      b.append("no capacity binds: the plan is optimal (gap 0)\n");
    }
    return b.toString();
  }
}
