package org.foglab.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A dataset seen by {@code S} sources, each through its own {@link ViewSource}, split into
 * training, validation and test parts with the same views (seed 004, Section III). View {@code s}
 * of every part is the same transform and quality drawn for source {@code s}; sample ids index all
 * views alike, so {@code train().get(s)} and {@code train().get(t)} show the same digit.
 *
 * @param train one training source per view
 * @param validation one validation source per view (the convergence rule's loss)
 * @param test one test source per view
 */
public record MultiViewData(List<SampleSource> train, List<SampleSource> validation,
    List<SampleSource> test) implements java.io.Serializable {

  /** The paper's split of the 10,000 MNIST test images: 7,000 / 1,000 / 2,000. */
  public static final int MNIST_TRAIN = 7000;
  public static final int MNIST_VALIDATION = 1000;
  public static final int MNIST_TEST = 2000;

  public MultiViewData {
    train = List.copyOf(train);
    validation = List.copyOf(validation);
    test = List.copyOf(test);
    if (train.isEmpty() || train.size() != validation.size() || train.size() != test.size()) {
      throw new IllegalArgumentException("every part needs one source per view, got "
          + train.size() + " training, " + validation.size() + " validation and " + test.size()
          + " test views");
    }
  }

  /**
   * One view of a source's quality.
   *
   * @param transform what the source sees
   * @param noise Gaussian pixel noise standard deviation
   * @param missing fraction of pixels lost
   */
  public record View(ViewTransform transform, double noise, double missing)
      implements java.io.Serializable {
    public static View of(ViewTransform t) {
      return new View(t, 0, 0);
    }
  }

  /** The views of a seeded three-way split of {@code all}. */
  public static MultiViewData of(ArrayDataset all, int trainSize, int validationSize,
      int testSize, List<View> views, long seed) {
    return split(all, trainSize, validationSize, testSize, seed).views(views, trainSize, seed);
  }

  /**
   * The seeded three-way split of {@code all} without views (each part as its only, unchanged
   * view), to be given views by {@link #views}: the first {@code trainSize} of the seeded order
   * ({@link TrainTestSplit}) train, the next {@code validationSize} validate, the next test.
   */
  public static MultiViewData split(ArrayDataset all, int trainSize, int validationSize,
      int testSize, long seed) {
    TrainTestSplit s = TrainTestSplit.of(all, trainSize, validationSize + testSize, seed);
    int[] val = new int[validationSize];
    int[] test = new int[testSize];
    for (int p = 0; p < validationSize; p++) {
      val[p] = p;
    }
    for (int p = 0; p < testSize; p++) {
      test[p] = validationSize + p;
    }
    return new MultiViewData(List.of(s.train()), List.of(s.test().subset(val)),
        List.of(s.test().subset(test)));
  }

  /**
   * The views {@code views} of this data's first view, with its training part cut to the first
   * {@code trainSize} samples (validation and test unchanged).
   */
  public MultiViewData views(List<View> views, int trainSize, long seed) {
    SampleSource tr = train.get(0);
    if (trainSize < tr.size()) {
      int[] ids = new int[trainSize];
      for (int i = 0; i < trainSize; i++) {
        ids[i] = i;
      }
      tr = ArrayDataset.copyOf(tr).subset(ids);
    }
    return of(tr, validation.get(0), test.get(0), views, seed);
  }

  /** Views of given parts. */
  public static MultiViewData of(SampleSource train, SampleSource validation, SampleSource test,
      List<View> views, long seed) {
    if (views.isEmpty()) {
      throw new IllegalArgumentException("multi-view data needs at least one view");
    }
    List<SampleSource> tr = new ArrayList<>();
    List<SampleSource> va = new ArrayList<>();
    List<SampleSource> te = new ArrayList<>();
    for (int s = 0; s < views.size(); s++) {
      View v = views.get(s);
      // Distinct sub-seeds per part: a test image's erasure must not repeat a training image's.
      tr.add(materialise(new ViewSource(train, v.transform(), s, v.noise(), v.missing(), seed)));
      va.add(materialise(new ViewSource(validation, v.transform(), s, v.noise(), v.missing(),
          org.foglab.random.Streams.mix(seed + 1))));
      te.add(materialise(new ViewSource(test, v.transform(), s, v.noise(), v.missing(),
          org.foglab.random.Streams.mix(seed + 2))));
    }
    return new MultiViewData(tr, va, te);
  }

  /** Views are computed once and kept: training reads each image many times. */
  private static SampleSource materialise(ViewSource v) {
    return ArrayDataset.copyOf(v);
  }

  /** Number of views (sources). */
  public int views() {
    return train.size();
  }
}
