package org.foglab.theory;

import java.util.ArrayList;
import java.util.List;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;

/**
 * The datasets {@code G_i} the devices process under a plan (Section III-C of Tu et al.,
 * INFOCOM 2020): device i's own kept rows plus the rows other devices offload to it; discarded
 * rows are in no {@code G_i}.
 */
public final class ProcessedData {
  private ProcessedData() {}

  /**
   * The rows each device processes when the rows collected in {@code slot} are moved by
   * {@code plan}: of device i's rows {@code collected[i]} (as many as its data in that slot), the
   * first {@code kept} stay at i, the next ones go over each link in destination order (to be
   * processed by the destination in the next slot) and the rest are discarded. Fractional
   * amounts are rounded at cumulative boundaries, so every row has exactly one fate. Each
   * device's rows are returned in increasing order.
   */
  public static int[][] fromPlan(Plan plan, int slot, int[][] collected) {
    Trace tr = plan.trace();
    if (collected.length != tr.devices()) {
      throw new IllegalArgumentException("collected must have one row list per device ("
          + tr.devices() + "), got " + collected.length);
    }
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < tr.devices(); i++) {
      out.add(new ArrayList<>());
    }
    for (int i = 0; i < tr.devices(); i++) {
      int k = tr.index(i, slot);
      int[] rows = collected[i];
      double data = tr.present(k) ? tr.data(k) : 0;
      if (Math.abs(data - rows.length) > 1e-9 * Math.max(1, data)) {
        throw new IllegalArgumentException("device " + tr.deviceId(i) + " collected "
            + rows.length + " rows but the trace says " + data + " in slot " + slot);
      }
      if (rows.length == 0) {
        continue;
      }
      double cumulative = plan.kept(k);
      int from = 0;
      int to = (int) Math.round(cumulative);
      add(out.get(i), rows, from, to);
      from = to;
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        cumulative += plan.offloaded(e);
        to = (int) Math.min(rows.length, Math.round(cumulative));
        int r = tr.receiver(k, e);
        if (to > from && r < 0) {
          throw new IllegalArgumentException("the plan offloads over a link with no receiver, from "
              + tr.deviceId(i) + " in slot " + slot);
        }
        if (to > from) {
          add(out.get(tr.deviceOf(r)), rows, from, to);
        }
        from = Math.max(from, to);
      }
    }
    int[][] g = new int[tr.devices()][];
    for (int i = 0; i < g.length; i++) {
      g[i] = out.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return g;
  }

  private static void add(List<Integer> target, int[] rows, int from, int to) {
    for (int p = from; p < to; p++) {
      target.add(rows[p]);
    }
  }
}
