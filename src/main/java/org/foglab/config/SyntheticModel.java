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

  public static SyntheticModel read(Settings s) {
    int slots = s.intValue("slots", 1, MAX_SLOTS);
    double total = s.doubleValue("data.total", 0, 1e18);
    boolean integer = s.bool("data.integer");
    double pmin = s.doubleValue("costs.process.min", 0, 1e12);
    double pmax = s.doubleValue("costs.process.max", 0, 1e12);
    double dmin = s.doubleValue("costs.discard.min", 0, 1e12);
    double dmax = s.doubleValue("costs.discard.max", 0, 1e12);
    double lmin = s.doubleValue("costs.link.min", 0, 1e12);
    double lmax = s.doubleValue("costs.link.max", 0, 1e12);
    ordered(s, "costs.process", pmin, pmax);
    ordered(s, "costs.discard", dmin, dmax);
    ordered(s, "costs.link", lmin, lmax);
    boolean capacities = s.bool("capacities.enabled");
    CapacityModel model = s.choice("capacities.model", CapacityModel.class);
    double muMin = s.doubleValue("capacities.service-rate.min", 0, 1e15);
    double muMax = s.doubleValue("capacities.service-rate.max", 0, 1e15);
    ordered(s, "capacities.service-rate", muMin, muMax);
    double sigma = s.doubleValue("capacities.wait-bound", 0, 1e15);
    if (model == CapacityModel.STRAGGLER && !capacities) {
      throw s.error("capacities.model", "straggler draws finite capacities; it needs "
          + "capacities.enabled = true (--capacities true)");
    }
    return new SyntheticModel(slots, total, integer, pmin, pmax, dmin, dmax, lmin, lmax,
        s.bool("costs.link.per-device"), s.bool("costs.time-invariant"), capacities, model,
        s.doubleValue("capacities.node-factor", 0, 1e12),
        s.doubleValue("capacities.link-factor", 0, 1e12),
        s.probability("dynamics.active-probability"),
        s.probability("dynamics.link-up-probability"), muMin, muMax, sigma);
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

  private static void ordered(Settings s, String range, double min, double max) {
    if (min > max) {
      throw s.error(range + ".max", "must be at least " + range + ".min (" + Settings.fmt(min)
          + "), got " + Settings.fmt(max));
    }
  }

  /** The largest possible D_i(t) for n devices: |D_V| / (n T). */
  public double maxData(long devices) {
    return dataTotal / ((double) devices * slots);
  }
}
