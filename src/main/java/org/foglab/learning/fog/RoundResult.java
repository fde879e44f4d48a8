package org.foglab.learning.fog;

import java.io.Serializable;

/**
 * What subtrees report for one global round, mergeable in any order with the same result: the
 * root's weighted parameter sum in exact fixed point ({@code round(weight w_j 2^40)} per
 * contribution, summed as integers, as {@code PeriodSums} does for federated runs), its total
 * weight, and traffic and work counts. Timings are measured, not part of the model.
 */
@com.esotericsoftware.kryo.DefaultSerializer(
    com.esotericsoftware.kryo.serializers.JavaSerializer.class)
public final class RoundResult implements Serializable {
  private static final long serialVersionUID = 1L;
  static final double SCALE = 0x1.0p40;
  private static final double LIMIT = 0x1.0p62;

  long[] sum;
  long weight;
  long steps;
  long samples;
  long devices;
  long clusters;
  /** Model transfers from layer l to l + 1 (index l). */
  long[] up;
  /** Model transfers from layer l + 1 to l (index l). */
  long[] down;
  long d2dMessages;
  /** Samples moved by D2D data offloading (reported in round 1, when they move). */
  long offloadedSamples;
  long consensusRounds;
  long nanosLocal;
  long nanosConsensus;
  long nanosAggregation;
  /** Models of devices that move to another cluster before the next round, by device. */
  java.util.TreeMap<Integer, double[]> carried;

  RoundResult(int links) {
    up = new long[links];
    down = new long[links];
  }

  /** Adds {@code weight x model} to the root's sum. */
  void add(long w, double[] model) {
    if (sum == null) {
      sum = new long[model.length];
    }
    double a = w * SCALE;
    for (int j = 0; j < model.length; j++) {
      double v = a * model[j];
      if (!(Math.abs(v) < LIMIT)) {
        throw new IllegalStateException("training diverged: parameter " + j + " = " + model[j]
            + " at the root's aggregation; use a smaller learning rate");
      }
      sum[j] += Math.round(v);
    }
    weight += w;
  }

  /** Records that device {@code d} leaves its cluster with {@code model}. */
  void carry(int d, double[] model) {
    if (carried == null) {
      carried = new java.util.TreeMap<>();
    }
    carried.put(d, model.clone());
  }

  /** Models moving devices carry into the next round (empty: none). */
  public java.util.Map<Integer, double[]> carried() {
    return carried == null ? java.util.Map.of() : carried;
  }

  /** This result plus {@code o} (this one, modified). */
  public RoundResult merge(RoundResult o) {
    if (o.carried != null) {
      if (carried == null) {
        carried = new java.util.TreeMap<>();
      }
      carried.putAll(o.carried);
    }
    if (o.sum != null) {
      if (sum == null) {
        sum = o.sum.clone();
      } else {
        for (int j = 0; j < sum.length; j++) {
          sum[j] += o.sum[j];
        }
      }
    }
    weight += o.weight;
    steps += o.steps;
    samples += o.samples;
    devices += o.devices;
    clusters += o.clusters;
    for (int l = 0; l < up.length; l++) {
      up[l] += o.up[l];
      down[l] += o.down[l];
    }
    d2dMessages += o.d2dMessages;
    offloadedSamples += o.offloadedSamples;
    consensusRounds += o.consensusRounds;
    nanosLocal += o.nanosLocal;
    nanosConsensus += o.nanosConsensus;
    nanosAggregation += o.nanosAggregation;
    return this;
  }

  /** The root's model {@code sum / weight}, or null when no device took part. */
  public double[] average() {
    if (sum == null || weight == 0) {
      return null;
    }
    double[] w = new double[sum.length];
    double d = SCALE * weight;
    for (int j = 0; j < w.length; j++) {
      w[j] = sum[j] / d;
    }
    return w;
  }

  public long weight() {
    return weight;
  }

  public long steps() {
    return steps;
  }

  public long samples() {
    return samples;
  }

  /** Devices that trained. */
  public long devices() {
    return devices;
  }

  /** Bottom clusters that took part. */
  public long clusters() {
    return clusters;
  }

  public long up(int l) {
    return up[l];
  }

  public long down(int l) {
    return down[l];
  }

  public int links() {
    return up.length;
  }

  public long d2dMessages() {
    return d2dMessages;
  }

  public long offloadedSamples() {
    return offloadedSamples;
  }

  public long consensusRounds() {
    return consensusRounds;
  }

  public long nanosLocal() {
    return nanosLocal;
  }

  public long nanosConsensus() {
    return nanosConsensus;
  }

  public long nanosAggregation() {
    return nanosAggregation;
  }
}
