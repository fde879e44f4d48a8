package org.foglab.theory;

import java.io.Serializable;

/**
 * A Monte Carlo mean over independent trials with its two-sided 95% Student-t confidence
 * interval. Trials must be independent and identically distributed (each trial may average
 * over correlated devices: the interval is over trials, so that correlation does not bias it).
 *
 * @param mean the mean over trials
 * @param standardError the sample standard deviation over trials divided by sqrt(trials)
 * @param ci95Low lower end of the 95% interval
 * @param ci95High upper end of the 95% interval
 * @param trials the number of trials
 */
public record MonteCarloEstimate(double mean, double standardError, double ci95Low,
    double ci95High, int trials) implements Serializable {

  public MonteCarloEstimate {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be at least 1, got " + trials);
    }
  }

  /** The estimate from per-trial values (at least two, for an interval). */
  public static MonteCarloEstimate ofTrials(double[] values) {
    int n = values.length;
    if (n < 2) {
      throw new IllegalArgumentException(
          "a confidence interval needs at least 2 independent trials, got " + n);
    }
    CompensatedSum s = new CompensatedSum();
    for (double v : values) {
      s.add(v);
    }
    double mean = s.value() / n;
    CompensatedSum ss = new CompensatedSum();
    for (double v : values) {
      ss.add((v - mean) * (v - mean));
    }
    double se = Math.sqrt(ss.value() / (n - 1) / n);
    double half = StudentT.quantile(0.975, n - 1) * se;
    return new MonteCarloEstimate(mean, se, mean - half, mean + half, n);
  }

  /** Half the width of the 95% interval. */
  public double halfWidth() {
    return 0.5 * (ci95High - ci95Low);
  }

  /** Whether {@code x} lies in the 95% interval. */
  public boolean covers(double x) {
    return x >= ci95Low && x <= ci95High;
  }
}
