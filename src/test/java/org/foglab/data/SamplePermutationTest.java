package org.foglab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplePermutationTest {
  @Test
  void isABijectionOnEveryRange() {
    for (long size : new long[] {1, 2, 3, 4, 5, 17, 1000, 4097, 65_537}) {
      SamplePermutation p = new SamplePermutation(size, 42);
      boolean[] hit = new boolean[(int) size];
      for (long x = 0; x < size; x++) {
        long y = p.apply(x);
        assertTrue(y >= 0 && y < size, "out of range: " + y);
        assertTrue(!hit[(int) y], "value " + y + " hit twice for size " + size);
        hit[(int) y] = true;
      }
    }
  }

  @Test
  void dependsOnTheSeedAndIsRoughlyUniform() {
    assertNotEquals(new SamplePermutation(1000, 1).apply(0), new SamplePermutation(1000, 2).apply(0));
    // Where position 0 lands over 5,000 seeds: each of 10 values expected 500 times.
    int[] count = new int[10];
    for (int seed = 0; seed < 5000; seed++) {
      count[(int) new SamplePermutation(10, seed).apply(0)]++;
    }
    double chi2 = 0;
    for (int c : count) {
      chi2 += (c - 500.0) * (c - 500.0) / 500.0;
    }
    // 9 degrees of freedom: P(chi2 > 27.9) = 0.001.
    assertTrue(chi2 < 27.9, "chi-square " + chi2);
    assertEquals(new SamplePermutation(1000, 3).apply(7), new SamplePermutation(1000, 3).apply(7));
  }
}
