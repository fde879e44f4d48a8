package org.foglab.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamsTest {
  @Test
  void drawsArePureFunctionsOfTheirKeys() {
    assertEquals(Streams.hash(7, Purpose.DATA, 3, 4), Streams.hash(7, Purpose.DATA, 3, 4));
    assertNotEquals(Streams.hash(7, Purpose.DATA, 3, 4), Streams.hash(7, Purpose.DATA, 4, 3));
    assertNotEquals(Streams.hash(7, Purpose.DATA, 3, 4), Streams.hash(7, Purpose.PROCESS_COST, 3, 4));
    assertNotEquals(Streams.hash(7, Purpose.DATA, 3, 4), Streams.hash(8, Purpose.DATA, 3, 4));
  }

  /** Chi-square over 100 bins with 10^6 draws: the 99.9% quantile of chi2(99) is 148.2. */
  @Test
  void unitIsUniform() {
    int bins = 100;
    int draws = 1_000_000;
    long[] count = new long[bins];
    for (int i = 0; i < draws; i++) {
      double u = Streams.unit(Streams.hash(1, Purpose.SIMULATION, i));
      assertTrue(u >= 0 && u < 1);
      count[(int) (u * bins)]++;
    }
    double expected = (double) draws / bins;
    double chi2 = 0;
    for (long c : count) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    assertTrue(chi2 < 148.2, "chi2 = " + chi2);
  }

  @Test
  void belowStaysInRangeAndIsUniform() {
    long bound = 7;
    long[] count = new long[(int) bound];
    int draws = 700_000;
    for (int i = 0; i < draws; i++) {
      long x = Streams.below(Streams.hash(2, Purpose.SIMULATION, i), bound);
      assertTrue(x >= 0 && x < bound);
      count[(int) x]++;
    }
    for (long c : count) {
      // Binomial sd = sqrt(700000 * 1/7 * 6/7) ~ 293; 5 sd.
      assertEquals(100_000, c, 1500);
    }
    assertEquals(0, Streams.below(-1L, 1));
    long big = (1L << 62) + 3;
    for (int i = 0; i < 1000; i++) {
      long x = Streams.below(Streams.hash(3, Purpose.SIMULATION, i), big);
      assertTrue(x >= 0 && x < big);
    }
  }
}
