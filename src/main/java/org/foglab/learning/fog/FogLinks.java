package org.foglab.learning.fog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.foglab.learning.cost.ConstantLinkModel;
import org.foglab.learning.cost.CostDefaults;
import org.foglab.learning.cost.LinkModel;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.Tier;
import org.foglab.network.FogTree;

/**
 * The per-layer link models of a fog tree, from the cost ledger's {@link ConstantLinkModel}:
 * devices are {@link Tier#DEVICE}, aggregators {@link Tier#FOG} and the root
 * {@link Tier#CLOUD}. A device's uplink to its parent is the cellular hop of the defaults (10 Mb/s
 * share of the cell, 10 dBm, 5 ms; a two-layer tree's devices reach the root over it as in
 * federated learning); aggregators reach their parents over wired backhaul (1 Gb/s, 1 W). D2D
 * links inside a cluster are short range: {@link #D2D_BITS_PER_SECOND} at
 * {@link #D2D_TRANSMIT_POWER_DBM}, so a D2D bit costs a device 1/20 of an uplink bit, in line
 * with seed 002's energy figures (consensus rounds add about 0.04 of federated learning's
 * energy each).
 */
public final class FogLinks {
  /** Short-range D2D rate (Wi-Fi Direct or sidelink between neighbours). */
  public static final double D2D_BITS_PER_SECOND = 20e6;
  /** Short-range D2D transmit power. */
  public static final double D2D_TRANSMIT_POWER_DBM = 0.0;
  /** One hop between neighbours. */
  public static final double D2D_LATENCY_SECONDS = 0.001;

  private FogLinks() {}

  /** The link model: cost-ledger defaults with short-range D2D between devices. */
  public static LinkModel model() {
    return ConstantLinkModel.defaults().with(Tier.DEVICE, Tier.DEVICE, D2D_BITS_PER_SECOND,
        D2D_LATENCY_SECONDS, CostDefaults.dbmToWatts(D2D_TRANSMIT_POWER_DBM));
  }

  /** Tier of layer {@code l} of {@code tree}. */
  public static Tier tier(FogTree tree, int l) {
    return l == 0 ? Tier.DEVICE : l == tree.depth() - 1 ? Tier.CLOUD : Tier.FOG;
  }

  /** The node of node {@code j} of layer {@code l}. */
  public static Node node(FogTree tree, int l, int j) {
    return new Node(tree.id(l, j), tier(tree, l));
  }

  /** What links the children of layer {@code l} to layer {@code l + 1}: cellular or backhaul. */
  public static String uplinkKind(int l) {
    return l == 0 ? "cellular" : "backhaul";
  }

  /**
   * Rate, latency and power of the D2D links and of each layer's uplink, for trace.json (layer
   * {@code l} is the link from layer l to l + 1).
   */
  public static Map<String, Object> describe(FogTree tree) {
    LinkModel m = model();
    Map<String, Object> out = new LinkedHashMap<>();
    Node a = node(tree, 0, 0);
    Node b = new Node(a.id() + "'", Tier.DEVICE);
    out.put("d2d", link(m, a, b, "d2d"));
    java.util.List<Object> up = new java.util.ArrayList<>();
    for (int l = 0; l + 1 < tree.depth(); l++) {
      Map<String, Object> e = link(m, node(tree, l, 0), node(tree, l + 1, 0), uplinkKind(l));
      e.put("layer", l);
      up.add(e);
    }
    out.put("uplinks", up);
    return out;
  }

  private static Map<String, Object> link(LinkModel m, Node a, Node b, String kind) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("kind", kind);
    e.put("bits_per_second", m.bitsPerSecond(a, b, 1));
    e.put("latency_seconds", m.latencySeconds(a, b));
    e.put("transmit_power_watts", m.transmitPowerWatts(a, b));
    return e;
  }
}
