package org.foglab.learning.fog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.CostModels;
import org.foglab.learning.cost.LinkModel;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.Tier;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.network.FogTree;

/**
 * The honest account of a fog run (issue 11): model transfers per layer and direction and D2D
 * messages, each priced by {@link FogLinks}' radio and backhaul models (float32 parameters on
 * the wire; transmit energy of the sender only), the devices' radio energy, and the reduction
 * against federated averaging with the same participating devices (one upload and one download
 * per device and round) three ways: device uplinks only (the Federated2Fog count), all parameter
 * transfers of the tree, and all of them plus D2D messages.
 */
public final class FogAccounting {
  private FogAccounting() {}

  /** Bytes of one model on the wire. */
  public static double modelBytes(int parameters) {
    return 4.0 * parameters;
  }

  /** Sender and receiver of a transfer over link layer {@code l}; up or down. */
  static Node[] ends(FogTree tree, FogMode mode, int l, boolean up) {
    Node child = representative(tree, l);
    Node parent = mode == FogMode.FEDERATED ? new Node("root", Tier.CLOUD)
        : representative(tree, l + 1);
    return up ? new Node[] {child, parent} : new Node[] {parent, child};
  }

  private static Node representative(FogTree tree, int l) {
    Tier t = FogLinks.tier(tree, l);
    return new Node(l == tree.depth() - 1 ? "root" : "layer-" + l, t);
  }

  /**
   * Records every round's transfers in a ledger (one entry per round, layer, direction and
   * kind, between representative nodes of the layers: bytes and energy are exact, message
   * counts are the records' own) and returns it.
   */
  public static CostLedger ledger(FogTree tree, FogMode mode, FogTrainer.Result r,
      int parameters) {
    CostLedger ledger = new CostLedger(CostModels.defaults().withLinks(FogLinks.model()));
    double bytes = modelBytes(parameters);
    long[] prevUp = new long[tree.depth() - 1];
    long[] prevDown = new long[tree.depth() - 1];
    long prevD2d = 0;
    long prevOffloaded = 0;
    Node d2a = new Node("layer-0", Tier.DEVICE);
    Node d2b = new Node("layer-0-neighbour", Tier.DEVICE);
    for (FogTrainer.RoundRecord rec : r.records()) {
      for (int l = 0; l < prevUp.length; l++) {
        long u = rec.up()[l] - prevUp[l];
        long d = rec.down()[l] - prevDown[l];
        if (u > 0) {
          Node[] e = ends(tree, mode, l, true);
          ledger.send(e[0], e[1], rec.round(), TrafficKind.PARAMETERS, u * bytes);
        }
        if (d > 0) {
          Node[] e = ends(tree, mode, l, false);
          ledger.send(e[0], e[1], rec.round(), TrafficKind.PARAMETERS, d * bytes);
        }
        prevUp[l] = rec.up()[l];
        prevDown[l] = rec.down()[l];
      }
      long m = rec.d2dMessages() - prevD2d;
      if (m > 0) {
        ledger.send(d2a, d2b, rec.round(), TrafficKind.CONSENSUS, m * bytes);
      }
      prevD2d = rec.d2dMessages();
      long moved = rec.offloadedSamples() - prevOffloaded;
      if (moved > 0) {
        ledger.send(d2a, d2b, rec.round(), TrafficKind.RAW_DATA, moved * r.sampleBytes());
      }
      prevOffloaded = rec.offloadedSamples();
    }
    return ledger;
  }

  /**
   * The devices' cumulative radio energy up to a round: their uplinks of models, their D2D
   * consensus messages and the samples they offloaded, priced as in {@link #summary}.
   */
  public static double deviceRadioJoules(FogTree tree, FogMode mode, FogTrainer.RoundRecord rec,
      int parameters, double sampleBytes) {
    LinkModel links = FogLinks.model();
    double bytes = modelBytes(parameters);
    Node[] e = ends(tree, mode, 0, true);
    Node a = new Node("a", Tier.DEVICE);
    Node b = new Node("b", Tier.DEVICE);
    double j = rec.up()[0] * links.transferJoules(e[0], e[1], 1, bytes)
        + rec.d2dMessages() * links.transferJoules(a, b, 1, bytes);
    if (rec.offloadedSamples() > 0) {
      j += links.transferJoules(a, b, 1, rec.offloadedSamples() * sampleBytes);
    }
    return j;
  }

