package org.foglab.learning.federated;

import org.foglab.data.SampleSource;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;

/** Small traces and hand-made plans for the training tests. */
final class LearningFixtures {
  private LearningFixtures() {}

  /**
   * A fully connected trace over {@code n} devices "d0".."d{n-1}" with the given integer data,
   * unbounded capacities, process cost 0.5, discard cost 0.9 and link cost 0.1.
   */
  static Trace connected(int n, int slots, int[] counts) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "d" + i;
    }
    Trace.Builder b = Trace.builder(ids, slots);
    for (int t = 1; t <= slots; t++) {
      for (int i = 0; i < n; i++) {
        b.device(i, t, counts[(t - 1) * n + i], Double.POSITIVE_INFINITY, 0.5, 0.9);
        for (int j = 0; j < n; j++) {
          if (j != i) {
            b.link(i, j, t, Double.POSITIVE_INFINITY, 0.1);
          }
        }
      }
    }
    return b.build();
  }

  /** Edits a keep-all plan: moves amounts from "kept" to links or to discarding. */
  static final class PlanEditor {
    private final Trace trace;
    private final double[] kept;
    private final double[] discarded;
    private final double[] offloaded;

    PlanEditor(Trace trace) {
      this.trace = trace;
      Plan all = RoundedPlan.keepAllPlan(trace);
      kept = new double[trace.deviceSlots()];
      for (int k = 0; k < kept.length; k++) {
        kept[k] = all.kept(k);
      }
      discarded = new double[trace.deviceSlots()];
      offloaded = new double[trace.links()];
    }

    PlanEditor offload(int i, int t, int j, double amount) {
      int k = trace.index(i, t);
      offloaded[link(k, j)] += amount;
      kept[k] -= amount;
      return this;
    }

    PlanEditor discard(int i, int t, double amount) {
      int k = trace.index(i, t);
      discarded[k] += amount;
      kept[k] -= amount;
      return this;
    }

    int link(int k, int j) {
      for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
        if (trace.linkDst(e) == j) {
          return e;
        }
      }
      throw new IllegalArgumentException("no link to " + j + " from device-slot " + k);
    }

    Plan build() {
      return new Plan(trace, kept.clone(), discarded.clone(), offloaded.clone());
    }
  }

  /** A source that returns another source's samples, with some samples' features replaced. */
  static final class Perturbed implements SampleSource {
    private static final long serialVersionUID = 1L;
    private final SampleSource base;
    private final java.util.Set<Integer> ids;
    private final float value;

    Perturbed(SampleSource base, int[] ids, float value) {
      this.base = base;
      this.ids = new java.util.HashSet<>();
      for (int id : ids) {
        this.ids.add(id);
      }
      this.value = value;
    }

    @Override
    public int size() {
      return base.size();
    }

    @Override
    public int featureCount() {
      return base.featureCount();
    }

    @Override
    public int classCount() {
      return base.classCount();
    }

    @Override
    public int label(int id) {
      return base.label(id);
    }

    @Override
    public void copyFeatures(int id, float[] dst, int offset) {
      base.copyFeatures(id, dst, offset);
      if (ids.contains(id)) {
        java.util.Arrays.fill(dst, offset, offset + featureCount(), value);
      }
    }
  }
}
