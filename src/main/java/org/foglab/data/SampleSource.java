package org.foglab.data;

import java.io.Serializable;

/**
 * A labelled classification dataset addressed by sample id {@code 0 .. size()-1}. Every sample
 * is a pure function of its id, so any partition of a distributed job can materialise any
 * sample (offloaded data is moved by id, never by value).
 *
 * <p>Implementations are immutable and safe to share between threads.
 */
public interface SampleSource extends Serializable {
  /** Number of samples. */
  int size();

  /** Length of a feature vector. */
  int featureCount();

  /** Number of classes; labels are {@code 0 .. classCount()-1}. */
  int classCount();

  /** Label of sample {@code id}. */
  int label(int id);

  /** Writes the features of sample {@code id} to {@code dst[offset .. offset+featureCount())}. */
  void copyFeatures(int id, float[] dst, int offset);

  /** Checks that {@code id} addresses a sample. */
  default void checkId(int id) {
    if (id < 0 || id >= size()) {
      throw new IndexOutOfBoundsException("sample id " + id + " outside 0.." + (size() - 1));
    }
  }
}
