package org.foglab.network;

import java.io.Serializable;
import org.foglab.config.SyntheticModel;
import org.foglab.cost.StragglerCapacity;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * The synthetic model of Tu et al. Section V-A as pure functions of (seed, device key, slot):
 * D_i(t) ~ U(0, Dmax), c_i(t) ~ U(process range), f_i(t) ~ U(discard range),
 * C_i(t) ~ U(0, node factor * Dmax), c_ij(t) ~ U(link range) / n, C_ij(t) ~ U(0, link factor *
 * Dmax / n), with Dmax = |D_V| / (n T); devices active and links up with given probabilities.
 * Under the straggler capacity model (Theorem 2) each device instead has a service rate
 * mu_i ~ U(service-rate min, max), drawn once per device, and the time-invariant capacity
 * C_i = {@link StragglerCapacity#capacity}(mu_i, sigma). With time-invariant costs, c_i, f_i and
 * c_ij are drawn once per device or link and kept in every slot (Theorem 2's assumption, and what
 * makes past averages informative for the imperfect-information settings of Table III).
 * Capacities are drawn against Dmax, the largest possible D_i(t), which is the paper's
 * "max D_i(t)" in expectation over large traces.
 */
public final class SyntheticDraws implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long seed;
  private final SyntheticModel m;
  private final double maxData;
  private final double linkScale;
  private final double linkCapacityMax;
  private final double nodeCapacityMax;
  private final long integerMax;

  public SyntheticDraws(long seed, SyntheticModel model, long devices) {
    this.seed = seed;
    this.m = model;
    this.maxData = model.maxData(devices);
    this.linkScale = model.linkPerDevice() ? 1.0 / devices : 1.0;
    this.nodeCapacityMax = model.nodeCapacityFactor() * maxData;
    this.linkCapacityMax = model.linkCapacityFactor() * maxData / devices;
    this.integerMax = (long) Math.floor(maxData);
  }

  public SyntheticModel model() {
    return m;
  }

  public int slots() {
    return m.slots();
  }

  public boolean active(long device, int t) {
    return m.activeProbability() >= 1.0
        || Streams.unit(Streams.hash(seed, Purpose.DEVICE_ACTIVE, device, t)) < m.activeProbability();
  }

  public double data(long device, int t) {
    long h = Streams.hash(seed, Purpose.DATA, device, t);
    if (m.integerData()) {
      return Streams.below(h, integerMax + 1);
    }
    return Streams.uniform(h, 0, maxData);
  }

  /** C_i(t), or +infinity when capacities are disabled. */
  public double capacity(long device, int t) {
    if (!m.capacities()) {
      return Double.POSITIVE_INFINITY;
    }
    if (m.straggler()) {
      return StragglerCapacity.capacity(serviceRate(device), m.waitBound());
    }
    return Streams.uniform(Streams.hash(seed, Purpose.NODE_CAPACITY, device, t), 0, nodeCapacityMax);
  }

  /**
   * The straggler model's service rate mu_i of a device (datapoints per slot), one draw per
   * device whatever the slot; NaN under the uniform model, which has none.
   */
  public double serviceRate(long device) {
    if (!m.straggler()) {
      return Double.NaN;
    }
    return Streams.uniform(Streams.hash(seed, Purpose.SERVICE_RATE, device), m.serviceRateMin(),
        m.serviceRateMax());
  }

  /**
   * The slot key of a cost draw: the slot, or 0 (no slot has it) when costs are time-invariant
   * and every slot takes the same draw.
   */
  private int costSlot(int t) {
    return m.timeInvariantCosts() ? 0 : t;
  }

  public double processCost(long device, int t) {
    return Streams.uniform(Streams.hash(seed, Purpose.PROCESS_COST, device, costSlot(t)),
        m.processMin(), m.processMax());
  }

  public double discardCost(long device, int t) {
    return Streams.uniform(Streams.hash(seed, Purpose.DISCARD_COST, device, costSlot(t)),
        m.discardMin(), m.discardMax());
  }

  /** Mean of c_i(t) over the horizon: the device's processing power class (hierarchies). */
  public double meanProcessCost(long device) {
    double s = 0;
    for (int t = 1; t <= m.slots(); t++) {
      s += processCost(device, t);
    }
    return s / m.slots();
  }

  /** Whether link (src, dst) carries a row in slot t: up, and its source active. */
  public boolean linkPresent(long src, long dst, int t) {
    if (!active(src, t)) {
      return false;
    }
    return m.linkUpProbability() >= 1.0
        || Streams.unit(Streams.hash(seed, Purpose.LINK_UP, src, dst, t)) < m.linkUpProbability();
  }

  public double linkCost(long src, long dst, int t) {
    return linkScale * Streams.uniform(Streams.hash(seed, Purpose.LINK_COST, src, dst, costSlot(t)),
        m.linkMin(), m.linkMax());
  }

  public double linkCapacity(long src, long dst, int t) {
    if (!m.capacities()) {
      return Double.POSITIVE_INFINITY;
    }
    return Streams.uniform(Streams.hash(seed, Purpose.LINK_CAPACITY, src, dst, t), 0, linkCapacityMax);
  }
}
