package org.foglab.data;

import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * What one data source sees of a dataset of single-channel square images: each sample through
 * the source's {@link ViewTransform}, then the source's quality: Gaussian noise of standard
 * deviation {@code noise} (clipped to [0, 1]) and each pixel missing (0) with probability
 * {@code missing}. All draws come from {@code Streams.hash(seed, DATASET, VIEW, source, id)}, so
 * the features are a pure function of the sample id (seed 004, Section III: "different, partial
 * views of the same phenomenon"). Labels are the base dataset's.
 */
public final class ViewSource implements SampleSource {
  private static final long serialVersionUID = 1L;

  private final SampleSource base;
  private final ViewTransform transform;
  private final int source;
  private final double noise;
  private final double missing;
  private final long seed;
  private final int side;

  /**
   * @param base images of {@code side x side} pixels
   * @param transform the source's view
   * @param source the source's index (a key of its draws)
   * @param noise standard deviation of additive Gaussian pixel noise, 0 for none
   * @param missing probability that a pixel is lost (set to 0), in [0, 1)
   * @param seed root seed of the draws
   */
  public ViewSource(SampleSource base, ViewTransform transform, int source, double noise,
      double missing, long seed) {
    int side = (int) Math.round(Math.sqrt(base.featureCount()));
    if (side * side != base.featureCount()) {
      throw new IllegalArgumentException("views need square single-channel images, but the "
          + "dataset has " + base.featureCount() + " features per sample");
    }
    if (transform == null) {
      throw new IllegalArgumentException("a view needs a transform, one of "
          + java.util.Arrays.toString(ViewTransform.values()));
    }
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("view noise must be a finite standard deviation >= 0, "
          + "got " + noise);
    }
    if (!(missing >= 0 && missing < 1)) {
      throw new IllegalArgumentException("a view's missing fraction must be in [0, 1), got "
          + missing);
    }
    this.base = base;
    this.transform = transform;
    this.source = source;
    this.noise = noise;
    this.missing = missing;
    this.seed = seed;
    this.side = side;
  }

  public ViewTransform transform() {
    return transform;
  }

  public int source() {
    return source;
  }

  @Override
  public int size() {
    return base.size();
  }

  @Override
  public int featureCount() {
    return base.featureCount();
  }

  @Override
  public int classCount() {
    return base.classCount();
  }

  @Override
  public int label(int id) {
    return base.label(id);
  }

  @Override
  public void copyFeatures(int id, float[] dst, int offset) {
    checkId(id);
    int n = side * side;
    float[] x = new float[n];
    base.copyFeatures(id, x, 0);
    long h = Streams.hash(seed, Purpose.DATASET, DataStreams.VIEW, source, id);
    float[] v = transform.apply(x, side, side, h);
    if (noise > 0 || missing > 0) {
      long q = Streams.mix(h ^ 0x5DEECE66DL);
      for (int p = 0; p < n; p++) {
        long a = Streams.mix(q + p);
        if (missing > 0 && Streams.unit(a) < missing) {
          v[p] = 0f;
          continue;
        }
        if (noise > 0) {
          // Box-Muller from two further draws of the pixel's stream.
          long b = Streams.mix(a);
          double z = Math.sqrt(-2 * Math.log(Streams.unitOpen(b)))
              * Math.cos(2 * Math.PI * Streams.unit(Streams.mix(b)));
          v[p] = (float) Math.min(1, Math.max(0, v[p] + noise * z));
        }
      }
    }
    System.arraycopy(v, 0, dst, offset, n);
  }
}
