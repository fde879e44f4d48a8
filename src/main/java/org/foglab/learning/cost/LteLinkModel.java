package org.foglab.learning.cost;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Single-cell LTE links, equation (3) of Malandrino and Chiasserini (seed 004, Section III,
 * after Chen et al. [18]): a radio link from node i to node j moves
 * {@code r = n_RB B_RB log2(1 + P_i h / (I + B_RB N0))} bits per second, with
 * {@code h = o G(d_ij)}.
 *
 * <ul>
 *   <li>{@code n_RB}: resource blocks each link gets ({@link Builder#resourceBlocks}, default all
 *       100 of the 20 MHz carrier; sharing them among concurrent users, as the paper's
 *       proportional-fair scheduler does, is the caller's choice: pass 100 / users).
 *   <li>{@code B_RB} = 180 kHz per block (12 x 15 kHz subcarriers; 100 blocks fill 18 MHz of the
 *       20 MHz carrier, the rest is guard band). {@code N0} = -174 dBm/Hz.
 *   <li>{@code P_i}: the sender's power, 10 dBm for a device (UE), 30 dBm for the eNB. As in
 *       (3), the whole power enters every block's SNR.
 *   <li>{@code G(d)}: the paper's {@code d^-alpha} with the constant of 3GPP TR 36.814's macro
 *       cell, {@code G(d) = 10^(-(128.1 + 37.6 log10(d / 1 km)) / 10)} (alpha = 3.76), with d
 *       clamped to at least 35 m.
 *   <li>{@code o}: Rayleigh fading, an Exp(1) power gain drawn per (src, dst, round) from the
 *       seed; or 1 ({@link Builder#fading fading(false)}). The paper writes (3) with the
 *       expectation inside the logarithm, {@code log2 E_h(1 + ...)}; since {@code E[o] = 1}
 *       that is exactly the rate without fading. With fading on, the mean over rounds is the
 *       ergodic rate {@code E[log2(1 + S o)]}, lower by Jensen's inequality.
 *   <li>{@code I}: interference, default 0 W (the paper gives no value; blocks of one cell are
 *       orthogonal).
 * </ul>
 *
 * <p><b>Geometry.</b> The eNB is at the centre of a 500 m disk; each DEVICE sits at a point
 * uniform in the disk, a pure function of (seed, node id). Fog and cloudlet nodes sit at the
 * eNB ({@link #ACCESS_SITE}; seed 004 co-locates the edge server with the eNB); the cloud and
 * cloudlet are reached from there over the {@link Builder#backhaul backhaul}. A link between two
 * devices is one direct radio hop over the distance between them ({@code d_ij} of (3)). A link
 * between a device and any other node is the radio hop to the eNB, followed, unless the other
 * end is a fog node, by the backhaul hop from {@link #ACCESS_SITE}: its latency is the sum of
 * the hops' and its rate the smaller one's (the hops pipeline). A link between two non-devices
 * is the backhaul's alone. Radio senders spend the UE's or the eNB's power; the backhaul hop's
 * energy of a device link is not charged (its airtime is shorter than the radio hop's).
 */
public final class LteLinkModel implements LinkModel {
  private static final long serialVersionUID = 1L;
  private static final double LN2 = Math.log(2.0);

  /** The eNB site where fog nodes sit: the backhaul end of a device's link. */
  public static final Node ACCESS_SITE = new Node("enb", Tier.FOG);

  private final long seed;
  private final double radiusMeters;
  private final int resourceBlocks;
  private final double resourceBlockHertz;
  private final double ueTransmitPowerDbm;
  private final double enbTransmitPowerDbm;
  private final double noiseDbmPerHertz;
  private final double interferenceWatts;
  private final double pathLossExponent;
  private final double pathLossAtReferenceDb;
  private final double pathLossReferenceMeters;
  private final double minDistanceMeters;
  private final boolean fading;
  private final double radioLatencySeconds;
  private final LinkModel backhaul;

  private LteLinkModel(Builder b) {
    this.seed = b.seed;
    this.radiusMeters = b.radiusMeters;
    this.resourceBlocks = b.resourceBlocks;
    this.resourceBlockHertz = b.resourceBlockHertz;
    this.ueTransmitPowerDbm = b.ueTransmitPowerDbm;
    this.enbTransmitPowerDbm = b.enbTransmitPowerDbm;
    this.noiseDbmPerHertz = b.noiseDbmPerHertz;
    this.interferenceWatts = b.interferenceWatts;
    this.pathLossExponent = b.pathLossExponent;
    this.pathLossAtReferenceDb = b.pathLossAtReferenceDb;
    this.pathLossReferenceMeters = b.pathLossReferenceMeters;
    this.minDistanceMeters = b.minDistanceMeters;
    this.fading = b.fading;
    this.radioLatencySeconds = b.radioLatencySeconds;
    this.backhaul = b.backhaul;
  }

  /** The defaults of {@link CostDefaults} with placement and fading drawn from {@code seed}. */
  public static LteLinkModel withSeed(long seed) {
    return builder(seed).build();
  }

  /** A builder starting from the defaults of {@link CostDefaults}. */
  public static Builder builder(long seed) {
    return new Builder(seed);
  }

  // ---- the channel --------------------------------------------------------------------------

  /**
   * Equation (3) for one radio link: {@code n_RB B_RB log2(1 + P G(d) o / (I + B_RB N0))} bits
   * per second, for a sender of {@code transmitPowerWatts} at {@code distanceMeters} and fading
   * power gain {@code fadingGain}.
   */
  public double radioBitsPerSecond(double distanceMeters, double transmitPowerWatts,
      double fadingGain) {
    Checks.nonNegative("distanceMeters", distanceMeters);
    Checks.nonNegative("transmitPowerWatts", transmitPowerWatts);
    Checks.nonNegative("fadingGain", fadingGain);
    double noiseWatts = interferenceWatts
        + resourceBlockHertz * CostDefaults.dbmToWatts(noiseDbmPerHertz);
    double snr = transmitPowerWatts * pathGain(distanceMeters) * fadingGain / noiseWatts;
    return resourceBlocks * resourceBlockHertz * Math.log1p(snr) / LN2;
  }

  /** {@code G(d) = 10^(-PL_ref/10) (d / d_ref)^-alpha}, d clamped to the minimum distance. */
  public double pathGain(double distanceMeters) {
    double d = Math.max(Checks.nonNegative("distanceMeters", distanceMeters), minDistanceMeters);
    return Math.pow(10.0, -pathLossAtReferenceDb / 10.0)
        * Math.pow(d / pathLossReferenceMeters, -pathLossExponent);
  }

  /**
   * The fading power gain {@code o} of the link in {@code round}: Exp(1) by inversion of a
   * uniform in (0, 1) hashed from (seed, src, dst, round), or 1 without fading.
   */
  public double fadingGain(Node src, Node dst, long round) {
    if (!fading) {
      return 1.0;
    }
    long h = Streams.hash(seed, Purpose.CHANNEL_FADING, nodeKey(src), nodeKey(dst), round);
    double u = ((h >>> 11) + 0.5) * 0x1.0p-53; // strictly inside (0, 1): o is finite and > 0
    return -Math.log(u);
  }

  /**
   * Position {x, y} in metres relative to the eNB: uniform in the disk for a DEVICE
   * ({@code r = R sqrt(U1)}, {@code theta = 2 pi U2}), the eNB itself for every other tier.
   */
  public double[] positionMeters(Node node) {
    if (node.tier() != Tier.DEVICE) {
      return new double[] {0.0, 0.0};
    }
    long key = nodeKey(node);
    double r = radiusMeters * Math.sqrt(Streams.unit(
        Streams.hash(seed, Purpose.NODE_PLACEMENT, key, 0)));
    double theta = 2 * Math.PI * Streams.unit(Streams.hash(seed, Purpose.NODE_PLACEMENT, key, 1));
    return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
  }

  /** Distance between two nodes' positions, before the minimum-distance clamp. */
  public double distanceMeters(Node a, Node b) {
    double[] p = positionMeters(a);
    double[] q = positionMeters(b);
    return Math.hypot(p[0] - q[0], p[1] - q[1]);
  }

  // ---- LinkModel ----------------------------------------------------------------------------

  @Override
  public double bitsPerSecond(Node src, Node dst, long round) {
    if (!radio(src, dst)) {
      return backhaul.bitsPerSecond(src, dst, round);
    }
    double rate = radioBitsPerSecond(distanceMeters(src, dst), transmitPowerWatts(src, dst),
        fadingGain(src, dst, round));
    Node far = farEnd(src, dst);
    if (far == null) {
      return rate;
    }
    double wired = src.tier() == Tier.DEVICE
        ? backhaul.bitsPerSecond(ACCESS_SITE, far, round)
        : backhaul.bitsPerSecond(far, ACCESS_SITE, round);
    return Math.min(rate, wired);
  }

  @Override
  public double latencySeconds(Node src, Node dst) {
    if (!radio(src, dst)) {
      return backhaul.latencySeconds(src, dst);
    }
    Node far = farEnd(src, dst);
    if (far == null) {
      return radioLatencySeconds;
    }
    return radioLatencySeconds + (src.tier() == Tier.DEVICE
        ? backhaul.latencySeconds(ACCESS_SITE, far)
        : backhaul.latencySeconds(far, ACCESS_SITE));
  }

  @Override
  public double transmitPowerWatts(Node src, Node dst) {
    if (!radio(src, dst)) {
      return backhaul.transmitPowerWatts(src, dst);
    }
    return CostDefaults.dbmToWatts(src.tier() == Tier.DEVICE
        ? ueTransmitPowerDbm : enbTransmitPowerDbm);
  }

  private static boolean radio(Node src, Node dst) {
    return src.tier() == Tier.DEVICE || dst.tier() == Tier.DEVICE;
  }

  /** The non-device end behind the eNB that needs a backhaul hop, or null. */
  private static Node farEnd(Node src, Node dst) {
    Node other = src.tier() == Tier.DEVICE ? dst : src;
    return other.tier() == Tier.DEVICE || other.tier() == Tier.FOG ? null : other;
  }

  /** A 64-bit key of a node: FNV-1a of the id's UTF-8 bytes and the tier, then mixed. */
  static long nodeKey(Node node) {
    long h = 0xcbf29ce484222325L;
    for (byte b : node.id().getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return Streams.mix(h + node.tier().ordinal());
  }

  // ---- accessors, equality ------------------------------------------------------------------

  public long seed() {
    return seed;
  }

  public int resourceBlocks() {
    return resourceBlocks;
  }

  public boolean fading() {
    return fading;
  }

  public LinkModel backhaul() {
    return backhaul;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LteLinkModel m && seed == m.seed
        && Double.compare(radiusMeters, m.radiusMeters) == 0
        && resourceBlocks == m.resourceBlocks
        && Double.compare(resourceBlockHertz, m.resourceBlockHertz) == 0
        && Double.compare(ueTransmitPowerDbm, m.ueTransmitPowerDbm) == 0
        && Double.compare(enbTransmitPowerDbm, m.enbTransmitPowerDbm) == 0
        && Double.compare(noiseDbmPerHertz, m.noiseDbmPerHertz) == 0
        && Double.compare(interferenceWatts, m.interferenceWatts) == 0
        && Double.compare(pathLossExponent, m.pathLossExponent) == 0
        && Double.compare(pathLossAtReferenceDb, m.pathLossAtReferenceDb) == 0
        && Double.compare(pathLossReferenceMeters, m.pathLossReferenceMeters) == 0
        && Double.compare(minDistanceMeters, m.minDistanceMeters) == 0
        && fading == m.fading
        && Double.compare(radioLatencySeconds, m.radioLatencySeconds) == 0
        && backhaul.equals(m.backhaul);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seed, radiusMeters, resourceBlocks, resourceBlockHertz, ueTransmitPowerDbm,
        enbTransmitPowerDbm, noiseDbmPerHertz, interferenceWatts, pathLossExponent,
        pathLossAtReferenceDb, pathLossReferenceMeters, minDistanceMeters, fading,
        radioLatencySeconds, backhaul);
  }

  @Override
  public String toString() {
    return "LteLinkModel[seed=" + seed + ", radius=" + radiusMeters + " m, " + resourceBlocks
        + " RBs x " + resourceBlockHertz + " Hz, UE " + ueTransmitPowerDbm + " dBm, eNB "
        + enbTransmitPowerDbm + " dBm, N0 " + noiseDbmPerHertz + " dBm/Hz, I "
        + interferenceWatts + " W, alpha " + pathLossExponent + ", fading " + fading + "]";
  }

  /** Options of {@link LteLinkModel}, each defaulted from {@link CostDefaults}. */
  public static final class Builder {
    private final long seed;
    private double radiusMeters = CostDefaults.CELL_RADIUS_METERS;
    private int resourceBlocks = CostDefaults.LTE_RESOURCE_BLOCKS;
    private double resourceBlockHertz = CostDefaults.RESOURCE_BLOCK_HERTZ;
    private double ueTransmitPowerDbm = CostDefaults.UE_TRANSMIT_POWER_DBM;
    private double enbTransmitPowerDbm = CostDefaults.ENB_TRANSMIT_POWER_DBM;
    private double noiseDbmPerHertz = CostDefaults.NOISE_DBM_PER_HERTZ;
    private double interferenceWatts = CostDefaults.INTERFERENCE_WATTS;
    private double pathLossExponent = CostDefaults.PATH_LOSS_EXPONENT;
    private double pathLossAtReferenceDb = CostDefaults.PATH_LOSS_AT_REFERENCE_DB;
    private double pathLossReferenceMeters = CostDefaults.PATH_LOSS_REFERENCE_METERS;
    private double minDistanceMeters = CostDefaults.MIN_DISTANCE_METERS;
    private boolean fading = true;
    private double radioLatencySeconds = CostDefaults.LTE_ONE_WAY_LATENCY_SECONDS;
    private LinkModel backhaul = ConstantLinkModel.defaults();

    private Builder(long seed) {
      this.seed = seed;
    }

    /** Radius of the disk devices are placed in (default 500 m). */
    public Builder radiusMeters(double v) {
      radiusMeters = Checks.positive("radiusMeters", v);
      return this;
    }

    /** Resource blocks of every radio link (default 100, the whole carrier). */
    public Builder resourceBlocks(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("resourceBlocks must be at least 1, got " + v);
      }
      resourceBlocks = v;
      return this;
    }

    /** Bandwidth of one resource block (default 180 kHz). */
    public Builder resourceBlockHertz(double v) {
      resourceBlockHertz = Checks.positive("resourceBlockHertz", v);
      return this;
    }

    /** Uplink (device) transmit power (default 10 dBm). */
    public Builder ueTransmitPowerDbm(double v) {
      ueTransmitPowerDbm = Checks.finite("ueTransmitPowerDbm", v);
      return this;
    }

    /** Downlink (eNB) transmit power (default 30 dBm). */
    public Builder enbTransmitPowerDbm(double v) {
      enbTransmitPowerDbm = Checks.finite("enbTransmitPowerDbm", v);
      return this;
    }

    /** Noise power spectral density (default -174 dBm/Hz). */
    public Builder noiseDbmPerHertz(double v) {
      noiseDbmPerHertz = Checks.finite("noiseDbmPerHertz", v);
      return this;
    }

    /** Interference power I (default 0 W). */
    public Builder interferenceWatts(double v) {
      interferenceWatts = Checks.nonNegative("interferenceWatts", v);
      return this;
    }

    /** Path loss {@code PL(d) = lossAtReferenceDb + 10 exponent log10(d / referenceMeters)}. */
    public Builder pathLoss(double exponent, double lossAtReferenceDb, double referenceMeters) {
      pathLossExponent = Checks.positive("path-loss exponent", exponent);
      pathLossAtReferenceDb =
          Checks.finite("path loss at the reference distance", lossAtReferenceDb);
      pathLossReferenceMeters = Checks.positive("path-loss reference distance", referenceMeters);
      return this;
    }

    /** Distances below this count as this (default 35 m). */
    public Builder minDistanceMeters(double v) {
      minDistanceMeters = Checks.positive("minDistanceMeters", v);
      return this;
    }

    /** Rayleigh fading per (src, dst, round) (default true); false fixes o = 1. */
    public Builder fading(boolean v) {
      fading = v;
      return this;
    }

    /** One-way latency of a radio hop (default 5 ms). */
    public Builder radioLatencySeconds(double v) {
      radioLatencySeconds = Checks.nonNegative("radioLatencySeconds", v);
      return this;
    }

    /** Links between non-devices, and the eNB's onward hop (default the constant model's). */
    public Builder backhaul(LinkModel v) {
      backhaul = Objects.requireNonNull(v, "backhaul");
      return this;
    }

    public LteLinkModel build() {
      return new LteLinkModel(this);
    }
  }
}
