package org.foglab.learning;

import org.foglab.data.SampleSource;

/**
 * An independent double-precision softmax regression (no hidden layer) in DL4J's parameter
 * layout: weights {@code W[f][c]} at {@code f + c * F} (column-major), then biases. Used as the
 * hand computation that the DL4J-backed training is checked against.
 */
public final class SoftmaxReference {
  private SoftmaxReference() {}

  /** Class probabilities of sample {@code id}. */
  public static double[] probabilities(double[] w, SampleSource s, int id) {
    int f = s.featureCount();
    int c = s.classCount();
    float[] x = new float[f];
    s.copyFeatures(id, x, 0);
    double[] z = new double[c];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < c; k++) {
      z[k] = w[f * c + k];
      for (int j = 0; j < f; j++) {
        z[k] += x[j] * w[j + k * f];
      }
      max = Math.max(max, z[k]);
    }
    double sum = 0;
    for (int k = 0; k < c; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    for (int k = 0; k < c; k++) {
      z[k] /= sum;
    }
    return z;
  }

  /** One SGD step of equation (3) on {@code ids}: returns the new parameters. */
  public static double[] step(double[] w, SampleSource s, int[] ids, double eta) {
    int f = s.featureCount();
    int c = s.classCount();
    double[] grad = new double[w.length];
    float[] x = new float[f];
    for (int id : ids) {
      double[] p = probabilities(w, s, id);
      s.copyFeatures(id, x, 0);
      for (int k = 0; k < c; k++) {
        double d = p[k] - (s.label(id) == k ? 1 : 0);
        grad[f * c + k] += d / ids.length;
        for (int j = 0; j < f; j++) {
          grad[j + k * f] += d * x[j] / ids.length;
        }
      }
    }
    double[] out = w.clone();
    for (int q = 0; q < w.length; q++) {
      out[q] -= eta * grad[q];
    }
    return out;
  }

  /** Mean cross-entropy on {@code ids}. */
  public static double loss(double[] w, SampleSource s, int[] ids) {
    double l = 0;
    for (int id : ids) {
      l -= Math.log(probabilities(w, s, id)[s.label(id)]);
    }
    return l / ids.length;
  }

  public static double[] toDouble(float[] p) {
    double[] d = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      d[i] = p[i];
    }
    return d;
  }
}
