package org.foglab.optimize;

import java.io.Serializable;
import java.util.Objects;
import org.foglab.network.Trace;

/**
 * A data-movement plan for an in-memory {@link Trace}: for each device-slot {@code k} the amount
 * it keeps and processes itself ({@code s_ii D_i}) and the amount it discards ({@code r_i D_i}),
 * and for each link {@code e} the amount offloaded over it ({@code s_ij D_i}), processed by the
 * destination one slot later. Arrays are aligned with the trace's indices.
 */
public final class Plan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Trace trace;
  private final double[] kept;
  private final double[] discarded;
  private final double[] offloaded;

  public Plan(Trace trace, double[] kept, double[] discarded, double[] offloaded) {
    this.trace = Objects.requireNonNull(trace, "trace");
    if (kept.length != trace.deviceSlots() || discarded.length != trace.deviceSlots()) {
      throw new IllegalArgumentException("kept/discarded must have one entry per device-slot");
    }
    if (offloaded.length != trace.links()) {
      throw new IllegalArgumentException("offloaded must have one entry per link");
    }
    this.kept = kept;
    this.discarded = discarded;
    this.offloaded = offloaded;
  }

  public Trace trace() {
    return trace;
  }

  public double kept(int k) {
    return kept[k];
  }

  public double discarded(int k) {
    return discarded[k];
  }

  public double offloaded(int e) {
    return offloaded[e];
  }

  /**
   * The processed load {@code G_i(t)} of every device-slot: its kept data plus the data
   * offloaded to it in the previous slot.
   */
  public double[] processedLoad() {
    double[] load = kept.clone();
    for (int k = 0; k < trace.deviceSlots(); k++) {
      for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
        if (offloaded[e] != 0) {
          int r = trace.receiver(k, e);
          if (r >= 0) {
            load[r] += offloaded[e];
          }
        }
      }
    }
    return load;
  }
}
