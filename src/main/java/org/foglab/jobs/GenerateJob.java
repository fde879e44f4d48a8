package org.foglab.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.GenerateConfig;
import org.foglab.config.Settings;
import org.foglab.tables.Json;
import org.foglab.config.TraceSpec;
import org.foglab.cost.CapacityModel;
import org.foglab.network.DistributedTraceGenerator;
import org.foglab.network.GraphStatistics;
import org.foglab.network.TraceManifest;
import org.foglab.network.TableFormat;
import org.foglab.network.Topology;
import org.foglab.network.TraceSchema;

/** {@code generate}: a synthetic fog network trace, as a distributed Spark job. */
public final class GenerateJob implements Job<GenerateConfig> {
  static final String G = "foglab.generate.";

  /** Options that describe a synthetic trace; sweeps reuse their keys. */
  public static final List<OptionSpec> TRACE_OPTIONS = List.of(
      OptionSpec.choice("topology", G + "topology", Topology.class, "network model"),
      OptionSpec.integer("devices", G + "devices", "N", "number of devices n"),
      OptionSpec.integer("slots", G + "slots", "T", "number of time slots"),
      OptionSpec.longInt("seed", "foglab.seed", "S", "root seed of every random draw"),
      OptionSpec.number("link-probability", G + "link-probability", "RHO",
          "random: probability of each directed link"),
      OptionSpec.integer("neighbors", G + "neighbors", "K",
          "small-world: ring neighbours k, even; 0 = the even number nearest n/5"),
      OptionSpec.number("rewire", G + "rewire", "P", "small-world: rewiring probability"),
      OptionSpec.integer("attach", G + "attach", "M", "scale-free: links per new device (mean degree ~2m)"),
      OptionSpec.integer("parents-per-device", G + "parents-per-device", "N",
          "hierarchical: parents each leaf links to"),
      OptionSpec.string("edges", G + "edges", "FILE", "edges: CSV file with header src,dst").asOptional(),
      OptionSpec.bool("directed", G + "directed", "edges: rows are directed links (else both directions)"),
      OptionSpec.string("layers", G + "layers", "N0,N1,..,1",
          "fog-tree: nodes per layer bottom-up, ending in the root's 1"),
      OptionSpec.choice("d2d-graph", G + "d2d-graph", org.foglab.network.D2dGraph.class,
          "fog-tree: D2D graph inside each bottom cluster"),
      OptionSpec.number("d2d-density", G + "d2d-density", "P",
          "fog-tree: ER pair probability, or share of pairs within the RGG radius"),
      OptionSpec.number("data-total", G + "data.total", "N", "|D_V|: D_i(t) ~ U(0, |D_V|/(nT))"),
      OptionSpec.bool("integer-data", G + "data.integer", "whole datapoints: D_i(t) uniform on 0..floor(|D_V|/(nT))"),
      OptionSpec.number("process-cost-min", G + "costs.process.min", "X", "c_i(t) ~ U(min, max)"),
      OptionSpec.number("process-cost-max", G + "costs.process.max", "X", "c_i(t) ~ U(min, max)"),
      OptionSpec.number("discard-cost-min", G + "costs.discard.min", "X", "f_i(t) ~ U(min, max)"),
      OptionSpec.number("discard-cost-max", G + "costs.discard.max", "X", "f_i(t) ~ U(min, max)"),
      OptionSpec.number("link-cost-min", G + "costs.link.min", "X", "c_ij(t) ~ U(min, max) (/ n, see below)"),
      OptionSpec.number("link-cost-max", G + "costs.link.max", "X", "c_ij(t) ~ U(min, max) (/ n, see below)"),
      OptionSpec.bool("link-cost-per-device", G + "costs.link.per-device", "divide link costs by n"),
      OptionSpec.bool("time-invariant-costs", G + "costs.time-invariant",
          "draw c_i, f_i, c_ij once per device or link, not per slot"),
      OptionSpec.bool("capacities", G + "capacities.enabled", "finite capacities (false: all unbounded)"),
      OptionSpec.choice("capacity-model", G + "capacities.model", CapacityModel.class,
          "device capacities: uniform draws, or straggler (Theorem 2 from service rates)"),
      OptionSpec.number("node-capacity-factor", G + "capacities.node-factor", "X",
          "uniform: C_i(t) ~ U(0, X * Dmax), Dmax = |D_V|/(nT)"),
      OptionSpec.number("service-rate-min", G + "capacities.service-rate.min", "MU",
          "straggler: mu_i ~ U(min, max), datapoints per slot, one per device"),
      OptionSpec.number("service-rate-max", G + "capacities.service-rate.max", "MU",
          "straggler: mu_i ~ U(min, max), datapoints per slot, one per device"),
      OptionSpec.number("wait-bound", G + "capacities.wait-bound", "SIGMA",
          "straggler: C_i keeps the mean queueing delay at SIGMA slots (D/M/1)"),
      OptionSpec.number("link-capacity-factor", G + "capacities.link-factor", "X",
          "C_ij(t) ~ U(0, X * Dmax / n)"),
      OptionSpec.number("active-probability", G + "dynamics.active-probability", "P",
          "probability a device is active in a slot (V(t))"),
      OptionSpec.number("link-up-probability", G + "dynamics.link-up-probability", "P",
          "probability a link is up in a slot (E(t))"));

