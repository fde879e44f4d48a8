package org.foglab.learning.federated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeriodSumsTest {
  @Test
  void weightedAverageMatchesDoublePrecisionAndIgnoresMergeOrder() {
    Random rnd = new Random(11);
    int devices = 40;
    int params = 300;
    float[][] w = new float[devices][params];
    long[] h = new long[devices];
    long total = 0;
    for (int i = 0; i < devices; i++) {
      h[i] = i % 7 == 0 ? 0 : 1 + rnd.nextInt(50);
      total += h[i];
      for (int j = 0; j < params; j++) {
        w[i][j] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 3));
      }
    }
    List<PeriodSums> parts = new ArrayList<>();
    for (int i = 0; i < devices; i++) {
      PeriodSums p = PeriodSums.empty();
      if (h[i] > 0) {
        p.add((double) h[i] / total, w[i], i);
      }
      parts.add(p);
    }
    float[] reference = null;
    for (int rep = 0; rep < 5; rep++) {
      Collections.shuffle(parts, new Random(rep));
      PeriodSums acc = PeriodSums.empty();
      // Merge as uneven groups, like partitions of different sizes.
      int from = 0;
      while (from < devices) {
        int to = Math.min(devices, from + 1 + rep * 3);
        PeriodSums group = PeriodSums.empty();
        for (int q = from; q < to; q++) {
          group.merge(parts.get(q));
        }
        acc.merge(group);
        from = to;
      }
      float[] avg = acc.average();
      if (reference == null) {
        reference = avg;
        for (int j = 0; j < params; j++) {
          double num = 0;
          for (int i = 0; i < devices; i++) {
            num += h[i] * (double) w[i][j];
          }
          // Fixed point: below devices * 2^-41 absolute, plus the final float rounding.
          assertEquals(num / total, avg[j], devices * 0x1.0p-41 + Math.ulp((float) (num / total)));
        }
      } else {
        assertArrayEquals(reference, avg, "merge order changed the bits");
      }
    }
  }

  @Test
  void divergenceAndEmptyPeriodsAreReported() {
    PeriodSums p = PeriodSums.empty();
    assertTrue(assertThrows(IllegalStateException.class,
        () -> p.add(0.5, new float[] {1, Float.NaN}, 3)).getMessage().contains("device 3"));
    assertThrows(IllegalStateException.class, () -> PeriodSums.empty().average());
  }

  /**
   * The Spark executor's exchange format: a partial with sums and losses, one without sums and
   * one with nothing read back from their bytes (and from one buffer, back to back) merge into
   * exactly what the originals merge into.
   */
  @Test
  void encodedPartialsDecodeToTheSameMerge() {
    Random rnd = new Random(5);
    float[] w = new float[50];
    for (int j = 0; j < w.length; j++) {
      w[j] = (float) rnd.nextGaussian();
    }
    PeriodSums a = PeriodSums.empty();
    a.add(0.25, w, 0);
    for (int k = 0; k < 40; k++) {
      a.loss(k * 3, rnd.nextDouble());
      a.step(1 + k % 4);
    }
    PeriodSums b = PeriodSums.empty();
    b.loss(7, 0.5);
    b.step(9);
    PeriodSums c = PeriodSums.empty();
    java.nio.ByteBuffer all = java.nio.ByteBuffer.allocate(
        a.encodedBytes() + b.encodedBytes() + c.encodedBytes());
    a.encode(all);
    b.encode(all);
    c.encode(all);
    assertEquals(all.capacity(), all.position(), "encodedBytes is exact");
    all.flip();
    PeriodSums expected = PeriodSums.empty().merge(a).merge(b).merge(c);
    PeriodSums fromBuffer = PeriodSums.empty().merge(PeriodSums.decode(all))
        .merge(PeriodSums.decode(all)).merge(PeriodSums.decode(all));
    PeriodSums fromArrays = PeriodSums.empty()
        .merge(PeriodSums.decode(java.nio.ByteBuffer.wrap(a.encode())))
        .merge(PeriodSums.decode(java.nio.ByteBuffer.wrap(b.encode())))
        .merge(PeriodSums.decode(java.nio.ByteBuffer.wrap(c.encode())));
    for (PeriodSums got : List.of(fromBuffer, fromArrays)) {
      assertArrayEquals(expected.average(), got.average());
      assertEquals(expected.steps(), got.steps());
      assertEquals(expected.samples(), got.samples());
      assertEquals(expected.lossCount(), got.lossCount());
      for (int p = 0; p < expected.lossCount(); p++) {
        assertEquals(expected.lossKey(p), got.lossKey(p));
        assertEquals(expected.lossValue(p), got.lossValue(p));
      }
    }
    assertTrue(!PeriodSums.decode(java.nio.ByteBuffer.wrap(b.encode())).hasParameters());
    PeriodSums stripped = a.withoutParameters();
    assertTrue(!stripped.hasParameters());
    assertEquals(a.steps(), stripped.steps());
    assertEquals(a.lossCount(), stripped.lossCount());
  }
}
