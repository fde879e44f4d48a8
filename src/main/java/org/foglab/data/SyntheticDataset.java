package org.foglab.data;

import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * A contiguous range of the samples of a {@link SyntheticSpec}, generated on demand: nothing but
 * the class centres ({@code classes x features} floats, built lazily) is stored.
 */
public final class SyntheticDataset implements SampleSource {
  private static final long serialVersionUID = 1L;
  // Streams' increment, so mix(h + GOLDEN * (b + 1)) equals Streams.hash(..., b) with one key more.
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double SQRT3 = Math.sqrt(3.0);

  private final SyntheticSpec spec;
  private final int first;
  private final int size;
  private transient volatile float[] centres;

  SyntheticDataset(SyntheticSpec spec, int first, int size) {
    this.spec = spec;
    this.first = first;
    this.size = size;
  }

  public SyntheticSpec spec() {
    return spec;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int featureCount() {
    return spec.features();
  }

  @Override
  public int classCount() {
    return spec.classes();
  }

  @Override
  public int label(int id) {
    checkId(id);
    return generatorLabel(first + (long) id);
  }

  private int generatorLabel(long g) {
    return (int) Streams.below(
        Streams.hash(spec.seed(), Purpose.DATASET, DataStreams.SYNTHETIC_LABEL, g), spec.classes());
  }

  @Override
  public void copyFeatures(int id, float[] dst, int offset) {
    checkId(id);
    long g = first + (long) id;
    int label = generatorLabel(g);
    float[] mu = centres();
    int f = spec.features();
    int base = label * f;
    long h0 = Streams.hash(spec.seed(), Purpose.DATASET, DataStreams.SYNTHETIC_NOISE, g);
    double noise = spec.noise() * SQRT3;
    for (int j = 0; j < f; j++) {
      // Equals Streams.hash(seed, DATASET, SYNTHETIC_NOISE, g, j): one hash, four 16-bit
      // uniforms, whose sum minus 2 has mean 0 and variance 1/3.
      long h = Streams.mix(h0 + GOLDEN * (j + 1));
      double s = ((h & 0xFFFF) + (h >>> 16 & 0xFFFF) + (h >>> 32 & 0xFFFF) + (h >>> 48) + 2.0)
          / 65536.0;
      dst[offset + j] = (float) (mu[base + j] + noise * (s - 2.0));
    }
  }

  /** Class centre {@code c}, feature {@code j}. */
  public float centre(int c, int j) {
    return centres()[c * spec.features() + j];
  }

  private float[] centres() {
    float[] c = centres;
    if (c == null) {
      int f = spec.features();
      c = new float[spec.classes() * f];
      double scale = spec.separation() / Math.sqrt(2.0 * f);
      for (int k = 0; k < spec.classes(); k++) {
        for (int j = 0; j < f; j++) {
          long h = Streams.hash(spec.seed(), Purpose.DATASET, DataStreams.SYNTHETIC_CENTRE, k, j);
          // Box-Muller on the two 32-bit halves of one hash.
          double u1 = ((h >>> 32) + 1.0) / 4294967296.0;
          double u2 = (h & 0xFFFFFFFFL) / 4294967296.0;
          double z = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
          c[k * f + j] = (float) (scale * z);
        }
      }
      centres = c;
    }
    return c;
  }

  @Override
  public String toString() {
    return "SyntheticDataset[" + spec.toSpecString() + ", ids " + first + ".." + (first + size - 1)
        + "]";
  }
}
