package org.foglab.config;

import java.util.List;
import org.foglab.cost.CapacityModel;
import org.foglab.network.D2dGraph;
import org.foglab.network.TableFormat;
import org.foglab.network.Topology;

/**
 * Declarations of {@code foglab.generate.*}: the synthetic trace ({@link NetworkSpec},
 * {@link SyntheticModel}) and where {@code generate} writes it ({@link GenerateConfig}).
 */
public final class GenerateSettings {
  private GenerateSettings() {}

  private static final String G = "foglab.generate.";
  /** Largest magnitude of a cost or capacity factor. */
  static final double MAX_COST = 1e12;

  public static final Setting<Topology> TOPOLOGY =
      Setting.choice(G + "topology", Topology.class).option("topology").column();
  public static final Setting<Integer> DEVICES =
      Setting.integer(G + "devices", 1, NetworkSpec.MAX_DEVICES).option("devices", "N").column();
  public static final Setting<Integer> SLOTS =
      Setting.integer(G + "slots", 1, SyntheticModel.MAX_SLOTS).option("slots", "T").column();
  public static final Setting<Double> LINK_PROBABILITY =
      Setting.probability(G + "link-probability").option("link-probability", "RHO").column();
  public static final Setting<Integer> NEIGHBORS =
      Setting.integer(G + "neighbors", 0, NetworkSpec.MAX_DEVICES).option("neighbors", "K").column();
  public static final Setting<Double> REWIRE =
      Setting.probability(G + "rewire").option("rewire", "P").column();
  public static final Setting<Integer> ATTACH =
      Setting.integer(G + "attach", 1, NetworkSpec.MAX_DEVICES).option("attach", "M").column();
  public static final Setting<Integer> PARENTS_PER_DEVICE =
      Setting.integer(G + "parents-per-device", 1, NetworkSpec.MAX_DEVICES)
          .option("parents-per-device", "N").column();
  public static final Setting<String> EDGES =
      Setting.string(G + "edges").optional().option("edges", "FILE").column();
  public static final Setting<Boolean> DIRECTED = Setting.bool(G + "directed").option("directed").column();
  public static final Setting<List<String>> LAYERS =
      Setting.list(G + "layers").option("layers", "N0,N1,..,1");
  public static final Setting<D2dGraph> D2D_GRAPH =
      Setting.choice(G + "d2d-graph", D2dGraph.class).option("d2d-graph");
  public static final Setting<Double> D2D_DENSITY =
      Setting.probability(G + "d2d-density").option("d2d-density", "P");

  public static final Setting<Double> DATA_TOTAL =
      Setting.number(G + "data.total", 0, 1e18).option("data-total", "N").column();
  public static final Setting<Boolean> INTEGER_DATA =
      Setting.bool(G + "data.integer").option("integer-data").column();
  public static final Setting<Double> PROCESS_MIN = cost("costs.process.min", "process-cost-min");
  public static final Setting<Double> PROCESS_MAX = cost("costs.process.max", "process-cost-max");
  public static final Setting<Double> DISCARD_MIN = cost("costs.discard.min", "discard-cost-min");
  public static final Setting<Double> DISCARD_MAX = cost("costs.discard.max", "discard-cost-max");
  public static final Setting<Double> LINK_MIN = cost("costs.link.min", "link-cost-min");
  public static final Setting<Double> LINK_MAX = cost("costs.link.max", "link-cost-max");
  public static final Setting<Boolean> LINK_PER_DEVICE =
      Setting.bool(G + "costs.link.per-device").option("link-cost-per-device").column();
  public static final Setting<Boolean> TIME_INVARIANT =
      Setting.bool(G + "costs.time-invariant").option("time-invariant-costs").column();
  public static final Setting<Boolean> CAPACITIES =
      Setting.bool(G + "capacities.enabled").option("capacities").column();
  public static final Setting<CapacityModel> CAPACITY_MODEL =
      Setting.choice(G + "capacities.model", CapacityModel.class).option("capacity-model").column();
  public static final Setting<Double> NODE_FACTOR =
      cost("capacities.node-factor", "node-capacity-factor");
  public static final Setting<Double> LINK_FACTOR =
      cost("capacities.link-factor", "link-capacity-factor");
  public static final Setting<Double> SERVICE_RATE_MIN =
      Setting.number(G + "capacities.service-rate.min", 0, 1e15).option("service-rate-min", "MU")
          .column();
  public static final Setting<Double> SERVICE_RATE_MAX =
      Setting.number(G + "capacities.service-rate.max", 0, 1e15).option("service-rate-max", "MU")
          .column();
  public static final Setting<Double> WAIT_BOUND =
      Setting.number(G + "capacities.wait-bound", 0, 1e15).option("wait-bound", "SIGMA").column();
  public static final Setting<Double> ACTIVE_PROBABILITY =
      Setting.probability(G + "dynamics.active-probability").option("active-probability").column();
  public static final Setting<Double> LINK_UP_PROBABILITY =
      Setting.probability(G + "dynamics.link-up-probability").option("link-up-probability")
          .column();

  public static final Setting<String> OUT = Setting.string(G + "out").option("out", "DIR");
  public static final Setting<TableFormat> FORMAT =
      Setting.choice(G + "format", TableFormat.class).option("format");
  public static final Setting<Boolean> OVERWRITE = Setting.bool(G + "overwrite").option("overwrite");
  public static final Setting<Integer> PARTITIONS =
      Setting.integer(G + "partitions", 0, 1_000_000).option("partitions", "P");
  public static final Setting<Boolean> GRAPH_STATS =
      Setting.bool(G + "graph-stats").option("graph-stats");

  private static Setting<Double> cost(String key, String option) {
    return Setting.number(G + key, 0, MAX_COST).option(option, "X").column();
  }
}
