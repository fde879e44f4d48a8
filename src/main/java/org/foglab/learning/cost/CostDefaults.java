package org.foglab.learning.cost;

/**
 * Every default of the cost models, in one table, with its source. "Assumed" marks a value no
 * seed paper gives; change it through the models' constructors, not here.
 *
 * <p>Sources: [M] Malandrino and Chiasserini, "Flexible Parallel Learning in Edge Scenarios:
 * Communication, Computational and Energy Cost" (seed 004), Section III and Table I; [V] Vainio,
 * Mudvari, Kiedanski, Tarkoma and Tassiulas, "Fog Computing for Deep Learning with Pipelines"
 * (seed 003), Table I and Figure 7; [3GPP] 3GPP TR 36.814 (macro-cell path loss
 * {@code 128.1 + 37.6 log10(d / 1 km)} dB, minimum UE distance 35 m) and TR 25.913 (E-UTRA
 * one-way user-plane latency target 5 ms).
 */
public final class CostDefaults {
  private CostDefaults() {}

  // ---- compute: peak to achieved -------------------------------------------------------------

  /**
   * Achieved FP32 training FLOP/s per peak INT8 operation per second. [V] quotes INT8 peaks,
   * which training never reaches: a GPU with 130 INT8 TOPS (the NVIDIA T4 datasheet figure; [V]
   * does not name its hardware) peaks at 8.1 FP32 TFLOPS, about 1/16, and we assume training
   * sustains 80% of the FP32 peak: 0.0625 x 0.8 = 0.05.
   */
  public static final double ACHIEVED_FLOPS_PER_PEAK_INT8_OP = 0.05;

  /**
   * Slowdown per unit of working set in excess of memory ({@code k} of
   * {@link DeviceProfile#computeSeconds}): the excess is paged from storage, assumed an order of
   * magnitude slower than memory.
   */
  public static final double PAGING_SLOWDOWN_PER_EXCESS = 10.0;

  // ---- compute: one row per tier -------------------------------------------------------------

  /** Device (phone, sensor, laptop): 100 GFLOP/s sustained on a CPU. Assumed. */
  public static final double DEVICE_FLOPS_PER_SECOND = 1e11;
  /** Device package power while training. Assumed. */
  public static final double DEVICE_ACTIVE_POWER_WATTS = 5.0;
  /** Device idle power. Assumed. */
  public static final double DEVICE_IDLE_POWER_WATTS = 1.0;
  /** Device memory available to training: 4 GiB. Assumed. */
  public static final double DEVICE_MEMORY_BYTES = 4.0 * (1L << 30);

  /** Fog node (gateway class, between device and cloudlet): 300 GFLOP/s. Assumed. */
  public static final double FOG_FLOPS_PER_SECOND = 3e11;
  /** Fog node power while training. Assumed. */
  public static final double FOG_ACTIVE_POWER_WATTS = 15.0;
  /** Fog node idle power. Assumed. */
  public static final double FOG_IDLE_POWER_WATTS = 5.0;
  /** Fog node memory: 8 GiB. Assumed. */
  public static final double FOG_MEMORY_BYTES = 8.0 * (1L << 30);

  /** Cloudlet: 22 INT8 TOPS peak [V, Table I] x {@link #ACHIEVED_FLOPS_PER_PEAK_INT8_OP}. */
  public static final double CLOUDLET_FLOPS_PER_SECOND = 22e12 * ACHIEVED_FLOPS_PER_PEAK_INT8_OP;
  /** Cloudlet under full training load: about twice its base power [V, Figure 7 text]. */
  public static final double CLOUDLET_ACTIVE_POWER_WATTS = 20.0;
  /** Cloudlet base power with the GPU unused: about 10 W [V, Figure 7 text]. */
  public static final double CLOUDLET_IDLE_POWER_WATTS = 10.0;
  /** Cloudlet memory: 8 GiB. Assumed. */
  public static final double CLOUDLET_MEMORY_BYTES = 8.0 * (1L << 30);

  /** Cloud: 130 INT8 TOPS peak [V, Table I] x {@link #ACHIEVED_FLOPS_PER_PEAK_INT8_OP}. */
  public static final double CLOUD_FLOPS_PER_SECOND = 130e12 * ACHIEVED_FLOPS_PER_PEAK_INT8_OP;
  /** Cloud accelerator board power (70 W, the T4 figure matching [V]'s 130 TOPS). Assumed. */
  public static final double CLOUD_ACTIVE_POWER_WATTS = 70.0;
  /** Cloud accelerator idle power. Assumed. */
  public static final double CLOUD_IDLE_POWER_WATTS = 30.0;
  /** Cloud accelerator memory: 16 GiB (the T4 figure). Assumed. */
  public static final double CLOUD_MEMORY_BYTES = 16.0 * (1L << 30);

