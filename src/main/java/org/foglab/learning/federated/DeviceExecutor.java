package org.foglab.learning.federated;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

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

    /**
     * Runs consecutive aggregation periods: the first starts from {@code params}, each next one
     * from the average of the previous one's merged sums. The default runs them one by one with
     * {@link #runPeriod}; an executor may run them in one go (Spark: one barrier stage) as long
     * as the numbers are the same.
     *
     * @param params global parameters at the start of the first period
     * @param periods the periods, in order; each has data (some {@code alpha_i > 0})
     */
    default Periods runPeriods(float[] params, List<Period> periods) {
      List<PeriodSums> sums = new ArrayList<>(periods.size());
      float[] w = params;
      for (Period p : periods) {
        PeriodSums s = runPeriod(w, p.alpha(), p.firstSlot(), p.endSlot());
        w = s.average();
        sums.add(s.withoutParameters());
      }
      return new Periods(sums, w);
    }

    @Override
    void close();
  }

  /**
   * One aggregation period to run.
   *
   * @param alpha per-device weights of equation (4)
   * @param firstSlot first global slot (0-based over all passes)
   * @param endSlot one past the last global slot
   */
  record Period(double[] alpha, long firstSlot, long endSlot) implements Serializable {}

  /**
   * What {@link Session#runPeriods} returns.
   *
   * @param sums per period, its merged steps, samples and losses (the parameter sums left out)
   * @param params the global parameters after the last period
   */
  record Periods(List<PeriodSums> sums, float[] params) {}

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
