package org.foglab.theory;

/**
 * Neumaier's compensated summation: the rounding error of each addition is carried in a second
 * accumulator, so long sums of terms of mixed size keep about full double precision.
 */
public final class CompensatedSum {
  private double sum;
  private double compensation;

  public CompensatedSum add(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
    return this;
  }

  public double value() {
    return sum + compensation;
  }
}
