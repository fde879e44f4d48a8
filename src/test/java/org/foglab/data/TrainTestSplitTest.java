package org.foglab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainTestSplitTest {
  private static ArrayDataset numbered(int n) {
    float[] f = new float[n];
    byte[] l = new byte[n];
    for (int i = 0; i < n; i++) {
      f[i] = i;
      l[i] = (byte) (i % 3);
    }
    return new ArrayDataset(1, 3, f, l);
  }

  @Test
  void splitIsDisjointSeededAndKeepsSamples() {
    ArrayDataset all = numbered(500);
    TrainTestSplit a = TrainTestSplit.of(all, 300, 150, 7);
    TrainTestSplit b = TrainTestSplit.of(all, 300, 150, 7);
    TrainTestSplit c = TrainTestSplit.of(all, 300, 150, 8);
    assertArrayEquals(a.trainIds(), b.trainIds());
    assertFalse(Arrays.equals(a.trainIds(), c.trainIds()));
    Set<Integer> ids = new HashSet<>();
    for (int p = 0; p < 300; p++) {
      ids.add(a.trainIds()[p]);
      // The subset carries the original sample.
      assertEquals(a.trainIds()[p], (int) a.train().feature(p, 0));
      assertEquals(a.trainIds()[p] % 3, a.train().label(p));
    }
    for (int p = 0; p < 150; p++) {
      ids.add(a.testIds()[p]);
      assertEquals(a.testIds()[p], (int) a.test().feature(p, 0));
    }
    assertEquals(450, ids.size());
    // A random order, not the identity: the first 300 ids are not 0..299.
    assertFalse(Arrays.equals(a.trainIds(), java.util.stream.IntStream.range(0, 300).toArray()));
  }

  @Test
  void tooLargeSplitIsRejected() {
    DatasetException e = assertThrows(DatasetException.class,
        () -> TrainTestSplit.of(numbered(10), 8, 3, 1));
    assertEquals("a split of 8 training and 3 test samples needs 11 samples but the dataset has 10",
        e.getMessage());
  }
}
