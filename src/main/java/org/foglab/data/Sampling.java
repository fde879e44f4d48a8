package org.foglab.data;

/**
 * How a device's datapoints are drawn from the training set. {@link #iid()}: uniformly without
 * replacement (Section V-A of Tu et al.). {@link #labelSkew(double)}: non-IID devices, each with
 * its own class mix drawn from a symmetric Dirichlet(alpha) (small alpha: few classes per
 * device; large alpha: close to IID).
 *
 * @param dirichletAlpha concentration of the per-device class mix, or +infinity for IID
 */
public record Sampling(double dirichletAlpha) implements java.io.Serializable {
  public Sampling {
    if (!(dirichletAlpha > 0)) {
      throw new IllegalArgumentException("the Dirichlet alpha of label skew must be positive, got "
          + dirichletAlpha);
    }
  }

  public static Sampling iid() {
    return new Sampling(Double.POSITIVE_INFINITY);
  }

  public static Sampling labelSkew(double alpha) {
    if (Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("label skew needs a finite Dirichlet alpha; use iid()");
    }
    return new Sampling(alpha);
  }

  public boolean isIid() {
    return Double.isInfinite(dirichletAlpha);
  }
}
