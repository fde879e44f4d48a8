package org.foglab.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.CoreSettings;
import org.foglab.config.GenerateConfig;
import org.foglab.config.GenerateSettings;
import org.foglab.config.Settings;
import org.foglab.tables.Json;
import org.foglab.config.TraceSpec;
import org.foglab.cost.CapacityModel;
import org.foglab.network.DirectTraceWriter;
import org.foglab.network.DistributedTraceGenerator;
import org.foglab.network.GeneratedGraphStatistics;
import org.foglab.network.GraphStatistics;
import org.foglab.network.TraceManifest;
import org.foglab.network.TableFormat;
import org.foglab.network.Topology;
import org.foglab.network.TraceSchema;

/** {@code generate}: a synthetic fog network trace, as a distributed Spark job. */
public final class GenerateJob implements Job<GenerateConfig> {

  /** Options that describe a synthetic trace; sweeps reuse their keys. */
  public static final List<OptionSpec> TRACE_OPTIONS = OptionSpec.of(
      GenerateSettings.TOPOLOGY, GenerateSettings.DEVICES, GenerateSettings.SLOTS,
      CoreSettings.SEED, GenerateSettings.LINK_PROBABILITY, GenerateSettings.NEIGHBORS,
      GenerateSettings.REWIRE, GenerateSettings.ATTACH, GenerateSettings.PARENTS_PER_DEVICE,
      GenerateSettings.EDGES, GenerateSettings.DIRECTED, GenerateSettings.LAYERS,
      GenerateSettings.D2D_GRAPH, GenerateSettings.D2D_DENSITY, GenerateSettings.DATA_TOTAL,
      GenerateSettings.INTEGER_DATA, GenerateSettings.PROCESS_MIN, GenerateSettings.PROCESS_MAX,
      GenerateSettings.DISCARD_MIN, GenerateSettings.DISCARD_MAX, GenerateSettings.LINK_MIN,
      GenerateSettings.LINK_MAX, GenerateSettings.LINK_PER_DEVICE, GenerateSettings.TIME_INVARIANT,
      GenerateSettings.CAPACITIES, GenerateSettings.CAPACITY_MODEL, GenerateSettings.NODE_FACTOR,
      GenerateSettings.SERVICE_RATE_MIN, GenerateSettings.SERVICE_RATE_MAX,
      GenerateSettings.WAIT_BOUND, GenerateSettings.LINK_FACTOR,
      GenerateSettings.ACTIVE_PROBABILITY, GenerateSettings.LINK_UP_PROBABILITY);

  private static final CommandSpec SPEC = new CommandSpec("generate",
      "Generate a synthetic fog network trace (devices, links) as a Spark job.",
      "Writes a trace (docs/formats.md): <out>/devices and <out>/links as CSV part files with a header "
          + "row or Parquet, <out>/trace.json (the resolved settings and row counts) and, unless "
          + "--graph-stats false, <out>/graph/ with vertices (id, out_degree, in_degree, "
          + "component), degree_distribution, components and graph.json. Data, costs and "
          + "capacities follow Tu et al. Section V-A (or Theorem 2 with --capacity-model straggler, "
          + "which adds a service_rate column to the devices table); every value is a pure function of the seed, "
          + "so the output is identical for any --partitions.",
      concat(TRACE_OPTIONS, OptionSpec.of(GenerateSettings.OUT, GenerateSettings.FORMAT,
          GenerateSettings.OVERWRITE, GenerateSettings.PARTITIONS, GenerateSettings.GRAPH_STATS)),
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
      TableFormat format = config.output().format();
      // Generated graphs without repeated edges skip the Row-based tables: part files are written
      // by the tasks that compute them, graph statistics run on int arrays.
      boolean direct = DirectTraceWriter.supports(spec);
      DistributedTraceGenerator.Tables tables = direct ? null
          : DistributedTraceGenerator.generate(spark, spec, config.partitions());
      long devicesCount = tables != null ? tables.devicesCount()
          : org.foglab.network.TraceGenerator.graph(spec).devices();
      int partitions = tables != null ? tables.deviceKeys().rdd().getNumPartitions()
          : DistributedTraceGenerator.partitions(spark, devicesCount, spec.model().slots(),
              config.partitions());
      progress.say("generating " + spec.network().topology().configName() + " network: "
          + devicesCount + " devices x " + spec.model().slots() + " slots, "
          + partitions + " partitions");
      long deviceSlots;
      long links;
      Map<String, Object> manifest;
      if (direct) {
        // Checksummed while written: solve trusts files that still match them.
        DirectTraceWriter.Result written = DirectTraceWriter.write(spark, spec,
            config.partitions(), out.stagingPath(), format);
        deviceSlots = written.deviceSlots();
        links = written.links();
        manifest = written.manifest();
        progress.say("wrote " + deviceSlots + " device-slots and " + links + " link-slots");
      } else {
        deviceSlots = TableIo.write(tables.devices(), out.path(TraceSchema.DEVICES), format);
        progress.say("wrote " + deviceSlots + " device-slots");
        links = TableIo.write(tables.links(), out.path(TraceSchema.LINKS), format);
        progress.say("wrote " + links + " link-slots");
        // Checksums of what was just written: solve trusts files that still match them.
        manifest = TraceManifest.compute(spark, out.stagingPath());
      }
      Map<String, Object> graph = null;
      if (config.graphStats()) {
        GeneratedGraphStatistics.Stats fast = direct ? GeneratedGraphStatistics.compute(spark,
            org.foglab.network.TraceGenerator.graph(spec), partitions) : null;
        GraphStatistics.Result stats = fast == null ? null : fast.result();
        if (stats == null) {
          if (tables == null) {
            tables = DistributedTraceGenerator.generate(spark, spec, config.partitions());
          }
          stats = GraphStatistics.compute(spark, tables.deviceKeys(), tables.pairs(),
              isUndirected(spec));
        }
        if (fast != null) {
          fast.write(spark, out.path("graph"), format);
        } else {
          TableIo.write(stats.vertices(), out.path("graph/vertices"), format);
          TableIo.write(stats.degreeDistribution().coalesce(1), out.path("graph/degree_distribution"), format);
          TableIo.write(stats.components(), out.path("graph/components"), format);
        }
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
      meta.put("devices", devicesCount);
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
      ctx.out().println("trace written to " + out.target() + ": " + devicesCount + " devices, "
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
