package org.foglab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.foglab.optimize.ClosedForm;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Device-slot decisions per second of the Theorem 3 kernel ({@link ClosedForm#choose}) over
 * CSR arrays far larger than the caches, as the Spark walk feeds it: each thread owns its own
 * arrays; rounds after an equal number of warm-up rounds are timed.
 */
public final class ClosedFormKernelBenchmark {
  private ClosedFormKernelBenchmark() {}

  /**
   * @param decisionsPerSecondPerThread median over rounds of the per-thread rate
   * @param roundRates every timed round's aggregate rate over all threads
   * @param checksum sum of chosen outlets (keeps the JIT from removing the work)
   */
  public record Result(double decisionsPerSecondPerThread, double[] roundRates, long checksum) {}

  public static Result run(int deviceSlots, int degree, int rounds, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<double[]>> futures = new ArrayList<>();
      long[] checksum = new long[threads];
      for (int th = 0; th < threads; th++) {
        int id = th;
        futures.add(pool.submit(() -> thread(id, deviceSlots, degree, rounds, checksum)));
      }
      double[] perThread = new double[rounds];
      for (Future<double[]> f : futures) {
        double[] r = f.get();
        for (int i = 0; i < rounds; i++) {
          perThread[i] += r[i];
        }
      }
      double[] aggregate = perThread.clone();
      for (int i = 0; i < rounds; i++) {
        perThread[i] /= threads;
      }
      double[] sorted = perThread.clone();
      Arrays.sort(sorted);
      return new Result(sorted[rounds / 2], aggregate, Arrays.stream(checksum).sum());
    } finally {
      pool.shutdownNow();
    }
  }

  private static double[] thread(int id, int deviceSlots, int degree, int rounds, long[] checksum) {
    double[] pc = new double[deviceSlots];
    double[] dc = new double[deviceSlots];
    int[] start = new int[deviceSlots + 1];
    double[] offers = new double[deviceSlots * degree];
    for (int k = 0; k < deviceSlots; k++) {
      pc[k] = Streams.unit(Streams.hash(id, Purpose.SIMULATION, k, 0));
      dc[k] = Streams.unit(Streams.hash(id, Purpose.SIMULATION, k, 1));
      // Out-degrees vary as in real traces: 1 .. 2 * degree - 1, mean degree.
      int d = 1 + (int) Streams.below(Streams.hash(id, Purpose.SIMULATION, k, 2), 2L * degree - 1);
      start[k + 1] = Math.min(offers.length, start[k] + d);
    }
    for (int e = 0; e < offers.length; e++) {
      offers[e] = Streams.unit(Streams.hash(id, Purpose.SIMULATION, e, 3)) * 1.1;
    }
    double[] rates = new double[rounds];
    long sum = 0;
    for (int r = -rounds; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int k = 0; k < deviceSlots; k++) {
        sum += ClosedForm.choose(pc[k], dc[k], offers, start[k], start[k + 1]);
      }
      long t1 = System.nanoTime();
      if (r >= 0) {
        rates[r] = deviceSlots / ((t1 - t0) / 1e9);
      }
    }
    checksum[id] = sum;
    return rates;
  }
}
