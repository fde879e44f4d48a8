package org.foglab.learning.cost;

import static org.foglab.learning.cost.CostDefaults.BACKHAUL_BITS_PER_SECOND;
import static org.foglab.learning.cost.CostDefaults.CLOUDLET_ONE_WAY_LATENCY_SECONDS;
import static org.foglab.learning.cost.CostDefaults.CLOUD_ONE_WAY_LATENCY_SECONDS;
import static org.foglab.learning.cost.CostDefaults.DEVICE_RADIO_BITS_PER_SECOND;
import static org.foglab.learning.cost.CostDefaults.LAN_ONE_WAY_LATENCY_SECONDS;
import static org.foglab.learning.cost.CostDefaults.LTE_ONE_WAY_LATENCY_SECONDS;
import static org.foglab.learning.cost.CostDefaults.UE_TRANSMIT_POWER_DBM;
import static org.foglab.learning.cost.CostDefaults.WIRED_TRANSMIT_POWER_WATTS;

import java.util.Arrays;
import java.util.Objects;

/**
 * Links whose rate, latency and transmit power depend only on the tiers of their two ends, the
 * same in both directions and in every round.
 *
 * <p><b>Defaults</b> ({@link #defaults()}, values in {@link CostDefaults}): every node reaches the
 * access site (the eNB, where fog nodes sit, as the edge server in Malandrino and Chiasserini,
 * seed 004, Section III) and a pair's one-way latency is the sum of its ends' hops to that site:
 * a device's LTE hop (5 ms; two devices are one direct hop apart), the cloudlet's and the
 * cloud's half-pings of Vainio et al. (seed 003, Table I: 1 ms and 9 ms round trips), a LAN hop
 * between two nodes of one site. A pair with a device moves at a device's share of the cell
 * (10 Mb/s) and is charged the UE's 10 dBm in both directions; other pairs use 1 Gb/s wired
 * backhaul at 1 W. {@link LteLinkModel} makes the radio part depend on distance, fading and
 * direction.
 */
public final class ConstantLinkModel implements LinkModel {
  private static final long serialVersionUID = 1L;
  private static final int TIERS = Tier.values().length;

  private final double[] bitsPerSecond;
  private final double[] latencySeconds;
  private final double[] transmitPowerWatts;

  private ConstantLinkModel(double[] bitsPerSecond, double[] latencySeconds,
      double[] transmitPowerWatts) {
    this.bitsPerSecond = bitsPerSecond;
    this.latencySeconds = latencySeconds;
    this.transmitPowerWatts = transmitPowerWatts;
  }

  /** The same rate, latency and power for every pair of tiers. */
  public static ConstantLinkModel uniform(double bitsPerSecond, double latencySeconds,
      double transmitPowerWatts) {
    check(bitsPerSecond, latencySeconds, transmitPowerWatts);
    double[] r = new double[TIERS * TIERS];
    double[] l = new double[TIERS * TIERS];
    double[] p = new double[TIERS * TIERS];
    Arrays.fill(r, bitsPerSecond);
    Arrays.fill(l, latencySeconds);
    Arrays.fill(p, transmitPowerWatts);
    return new ConstantLinkModel(r, l, p);
  }

