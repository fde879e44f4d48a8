package org.foglab.learning.federated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.foglab.network.Trace;
import org.foglab.optimize.ClosedForm;
import org.foglab.optimize.Plan;
import org.junit.jupiter.api.Test;

class TrainingScheduleTest {
  private static final SyntheticSpec SPEC = new SyntheticSpec(3, 2, 500, 0, 1, 6.0, 1.0);

  @Test
  void offloadedChunksReachTheReceiverOneSlotLater() {
    Trace tr = LearningFixtures.connected(3, 3, new int[] {4, 3, 2, 2, 2, 2, 1, 1, 1});
    DeviceData data = DeviceData.forTrace(tr, SPEC.train(), 7, Sampling.iid());
    // d0 at t=1 keeps 1, sends 2 to d2 and discards 1; d1 at t=1 sends all 3 to d2.
    Plan p = new LearningFixtures.PlanEditor(tr).offload(0, 1, 2, 2).discard(0, 1, 1)
        .offload(1, 1, 2, 3).build();
    TrainingSchedule s = TrainingSchedule.of(RoundedPlan.of(p, data), data);
    int[] d0 = data.samples(tr.index(0, 1));
    int[] d1 = data.samples(tr.index(1, 1));
    int[] d22 = data.samples(tr.index(2, 2));
    assertArrayEquals(new int[] {d0[0]}, s.batch(tr.index(0, 1)));
    assertEquals(0, s.processed(tr.index(1, 1)));
    // d2 at t=2: its own data, then d0's chunk, then d1's chunk (ascending source).
    int[] expected = IntStream.concat(IntStream.of(d22),
        IntStream.concat(IntStream.of(d0[1], d0[2]), IntStream.of(d1))).toArray();
    assertArrayEquals(expected, s.batch(tr.index(2, 2)));
    // d2 at t=1 processes only its own data: offloads arrive one slot later.
    assertArrayEquals(data.samples(tr.index(2, 1)), s.batch(tr.index(2, 1)));
    assertArrayEquals(new int[] {d0[3]}, s.discardedSamples());
  }

  @Test
  void everyCollectedSampleIsProcessedOnceOrDiscarded() {
    int n = 6;
    int slots = 5;
    DeviceData data = DeviceData.generate(n, slots, SPEC.train(), 3, Sampling.iid());
    Trace tr = SyntheticCostTrace.fullyConnected(n, slots, data.counts(), 3);
    RoundedPlan r = RoundedPlan.of(ClosedForm.solve(tr), data);
    TrainingSchedule s = TrainingSchedule.of(r, data);
    int[] all = data.allSamples();
    int[] seen = new int[SPEC.samples()];
    for (int k = 0; k < tr.deviceSlots(); k++) {
      for (int id : s.batch(k)) {
        seen[id]++;
      }
    }
    for (int id : s.discardedSamples()) {
      assertEquals(0, seen[id], "a discarded sample is trained on");
      seen[id]++;
    }
    for (int id : all) {
      assertEquals(1, seen[id]);
    }
    assertEquals(all.length, Arrays.stream(seen).sum());
    assertTrue(s.discardedSamples().length > 0, "the closed form discards some data here");
    // Processed loads equal the plan's G_i(t).
    double[] load = r.toPlan().processedLoad();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      assertEquals(load[k], s.processed(k), 0);
    }
  }
}
