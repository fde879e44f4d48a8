package org.foglab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * REAL DATA: reads the MNIST test set the project ships in {@code data/mnist} (the tests run from
 * the project root), never skipped: the project must test from its own files.
 */
class MnistRealDataTest {
  static final Path DIR = Path.of("data", "mnist");

  @Test
  void readsTheRealMnistTestSetAndSplitsIt() {
    ArrayDataset all = Mnist.readDirectory(DIR);
    assertEquals(10_000, all.size());
    assertEquals(784, all.featureCount());
    // The published class frequencies of the MNIST test set.
    assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
        all.classCounts());
    TrainTestSplit s = TrainTestSplit.mnist8000(all, 1);
    assertEquals(8000, s.train().size());
    assertEquals(2000, s.test().size());
    Set<Integer> seen = new HashSet<>();
    for (int id : s.trainIds()) {
      seen.add(id);
    }
    for (int id : s.testIds()) {
      seen.add(id);
    }
    assertEquals(10_000, seen.size());
  }
}
