package org.foglab.learning.engine;

/**
 * Per-device training loss over time (Figure 4 of Tu et al.): the mean loss
 * {@code L_i(w_i(t-1) | G_i(t))} of device {@code i}'s batch at slot {@code t} of pass
 * {@code p}, computed in the forward pass of its SGD step; NaN where the device processed
 * nothing.
 *
 * @param devices n
 * @param slots T
 * @param passes passes over the horizon
 * @param loss values indexed {@code (p - 1) * n T + (t - 1) * n + i}
 * @param samples {@code |G_i(t)|} indexed {@code (t - 1) * n + i} (the same in every pass)
 */
public record DeviceLosses(int devices, int slots, int passes, float[] loss, int[] samples) {

  /** An empty record (losses not kept). */
  public static DeviceLosses none(int devices, int slots) {
    return new DeviceLosses(devices, slots, 0, new float[0], new int[0]);
  }

  public boolean recorded() {
    return passes > 0;
  }

  /** Loss of device {@code i} at slot {@code t} of pass {@code pass} (all from 1 except i). */
  public double loss(int pass, int device, int slot) {
    return loss[(pass - 1) * devices * slots + (slot - 1) * devices + device];
  }

  /** {@code |G_i(t)|}. */
  public int samples(int device, int slot) {
    return samples[(slot - 1) * devices + device];
  }

  /** One recorded value: pass, slot, device, {@code |G_i(t)|} and loss (NaN without data). */
  @FunctionalInterface
  public interface Visitor {
    void visit(int pass, int slot, int device, int samples, double loss);
  }

  /** Visits every recorded value in (pass, slot, device) order. */
  public void forEach(Visitor v) {
    for (int p = 1; p <= passes; p++) {
      for (int t = 1; t <= slots; t++) {
        for (int i = 0; i < devices; i++) {
          v.visit(p, t, i, samples(i, t), loss(p, i, t));
        }
      }
    }
  }

  /** Mean loss over the devices with data at slot {@code t} of pass {@code pass} (NaN if none). */
  public double meanLoss(int pass, int slot) {
    double s = 0;
    int c = 0;
    for (int i = 0; i < devices; i++) {
      double v = loss(pass, i, slot);
      if (!Double.isNaN(v)) {
        s += v;
        c++;
      }
    }
    return c > 0 ? s / c : Double.NaN;
  }
}
