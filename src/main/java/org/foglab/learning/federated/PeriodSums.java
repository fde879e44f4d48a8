package org.foglab.learning.federated;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The partial aggregate of one aggregation period over some devices: the weighted parameter sum
 * of equation (4) in exact fixed point, plus the devices' training losses.
 *
 * <p>Each device contributes {@code round(alpha_i * w_i[j] * 2^40)} to {@code sum[j]}, with
 * {@code alpha_i = H_i / sum_l H_l} computed once on the driver. Integer addition is associative,
 * so the sum - and the aggregated model - is bit-for-bit the same whatever the partitioning or
 * the merge order. The price is an absolute rounding error below {@code n * 2^-41} per parameter
 * against an exact weighted mean (about 1e-12 for a thousand devices, far below float
 * resolution), and a range limit of {@code |alpha_i w_i[j]| < 2^22}, which only a diverged model
 * reaches.
 */
public final class PeriodSums implements Serializable {
  private static final long serialVersionUID = 1L;
  static final double SCALE = 0x1.0p40;
  private static final double LIMIT = 0x1.0p62;

  private long[] sum;
  private int lossCount;
  private int[] lossKey = new int[0];
  private float[] lossValue = new float[0];
  private long steps;
  private long samples;

  public static PeriodSums empty() {
    return new PeriodSums();
  }

  /** Adds {@code alpha * params} for one device. */
  public void add(double alpha, float[] params, int device) {
    if (sum == null) {
      sum = new long[params.length];
    } else if (sum.length != params.length) {
      throw new IllegalArgumentException("parameter vectors differ in length: " + sum.length
          + " and " + params.length);
    }
    double a = alpha * SCALE;
    for (int j = 0; j < params.length; j++) {
      double v = a * params[j];
      if (!(Math.abs(v) < LIMIT)) {
        throw new IllegalStateException("training diverged: device " + device + " has parameter "
            + j + " = " + params[j] + " at aggregation; use a smaller learning rate");
      }
      sum[j] += Math.round(v);
    }
  }

  /** Records the training loss of one step; {@code key} identifies the device-slot and pass. */
  public void loss(int key, double value) {
    if (lossCount == lossKey.length) {
      int cap = Math.max(16, lossCount * 2);
      lossKey = Arrays.copyOf(lossKey, cap);
      lossValue = Arrays.copyOf(lossValue, cap);
    }
    lossKey[lossCount] = key;
    lossValue[lossCount++] = (float) value;
  }

  /** Counts one gradient step on {@code batch} samples. */
  public void step(int batch) {
    steps++;
    samples += batch;
  }

  /** Adds {@code other} into this (and returns this), as Spark's tree aggregation expects. */
  public PeriodSums merge(PeriodSums other) {
    if (other.sum != null) {
      if (sum == null) {
        sum = other.sum.clone();
      } else {
        if (sum.length != other.sum.length) {
          throw new IllegalArgumentException("parameter vectors differ in length");
        }
        for (int j = 0; j < sum.length; j++) {
          sum[j] += other.sum[j];
        }
      }
    }
    for (int p = 0; p < other.lossCount; p++) {
      loss(other.lossKey[p], other.lossValue[p]);
    }
    steps += other.steps;
    samples += other.samples;
    return this;
  }

  /** Whether any device contributed parameters. */
  public boolean hasParameters() {
    return sum != null;
  }

  /** The aggregated parameters {@code sum_i alpha_i w_i}. */
  public float[] average() {
    if (sum == null) {
      throw new IllegalStateException("no device contributed to this period");
    }
    float[] w = new float[sum.length];
    for (int j = 0; j < w.length; j++) {
      w[j] = (float) (sum[j] / SCALE);
    }
    return w;
  }

  /** A copy with the counts and losses but no parameter sums (what a caller keeps per period). */
  public PeriodSums withoutParameters() {
    PeriodSums out = new PeriodSums();
    out.lossCount = lossCount;
    out.lossKey = Arrays.copyOf(lossKey, lossCount);
    out.lossValue = Arrays.copyOf(lossValue, lossCount);
    out.steps = steps;
    out.samples = samples;
    return out;
  }

  /**
   * The bytes of {@link #encode}: a flag and the sums (8 bytes each), the losses (8 bytes each),
   * steps and samples. Fixed by the format, not by any Spark serializer.
   */
  int encodedBytes() {
    return 1 + (sum == null ? 0 : 4 + 8 * sum.length) + 4 + 8 * lossCount + 16;
  }

  /** An upper bound of {@link #encodedBytes} for {@code parameters} sums and {@code losses}. */
  static long encodedBytesAtMost(long parameters, long losses) {
    return 1 + 4 + 8 * parameters + 4 + 8 * losses + 16;
  }

  /** Writes this into {@code out} (big-endian); {@link #decode} reads it back exactly. */
  void encode(ByteBuffer out) {
    out.put((byte) (sum == null ? 0 : 1));
    if (sum != null) {
      out.putInt(sum.length);
      out.asLongBuffer().put(sum);
      out.position(out.position() + 8 * sum.length);
    }
    out.putInt(lossCount);
    out.asIntBuffer().put(lossKey, 0, lossCount);
    out.position(out.position() + 4 * lossCount);
    out.asFloatBuffer().put(lossValue, 0, lossCount);
    out.position(out.position() + 4 * lossCount);
    out.putLong(steps);
    out.putLong(samples);
  }

  /** This as bytes: see {@link #encode(ByteBuffer)}. */
  byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(encodedBytes());
    encode(b);
    return b.array();
  }

  /** Reads what {@link #encode(ByteBuffer)} wrote, advancing {@code in}. */
  static PeriodSums decode(ByteBuffer in) {
    PeriodSums out = new PeriodSums();
    if (in.get() != 0) {
      out.sum = new long[in.getInt()];
      in.asLongBuffer().get(out.sum);
      in.position(in.position() + 8 * out.sum.length);
    }
    out.lossCount = in.getInt();
    out.lossKey = new int[out.lossCount];
    out.lossValue = new float[out.lossCount];
    in.asIntBuffer().get(out.lossKey);
    in.position(in.position() + 4 * out.lossCount);
    in.asFloatBuffer().get(out.lossValue);
    in.position(in.position() + 4 * out.lossCount);
    out.steps = in.getLong();
    out.samples = in.getLong();
    return out;
  }

  public int lossCount() {
    return lossCount;
  }

  public int lossKey(int p) {
    return lossKey[p];
  }

  public float lossValue(int p) {
    return lossValue[p];
  }

  public long steps() {
    return steps;
  }

  public long samples() {
    return samples;
  }
}
