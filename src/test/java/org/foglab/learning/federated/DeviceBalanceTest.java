package org.foglab.learning.federated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.junit.jupiter.api.Test;

/**
 * The Spark executor's grouping of devices into tasks: every device in exactly one group, and the
 * heaviest group within Graham's LPT bound (4/3 - 1/(3m)) of the best grouping, found by brute
 * force over every assignment of a small network.
 */
class DeviceBalanceTest {
  private static final SyntheticSpec SPEC = new SyntheticSpec(3, 2, 5000, 0, 1, 6.0, 1.0);

  @Test
  void groupsCoverEveryDeviceOnceAndStayWithinTheLptBoundOfTheBest() {
    Random r = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      int n = 9;
      int slots = 4;
      int[] counts = new int[n * slots];
      for (int k = 0; k < counts.length; k++) {
        // A plan's receivers: a few devices with most of the data, many with little or none.
        counts[k] = r.nextInt(4) == 0 ? 20 + r.nextInt(60) : r.nextInt(3);
      }
      DeviceData data = DeviceData.forCounts(n, slots, counts, SPEC.train(), trial, Sampling.iid());
      TrainingSchedule s = TrainingSchedule.keepAll(data);
      long[] work = new long[n];
      for (int i = 0; i < n; i++) {
        work[i] = SparkDeviceExecutor.STEP_COST_SAMPLES;
        for (int t = 0; t < slots; t++) {
          int g = counts[t * n + i];
          work[i] += g == 0 ? 0 : g + SparkDeviceExecutor.STEP_COST_SAMPLES;
        }
      }
      for (int m : new int[] {2, 3}) {
        List<int[]> groups = SparkDeviceExecutor.balance(s, m);
        assertEquals(m, groups.size());
        int[] seen = new int[n];
        long heaviest = 0;
        for (int[] g : groups) {
          long load = 0;
          for (int i : g) {
            seen[i]++;
            load += work[i];
          }
          heaviest = Math.max(heaviest, load);
          assertArrayEquals(java.util.Arrays.stream(g).sorted().toArray(), g, "ascending ids");
        }
        for (int i = 0; i < n; i++) {
          assertEquals(1, seen[i], "device " + i);
        }
        long best = bestMakespan(work, m);
        double bound = 4.0 / 3 - 1.0 / (3 * m);
        assertTrue(heaviest <= bound * best + 1e-9,
            "trial " + trial + ", " + m + " groups: " + heaviest + " against the best " + best);
      }
    }
  }

  /** The least heaviest-group load over all m^n assignments. */
  private static long bestMakespan(long[] work, int m) {
    int n = work.length;
    long best = Long.MAX_VALUE;
    int[] a = new int[n];
    long total = (long) Math.pow(m, n);
    for (long code = 0; code < total; code++) {
      long c = code;
      long[] load = new long[m];
      for (int i = 0; i < n; i++) {
        a[i] = (int) (c % m);
        c /= m;
        load[a[i]] += work[i];
      }
      long max = 0;
      for (long l : load) {
        max = Math.max(max, l);
      }
      best = Math.min(best, max);
    }
    return best;
  }
}
