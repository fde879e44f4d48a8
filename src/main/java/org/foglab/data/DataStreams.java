package org.foglab.data;

/**
 * Sub-stream keys of the data package. Draws use the shared purposes {@code DATASET} and
 * {@code SAMPLING} of {@link org.foglab.random.Purpose} with one of these as the first key, so
 * each kind of draw is an independent stream without new purpose tags. Never renumber.
 */
final class DataStreams {
  /** DATASET: the train/test split order. */
  static final long SPLIT = 1;
  /** DATASET: the label of a synthetic sample. */
  static final long SYNTHETIC_LABEL = 2;
  /** DATASET: the class centres of synthetic data. */
  static final long SYNTHETIC_CENTRE = 3;
  /** DATASET: the noise of a synthetic sample. */
  static final long SYNTHETIC_NOISE = 4;
  /** DATASET: the per-sample randomness of a source's view (multi-view data). */
  static final long VIEW = 5;
  /** DATASET: the validation part of a three-way split. */
  static final long VALIDATION = 6;
  /** SAMPLING: the pseudo-random permutation assigning training samples to device-slots. */
  static final long PERMUTATION = 1;
  /** SAMPLING: the Dirichlet class mix of a device (label skew). */
  static final long DIRICHLET = 2;
  /** SAMPLING: the class of one datapoint of a label-skewed device-slot. */
  static final long CLASS_DRAW = 3;
  /** SAMPLING: the order in which a class's samples are handed out under label skew. */
  static final long CLASS_POOL = 4;

  private DataStreams() {}
}
