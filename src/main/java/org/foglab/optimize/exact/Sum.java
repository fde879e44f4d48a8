package org.foglab.optimize.exact;

/**
 * Neumaier-compensated summation, so that objective values and bounds over millions of terms
 * agree to well below the 1e-6 certification tolerance.
 */
public final class Sum {
  private double sum;
  private double comp;

  public void add(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      comp += (sum - t) + x;
    } else {
      comp += (x - t) + sum;
    }
    sum = t;
  }

  public double value() {
    return sum + comp;
  }
}