  private static final CommandSpec SPEC = new CommandSpec("generate",
      "Generate a synthetic fog network trace (devices, links) as a Spark job.",
      "Writes a trace (docs/formats.md): <out>/devices and <out>/links as CSV part files with a header "
          + "row or Parquet, <out>/trace.json (the resolved settings and row counts) and, unless "
          + "--graph-stats false, <out>/graph/ with vertices (id, out_degree, in_degree, "
          + "component), degree_distribution, components and graph.json. Data, costs and "
          + "capacities follow Tu et al. Section V-A (or Theorem 2 with --capacity-model straggler, "
          + "which adds a service_rate column to the devices table); every value is a pure function of the seed, "
          + "so the output is identical for any --partitions.",
      concat(TRACE_OPTIONS, List.of(
          OptionSpec.string("out", G + "out", "DIR", "output directory"),
          OptionSpec.choice("format", G + "format", TableFormat.class, "table format"),
          OptionSpec.bool("overwrite", G + "overwrite", "replace an existing output directory"),
          OptionSpec.integer("partitions", G + "partitions", "P",
              "Spark partitions (device ranges); 0 = automatic"),
          OptionSpec.bool("graph-stats", G + "graph-stats", "write graph statistics"))),
      List.of("jobs/foglab generate --topology scale-free --devices 100000 --slots 10 --attach 3 --out out/sf",
          "jobs/foglab generate --capacity-model straggler --service-rate-min 10 --service-rate-max 100 --wait-bound 1 --out out/straggler",
          "jobs/foglab generate --topology fog-tree --layers 625,125,25,5,1 --d2d-graph rgg --d2d-density 0.3 --slots 1 --out out/fog",
          "jobs/foglab generate --topology random --devices 50 --link-probability 0.3 --capacities false --out out/er",
          "jobs/foglab generate --topology edges --edges my-graph.csv --slots 24 --format parquet --out out/mine"),
      null);

  static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public GenerateConfig configure(Settings root) {
    GenerateConfig c = GenerateConfig.read(root);
    InputPaths.file(c.trace().network().edges(), "--edges");
    OutputDirectory.check(c.output().dir(), c.output().overwrite(), "--out", inputs(c));
    return c;
  }

  private static Map<String, String> inputs(GenerateConfig c) {
    Map<String, String> in = new LinkedHashMap<>();
    in.put("--edges", c.trace().network().edges());
    return in;
  }

