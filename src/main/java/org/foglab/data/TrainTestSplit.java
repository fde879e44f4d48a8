package org.foglab.data;

import java.util.Arrays;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * A seeded split of a dataset into a training part and a test part. Samples are ordered by
 * {@code Streams.hash(seed, DATASET, SPLIT, id)} (a uniformly random permutation that is a pure
 * function of the seed); the first {@code trainSize} form the training set in that order, the
 * next {@code testSize} the test set.
 *
 * @param train the training set, renumbered from 0
 * @param test the test set, renumbered from 0
 * @param trainIds original ids of the training samples
 * @param testIds original ids of the test samples
 */
public record TrainTestSplit(ArrayDataset train, ArrayDataset test, int[] trainIds,
    int[] testIds) {

  /** Splits {@code all} into {@code trainSize} training and {@code testSize} test samples. */
  public static TrainTestSplit of(ArrayDataset all, int trainSize, int testSize, long seed) {
    if (trainSize < 1) {
      throw new IllegalArgumentException("trainSize must be at least 1, got " + trainSize);
    }
    if (testSize < 0) {
      throw new IllegalArgumentException("testSize must not be negative, got " + testSize);
    }
    if ((long) trainSize + testSize > all.size()) {
      throw new DatasetException("a split of " + trainSize + " training and " + testSize
          + " test samples needs " + ((long) trainSize + testSize) + " samples but the dataset has "
          + all.size());
    }
    int n = all.size();
    long[] keyed = new long[n];
    Integer[] order = new Integer[n];
    for (int id = 0; id < n; id++) {
      keyed[id] = Streams.hash(seed, Purpose.DATASET, DataStreams.SPLIT, id);
      order[id] = id;
    }
    // Unsigned hash order, ties (astronomically unlikely) by id: a total order.
    Arrays.sort(order, (a, b) -> {
      int c = Long.compareUnsigned(keyed[a], keyed[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] trainIds = new int[trainSize];
    int[] testIds = new int[testSize];
    for (int p = 0; p < trainSize; p++) {
      trainIds[p] = order[p];
    }
    for (int p = 0; p < testSize; p++) {
      testIds[p] = order[trainSize + p];
    }
    return new TrainTestSplit(all.subset(trainIds), all.subset(testIds), trainIds, testIds);
  }

  /** The paper-style split of the 10,000 MNIST test images: 8,000 training, 2,000 test. */
  public static TrainTestSplit mnist8000(ArrayDataset all, long seed) {
    return of(all, 8000, 2000, seed);
  }
}
