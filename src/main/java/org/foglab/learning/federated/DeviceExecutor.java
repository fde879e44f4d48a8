package org.foglab.learning.federated;

import java.util.Iterator;

/**
 * Where the devices' local training runs: in this thread ({@link #local()}) or on Spark
 * ({@link SparkDeviceExecutor}). The strategy only distributes work; the arithmetic is the same,
 * so results are identical.
 */
public interface DeviceExecutor {

  /** Starts a run: ships the context to the workers once. */
  Session open(TrainingContext context);

  /** One training run's use of the executor. */
  interface Session extends AutoCloseable {
    /**
     * Runs one aggregation period on all devices and returns the merged sums.
     *
     * @param params global parameters at the start of the period
     * @param alpha per-device weights of equation (4)
     * @param firstSlot first global slot of the period (0-based over all passes)
     * @param endSlot one past the last global slot
     */
    PeriodSums runPeriod(float[] params, double[] alpha, long firstSlot, long endSlot);

    @Override
    void close();
  }

  /** Runs all devices in the calling thread, one model instance for all. */
  static DeviceExecutor local() {
    return context -> new Session() {
      @Override
      public PeriodSums runPeriod(float[] params, double[] alpha, long firstSlot, long endSlot) {
        int n = context.schedule().devices();
        Iterator<Integer> devices = new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < n;
          }

          @Override
          public Integer next() {
            return next++;
          }
        };
        return PeriodWorker.run(devices, context, params, alpha, firstSlot, endSlot);
      }

      @Override
      public void close() {}
    };
  }
}
