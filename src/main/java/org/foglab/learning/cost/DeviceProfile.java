package org.foglab.learning.cost;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;
import java.util.Objects;

/**
 * Compute speed and power of one tier.
 *
 * <p><b>Time model.</b> A batch of {@code flops} floating-point operations whose working set is
 * {@code ws} bytes takes {@code (perBatchOverheadSeconds + flops / flopsPerSecond) x s} seconds,
 * where {@code s = 1} while {@code ws <= memoryBytes} and
 * {@code s = 1 + k (ws / memoryBytes - 1)} beyond: the excess fraction of the working set is
 * paged from storage, each unit of excess costing {@code k} =
 * {@link CostDefaults#PAGING_SLOWDOWN_PER_EXCESS} times the in-memory time.
 *
 * <p><b>Energy model.</b> Active power times simulated seconds, as Malandrino and Chiasserini
 * (seed 004, Table I) charge processing energy by busy CPU time; idle power is kept for callers
 * that charge waiting.
 *
 * @param flopsPerSecond sustained FLOP/s, finite and positive
 * @param activePowerWatts power while computing
 * @param idlePowerWatts power while idle
 * @param perBatchOverheadSeconds fixed seconds per batch
 * @param memoryBytes memory for the working set; {@code +Infinity} for no limit
 */
@DefaultSerializer(JavaSerializer.class)
public record DeviceProfile(double flopsPerSecond, double activePowerWatts, double idlePowerWatts,
    double perBatchOverheadSeconds, double memoryBytes) implements Serializable {
  public DeviceProfile {
    Checks.positive("flopsPerSecond", flopsPerSecond);
    Checks.nonNegative("activePowerWatts", activePowerWatts);
    Checks.nonNegative("idlePowerWatts", idlePowerWatts);
    Checks.nonNegative("perBatchOverheadSeconds", perBatchOverheadSeconds);
    if (!(memoryBytes > 0)) {
      throw new IllegalArgumentException(
          "memoryBytes must be > 0 (or +Infinity for no limit), got " + memoryBytes);
    }
  }

  /** Simulated seconds of one batch of {@code flops} operations over {@code workingSetBytes}. */
  public double computeSeconds(double flops, double workingSetBytes) {
    Checks.nonNegative("flops", flops);
    Checks.nonNegative("workingSetBytes", workingSetBytes);
    double inMemory = perBatchOverheadSeconds + flops / flopsPerSecond;
    return inMemory * pagingSlowdown(workingSetBytes);
  }

  /** The factor {@code s} of the time model: 1 within memory, {@code 1 + k (ws/mem - 1)} beyond. */
  public double pagingSlowdown(double workingSetBytes) {
    Checks.nonNegative("workingSetBytes", workingSetBytes);
    if (workingSetBytes <= memoryBytes) {
      return 1.0;
    }
    return 1.0 + CostDefaults.PAGING_SLOWDOWN_PER_EXCESS * (workingSetBytes / memoryBytes - 1.0);
  }

  /** Joules of {@code seconds} of computing: active power x seconds. */
  public double computeJoules(double seconds) {
    return activePowerWatts * Checks.nonNegative("seconds", seconds);
  }

  /** Joules of {@code seconds} spent idle: idle power x seconds. */
  public double idleJoules(double seconds) {
    return idlePowerWatts * Checks.nonNegative("seconds", seconds);
  }

  /** The default profile of a tier, from {@link CostDefaults}. */
  public static DeviceProfile of(Tier tier) {
    Objects.requireNonNull(tier, "tier");
    double overhead = CostDefaults.PER_BATCH_OVERHEAD_SECONDS;
    return switch (tier) {
      case DEVICE -> new DeviceProfile(CostDefaults.DEVICE_FLOPS_PER_SECOND,
          CostDefaults.DEVICE_ACTIVE_POWER_WATTS, CostDefaults.DEVICE_IDLE_POWER_WATTS, overhead,
          CostDefaults.DEVICE_MEMORY_BYTES);
      case FOG -> new DeviceProfile(CostDefaults.FOG_FLOPS_PER_SECOND,
          CostDefaults.FOG_ACTIVE_POWER_WATTS, CostDefaults.FOG_IDLE_POWER_WATTS, overhead,
          CostDefaults.FOG_MEMORY_BYTES);
      case CLOUDLET -> new DeviceProfile(CostDefaults.CLOUDLET_FLOPS_PER_SECOND,
          CostDefaults.CLOUDLET_ACTIVE_POWER_WATTS, CostDefaults.CLOUDLET_IDLE_POWER_WATTS,
          overhead, CostDefaults.CLOUDLET_MEMORY_BYTES);
      case CLOUD -> new DeviceProfile(CostDefaults.CLOUD_FLOPS_PER_SECOND,
          CostDefaults.CLOUD_ACTIVE_POWER_WATTS, CostDefaults.CLOUD_IDLE_POWER_WATTS, overhead,
          CostDefaults.CLOUD_MEMORY_BYTES);
    };
  }
}
