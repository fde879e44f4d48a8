package org.foglab.config;

import org.foglab.cost.CapacityModel;

/**
 * The paper's synthetic per device-slot model (Section V-A): data, costs, capacities and
 * dynamics drawn independently per device, slot and link from the root seed.
 *
 * @param slots T
 * @param dataTotal |D_V|; D_i(t) ~ U(0, dataTotal / (n T))
 * @param integerData whether D_i(t) is a whole number of datapoints
 * @param processMin lower bound of c_i(t)
 * @param processMax upper bound of c_i(t)
 * @param discardMin lower bound of f_i(t)
 * @param discardMax upper bound of f_i(t)
 * @param linkMin lower bound of c_ij(t) before the per-device division
 * @param linkMax upper bound of c_ij(t) before the per-device division
 * @param linkPerDevice divide link costs by n (the paper's U(0, 1/n))
 * @param timeInvariantCosts draw c_i, f_i and c_ij once per device or link instead of per slot
 * @param capacities whether capacities are finite
 * @param capacityModel how device capacities are drawn (uniform, or Theorem 2's straggler model)
 * @param nodeCapacityFactor C_i(t) ~ U(0, factor * Dmax) (uniform model)
 * @param linkCapacityFactor C_ij(t) ~ U(0, factor * Dmax / n)
 * @param activeProbability probability a device is active in a slot
 * @param linkUpProbability probability a link is up in a slot
 * @param serviceRateMin straggler model: mu_i ~ U(min, max), datapoints per slot
 * @param serviceRateMax straggler model: upper end of the service rates
 * @param waitBound straggler model: the mean queueing delay sigma (slots) capacities allow
 */
public record SyntheticModel(int slots, double dataTotal, boolean integerData, double processMin,
    double processMax, double discardMin, double discardMax, double linkMin, double linkMax,
    boolean linkPerDevice, boolean timeInvariantCosts, boolean capacities,
    CapacityModel capacityModel,
    double nodeCapacityFactor, double linkCapacityFactor, double activeProbability,
    double linkUpProbability, double serviceRateMin, double serviceRateMax, double waitBound)
    implements java.io.Serializable {

  public static final int MAX_SLOTS = 1_000_000;

  /** Checks every value against its declaration in {@link GenerateSettings} and the ranges' order. */
  public SyntheticModel {
    GenerateSettings.SLOTS.check(slots);
    GenerateSettings.DATA_TOTAL.check(dataTotal);
    GenerateSettings.PROCESS_MIN.check(processMin);
    GenerateSettings.PROCESS_MAX.check(processMax);
    GenerateSettings.DISCARD_MIN.check(discardMin);
    GenerateSettings.DISCARD_MAX.check(discardMax);
    GenerateSettings.LINK_MIN.check(linkMin);
    GenerateSettings.LINK_MAX.check(linkMax);
    ordered(GenerateSettings.PROCESS_MIN, GenerateSettings.PROCESS_MAX, processMin, processMax);
    ordered(GenerateSettings.DISCARD_MIN, GenerateSettings.DISCARD_MAX, discardMin, discardMax);
    ordered(GenerateSettings.LINK_MIN, GenerateSettings.LINK_MAX, linkMin, linkMax);
    GenerateSettings.CAPACITY_MODEL.check(capacityModel);
    GenerateSettings.SERVICE_RATE_MIN.check(serviceRateMin);
    GenerateSettings.SERVICE_RATE_MAX.check(serviceRateMax);
    ordered(GenerateSettings.SERVICE_RATE_MIN, GenerateSettings.SERVICE_RATE_MAX, serviceRateMin,
        serviceRateMax);
    GenerateSettings.WAIT_BOUND.check(waitBound);
    if (capacityModel == CapacityModel.STRAGGLER && !capacities) {
      throw GenerateSettings.CAPACITY_MODEL.error("straggler draws finite capacities; it needs "
          + "capacities.enabled = true (--capacities true)");
    }
    GenerateSettings.NODE_FACTOR.check(nodeCapacityFactor);
    GenerateSettings.LINK_FACTOR.check(linkCapacityFactor);
    GenerateSettings.ACTIVE_PROBABILITY.check(activeProbability);
    GenerateSettings.LINK_UP_PROBABILITY.check(linkUpProbability);
  }

  public static SyntheticModel read(Settings s) {
    return new SyntheticModel(s.get(GenerateSettings.SLOTS), s.get(GenerateSettings.DATA_TOTAL),
        s.get(GenerateSettings.INTEGER_DATA), s.get(GenerateSettings.PROCESS_MIN),
        s.get(GenerateSettings.PROCESS_MAX), s.get(GenerateSettings.DISCARD_MIN),
        s.get(GenerateSettings.DISCARD_MAX), s.get(GenerateSettings.LINK_MIN),
        s.get(GenerateSettings.LINK_MAX), s.get(GenerateSettings.LINK_PER_DEVICE),
        s.get(GenerateSettings.TIME_INVARIANT), s.get(GenerateSettings.CAPACITIES),
        s.get(GenerateSettings.CAPACITY_MODEL), s.get(GenerateSettings.NODE_FACTOR),
        s.get(GenerateSettings.LINK_FACTOR), s.get(GenerateSettings.ACTIVE_PROBABILITY),
        s.get(GenerateSettings.LINK_UP_PROBABILITY), s.get(GenerateSettings.SERVICE_RATE_MIN),
        s.get(GenerateSettings.SERVICE_RATE_MAX), s.get(GenerateSettings.WAIT_BOUND));
  }

  /** This model with {@code |D_V| = total} whole datapoints (learning: the training set's size). */
  public SyntheticModel withIntegerData(double total) {
    return new SyntheticModel(slots, total, true, processMin, processMax, discardMin, discardMax,
        linkMin, linkMax, linkPerDevice, timeInvariantCosts, capacities, capacityModel,
        nodeCapacityFactor, linkCapacityFactor, activeProbability, linkUpProbability,
        serviceRateMin, serviceRateMax, waitBound);
  }

  /** Whether device capacities follow Theorem 2 (finite capacities, straggler model). */
  public boolean straggler() {
    return capacities && capacityModel == CapacityModel.STRAGGLER;
  }

  private static void ordered(Setting<Double> minKey, Setting<Double> maxKey, double min,
      double max) {
    if (min > max) {
      throw maxKey.error("must be at least " + minKey.key().substring("foglab.generate.".length())
          + " (" + Settings.fmt(min) + "), got " + Settings.fmt(max));
    }
  }

  /** The largest possible D_i(t) for n devices: |D_V| / (n T). */
  public double maxData(long devices) {
    return dataTotal / ((double) devices * slots);
  }
}