  /** The summary's accounting section. */
  public static Map<String, Object> summary(FogTree tree, FogMode mode, FogTrainer.Result r,
      int parameters) {
    LinkModel links = FogLinks.model();
    double bytes = modelBytes(parameters);
    FogTrainer.RoundRecord last = r.last();
    List<Object> layers = new ArrayList<>();
    double deviceJoules = 0;
    for (int l = 0; l < last.up().length; l++) {
      for (boolean up : new boolean[] {true, false}) {
        Node[] e = ends(tree, mode, l, up);
        long n = up ? last.up()[l] : last.down()[l];
        double joules = n * links.transferJoules(e[0], e[1], 1, bytes);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("layer", l);
        row.put("direction", up ? "up" : "down");
        row.put("kind", TrafficKind.PARAMETERS.configName());
        row.put("from", e[0].tier().configName());
        row.put("to", e[1].tier().configName());
        row.put("transfers", n);
        row.put("bytes", n * bytes);
        row.put("transmit_joules", joules);
        layers.add(row);
        if (l == 0 && up) {
          deviceJoules += joules;
        }
      }
    }
    Node a = new Node("a", Tier.DEVICE);
    Node b = new Node("b", Tier.DEVICE);
    double d2dJoules = last.d2dMessages() * links.transferJoules(a, b, 1, bytes);
    Map<String, Object> d2d = new LinkedHashMap<>();
    d2d.put("layer", 0);
    d2d.put("direction", "d2d");
    d2d.put("kind", TrafficKind.CONSENSUS.configName());
    d2d.put("from", "device");
    d2d.put("to", "device");
    d2d.put("transfers", last.d2dMessages());
    d2d.put("bytes", last.d2dMessages() * bytes);
    d2d.put("transmit_joules", d2dJoules);
    layers.add(d2d);
    deviceJoules += d2dJoules;
    // D2D data offloading before training: raw samples between trusted neighbours.
    double offloadBytes = last.offloadedSamples() * r.sampleBytes();
    double offloadJoules = offloadBytes == 0 ? 0 : links.transferJoules(a, b, 1, offloadBytes);
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("layer", 0);
    raw.put("direction", "d2d");
    raw.put("kind", TrafficKind.RAW_DATA.configName());
    raw.put("from", "device");
    raw.put("to", "device");
    raw.put("transfers", last.offloadedSamples());
    raw.put("bytes", offloadBytes);
    raw.put("transmit_joules", offloadJoules);
    layers.add(raw);
    deviceJoules += offloadJoules;
    // Federated averaging with the same participants: every device uploads over its cellular
    // hop (to the root) and downloads once per round.
    long flUp = last.flDeviceTransfers() / 2;
    Node dev = new Node("d", Tier.DEVICE);
    Node root = new Node("root", Tier.CLOUD);
    double flDeviceJoules = flUp * links.transferJoules(dev, root, 1, bytes);
    long tree0 = last.treeTransfers();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model_bytes", bytes);
    out.put("transfers", layers);
    out.put("device_uplinks", last.up()[0]);
    out.put("tree_parameter_transfers", tree0);
    out.put("d2d_messages", last.d2dMessages());
    out.put("offloaded_samples", last.offloadedSamples());
    out.put("offloaded_bytes", offloadBytes);
    out.put("fl_device_uplinks", flUp);
    out.put("fl_parameter_transfers", last.flDeviceTransfers());
    Map<String, Object> red = new LinkedHashMap<>();
    red.put("device_uplinks_only", 1 - (double) last.up()[0] / flUp);
    red.put("parameter_transfers_without_d2d", 1 - (double) tree0 / last.flDeviceTransfers());
    red.put("parameter_transfers_with_d2d",
        1 - (double) (tree0 + last.d2dMessages()) / last.flDeviceTransfers());
    red.put("bytes_with_d2d_and_offloading", 1 - ((tree0 + last.d2dMessages()) * bytes
        + offloadBytes) / (last.flDeviceTransfers() * bytes));
    red.put("device_radio_energy", 1 - deviceJoules / flDeviceJoules);
    out.put("reduction_vs_fl", red);
    Map<String, Object> energy = new LinkedHashMap<>();
    energy.put("device_radio_joules", deviceJoules);
    energy.put("device_radio_joules_per_device", deviceJoules / tree.devices());
    energy.put("d2d_joules", d2dJoules);
    energy.put("offloading_joules", offloadJoules);
    energy.put("fl_device_radio_joules", flDeviceJoules);
    energy.put("fl_device_radio_joules_per_device", flDeviceJoules / tree.devices());
    out.put("energy", energy);
    return out;
  }
}