  /** Fixed cost of launching one batch (framework and kernel launch), every tier. Assumed. */
  public static final double PER_BATCH_OVERHEAD_SECONDS = 1e-3;

  // ---- links -----------------------------------------------------------------------------------

  /** Transmit power of a user equipment: 10 dBm [M, Section III]. */
  public static final double UE_TRANSMIT_POWER_DBM = 10.0;
  /** Transmit power of the eNB: 30 dBm [M, Section III]. */
  public static final double ENB_TRANSMIT_POWER_DBM = 30.0;
  /** Noise power spectral density: -174 dBm/Hz [M, Section III]. */
  public static final double NOISE_DBM_PER_HERTZ = -174.0;
  /** Resource blocks of a 20 MHz LTE carrier [M, Section III]. */
  public static final int LTE_RESOURCE_BLOCKS = 100;
  /**
   * Bandwidth of one LTE resource block: 12 subcarriers x 15 kHz = 180 kHz. [M]'s 20 MHz carrier
   * holds 100 blocks (18 MHz); the other 2 MHz are guard bands and carry no data.
   */
  public static final double RESOURCE_BLOCK_HERTZ = 180e3;
  /** Radius of the disk around the eNB in which devices are placed: 500 m [M, Section III]. */
  public static final double CELL_RADIUS_METERS = 500.0;
  /** Path-loss exponent alpha of {@code h = o d^-alpha}: 3.76 [3GPP TR 36.814 macro cell]. */
  public static final double PATH_LOSS_EXPONENT = 3.76;
  /** Path loss at the reference distance of 1 km: 128.1 dB [3GPP TR 36.814 macro cell]. */
  public static final double PATH_LOSS_AT_REFERENCE_DB = 128.1;
  /** Reference distance of {@link #PATH_LOSS_AT_REFERENCE_DB}: 1 km. */
  public static final double PATH_LOSS_REFERENCE_METERS = 1000.0;
  /** Distances are clamped to at least 35 m, the UE-cell minimum of 3GPP TR 36.814. */
  public static final double MIN_DISTANCE_METERS = 35.0;
  /**
   * Interference power: 0 W. [M] leaves {@code I} unspecified; within one cell LTE resource
   * blocks are orthogonal, so a single-cell model has no intra-cell interference.
   */
  public static final double INTERFERENCE_WATTS = 0.0;
  /** One-way latency of one LTE radio hop: the E-UTRA user-plane target, 5 ms [3GPP TR 25.913]. */
  public static final double LTE_ONE_WAY_LATENCY_SECONDS = 0.005;

  /** One-way latency from the access network to the cloudlet: half its 1 ms ping [V, Table I]. */
  public static final double CLOUDLET_ONE_WAY_LATENCY_SECONDS = 0.0005;
  /** One-way latency from the access network to the cloud: half its 9 ms ping [V, Table I]. */
  public static final double CLOUD_ONE_WAY_LATENCY_SECONDS = 0.0045;
  /** One-way latency between two nodes of the same site's LAN (fog-fog, cloud-cloud). Assumed. */
  public static final double LAN_ONE_WAY_LATENCY_SECONDS = 0.0001;

  /**
   * A device's share of the LTE cell in the constant model: 10 Mb/s. Equation (3) with all 100
   * blocks at the mean distance 2R/3 = 333 m gives about 127 Mb/s uplink (SNR 21 dB); shared
   * among about ten active devices, about 10 Mb/s each.
   */
  public static final double DEVICE_RADIO_BITS_PER_SECOND = 10e6;
  /** Wired backhaul between fog, cloudlet and cloud: 1 Gb/s. Assumed (Gigabit Ethernet). */
  public static final double BACKHAUL_BITS_PER_SECOND = 1e9;
  /** Power a wired sender spends while transmitting: 1 W, a Gigabit port's order. Assumed. */
  public static final double WIRED_TRANSMIT_POWER_WATTS = 1.0;

  // ---- carbon ----------------------------------------------------------------------------------

  /**
   * Carbon intensity: 0.243 kg CO2 per kWh, [M]'s figure for Enel in northern Italy (from
   * electricitymap.org). [M]'s Table I divides to about 0.34 g per Wh, which includes the
   * data-centre overheads of its calculator; this model charges no such overhead.
   */
  public static final double KG_CO2_PER_KWH = 0.243;

  /** Joules in one kilowatt-hour. */
  public static final double JOULES_PER_KWH = 3.6e6;

  /** Watts of a power given in dBm: {@code 10^((dBm - 30) / 10)}. */
  public static double dbmToWatts(double dbm) {
    return Math.pow(10.0, (dbm - 30.0) / 10.0);
  }
}
