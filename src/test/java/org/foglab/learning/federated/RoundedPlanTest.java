package org.foglab.learning.federated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.junit.jupiter.api.Test;

class RoundedPlanTest {
  private static final SyntheticSpec SPEC = new SyntheticSpec(3, 2, 200, 0, 1, 6.0, 1.0);

  @Test
  void largestRemainderByHand() {
    // Device d0 collects 5 samples in slot 1: keep 1.5, to d1 1.5, to d2 1.2, discard 0.8.
    Trace tr = LearningFixtures.connected(3, 2, new int[] {5, 0, 0, 0, 0, 0});
    DeviceData data = DeviceData.forTrace(tr, SPEC.train(), 1, Sampling.iid());
    Plan p = new LearningFixtures.PlanEditor(tr).offload(0, 1, 1, 1.5).offload(0, 1, 2, 1.2)
        .discard(0, 1, 0.8).build();
    RoundedPlan r = RoundedPlan.of(p, data);
    // Floors 1, 1, 1, 0 leave 2: discard (.8) first, then keep (.5, before the link's .5).
    var ed = new LearningFixtures.PlanEditor(tr);
    assertEquals(2, r.kept(0));
    assertEquals(1, r.offloaded(ed.link(0, 1)));
    assertEquals(1, r.offloaded(ed.link(0, 2)));
    assertEquals(1, r.discarded(0));
    assertEquals(0.5, r.maxRoundingShift(), 1e-12);
  }

  @Test
  void roundedAmountsAreFloorsOrCeilingsAndConserveData() {
    Random rnd = new Random(5);
    int n = 4;
    int slots = 3;
    int[] counts = new int[n * slots];
    for (int k = 0; k < counts.length; k++) {
      counts[k] = rnd.nextInt(9);
    }
    Trace tr = LearningFixtures.connected(n, slots, counts);
    DeviceData data = DeviceData.forTrace(tr, SPEC.train(), 1, Sampling.iid());
    for (int rep = 0; rep < 50; rep++) {
      double[] kept = new double[tr.deviceSlots()];
      double[] disc = new double[tr.deviceSlots()];
      double[] off = new double[tr.links()];
      for (int k = 0; k < tr.deviceSlots(); k++) {
        // Random fractions over the usable outlets.
        int links = tr.slotOf(k) < slots ? tr.linkEnd(k) - tr.linkStart(k) : 0;
        double[] wgt = new double[links + 2];
        double sum = 0;
        for (int o = 0; o < wgt.length; o++) {
          wgt[o] = rnd.nextDouble() < 0.4 ? 0 : rnd.nextDouble();
          sum += wgt[o];
        }
        if (sum == 0) {
          wgt[0] = sum = 1;
        }
        kept[k] = counts[k] * wgt[0] / sum;
        for (int o = 0; o < links; o++) {
          off[tr.linkStart(k) + o] = counts[k] * wgt[o + 1] / sum;
        }
        disc[k] = counts[k] * wgt[links + 1] / sum;
      }
      RoundedPlan r = RoundedPlan.of(new Plan(tr, kept, disc, off), data);
      for (int k = 0; k < tr.deviceSlots(); k++) {
        int total = r.kept(k) + r.discarded(k);
        assertTrue(Math.abs(r.kept(k) - kept[k]) < 1 && Math.abs(r.discarded(k) - disc[k]) < 1);
        for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
          assertTrue(Math.abs(r.offloaded(e) - off[e]) < 1, "link amount " + off[e]);
          total += r.offloaded(e);
        }
        assertEquals(counts[k], total);
      }
      assertTrue(r.maxRoundingShift() < 1);
    }
  }

  @Test
  void badPlansAreRejectedWithASentence() {
    Trace tr = LearningFixtures.connected(2, 2, new int[] {3, 2, 4, 1});
    DeviceData data = DeviceData.forTrace(tr, SPEC.train(), 1, Sampling.iid());
    Plan leaky = new LearningFixtures.PlanEditor(tr).discard(0, 1, -1).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RoundedPlan.of(leaky, data))
        .getMessage().contains("finite and non-negative"));
    double[] kept = {3, 1, 4, 1};
    Plan lossy = new Plan(tr, kept, new double[4], new double[tr.links()]);
    assertEquals("the plan routes 1.0 datapoints of device d1 in slot 1 but it collects 2",
        assertThrows(IllegalArgumentException.class, () -> RoundedPlan.of(lossy, data))
            .getMessage());
    Plan late = new LearningFixtures.PlanEditor(tr).offload(0, 2, 1, 2).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RoundedPlan.of(late, data))
        .getMessage().contains("past the horizon or absent"));
  }
}
