package org.foglab.learning.fpl;

import org.foglab.config.Choice;

/** The update rule of the multi-source modes, applied to each part's flat parameters. */
public enum Optimizer implements Choice {
  /** Adam (Kingma and Ba, ICLR 2015) with beta1 0.9, beta2 0.999, epsilon 1e-8: seed 004's. */
  ADAM,
  /** Plain SGD: {@code w <- w - eta g}. */
  SGD;

  /** A fresh update rule for {@code n} parameters at step size {@code learningRate}. */
  public Update create(int n, double learningRate) {
    return this == ADAM ? new Adam(n, learningRate) : new Sgd(learningRate);
  }

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }

  /**
   * One part's update rule, with its state. The state is explicit and serializable, so the
   * Spark executor ships it to the task that steps the part and takes the stepped copy back.
   */
  public interface Update extends java.io.Serializable {
    /** The step {@code d} for the mean gradient {@code g}: the parameters become {@code w - d}. */
    float[] delta(float[] g);

    /** An independent copy of the rule and its state. */
    Update copy();
  }

  /** Plain SGD, without state. */
  static final class Sgd implements Update {
    private static final long serialVersionUID = 1L;
    private final double learningRate;

    Sgd(double learningRate) {
      this.learningRate = learningRate;
    }

    @Override
    public float[] delta(float[] g) {
      float[] d = new float[g.length];
      for (int i = 0; i < g.length; i++) {
        d[i] = (float) (learningRate * g[i]);
      }
      return d;
    }

    @Override
    public Update copy() {
      return this;
    }
  }

  /**
   * Adam as PyTorch computes it: {@code m <- b1 m + (1 - b1) g}, {@code v <- b2 v + (1 - b2) g^2},
   * {@code d = eta (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}; moments kept in float32,
   * each element's step in double.
   */
  public static final class Adam implements Update {
    private static final long serialVersionUID = 1L;
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final double learningRate;
    private final float[] m;
    private final float[] v;
    private int t;

    public Adam(int n, double learningRate) {
      this.learningRate = learningRate;
      this.m = new float[n];
      this.v = new float[n];
    }

    private Adam(Adam a) {
      this.learningRate = a.learningRate;
      this.m = a.m.clone();
      this.v = a.v.clone();
      this.t = a.t;
    }

    @Override
    public Update copy() {
      return new Adam(this);
    }

    @Override
    public float[] delta(float[] g) {
      if (g.length != m.length) {
        throw new IllegalArgumentException("Adam holds " + m.length + " parameters, got a "
            + "gradient of " + g.length);
      }
      t++;
      double c1 = 1 - Math.pow(BETA1, t);
      double c2 = 1 - Math.pow(BETA2, t);
      float[] d = new float[g.length];
      for (int i = 0; i < g.length; i++) {
        double mi = BETA1 * m[i] + (1 - BETA1) * g[i];
        double vi = BETA2 * v[i] + (1 - BETA2) * (double) g[i] * g[i];
        m[i] = (float) mi;
        v[i] = (float) vi;
        d[i] = (float) (learningRate * (mi / c1) / (Math.sqrt(vi / c2) + EPSILON));
      }
      return d;
    }
  }
}
