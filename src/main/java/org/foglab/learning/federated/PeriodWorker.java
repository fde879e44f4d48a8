package org.foglab.learning.federated;

import java.util.Iterator;
import org.foglab.learning.LocalModel;

/**
 * Runs one aggregation period for a set of devices on one borrowed model: the same code on the
 * driver (local runs) and in Spark tasks, so both give identical numbers.
 *
 * <p>Devices are independent between aggregations (offloaded <em>data</em> is known from the
 * plan; no parameters flow between devices), so each device runs its whole period at once:
 * load {@code w(k-1)}, one step of equation (3) per slot in which it has data, then its
 * weighted contribution to equation (4). Devices with {@code H_i = 0} are skipped.
 */
final class PeriodWorker {
  private PeriodWorker() {}

  /**
   * @param devices device indices to run
   * @param params global parameters {@code w(k-1)}
   * @param alpha per-device weights {@code H_i / sum H}, 0 for devices that do not count
   * @param firstSlot first global slot of the period (0-based over all passes)
   * @param endSlot one past the last global slot
   */
  static PeriodSums run(Iterator<Integer> devices, TrainingContext ctx, float[] params,
      double[] alpha, long firstSlot, long endSlot) {
    PeriodSums out = PeriodSums.empty();
    TrainingSchedule s = ctx.schedule();
    int n = s.devices();
    int slots = s.slots();
    int[] ids = s.idArray();
    LocalModel.ParameterVector start = null;
    try (LocalModel model = LocalModel.borrow(ctx.model())) {
      while (devices.hasNext()) {
        int i = devices.next();
        if (alpha[i] == 0) {
          continue;
        }
        if (start == null) {
          start = new LocalModel.ParameterVector(params);
        }
        model.setParameters(start);
        for (long u = firstSlot; u < endSlot; u++) {
          int k = (int) (u % slots) * n + i;
          int g = s.processed(k);
          if (g == 0) {
            continue;
          }
          int from = s.batchStart(k);
          double loss = model.step(ctx.train(), ids, from, from + g);
          out.step(g);
          if (ctx.recordLosses()) {
            // Key: global slot times n plus device, i.e. pass * (n T) + k.
            out.loss((int) (u * n + i), loss);
          }
        }
        out.add(alpha[i], model.parameters(), i);
      }
    }
    return out;
  }
}