  @Override
  public void run(GenerateConfig config, JobContext ctx) {
    TraceSpec spec = config.trace();
    Progress progress = ctx.progress();
    SparkSession spark = ctx.spark();
    progress.say("Spark " + spark.version() + " started, master " + spark.sparkContext().master());
    try (OutputDirectory out = OutputDirectory.open(config.output().dir(), config.output().overwrite(),
        ctx.run().runId(), spark.sparkContext().hadoopConfiguration(), "--out", inputs(config))) {
      DistributedTraceGenerator.Tables tables =
          DistributedTraceGenerator.generate(spark, spec, config.partitions());
      TableFormat format = config.output().format();
      progress.say("generating " + spec.network().topology().configName() + " network: "
          + tables.devicesCount() + " devices x " + spec.model().slots() + " slots, "
          + tables.deviceKeys().rdd().getNumPartitions() + " partitions");
      long deviceSlots = TableIo.write(tables.devices(), out.path(TraceSchema.DEVICES), format);
      progress.say("wrote " + deviceSlots + " device-slots");
      long links = TableIo.write(tables.links(), out.path(TraceSchema.LINKS), format);
      progress.say("wrote " + links + " link-slots");
      // Checksums of what was just written: solve trusts files that still match them.
      Map<String, Object> manifest = TraceManifest.compute(spark, out.stagingPath());
      Map<String, Object> graph = null;
      if (config.graphStats()) {
        GraphStatistics.Result stats = GraphStatistics.compute(spark, tables.deviceKeys(),
            tables.pairs(), isUndirected(spec));
        TableIo.write(stats.vertices(), out.path("graph/vertices"), format);
        TableIo.write(stats.degreeDistribution().coalesce(1), out.path("graph/degree_distribution"), format);
        TableIo.write(stats.components(), out.path("graph/components"), format);
        graph = stats.summary();
        out.writeText("graph/graph.json", Json.write(graph));
        progress.say("graph statistics: " + graph.get("components") + " components, mean out-degree "
            + String.format(java.util.Locale.ROOT, "%.3f", (Double) graph.get("mean_out_degree")));
      }
      Map<String, Object> fog = null;
      if (spec.network().topology() == Topology.FOG_TREE) {
        fog = writeFogTree(spark, spec, config, out, format, progress);
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("format", "foglab-trace");
      meta.put("version", 1);
      meta.put("devices", tables.devicesCount());
      meta.put("slots", spec.model().slots());
      meta.put("device_slots", deviceSlots);
      meta.put("links", links);
      meta.put("table_format", format.configName());
      meta.put("seed", spec.seed());
      meta.put("topology", spec.network().topology().configName());
      meta.put("run_id", ctx.run().runId());
      meta.put("git_commit", ctx.run().gitCommit());
      meta.put("settings", ctx.settings().config().getConfig("foglab.generate").root().unwrapped());
      if (graph != null) {
        meta.put("graph", graph);
      }
      if (fog != null) {
        meta.put("fog_tree", fog);
      }
      meta.put(TraceManifest.KEY, manifest);
      out.writeText(TraceSchema.METADATA, Json.write(meta));
      out.commit();
      ctx.out().println("trace written to " + out.target() + ": " + tables.devicesCount() + " devices, "
          + spec.model().slots() + " slots, " + deviceSlots + " device-slots, " + links + " link-slots");
    }
  }

  /** The fog tree's vertices, edges and D2D tables, and its summary for trace.json. */
  private static Map<String, Object> writeFogTree(SparkSession spark, TraceSpec spec,
      GenerateConfig config, OutputDirectory out, TableFormat format, Progress progress) {
    org.foglab.network.FogTree tree = spec.network().fogTree();
    org.foglab.network.graph.FogD2dGraphGenerator gen =
        (org.foglab.network.graph.FogD2dGraphGenerator) org.foglab.network.TraceGenerator.graph(spec);
    int p = DistributedTraceGenerator.partitions(spark, tree.devices(), 1, config.partitions());
    org.foglab.network.FogTreeTables.Tables t = org.foglab.network.FogTreeTables.of(spark, gen, p);
    long vertices = TableIo.write(t.vertices(), out.path(org.foglab.network.FogTreeTables.VERTICES),
        format);
    long edges = TableIo.write(t.edges(), out.path(org.foglab.network.FogTreeTables.EDGES), format);
    long d2d = TableIo.write(t.d2d(), out.path(org.foglab.network.FogTreeTables.D2D), format);
    long bridges = t.bridges().reduce((org.apache.spark.api.java.function.ReduceFunction<Long>)
        Long::sum);
    progress.say("fog tree: " + vertices + " nodes in " + tree.depth() + " layers, " + d2d / 2
        + " D2D links (" + bridges + " added to connect clusters)");
    Map<String, Object> fog = new LinkedHashMap<>();
    List<Integer> layers = new java.util.ArrayList<>();
    for (int n : tree.layers()) {
      layers.add(n);
    }
    fog.put("layers", layers);
    fog.put("d2d_graph", spec.network().d2dGraph().configName());
    fog.put("d2d_density", spec.network().d2dDensity());
    fog.put("d2d_links", d2d / 2);
    fog.put("d2d_bridges", bridges);
    fog.put("tree_edges", edges);
    fog.put("link_models", org.foglab.learning.fog.FogLinks.describe(tree));
    return fog;
  }

  private static boolean isUndirected(TraceSpec spec) {
    switch (spec.network().topology()) {
      case FOG_TREE:
      case SMALL_WORLD:
      case SCALE_FREE:
      case HIERARCHICAL:
        return true;
      case EDGES:
        return !spec.network().directed();
      default:
        return false;
    }
  }
}
