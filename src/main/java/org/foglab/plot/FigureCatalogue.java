package org.foglab.plot;

import static org.foglab.plot.PlotKind.BAR;
import static org.foglab.plot.PlotKind.LINE;
import static org.foglab.plot.PlotKind.POINTS;
import static org.foglab.plot.PlotKind.STACKED_BAR;
import static org.foglab.plot.PlotKind.TABLE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures each shipped spec exists for, keyed by the spec's sweep name (and {@code theorem5}
 * for the theory table). Adding a figure is one declaration in {@link #groups()}: its SQL over
 * the result tables, its chart kind and its axes.
 */
public final class FigureCatalogue {
  private FigureCatalogue() {}

  /**
   * The figures of one sweep (or theory command).
   *
   * @param key the sweep name the group belongs to ({@code theorem5} for the theory table)
   * @param table the result table the sweep writes by default
   * @param source where the rows come from, for messages: placeholders as in {@link Figure}
   * @param hint the command that writes the rows
   * @param figures the figures, in report order
   */
  public record Group(String key, String table, String source, String hint, List<Figure> figures) {
    public Group {
      figures = List.copyOf(figures);
    }
  }

  private static final String SWEEP_ROWS = "in {table} for sweep '{sweep}'";

  /** The group of fog-learning comparisons ({@code fog-learning --spec}); any such spec uses it. */
  public static final String FOG_LEARNING = "fog-learning";

  /** Cost of a component per datapoint: the component's share of the unit cost. */
  private static String perPoint(String component, String as) {
    return "avg(" + component + " * unit_cost / nullif(total_cost, 0)) AS " + as;
  }

  private static final String COMPONENTS = perPoint("process_cost", "process") + ", "
      + perPoint("transfer_cost", "transfer") + ", " + perPoint("discard_cost", "discard");

  private static final Map<String, Group> GROUPS = build();

  /** Every group, by key, in report order. */
  public static Map<String, Group> groups() {
    return GROUPS;
  }

  /** The group of a sweep name. */
  public static Optional<Group> group(String key) {
    return Optional.ofNullable(GROUPS.get(key));
  }

  /** The group holding a figure of this (unresolved) name, e.g. {@code figure5-offloading}. */
  public static Optional<Group> groupOfFigure(String figureName) {
    for (Group g : GROUPS.values()) {
      for (Figure f : g.figures()) {
        if (f.resolve(Map.of("sweep", g.key())).name().equals(figureName)) {
          return Optional.of(g);
        }
      }
    }
    return Optional.empty();
  }

  private static Map<String, Group> build() {
    Map<String, Group> m = new LinkedHashMap<>();
    add(m, new Group("quickstart", "sweeps", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/quickstart.conf", solveAgainstDevices()));
    add(m, new Group("figure5", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/figure5.conf", trainingAgainst("devices",
            "devices n", "Figure 5", "The trainings table holds no per-slot offloading range "
                + "(only the solve sweeps' table has slot_offloaded_min/max): the range of "
                + "Figure 5 is drawn by the quickstart figures.")));
    add(m, new Group("figure6", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/figure6.conf",
        trainingAgainst("tau", "aggregation period tau (slots)", "Figure 6", null)));
    add(m, new Group("figure7", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/figure7.conf",
        trainingAgainst("link_probability", "link probability rho", "Figure 7", null)));
    List<Figure> figure8 = figure8();
    add(m, new Group("figure8-lte", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/figure8-lte.conf", figure8));
    add(m, new Group("figure8-wifi", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/figure8-wifi.conf", figure8));
    add(m, new Group("table2", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/table2.conf", table2()));
    add(m, new Group("table3", "sweeps", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/table3.conf", table3()));
    add(m, new Group("table3-learning", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/table3-learning.conf", table3Learning()));
    add(m, new Group("exact-vs-closed-form", "sweeps", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/exact-vs-closed-form.conf", exactVsClosedForm()));
    add(m, new Group("fcddt-table2", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/fcddt-table2.conf", fcddtTable2()));
    add(m, new Group("fcddt-stragglers", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/fcddt-stragglers.conf", fcddtStragglers()));
    add(m, new Group("pipelines", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/pipelines.conf", pipelines()));
    add(m, new Group("fpl-figure6", "trainings", SWEEP_ROWS,
        "jobs/foglab sweep --spec jobs/fpl-figure6.conf", fplFigure6()));
    add(m, new Group(FOG_LEARNING, "fog_rounds", "in {table} for spec '{sweep}'",
        "jobs/foglab fog-learning --spec jobs/fog-learning.conf --out out/fog-learning",
        fogLearning()));
    add(m, new Group("theorem5", "theory",
        "in {theory} for theorem offloading-value with a max-cost grid",
        "jobs/foglab theory offloading-value --devices 2000 --max-cost-grid 0.5,1,2,4 --out out/v5",
        theorem5()));
    return java.util.Collections.unmodifiableMap(m);
  }

  private static void add(Map<String, Group> m, Group g) {
    m.put(g.key(), g);
  }

  /**
   * Fog learning (seed 002, Federated2Fog's figures): accuracy against global rounds and against
   * the parameters transferred, counting D2D consensus messages and not, per network and run;
   * and each run's last round.
   */
  private static List<Figure> fogLearning() {
    String rows = " FROM {table} WHERE spec = '{sweep}' AND accuracy IS NOT NULL";
    String series = "concat(network, ' ', run) AS run";
    return List.of(
        Figure.of("{sweep}-accuracy-rounds", LINE, "Accuracy against global rounds ({sweep})")
            .sql("SELECT " + series + ", `round`, accuracy" + rows + " ORDER BY run, `round`")
            .x("round", "global round").y("test accuracy", "accuracy").series("run")
            .note("Seed 002: FL, HierFAVG and D2D consensus with c rounds on the same non-IID "
                + "data; offload = D2D data offloading first, move = devices changing clusters.")
            .build(),
        Figure.of("{sweep}-accuracy-parameters-with-d2d", LINE,
            "Accuracy against parameters transferred, D2D messages counted ({sweep})")
            .sql("SELECT " + series + ", parameters_transferred_with_d2d, accuracy" + rows
                + " ORDER BY run, parameters_transferred_with_d2d")
            .x("parameters_transferred_with_d2d", "parameters transferred (tree links and D2D)")
            .y("test accuracy", "accuracy").series("run").logX()
            .note("Every model a device sends a D2D neighbour counts as one model's parameters.")
            .build(),
        Figure.of("{sweep}-accuracy-parameters-without-d2d", LINE,
            "Accuracy against parameters transferred over tree links only ({sweep})")
            .sql("SELECT " + series + ", parameters_transferred, accuracy" + rows
                + " ORDER BY run, parameters_transferred")
            .x("parameters_transferred", "parameters transferred (tree links, D2D not counted)")
            .y("test accuracy", "accuracy").series("run").logX()
            .note("Federated2Fog's count: uplinks and downlinks of the tree, D2D left out.")
            .build(),
        Figure.of("{sweep}-last-round", TABLE, "Each run's last round ({sweep})")
            .sql("SELECT network, run, `round`, accuracy, device_uplinks, "
                + "parameters_transferred, parameters_transferred_with_d2d, d2d_messages, "
                + "offloaded_samples, device_radio_joules FROM {table} t WHERE spec = '{sweep}' "
                + "AND `round` = (SELECT max(`round`) FROM {table} u WHERE u.run_key = t.run_key) "
                + "ORDER BY network, run")
            .build());
  }

  /** Quickstart: the shape of Figure 5 from the solve sweeps (closed form, no training). */
  private static List<Figure> solveAgainstDevices() {
    return List.of(
        Figure.of("{sweep}-offloading", LINE, "Offloading rate against n ({sweep})")
            .sql("SELECT devices, avg(offloaded_fraction) AS offloaded_fraction, "
                + "min(slot_offloaded_min) AS slot_min, max(slot_offloaded_max) AS slot_max, "
                + "count(*) AS runs FROM {table} WHERE sweep = '{sweep}' "
                + "GROUP BY devices ORDER BY devices")
            .x("devices", "devices n").y("fraction of the data offloaded", "offloaded_fraction")
            .range("slot_min", "slot_max")
            .note("Tu et al., Figure 5: mean over seeds of the fraction of the data offloaded; "
                + "the band spans the lowest to the highest offloading rate of any single slot.")
            .build(),
        Figure.of("{sweep}-costs", LINE, "Cost components per datapoint against n ({sweep})")
            .sql("SELECT devices, " + COMPONENTS + ", avg(unit_cost) AS unit_cost, "
                + "count(*) AS runs FROM {table} WHERE sweep = '{sweep}' "
                + "GROUP BY devices ORDER BY devices")
            .x("devices", "devices n")
            .y("cost per datapoint", "process", "transfer", "discard", "unit_cost")
            .note("Tu et al., Figure 5: processing, transfer and discard cost per datapoint and "
                + "their sum, the unit cost; mean over seeds.")
            .build());
  }

  /** Figures 5-7 of network-aware learning: offloading, cost components, accuracy against x. */
  private static List<Figure> trainingAgainst(String x, String xLabel, String paper,
      String missing) {
    String from = " FROM {table} WHERE sweep = '{sweep}' GROUP BY " + x + " ORDER BY " + x;
    String offloading = "Tu et al., " + paper + ": mean over seeds of the fractions of the data "
        + "offloaded and discarded by the executed plan.";
    return List.of(
        Figure.of("{sweep}-offloading", LINE, "Offloading and discard rates ({sweep})")
            .sql("SELECT " + x + ", avg(offloaded_fraction) AS offloaded_fraction, "
                + "avg(discarded_fraction) AS discarded_fraction, count(*) AS runs" + from)
            .x(x, xLabel).y("fraction of the data", "offloaded_fraction", "discarded_fraction")
            .note(missing == null ? offloading : offloading + " " + missing).build(),
        Figure.of("{sweep}-costs", LINE, "Cost components per datapoint ({sweep})")
            .sql("SELECT " + x + ", " + COMPONENTS + ", avg(unit_cost) AS unit_cost, "
                + "count(*) AS runs" + from)
            .x(x, xLabel).y("cost per datapoint", "process", "transfer", "discard", "unit_cost")
            .note("Tu et al., " + paper + ": processing, transfer and discard cost per datapoint "
                + "over one horizon of the executed plan, and the unit cost; mean over seeds.")
            .build(),
        Figure.of("{sweep}-accuracy", LINE, "Test accuracy ({sweep})")
            .sql("SELECT " + x + ", avg(accuracy) AS accuracy, min(accuracy) AS accuracy_min, "
                + "max(accuracy) AS accuracy_max, count(*) AS runs" + from)
            .x(x, xLabel).y("test accuracy", "accuracy").range("accuracy_min", "accuracy_max")
            .note("Tu et al., " + paper + ": final test accuracy of network-aware learning, mean "
                + "over seeds; the band spans the seeds' lowest and highest accuracy.")
            .build());
  }

  private static List<Figure> figure8() {
    String from = " FROM {table} WHERE sweep IN ('figure8-lte', 'figure8-wifi') "
        + "GROUP BY topology, sweep ORDER BY topology, sweep";
    String network = "concat(topology, ' / ', regexp_extract(sweep, '^figure8-(.*)$', 1)) "
        + "AS network";
    return List.of(
        Figure.of("figure8-costs", STACKED_BAR, "Cost components by topology and medium")
            .sql("SELECT " + network + ", " + COMPONENTS + ", avg(unit_cost) AS unit_cost, "
                + "count(*) AS runs" + from)
            .x("network", "topology / medium").y("cost per datapoint", "process", "transfer",
                "discard")
            .note("Tu et al., Figure 8: processing, transfer and discard cost per datapoint of "
                + "network-aware learning on social (small-world), hierarchical and fully "
                + "connected networks under the LTE-like and WiFi-like cost profiles "
                + "(jobs/figure8-lte.conf, jobs/figure8-wifi.conf); mean over seeds. A medium "
                + "without rows is simply absent.")
            .build(),
        Figure.of("figure8-accuracy", BAR, "Test accuracy by topology and medium")
            .sql("SELECT " + network + ", avg(accuracy) AS accuracy, count(*) AS runs" + from)
            .x("network", "topology / medium").y("test accuracy", "accuracy")
            .note("Final test accuracy of the Figure 8 runs; mean over seeds.").build());
  }

  private static List<Figure> table2() {
    String q = "SELECT model, mode, avg(accuracy) AS accuracy, stddev(accuracy) AS accuracy_sd, "
        + "avg(loss) AS loss, count(*) AS runs FROM {table} WHERE sweep = '{sweep}' "
        + "GROUP BY model, mode ORDER BY model, mode";
    return List.of(
        Figure.of("{sweep}", TABLE, "Table II: test accuracy by model and mode ({sweep})")
            .sql(q).note("Tu et al., Table II: final test accuracy and loss of centralized, "
                + "federated and network-aware learning; mean (and standard deviation) over "
                + "seeds.").build(),
        Figure.of("{sweep}-accuracy", BAR, "Test accuracy by mode ({sweep})").sql(q)
            .x("mode", "mode").y("test accuracy", "accuracy").series("model")
            .note("Table II as bars.").build(),
        Figure.of("figure4", LINE, "Figure 4: device losses over time ({sweep})")
            .sql("SELECT r.slots * (d.pass - 1) + d.slot AS t, concat('device ', d.device) AS device, "
                + "d.loss AS loss FROM (SELECT * FROM {table} WHERE sweep = '{sweep}' "
                + "AND mode = 'network-aware' AND model = 'mlp' "
                + "ORDER BY finished_at DESC, run_id LIMIT 1) r "
                + "LATERAL VIEW explode(device_losses) AS d "
                + "WHERE d.loss IS NOT NULL ORDER BY d.device, t")
            .x("t", "time slot over all passes, (pass - 1) T + t").y("training loss", "loss").series("device")
            .note("Tu et al., Figure 4: each device's training loss in every slot of every pass "
                + "of the latest network-aware MLP run of the sweep (slots where a device "
                + "processed nothing have no point). Needs train.device-losses = true, the "
                + "default.")
            .build());
  }

  private static List<Figure> table3() {
    String q = "SELECT time_invariant_costs, setting, avg(process_cost) AS process_cost, "
        + "avg(transfer_cost) AS transfer_cost, avg(discard_cost) AS discard_cost, "
        + "avg(total_cost) AS total_cost, avg(unit_cost) AS unit_cost, "
        + "avg(node_violations) AS node_violations, avg(link_violations) AS link_violations, "
        + "count(*) AS runs FROM {table} WHERE sweep = '{sweep}' "
        + "GROUP BY time_invariant_costs, setting ORDER BY time_invariant_costs, setting";
    return List.of(
        Figure.of("{sweep}", TABLE, "Table III: cost by information setting ({sweep})").sql(q)
            .note("Tu et al., Table III: realised cost components, unit cost and capacity "
                + "violations under settings A-D, for costs drawn per slot "
                + "(time_invariant_costs false) and once per device and link (true); mean over "
                + "seeds.")
            .build(),
        Figure.of("{sweep}-costs", STACKED_BAR, "Cost components per datapoint by setting ({sweep})")
            .sql("SELECT concat(setting, if(time_invariant_costs, ' / time-invariant', "
                + "' / per-slot')) AS setting_costs, " + COMPONENTS + ", count(*) AS runs "
                + "FROM {table} WHERE sweep = '{sweep}' GROUP BY time_invariant_costs, setting "
                + "ORDER BY time_invariant_costs, setting")
            .x("setting_costs", "setting / cost draws")
            .y("cost per datapoint", "process", "transfer", "discard")
            .note("Table III as stacked bars: cost per datapoint of each component.").build());
  }

  private static List<Figure> table3Learning() {
    String q = "SELECT setting, avg(process_cost) AS process_cost, "
        + "avg(transfer_cost) AS transfer_cost, avg(discard_cost) AS discard_cost, "
        + "avg(unit_cost) AS unit_cost, avg(node_violations) AS node_violations, "
        + "avg(accuracy) AS accuracy, count(*) AS runs FROM {table} WHERE sweep = '{sweep}' "
        + "GROUP BY setting ORDER BY setting";
    return List.of(
        Figure.of("{sweep}", TABLE, "Table III with learning ({sweep})").sql(q)
            .note("Tu et al., Table III with learning: cost components, unit cost, capacity "
                + "violations and test accuracy under settings A-D; mean over seeds.").build(),
        Figure.of("{sweep}-costs", STACKED_BAR, "Cost components per datapoint by setting ({sweep})")
            .sql("SELECT setting, " + COMPONENTS + ", count(*) AS runs FROM {table} "
                + "WHERE sweep = '{sweep}' GROUP BY setting ORDER BY setting")
            .x("setting", "setting").y("cost per datapoint", "process", "transfer", "discard")
            .note("Table III with learning as stacked bars.").build());
  }

  private static List<Figure> exactVsClosedForm() {
    return List.of(Figure.of("{sweep}", LINE, "Unit cost against node capacity ({sweep})")
        .sql("SELECT node_capacity_factor, method, avg(unit_cost) AS unit_cost, "
            + "avg(node_violations) AS node_violations, count(*) AS runs FROM {table} "
            + "WHERE sweep = '{sweep}' GROUP BY node_capacity_factor, method "
            + "ORDER BY method, node_capacity_factor")
        .x("node_capacity_factor", "node capacity factor (C_i ~ U(0, factor x Dmax))").logX()
        .y("unit cost", "unit_cost").series("method")
        .note("The closed form ignores capacities, the exact solver enforces them; mean over "
            + "seeds.")
        .build());
  }

  private static List<Figure> fcddtTable2() {
    String q = "SELECT model, mode, avg(accuracy) AS accuracy, stddev(accuracy) AS accuracy_sd, "
        + "avg(bytes_total) AS bytes_total, count(*) AS runs FROM {table} "
        + "WHERE sweep = '{sweep}' GROUP BY model, mode ORDER BY model, mode";
    return List.of(
        Figure.of("{sweep}", TABLE, "FCDDT Table 2: accuracy and bytes by mode ({sweep})").sql(q)
            .note("Qian and Barzegaran, Table 2: test accuracy of central collection, federated "
                + "and split training, and the bytes each moves; mean over seeds.").build(),
        Figure.of("{sweep}-accuracy", BAR, "Test accuracy by mode ({sweep})").sql(q)
            .x("mode", "mode").y("test accuracy", "accuracy").series("model").build(),
        Figure.of("{sweep}-bytes", BAR, "Bytes moved by mode ({sweep})").sql(q)
            .x("mode", "mode").y("bytes (log scale)", "bytes_total").series("model").logY()
            .build(),
        bytesByKind("concat(model, ' ', mode)", "model and mode"));
  }

  /**
   * Bytes per run by traffic kind, from the cost ledger joined to the sweep's runs: a kind's
   * bytes over all runs of a configuration divided by the configuration's number of runs.
   */
  private static Figure bytesByKind(String x, String xLabel) {
    return Figure.of("{sweep}-bytes-by-kind", STACKED_BAR, "Bytes per run by kind ({sweep})")
        .sql("SELECT c.config, l.kind, sum(l.bytes) / first(c.runs) AS bytes_per_run "
            + "FROM {ledger} l JOIN (SELECT run_id, " + x + " AS config, "
            + "count(*) OVER (PARTITION BY " + x + ") AS runs FROM {table} "
            + "WHERE sweep = '{sweep}') c ON l.run_id = c.run_id "
            + "WHERE l.bytes > 0 GROUP BY c.config, l.kind ORDER BY c.config, l.kind")
        .x("config", xLabel).y("bytes per run", "bytes_per_run").series("kind")
        .note("From the cost ledger table: the bytes a run moves, by traffic kind (raw data, "
            + "activations, gradients, parameters, labels); mean over the runs of each "
            + "configuration.")
        .build();
  }

  private static List<Figure> fcddtStragglers() {
    return List.of(Figure.of("{sweep}", LINE, "Split training: accuracy against straggler rate")
        .sql("SELECT straggler_rate, concat('B = ', batch_size) AS batch, "
            + "avg(accuracy) AS accuracy, count(*) AS runs FROM {table} WHERE sweep = '{sweep}' "
            + "GROUP BY batch_size, straggler_rate ORDER BY batch_size, straggler_rate")
        .x("straggler_rate", "straggler rate alpha").y("test accuracy", "accuracy")
        .series("batch")
        .note("Qian and Barzegaran, Figure 8: test accuracy of split training against the "
            + "straggler rate, one line per batch size B; mean over seeds.")
        .build());
  }

  private static List<Figure> pipelines() {
    List<Figure> f = new ArrayList<>();
    for (boolean inference : new boolean[] {false, true}) {
      String what = inference ? "inference" : "training";
      f.add(Figure.of("{sweep}-" + what, LINE, "Time per sample against batch size, " + what)
          .sql("SELECT batch_size, pipeline_suite, "
              + "avg(simulated_seconds) / avg(samples_processed) AS seconds_per_sample, "
              + "count(*) AS runs FROM {table} WHERE sweep = '{sweep}' AND inference = "
              + inference + " GROUP BY pipeline_suite, batch_size "
              + "ORDER BY pipeline_suite, batch_size")
          .x("batch_size", "batch size (log scale)").logX()
          .y("simulated seconds per sample (log scale)", "seconds_per_sample").logY()
          .series("pipeline_suite")
          .note("Vainio et al.: the pipelined run's simulated time per sample for each suite ("
              + what + ").")
          .build());
    }
    return f;
  }

  private static List<Figure> fplFigure6() {
    String config = "concat_ws(' ', mode, concat('before ', get_json_object(report, "
        + "'$.junction_before')), concat('cut ', get_json_object(report, '$.cut')), "
        + "concat('avg ', get_json_object(report, '$.average')))";
    String q = "SELECT " + config + " AS config, avg(accuracy) AS accuracy, "
        + "stddev(accuracy) AS accuracy_sd, min(accuracy) AS lowest_seed, "
        + "max(accuracy) AS highest_seed, "
        + "avg(CAST(get_json_object(report, '$.parameters') AS DOUBLE)) AS parameters, "
        + "avg(CAST(get_json_object(report, '$.cpu_seconds') AS DOUBLE)) AS cpu_seconds, "
        + "avg(simulated_seconds) AS simulated_seconds, "
        + "avg(bytes_total) AS bytes_total, avg(energy_joules) AS energy_joules, "
        + "avg(carbon_kg) AS carbon_kg, count(*) AS runs FROM {table} "
        + "WHERE sweep = '{sweep}' GROUP BY 1 ORDER BY 1";
    String paper = "Malandrino and Chiasserini, Figure 6: ";
    return List.of(
        Figure.of("{sweep}", TABLE, "Flexible parallel learning by mode ({sweep})").sql(q)
            .note(paper + "mean over seeds of each configuration's test accuracy (at the epoch "
                + "of least validation loss), parameters, bytes, energy and carbon.").build(),
        Figure.of("{sweep}-accuracy", POINTS, "Test accuracy by mode ({sweep})").sql(q)
            .x("config", "configuration")
            .y("test accuracy", "accuracy", "lowest_seed", "highest_seed")
            .note(paper + "(a) test accuracy at the epoch of least validation loss: the mean "
                + "over seeds (accuracy), the lowest and the highest seed, joined by a line.")
            .build(),
        Figure.of("{sweep}-parameters", BAR, "Parameters by mode ({sweep})").sql(q)
            .x("config", "configuration").y("parameters (log scale)", "parameters").logY()
            .build(),
        Figure.of("{sweep}-time", BAR, "Learning time by mode ({sweep})").sql(q)
            .x("config", "configuration")
            .y("seconds (log scale)", "cpu_seconds", "simulated_seconds").logY()
            .note(paper + "(c) learning time: CPU seconds measured on this machine (all nodes' "
                + "work, one after another) and the wall time the ledger's speed and link "
                + "models give the fog network (nodes in parallel).").build(),
        Figure.of("{sweep}-bytes", BAR, "Bytes moved by mode ({sweep})").sql(q)
            .x("config", "configuration").y("bytes (log scale)", "bytes_total").logY().build(),
        Figure.of("{sweep}-energy", BAR, "Energy by mode ({sweep})").sql(q)
            .x("config", "configuration").y("energy (J)", "energy_joules").build(),
        Figure.of("{sweep}-carbon", BAR, "Carbon by mode ({sweep})").sql(q)
            .x("config", "configuration").y("carbon (kg CO2e)", "carbon_kg").build(),
        bytesByKind(config, "configuration"),
        Figure.of("{sweep}-validation-loss", LINE, "Validation loss per epoch ({sweep})")
            // The JSON array split as text: from_json needs a newer jackson-core than the
            // build resolves (2.14), get_json_object and split do not.
            .sql("SELECT config, e.pos + 1 AS epoch, avg(CAST(e.loss AS DOUBLE)) AS "
                + "validation_loss FROM (SELECT " + config + " AS config, "
                + "split(translate(get_json_object(report, '$.validation_loss'), '[]', ''), ',') "
                + "AS losses FROM {table} WHERE sweep = '{sweep}') "
                + "LATERAL VIEW posexplode(losses) e AS pos, loss "
                + "WHERE CAST(e.loss AS DOUBLE) IS NOT NULL "
                + "GROUP BY config, e.pos ORDER BY config, epoch")
            .x("epoch", "epoch").y("validation loss", "validation_loss").series("config")
            .note(paper + "validation loss after each epoch (the report's validation_loss), mean "
                + "over seeds.")
            .build());
  }

  private static List<Figure> theorem5() {
    String run = "(SELECT max_by(run_id, finished_at) FROM {theory} WHERE theorem = "
        + "'offloading-value' AND x_name = 'max_cost')";
    return List.of(Figure.of("theorem5-curve", LINE, "Theorem 5: value of offloading V(C)")
        .sql("SELECT x AS max_cost, metric AS estimate, value, "
            + "coalesce(ci95_low, value) AS ci95_low, coalesce(ci95_high, value) AS ci95_high "
            + "FROM {theory} WHERE theorem = 'offloading-value' AND x_name = 'max_cost' "
            + "AND run_id = " + run + " ORDER BY metric, x")
        .x("max_cost", "cost range C (costs ~ U(0, C))")
        .y("average saving per device and datapoint", "value").series("estimate")
        .range("ci95_low", "ci95_high")
        .note("Tu et al., Theorem 5, from the latest theory offloading-value run with a "
            + "--max-cost-grid: the closed form and the Monte Carlo estimate with its 95% "
            + "interval (band).")
        .build());
  }
}
