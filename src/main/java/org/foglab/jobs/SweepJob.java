package org.foglab.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.Scenario;
import org.foglab.config.Settings;
import org.foglab.config.SweepConfig;
import org.foglab.config.SweepSpec;
import org.foglab.config.WarehouseSettings;
import org.foglab.optimize.ErrorModel;
import org.foglab.optimize.ScenarioResult;
import org.foglab.tables.ResultTable;
import org.foglab.tables.SweepTable;
import org.foglab.tables.LedgerTable;
import org.foglab.tables.TrainingTable;
import org.foglab.learning.TrainingExperiment;
import org.foglab.learning.federated.DeviceExecutor;
import org.apache.spark.sql.types.StructType;
import org.foglab.tables.TablePrinter;

/**
 * {@code sweep}: expands a grid of scenarios, solves them in parallel as Spark tasks (each
 * scenario generated and solved in one task's memory) and appends one row per scenario to an
 * Iceberg table, one atomic commit per batch. Scenarios already in the table are skipped, so a
 * rerun continues where a killed one stopped.
 */
public final class SweepJob implements Job<SweepConfig> {

  private static final CommandSpec SPEC = new CommandSpec("sweep",
      "Run a parameter sweep in parallel and append one row per scenario to a result table.",
      "Reads a sweep spec (HOCON: name, table, settings, grid; see jobs/quickstart.conf), "
          + "validates every scenario, skips those already in the table, and runs the rest as "
          + "Spark tasks (one scenario per task: trace generated and solved in memory). Each batch "
          + "of results is one atomic Iceberg commit, so a killed sweep leaves no partial rows and "
          + "a rerun continues where it stopped. Query the results with 'jobs/foglab sql'.",
      OptionSpec.of(org.foglab.config.SweepSettings.SPEC, org.foglab.config.SweepSettings.BATCH_SIZE,
          org.foglab.config.SweepSettings.SHOW, org.foglab.config.WarehouseSettings.PATH),
      List.of("jobs/foglab sweep --spec jobs/quickstart.conf",
          "jobs/foglab sweep --spec jobs/figure7.conf --master local[2]"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public SweepConfig configure(Settings root) {
    SweepConfig c = SweepConfig.read(root);
    long inMemoryLimit = root.get(org.foglab.config.SolveSettings.IN_MEMORY_LIMIT);
    Map<String, TrainingExperiment.Split> checked = new java.util.HashMap<>();
    Set<String> edgeFiles = new HashSet<>();
    for (Scenario s : c.spec().scenarios()) {
      checkEdges(c.spec().file(), s, edgeFiles);
      double size = ScenarioResult.estimatedLinkSlots(s);
      if (size > ScenarioResult.MAX_LINK_SLOTS) {
        throw new ConfigError(null, c.spec().file() + ", scenario " + s.grid() + ": about "
            + String.format(Locale.ROOT, "%.3g", size) + " link-slots, more than the "
            + ScenarioResult.MAX_LINK_SLOTS + " a sweep task solves in memory; use generate and "
            + "solve for network-scale traces");
      }
      double rows = size + (double) s.trace().network().devices() * s.trace().model().slots();
      if (s.train() != null) {
        checkTraining(c.spec().file(), s, checked);
        continue;
      }
      if (s.solve().error() == ErrorModel.SQRT && rows > inMemoryLimit) {
        throw new ConfigError(null, c.spec().file() + ", scenario " + s.grid() + ": about "
            + String.format(Locale.ROOT, "%.3g", rows) + " device and link rows, more than the "
            + String.format(Locale.ROOT, "%,d", inMemoryLimit) + " the sqrt error model solves "
            + "in memory (foglab.solve.in-memory-limit); use smaller scenarios or solve.error = "
            + "linear");
      }
    }
    return c;
  }

  /**
   * Reads each edge file a scenario names once (as the scenario's task will), so a bad edge file
   * fails before any scenario runs and no batch is committed.
   */
  private static void checkEdges(String file, Scenario s, Set<String> read) {
    var network = s.trace().network();
    if (network.edgesFile().isEmpty()) {
      return;
    }
    String path = network.edgesFile().get();
    if (!read.add(path + "\u0000" + network.directed())) {
      return;
    }
    try {
      org.foglab.network.EdgeList.read(path, network.directed());
    } catch (org.foglab.InputError e) {
      throw new org.foglab.InputError(file + ", scenario " + s.grid() + ": " + e.getMessage());
    }
  }

  /**
   * Reads each dataset of a training sweep once and checks that its model fits it, so a bad
   * dataset or model fails before anything runs.
   */
  private static void checkTraining(String file, Scenario s,
      Map<String, TrainingExperiment.Split> checked) {
    try {
      TrainingExperiment.Split split = checked.get(s.train().dataset());
      if (split == null) {
        split = TrainingExperiment.dataset(s.train().dataset(), s.train().seed());
        checked.put(s.train().dataset(), split);
      }
      TrainingExperiment.model(s.train(), split.train());
      org.foglab.data.DeviceData.uniformCounts(s.train().devices(), s.train().slots(),
          split.train().size(), s.train().seed());
      TrainingExperiment.check(s.train(), split);
    } catch (org.foglab.data.DatasetException e) {
      throw new org.foglab.InputError(file + ", scenario " + s.grid() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigError(null, file + ", scenario " + s.grid() + ": " + e.getMessage());
    }
  }

  @Override
  public void run(SweepConfig config, JobContext ctx) throws Exception {
    SweepSpec spec = config.spec();
    Progress progress = ctx.progress();
    SparkSession spark = ctx.spark();
    WarehouseSettings w = WarehouseSettings.read(ctx.settings());
    boolean training = spec.kind() == SweepSpec.Kind.TRAIN;
    StructType schema = training ? TrainingTable.SCHEMA : SweepTable.SCHEMA;
    ResultTable.ensure(spark, w, spec.table(), schema);
    String table = w.table(spec.table());
    Set<String> done = new HashSet<>();
    for (Row r : spark.sql("SELECT scenario_key FROM " + table + " WHERE sweep = '"
        + spec.name() + "'").collectAsList()) {
      done.add(r.getString(0));
    }
    List<Scenario> todo = new ArrayList<>();
    for (Scenario s : spec.scenarios()) {
      if (!done.contains(s.key())) {
        todo.add(s);
      }
    }
    int total = spec.scenarios().size();
    progress.say("sweep " + spec.name() + ": " + total + " scenarios, " + (total - todo.size())
        + " already in " + table + ", " + todo.size() + " to run");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (training) {
      int slots = config.batchSize() > 0 ? config.batchSize() : jsc.defaultParallelism();
      runTrainings(spec, todo, total, slots, jsc, w, table, ctx);
      finish(config, spec, spark, table, training, todo.size(), total, ctx);
      return;
    }
    int batch = config.batchSize() > 0 ? config.batchSize() : 4 * jsc.defaultParallelism();
    int finished = total - todo.size();
    for (int from = 0; from < todo.size(); from += batch) {
      List<Scenario> part = todo.subList(from, Math.min(todo.size(), from + batch));
      String group = "sweep-" + ctx.run().runId() + "-" + from;
      jsc.setJobGroup(group, "sweep " + spec.name() + " scenarios " + (from + 1) + ".."
          + (from + part.size()), false);
      List<Row> rows = new ArrayList<>();
      int before = finished;
      int size = part.size();
      // A batch commits at its end: say each scenario as its task finishes.
      try (TaskProgress tp = new TaskProgress(spark.sparkContext(), group, k -> {
        if (k < size) {
          progress.say(String.format(Locale.ROOT, "%d/%d scenarios run (%d of this batch of %d; "
              + "its rows are committed when the batch ends)", before + k, total, k, size));
        }
      })) {
        List<ScenarioResult> results = jsc.parallelize(new ArrayList<>(part), part.size())
            .map(ScenarioResult::run).collect();
        Instant now = Instant.now();
        for (ScenarioResult r : results) {
          rows.add(SweepTable.row(spec.name(), r, ctx.run(), now));
        }
      }
      jsc.clearJobGroup();
      // Keyed on (sweep, scenario_key): a second run of this sweep racing this one cannot store a
      // scenario twice; whichever commits second skips the rows the first stored.
      int attempts = ResultTable.appendNew(spark, w, spec.table(), rows, schema,
          List.of("sweep", "scenario_key"));
      if (attempts > 1) {
        progress.say("another run committed to " + table + " meanwhile; this batch was committed "
            + "again, without the scenarios that run had stored (" + attempts + " attempts)");
      }
      finished += part.size();
      progress.say(String.format(Locale.ROOT, "%d/%d scenarios in %s (batch of %d committed)",
          finished, total, table, part.size()));
    }
    finish(config, spec, spark, table, training, todo.size(), total, ctx);
  }

  private static void finish(SweepConfig config, SweepSpec spec, SparkSession spark,
      String table, boolean training, int ran, int total, JobContext ctx) {
    ctx.out().println("sweep " + spec.name() + ": " + total + " scenarios in " + table
        + " (" + ran + " run now, " + (total - ran) + " already there)");
    if (config.show()) {
      Dataset<Row> view = spark.sql(training ? trainingSummaryQuery(table, spec)
          : summaryQuery(table, spec));
      ctx.out().println("\n" + "mean over seeds; costs per datapoint (unit); query the table with: "
          + "jobs/foglab sql \"SELECT * FROM " + spec.table() + " WHERE sweep = '" + spec.name() + "'\"");
      TablePrinter.print(view.schema(), view.collectAsList(), TablePrinter.Style.TABLE, ctx.out());
    }
  }

  /**
   * Runs a training sweep's scenarios, {@code slots} at a time, each as its own one-task Spark
   * job started when a slot frees, and commits each scenario's rows as soon as it has trained: a
   * training scenario runs for minutes to hours, so a batch barrier would leave cores idle
   * behind its slowest scenario and a killed sweep would lose every finished scenario of the
   * batch. The scenario's devices train in the task's thread; its own progress lines (epochs,
   * passes) are passed on as executors report them. Each scenario is committed by the thread
   * that ran it, before that thread takes the next, so with {@code slots} at most the task slots
   * a commit never waits behind a training. When a scenario fails, the ones already running
   * finish and are committed, none starts after it, and its error ends the sweep.
   */
  private static void runTrainings(SweepSpec spec, List<Scenario> todo, int total, int slots,
      JavaSparkContext jsc, WarehouseSettings w, String table, JobContext ctx)
      throws Exception {
    Progress progress = ctx.progress();
    SparkSession spark = ctx.spark();
    if (todo.isEmpty()) {
      return;
    }
    String sweep = spec.name();
    String runId = ctx.run().runId();
    String commit = ctx.run().gitCommit();
    String ledgerTable = todo.get(0).train().ledger().table();
    ResultTable.ensure(spark, w, ledgerTable, LedgerTable.SCHEMA);
    int threads = Math.min(slots, todo.size());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        threads, r -> {
          Thread t = new Thread(r, "sweep-scenario");
          t.setDaemon(true);
          return t;
        });
    java.util.concurrent.atomic.AtomicReference<Throwable> failed =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicInteger finished =
        new java.util.concurrent.atomic.AtomicInteger(total - todo.size());
    Object commits = new Object();
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    try (TaskMessages messages = new TaskMessages(spark.sparkContext(), progress::say)) {
      TaskMessages.Latest lines = messages.accumulator();
      for (int i = 0; i < todo.size(); i++) {
        Scenario scenario = todo.get(i);
        String group = "sweep-" + runId + "-" + i;
        futures.add(pool.submit(() -> {
          if (failed.get() != null) {
            return; // not started: an earlier scenario failed
          }
          try {
            jsc.setJobGroup(group, "sweep " + sweep + " scenario " + scenario.grid(), true);
            TrainedRows t = jsc.parallelize(List.of(scenario), 1).map(sc -> {
              String label = "scenario " + sc.grid() + ": ";
              TrainingExperiment.Outcome o = TrainingExperiment.run(sc.train(),
                  DeviceExecutor.local(), m -> lines.add(label + m));
              return new TrainedRows(TrainingTable.row(sweep, sc.key(), o, runId, commit,
                  sc.settingsJson(), Instant.now()), LedgerTable.rows(runId, sweep, sc.key(),
                  sc.train().mode().configName(), o.result().ledger()));
            }).collect().get(0);
            // Committed by this thread before it takes the next scenario, so the commit's Spark
            // jobs get the task slot this scenario just freed (one queued behind the next
            // scenario's task would wait for a whole training). The ledger first: a scenario is
            // done when its trainings row exists (join on run_id).
            synchronized (commits) {
              ResultTable.append(spark, w, ledgerTable, t.ledger(), LedgerTable.SCHEMA);
              int attempts = ResultTable.appendNew(spark, w, spec.table(),
                  List.of(t.training()), TrainingTable.SCHEMA, List.of("sweep", "scenario_key"));
              if (attempts > 1) {
                progress.say("another run committed to " + table + " meanwhile; this scenario "
                    + "was committed again (" + attempts + " attempts)");
              }
              progress.say(String.format(Locale.ROOT, "%d/%d scenarios in %s",
                  finished.incrementAndGet(), total, table));
            }
          } catch (Throwable e) { // Spark's exceptions are checked ones thrown unchecked
            if (failed.compareAndSet(null, e)) {
              progress.say("a scenario failed; the scenarios already running finish and are "
                  + "committed, no other starts");
            }
          } finally {
            jsc.clearJobGroup();
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          failed.compareAndSet(null, e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Throwable cause = failed.get();
    if (cause instanceof Exception e) {
      throw e; // as the batch path would have thrown it, for the same one-sentence report
    }
    if (cause instanceof Error err) {
      throw err;
    }
  }

  /** Grid keys shown as columns of the results view. */
  static final Map<String, String> GRID_COLUMNS = new LinkedHashMap<>();

  static {
    GRID_COLUMNS.put("generate.topology", "topology");
    GRID_COLUMNS.put("generate.devices", "devices");
    GRID_COLUMNS.put("generate.slots", "slots");
    GRID_COLUMNS.put("generate.link-probability", "link_probability");
    GRID_COLUMNS.put("generate.neighbors", "neighbors");
    GRID_COLUMNS.put("generate.rewire", "rewire");
    GRID_COLUMNS.put("generate.attach", "attach");
    GRID_COLUMNS.put("generate.capacities.enabled", "capacities");
    GRID_COLUMNS.put("generate.costs.process.max", "process_cost_max");
    GRID_COLUMNS.put("generate.costs.discard.max", "discard_cost_max");
    GRID_COLUMNS.put("generate.costs.link.max", "link_cost_max");
    GRID_COLUMNS.put("generate.dynamics.active-probability", "active_probability");
    GRID_COLUMNS.put("generate.dynamics.link-up-probability", "link_up_probability");
    GRID_COLUMNS.put("generate.costs.time-invariant", "time_invariant_costs");
    GRID_COLUMNS.put("generate.capacities.node-factor", "node_capacity_factor");
    GRID_COLUMNS.put("generate.capacities.link-factor", "link_capacity_factor");
    GRID_COLUMNS.put("generate.capacities.model", "capacity_model");
    GRID_COLUMNS.put("generate.capacities.service-rate.min", "service_rate_min");
    GRID_COLUMNS.put("generate.capacities.service-rate.max", "service_rate_max");
    GRID_COLUMNS.put("generate.capacities.wait-bound", "wait_bound");
    GRID_COLUMNS.put("solve.method", "method");
    GRID_COLUMNS.put("solve.error", "error_model");
    GRID_COLUMNS.put("solve.setting", "setting");
    GRID_COLUMNS.put("solve.intervals", "intervals");
    GRID_COLUMNS.put("train.dataset", "dataset");
    GRID_COLUMNS.put("train.model", "model");
    GRID_COLUMNS.put("train.mode", "mode");
    GRID_COLUMNS.put("train.setting", "setting");
    GRID_COLUMNS.put("train.intervals", "intervals");
    GRID_COLUMNS.put("train.tau", "tau");
    GRID_COLUMNS.put("train.passes", "passes");
    GRID_COLUMNS.put("train.learning-rate", "learning_rate");
    GRID_COLUMNS.put("train.dirichlet-alpha", "dirichlet_alpha");
    GRID_COLUMNS.put("train.model", "model");
    GRID_COLUMNS.put("train.cut", "split_cut");
    GRID_COLUMNS.put("train.batch-size", "batch_size");
    GRID_COLUMNS.put("train.straggler-rate", "straggler_rate");
    GRID_COLUMNS.put("train.pipeline.suite", "pipeline_suite");
    GRID_COLUMNS.put("train.pipeline.micro-batches", "micro_batches");
    GRID_COLUMNS.put("train.pipeline.inference", "inference");
    GRID_COLUMNS.put("train.ledger.links", "link_model");
  }

  /**
   * A training scenario's row of the trainings table and its rows of the ledger table. A plain
   * class, not a record: Kryo cannot rebuild records.
   */
  static final class TrainedRows implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Row training;
    private final ArrayList<Row> ledger;

    TrainedRows(Row training, List<Row> ledger) {
      this.training = training;
      this.ledger = new ArrayList<>(ledger);
    }

    Row training() {
      return training;
    }

    List<Row> ledger() {
      return ledger;
    }
  }

  /** Mean learning and network results per grid point over seeds, for training sweeps. */
  static String trainingSummaryQuery(String table, SweepSpec spec) {
    java.util.Set<String> have = new java.util.HashSet<>(
        java.util.Arrays.asList(TrainingTable.SCHEMA.fieldNames()));
    List<String> cols = new ArrayList<>();
    for (String k : spec.gridKeys()) {
      String c = GRID_COLUMNS.get(k);
      if (c != null && have.contains(c) && !cols.contains(c)) {
        cols.add(c);
      }
    }
    String group = String.join(", ", cols);
    return "SELECT " + (group.isEmpty() ? "" : group + ", ")
        + "count(*) AS runs, avg(accuracy) AS accuracy, avg(loss) AS loss, "
        + "avg(unit_cost) AS unit_cost, avg(process_cost / collected) AS unit_process, "
        + "avg(transfer_cost / collected) AS unit_transfer, avg(discard_cost / collected) AS "
        + "unit_discard, avg(offloaded_fraction) AS offloaded, avg(discarded_fraction) AS "
        + "discarded, sum(node_violations + link_violations) AS violations, "
        + "avg(bytes_total) AS bytes, avg(simulated_seconds) AS simulated_s, "
        + "avg(energy_joules) AS joules "
        + "FROM " + table + " WHERE sweep = '" + spec.name() + "'"
        + (group.isEmpty() ? "" : " GROUP BY " + group + " ORDER BY " + group);
  }

  /** Mean results per grid point over seeds, in grid order. */
  static String summaryQuery(String table, SweepSpec spec) {
    List<String> cols = new ArrayList<>();
    for (String k : spec.gridKeys()) {
      String c = GRID_COLUMNS.get(k);
      if (c != null) {
        cols.add(c);
      }
    }
    String group = String.join(", ", cols);
    return "SELECT " + (group.isEmpty() ? "" : group + ", ")
        + "count(*) AS scenarios, avg(unit_cost) AS unit_cost, "
        + "avg(process_cost / total_data) AS unit_process, avg(transfer_cost / total_data) AS unit_transfer, "
        + "avg(discard_cost / total_data) AS unit_discard, avg(offloaded_fraction) AS offloaded, "
        + "min(slot_offloaded_min) AS offloaded_slot_min, max(slot_offloaded_max) AS offloaded_slot_max, "
        + "avg(discarded_fraction) AS discarded, sum(node_violations + link_violations) AS violations, "
        + "max(gap) AS max_gap "
        + "FROM " + table + " WHERE sweep = '" + spec.name() + "'"
        + (group.isEmpty() ? "" : " GROUP BY " + group + " ORDER BY " + group);
  }
}
