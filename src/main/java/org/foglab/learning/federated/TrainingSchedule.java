package org.foglab.learning.federated;

import java.io.Serializable;
import java.util.Arrays;
import org.foglab.data.DeviceData;
import org.foglab.network.Trace;

/**
 * The samples {@code G_i(t)} each device-slot trains on (equation (6) of Tu et al.):
 * {@code G_i(t) = s_ii(t) D_i(t) + sum_j s_ji(t-1) D_j(t-1)}, as sample ids.
 *
 * <p>Which samples go where: the ids of a source device-slot, ascending, are cut into
 * consecutive chunks in outlet order: the kept chunk, then one chunk per link by ascending
 * destination, then the discarded rest. A device-slot's batch is its own kept chunk followed by
 * the chunks offloaded to it in the previous slot, by ascending source device. Discarded
 * samples appear in no batch.
 */
public final class TrainingSchedule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int devices;
  private final int slots;
  private final int[] start;
  private final int[] ids;
  private final int[] discardedIds;

  private TrainingSchedule(int devices, int slots, int[] start, int[] ids, int[] discardedIds) {
    this.devices = devices;
    this.slots = slots;
    this.start = start;
    this.ids = ids;
    this.discardedIds = discardedIds;
  }

  /** The batches of a rounded plan over the device streams it was rounded for. */
  public static TrainingSchedule of(RoundedPlan plan, DeviceData data) {
    Trace tr = plan.trace();
    data.requireConsistent(tr);
    int m = tr.deviceSlots();
    int[] load = new int[m];
    int discardedTotal = 0;
    for (int k = 0; k < m; k++) {
      load[k] += plan.kept(k);
      discardedTotal += plan.discarded(k);
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        if (plan.offloaded(e) > 0) {
          load[tr.receiver(k, e)] += plan.offloaded(e);
        }
      }
    }
    int[] start = new int[m + 1];
    for (int k = 0; k < m; k++) {
      start[k + 1] = start[k] + load[k];
    }
    int[] ids = new int[start[m]];
    int[] discarded = new int[discardedTotal];
    int[] cursor = Arrays.copyOf(start, m);
    // Kept chunks first, so each batch starts with the device's own data.
    for (int k = 0; k < m; k++) {
      for (int j = 0; j < plan.kept(k); j++) {
        ids[cursor[k]++] = data.sampleId(k, j);
      }
    }
    int d = 0;
    for (int k = 0; k < m; k++) {
      int j = plan.kept(k);
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        int x = plan.offloaded(e);
        if (x > 0) {
          int r = tr.receiver(k, e);
          for (int q = 0; q < x; q++) {
            ids[cursor[r]++] = data.sampleId(k, j++);
          }
        }
      }
      for (int q = 0; q < plan.discarded(k); q++) {
        discarded[d++] = data.sampleId(k, j++);
      }
    }
    Arrays.sort(discarded);
    return new TrainingSchedule(tr.devices(), tr.slots(), start, ids, discarded);
  }

  /** Every device processes exactly what it collects ({@code G_i(t) = D_i(t)}); no trace needed. */
  public static TrainingSchedule keepAll(DeviceData data) {
    int m = data.deviceSlots();
    int[] start = new int[m + 1];
    for (int k = 0; k < m; k++) {
      start[k + 1] = start[k] + data.count(k);
    }
    return new TrainingSchedule(data.devices(), data.slots(), start, data.allSamples(),
        new int[0]);
  }

  public int devices() {
    return devices;
  }

  public int slots() {
    return slots;
  }

  /** Flat index of device-slot (i, t), t from 1. */
  public int index(int device, int slot) {
    return (slot - 1) * devices + device;
  }

  /** {@code |G_i(t)|} of device-slot {@code k}. */
  public int processed(int k) {
    return start[k + 1] - start[k];
  }

  /** The batch of device-slot {@code k} (a copy). */
  public int[] batch(int k) {
    return Arrays.copyOfRange(ids, start[k], start[k + 1]);
  }

  /** Total processed datapoints over the horizon. */
  public long totalProcessed() {
    return start[start.length - 1];
  }

  /** All discarded sample ids, ascending (a copy). */
  public int[] discardedSamples() {
    return discardedIds.clone();
  }

  // Zero-copy access for the training loop.
  int batchStart(int k) {
    return start[k];
  }

  int[] idArray() {
    return ids;
  }
}
