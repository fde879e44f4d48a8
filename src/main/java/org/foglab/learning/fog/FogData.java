package org.foglab.learning.fog;

import java.io.Serializable;
import org.foglab.data.SampleSource;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Non-IID local datasets of a fog tree's devices (Federated2Fog's setting): device {@code i}
 * holds {@code samplesPerDevice} samples of one or two classes (two with probability
 * {@code twoClassShare}), its classes and its starting offsets in each class's pool drawn from
 * (seed, device); sample {@code s} of the device is taken from its first class for
 * {@code s < ceil(n/2)} (all of them with one class) and from its second class after that,
 * walking the class pool cyclically from the offset. Pools are the ids of each class in
 * {@code train}, built once per JVM; nothing depends on other devices, so any executor computes
 * any device's data.
 */
public final class FogData implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SampleSource train;
  private final int samplesPerDevice;
  private final double twoClassShare;
  private final long seed;
  private transient volatile int[][] pools;

  public FogData(SampleSource train, int samplesPerDevice, double twoClassShare, long seed) {
    if (samplesPerDevice < 1) {
      throw new IllegalArgumentException("each device needs at least one sample, got "
          + samplesPerDevice);
    }
    if (!(twoClassShare >= 0 && twoClassShare <= 1)) {
      throw new IllegalArgumentException("the share of two-class devices must be in [0, 1], got "
          + twoClassShare);
    }
    this.train = train;
    this.samplesPerDevice = samplesPerDevice;
    this.twoClassShare = twoClassShare;
    this.seed = seed;
  }

  public SampleSource train() {
    return train;
  }

  public int features() {
    return train.featureCount();
  }

  public int classes() {
    return train.classCount();
  }

  /** Samples of device {@code i} (the same for all). */
  public int samples(int device) {
    return samplesPerDevice;
  }

  /** The classes of device {@code i}: one or two distinct labels. */
  public int[] classesOf(int device) {
    int k = classes();
    int first = (int) Streams.below(Streams.hash(seed, Purpose.FOG_DATA, device, 0), k);
    boolean two = Streams.unit(Streams.hash(seed, Purpose.FOG_DATA, device, 1)) < twoClassShare
        && k > 1;
    if (!two) {
      return new int[] {first};
    }
    int second = (int) Streams.below(Streams.hash(seed, Purpose.FOG_DATA, device, 2), k - 1);
    if (second >= first) {
      second++;
    }
    return new int[] {first, second};
  }

  /** Id in {@code train} of sample {@code s} of device {@code i}. */
  public int sampleId(int device, int s, int[] classesOfDevice) {
    int[][] p = pools();
    int half = classesOfDevice.length == 1 ? samplesPerDevice : (samplesPerDevice + 1) / 2;
    int which = s < half ? 0 : 1;
    int local = which == 0 ? s : s - half;
    int[] pool = p[classesOfDevice[which]];
    long offset = Streams.below(Streams.hash(seed, Purpose.FOG_DATA, device, 3 + which),
        pool.length);
    return pool[(int) ((offset + local) % pool.length)];
  }

  /**
   * The batch of device {@code i} at global step {@code u}: {@code min(batch, n)} samples at
   * positions {@code (u B + k) mod n}, features into {@code x}, labels into {@code y}.
   *
   * @return the batch size
   */
  public int batch(int device, long u, int batch, float[] x, int[] y) {
    int n = samples(device);
    int b = Math.min(batch, n);
    int[] cls = classesOf(device);
    int f = features();
    long start = (u * b) % n;
    for (int k = 0; k < b; k++) {
      int id = sampleId(device, (int) ((start + k) % n), cls);
      train.copyFeatures(id, x, k * f);
      y[k] = train.label(id);
    }
    return b;
  }

  private int[][] pools() {
    int[][] p = pools;
    if (p == null) {
      synchronized (this) {
        p = pools;
        if (p == null) {
          int k = classes();
          int[] count = new int[k];
          for (int id = 0; id < train.size(); id++) {
            count[train.label(id)]++;
          }
          p = new int[k][];
          for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
              throw new IllegalArgumentException("the training data has no sample of class " + c
                  + ", so non-IID devices cannot draw from it");
            }
            p[c] = new int[count[c]];
          }
          int[] fill = new int[k];
          for (int id = 0; id < train.size(); id++) {
            int c = train.label(id);
            p[c][fill[c]++] = id;
          }
          pools = p;
        }
      }
    }
    return p;
  }
}