  /** The default table described in the class comment. */
  public static ConstantLinkModel defaults() {
    double ue = CostDefaults.dbmToWatts(UE_TRANSMIT_POWER_DBM);
    double radio = DEVICE_RADIO_BITS_PER_SECOND;
    double wire = BACKHAUL_BITS_PER_SECOND;
    double w = WIRED_TRANSMIT_POWER_WATTS;
    double lte = LTE_ONE_WAY_LATENCY_SECONDS;
    double cloudlet = CLOUDLET_ONE_WAY_LATENCY_SECONDS;
    double cloud = CLOUD_ONE_WAY_LATENCY_SECONDS;
    double lan = LAN_ONE_WAY_LATENCY_SECONDS;
    return uniform(wire, lan, w)
        // one direct radio hop between the terminals, as seed 004's d_ij
        .with(Tier.DEVICE, Tier.DEVICE, radio, lte, ue)
        .with(Tier.DEVICE, Tier.FOG, radio, lte, ue)
        .with(Tier.DEVICE, Tier.CLOUDLET, radio, lte + cloudlet, ue)
        .with(Tier.DEVICE, Tier.CLOUD, radio, lte + cloud, ue)
        .with(Tier.FOG, Tier.FOG, wire, lan, w)
        .with(Tier.FOG, Tier.CLOUDLET, wire, cloudlet, w)
        .with(Tier.FOG, Tier.CLOUD, wire, cloud, w)
        // two cloudlets meet at the access site
        .with(Tier.CLOUDLET, Tier.CLOUDLET, wire, 2 * cloudlet, w)
        .with(Tier.CLOUDLET, Tier.CLOUD, wire, cloudlet + cloud, w)
        .with(Tier.CLOUD, Tier.CLOUD, wire, lan, w);
  }

  /** A copy with the pair {a, b} (either order) set to the given rate, latency and power. */
  public ConstantLinkModel with(Tier a, Tier b, double bitsPerSecond, double latencySeconds,
      double transmitPowerWatts) {
    Objects.requireNonNull(a, "tier a");
    Objects.requireNonNull(b, "tier b");
    check(bitsPerSecond, latencySeconds, transmitPowerWatts);
    double[] r = this.bitsPerSecond.clone();
    double[] l = this.latencySeconds.clone();
    double[] p = this.transmitPowerWatts.clone();
    for (int i : new int[] {index(a, b), index(b, a)}) {
      r[i] = bitsPerSecond;
      l[i] = latencySeconds;
      p[i] = transmitPowerWatts;
    }
    return new ConstantLinkModel(r, l, p);
  }

  private static void check(double bitsPerSecond, double latencySeconds,
      double transmitPowerWatts) {
    Checks.positive("bitsPerSecond", bitsPerSecond);
    Checks.nonNegative("latencySeconds", latencySeconds);
    Checks.nonNegative("transmitPowerWatts", transmitPowerWatts);
  }

  private static int index(Tier a, Tier b) {
    return a.ordinal() * TIERS + b.ordinal();
  }

  /** Rate between two tiers. */
  public double bitsPerSecond(Tier a, Tier b) {
    return bitsPerSecond[index(a, b)];
  }

  /** One-way latency between two tiers. */
  public double latencySeconds(Tier a, Tier b) {
    return latencySeconds[index(a, b)];
  }

  /** Sender power between two tiers. */
  public double transmitPowerWatts(Tier a, Tier b) {
    return transmitPowerWatts[index(a, b)];
  }

  @Override
  public double bitsPerSecond(Node src, Node dst, long round) {
    return bitsPerSecond(src.tier(), dst.tier());
  }

  @Override
  public double latencySeconds(Node src, Node dst) {
    return latencySeconds(src.tier(), dst.tier());
  }

  @Override
  public double transmitPowerWatts(Node src, Node dst) {
    return transmitPowerWatts(src.tier(), dst.tier());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConstantLinkModel c && Arrays.equals(bitsPerSecond, c.bitsPerSecond)
        && Arrays.equals(latencySeconds, c.latencySeconds)
        && Arrays.equals(transmitPowerWatts, c.transmitPowerWatts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(bitsPerSecond), Arrays.hashCode(latencySeconds),
        Arrays.hashCode(transmitPowerWatts));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ConstantLinkModel[");
    for (Tier a : Tier.values()) {
      for (Tier b : Tier.values()) {
        if (b.ordinal() >= a.ordinal()) {
          int i = index(a, b);
          s.append(a.configName()).append('-').append(b.configName()).append(": ")
              .append(bitsPerSecond[i]).append(" b/s, ").append(latencySeconds[i]).append(" s, ")
              .append(transmitPowerWatts[i]).append(" W; ");
        }
      }
    }
    return s.append(']').toString();
  }
}
