package org.foglab.learning.pipeline;

import java.util.List;

/**
 * Simulated time of one batch through a pipeline of stations (compute stages and the hops between
 * them), each with a forward and a backward time per micro-batch.
 *
 * <p>Sequential execution runs the whole batch through every station forward, then backward:
 * {@code sum_i f_i + sum_i b_i} (times for the whole batch). Micro-batched pipelining (GPipe,
 * Huang et al. 2019) splits the batch into M micro-batches that follow each other through the
 * stations; with one micro-batch per station at a time, the forward phase takes
 * {@code sum_i f_i + (M - 1) max_i f_i} (fill, then one micro-batch per period of the slowest
 * station) and the backward phase likewise; the steady-state throughput is one micro-batch per
 * {@code max_i (f_i + b_i)}.
 */
public final class PipelineTiming {
  private PipelineTiming() {}

  /**
   * One station.
   *
   * @param name e.g. {@code stage 1 @ cloudlet} or {@code hop source -> cloudlet}
   * @param compute a compute stage (else a hop)
   * @param forwardSeconds forward time of one unit (micro-batch or batch)
   * @param backwardSeconds backward time of one unit (0 for inference and raw-data hops)
   */
  public record Station(String name, boolean compute, double forwardSeconds,
      double backwardSeconds) {
    public Station {
      if (!(forwardSeconds >= 0) || !(backwardSeconds >= 0)) {
        throw new IllegalArgumentException("station " + name + " has a negative or NaN time");
      }
    }

    public double seconds() {
      return forwardSeconds + backwardSeconds;
    }
  }

  /** Sum of forward and backward times of stations timed on a whole batch. */
  public static double sequential(List<Station> wholeBatch) {
    double s = 0;
    for (Station x : wholeBatch) {
      s += x.seconds();
    }
    return s;
  }

  /** GPipe fill-and-drain time of {@code microBatches} micro-batches through the stations. */
  public static double pipelined(List<Station> perMicroBatch, int microBatches) {
    double sumF = 0;
    double maxF = 0;
    double sumB = 0;
    double maxB = 0;
    for (Station x : perMicroBatch) {
      sumF += x.forwardSeconds();
      maxF = Math.max(maxF, x.forwardSeconds());
      sumB += x.backwardSeconds();
      maxB = Math.max(maxB, x.backwardSeconds());
    }
    return sumF + (microBatches - 1) * maxF + sumB + (microBatches - 1) * maxB;
  }

  /** The station with the longest forward plus backward time: the steady-state bottleneck. */
  public static Station bottleneck(List<Station> stations) {
    Station best = stations.get(0);
    for (Station x : stations) {
      if (x.seconds() > best.seconds()) {
        best = x;
      }
    }
    return best;
  }
}
