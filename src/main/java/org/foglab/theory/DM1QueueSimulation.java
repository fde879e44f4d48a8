package org.foglab.theory;

import java.io.Serializable;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * A discrete-event simulation of the D/M/1 queue of Theorem 2 (Tu et al., INFOCOM 2020): one
 * FIFO server, a datapoint arriving every {@code 1/capacity} slots, each served in an
 * {@code Exp(mu)} time. Events are processed in time order: the n-th arrival at {@code n/C}
 * starts service at {@code max(arrival, previous departure)} and departs after its service, so
 * the waits are those of the event-by-event simulation (Lindley's recursion).
 *
 * <p>Each replication starts empty, discards a warm-up of customers and averages the next
 * ones; replications are independent (service times are pure functions of
 * {@code (seed, replication, customer)}), so a Student-t interval over them is valid despite the
 * strong correlation between successive waits within one run.
 */
public final class DM1QueueSimulation {

  /**
   * @param mu service rate, datapoints per slot
   * @param capacity arrival rate, datapoints per slot (must be below {@code mu})
   * @param warmup customers discarded at the start of each replication
   * @param customers customers averaged per replication
   * @param replications independent replications (at least 2)
   * @param seed root seed
   */
  public record Options(double mu, double capacity, int warmup, int customers, int replications,
      long seed) implements Serializable {
    public Options {
      if (!(mu > 0) || Double.isInfinite(mu)) {
        throw new IllegalArgumentException("mu must be positive and finite, got " + mu);
      }
      if (!(capacity > 0 && capacity < mu)) {
        throw new IllegalArgumentException("capacity must be in (0, mu) for a stable queue, got "
            + capacity + " with mu " + mu);
      }
      if (warmup < 0) {
        throw new IllegalArgumentException("warmup must be non-negative, got " + warmup);
      }
      if (customers < 1) {
        throw new IllegalArgumentException("customers must be at least 1, got " + customers);
      }
      if (replications < 2) {
        throw new IllegalArgumentException("replications must be at least 2, got " + replications);
      }
    }
  }

  /**
   * @param queueWait mean wait before service, slots, over replications
   * @param sojourn mean time in system, slots, over replications
   * @param busyOnArrival fraction of arrivals that find the server busy (estimates phi)
   */
  public record Result(MonteCarloEstimate queueWait, MonteCarloEstimate sojourn,
      MonteCarloEstimate busyOnArrival) implements Serializable {}

  private DM1QueueSimulation() {}

  public static Result run(Options o) {
    double[] wq = new double[o.replications()];
    double[] ws = new double[o.replications()];
    double[] busy = new double[o.replications()];
    double gap = 1 / o.capacity();
    for (int r = 0; r < o.replications(); r++) {
      double lastDeparture = 0;
      CompensatedSum sumWait = new CompensatedSum();
      CompensatedSum sumSojourn = new CompensatedSum();
      long busyCount = 0;
      long total = (long) o.warmup() + o.customers();
      for (long n = 0; n < total; n++) {
        double arrival = n * gap;
        double start = Math.max(arrival, lastDeparture);
        double service = -Math.log(Streams.unitOpen(
            Streams.hash(o.seed(), Purpose.SIMULATION, r, n))) / o.mu();
        lastDeparture = start + service;
        if (n >= o.warmup()) {
          sumWait.add(start - arrival);
          sumSojourn.add(lastDeparture - arrival);
          if (start > arrival) {
            busyCount++;
          }
        }
      }
      wq[r] = sumWait.value() / o.customers();
      ws[r] = sumSojourn.value() / o.customers();
      busy[r] = (double) busyCount / o.customers();
    }
    return new Result(MonteCarloEstimate.ofTrials(wq), MonteCarloEstimate.ofTrials(ws),
        MonteCarloEstimate.ofTrials(busy));
  }
}
