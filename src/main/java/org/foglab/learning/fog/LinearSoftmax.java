package org.foglab.learning.fog;

import org.foglab.data.SampleSource;

/**
 * Multinomial logistic regression ({@code features x classes} weights and {@code classes}
 * biases; 7,850 parameters for MNIST), the linear model of Federated2Fog, in double precision
 * and plain Java so every executor computes the same bits. Layout: weight of feature {@code j}
 * and class {@code c} at {@code j C + c}, bias of class {@code c} at {@code F C + c}. Initial
 * parameters are zero.
 */
public final class LinearSoftmax {
  private LinearSoftmax() {}

  public static int parameters(int features, int classes) {
    return features * classes + classes;
  }

  /**
   * One SGD step on the mean softmax cross-entropy of a batch, in place.
   *
   * @param w parameters
   * @param x batch features, row major {@code rows x features}
   * @param y labels
   * @param rows batch size
   * @param scratch at least {@code classes} doubles
   * @return the batch's mean loss before the step
   */
  public static double step(double[] w, float[] x, int[] y, int rows, int features, int classes,
      double lr, double[] scratch, double[] grad) {
    int bias = features * classes;
    java.util.Arrays.fill(grad, 0, w.length, 0);
    double loss = 0;
    for (int k = 0; k < rows; k++) {
      int xo = k * features;
      double[] z = scratch;
      for (int c = 0; c < classes; c++) {
        z[c] = w[bias + c];
      }
      for (int j = 0; j < features; j++) {
        double v = x[xo + j];
        if (v != 0) {
          int o = j * classes;
          for (int c = 0; c < classes; c++) {
            z[c] += v * w[o + c];
          }
        }
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, z[c]);
      }
      double s = 0;
      for (int c = 0; c < classes; c++) {
        z[c] = Math.exp(z[c] - max);
        s += z[c];
      }
      loss -= Math.log(z[y[k]] / s);
      for (int c = 0; c < classes; c++) {
        z[c] = (z[c] / s - (c == y[k] ? 1 : 0)) / rows;
      }
      for (int j = 0; j < features; j++) {
        double v = x[xo + j];
        if (v != 0) {
          int o = j * classes;
          for (int c = 0; c < classes; c++) {
            grad[o + c] += v * z[c];
          }
        }
      }
      for (int c = 0; c < classes; c++) {
        grad[bias + c] += z[c];
      }
    }
    for (int p = 0; p < w.length; p++) {
      w[p] -= lr * grad[p];
    }
    return loss / rows;
  }

  /** Accuracy and mean loss of {@code w} on {@code data}. */
  public static double[] evaluate(double[] w, SampleSource data) {
    int f = data.featureCount();
    int classes = data.classCount();
    int bias = f * classes;
    float[] x = new float[f];
    double[] z = new double[classes];
    long correct = 0;
    double loss = 0;
    for (int id = 0; id < data.size(); id++) {
      data.copyFeatures(id, x, 0);
      for (int c = 0; c < classes; c++) {
        z[c] = w[bias + c];
      }
      for (int j = 0; j < f; j++) {
        double v = x[j];
        if (v != 0) {
          for (int c = 0; c < classes; c++) {
            z[c] += v * w[j * classes + c];
          }
        }
      }
      int best = 0;
      double max = z[0];
      for (int c = 1; c < classes; c++) {
        if (z[c] > max) {
          max = z[c];
          best = c;
        }
      }
      double s = 0;
      for (int c = 0; c < classes; c++) {
        s += Math.exp(z[c] - max);
      }
      int label = data.label(id);
      loss += -(z[label] - max) + Math.log(s);
      if (best == label) {
        correct++;
      }
    }
    return new double[] {(double) correct / data.size(), loss / data.size()};
  }
}
