package org.foglab.data;

import java.util.Arrays;

/**
 * An in-memory dataset: one float feature vector and one label per sample, stored row-major in
 * flat arrays. Used for MNIST (pixels scaled to [0, 1]) and for materialised subsets.
 */
public final class ArrayDataset implements SampleSource {
  private static final long serialVersionUID = 1L;

  private final int size;
  private final int featureCount;
  private final int classCount;
  private final float[] features;
  private final byte[] labels;

  /**
   * @param features {@code size * featureCount} values, sample-major
   * @param labels one label per sample, in {@code 0 .. classCount-1}
   */
  public ArrayDataset(int featureCount, int classCount, float[] features, byte[] labels) {
    if (featureCount < 1) {
      throw new IllegalArgumentException("featureCount must be at least 1, got " + featureCount);
    }
    if (classCount < 2 || classCount > 127) {
      throw new IllegalArgumentException("classCount must be in 2..127, got " + classCount);
    }
    if ((long) labels.length * featureCount != features.length) {
      throw new IllegalArgumentException("features hold " + features.length + " values but "
          + labels.length + " labels x " + featureCount + " features need "
          + (long) labels.length * featureCount);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classCount) {
        throw new IllegalArgumentException("label " + labels[i] + " of sample " + i
            + " is outside 0.." + (classCount - 1));
      }
    }
    this.size = labels.length;
    this.featureCount = featureCount;
    this.classCount = classCount;
    this.features = features;
    this.labels = labels;
  }

  /** Materialises any source (for example a synthetic one) into memory. */
  public static ArrayDataset copyOf(SampleSource src) {
    long values = (long) src.size() * src.featureCount();
    if (values > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a dataset of " + src.size() + " samples x "
          + src.featureCount() + " features does not fit in one array");
    }
    float[] f = new float[(int) values];
    byte[] l = new byte[src.size()];
    for (int id = 0; id < src.size(); id++) {
      src.copyFeatures(id, f, id * src.featureCount());
      l[id] = (byte) src.label(id);
    }
    return new ArrayDataset(src.featureCount(), src.classCount(), f, l);
  }

  /** The samples {@code ids} of this dataset, renumbered {@code 0 .. ids.length-1} in that order. */
  public ArrayDataset subset(int[] ids) {
    float[] f = new float[ids.length * featureCount];
    byte[] l = new byte[ids.length];
    for (int p = 0; p < ids.length; p++) {
      checkId(ids[p]);
      System.arraycopy(features, ids[p] * featureCount, f, p * featureCount, featureCount);
      l[p] = labels[ids[p]];
    }
    return new ArrayDataset(featureCount, classCount, f, l);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int featureCount() {
    return featureCount;
  }

  @Override
  public int classCount() {
    return classCount;
  }

  @Override
  public int label(int id) {
    return labels[id];
  }

  @Override
  public void copyFeatures(int id, float[] dst, int offset) {
    System.arraycopy(features, id * featureCount, dst, offset, featureCount);
  }

  /** Feature {@code j} of sample {@code id}. */
  public float feature(int id, int j) {
    return features[id * featureCount + j];
  }

  /** Per-class sample counts. */
  public int[] classCounts() {
    int[] c = new int[classCount];
    for (byte b : labels) {
      c[b]++;
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayDataset a && a.featureCount == featureCount
        && a.classCount == classCount && Arrays.equals(a.labels, labels)
        && Arrays.equals(a.features, features);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(labels) + Arrays.hashCode(features);
  }

  @Override
  public String toString() {
    return "ArrayDataset[" + size + " samples, " + featureCount + " features, " + classCount
        + " classes]";
  }
}
