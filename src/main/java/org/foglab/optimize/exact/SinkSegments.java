package org.foglab.optimize.exact;

import java.io.Serializable;
import java.util.Arrays;
import org.foglab.network.Trace;

/**
 * Convex piecewise-linear processing cost of every sink (device-slot) of a trace, as a staircase
 * of segments: sink {@code s} owns segments {@code start(s) .. start(s + 1) - 1}; segment
 * {@code j} covers loads {@code (end(j - 1), end(j)]} (the first from 0) at marginal cost
 * {@code slope(j)}, slopes strictly increasing. The last end is the capacity (may be
 * {@code +infinity}).
 *
 * <p>The linear error model of {@code docs/formats.md} has one segment per sink: slope
 * {@code c_i(t)} up to {@code C_i(t)}. The nonlinear model (Lemma 1) uses several segments that
 * approximate {@code c G + f / sqrt(G)} from below.
 */
public final class SinkSegments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] start;
  private final double[] end;
  private final double[] slope;

  /**
   * @param start per-sink offsets into {@code end} and {@code slope}, length sinks + 1
   * @param end cumulative load at the end of each segment, increasing per sink
   * @param slope marginal cost of each segment, strictly increasing per sink
   */
  public SinkSegments(int[] start, double[] end, double[] slope) {
    if (end.length != slope.length || start.length == 0 || start[start.length - 1] != end.length) {
      throw new IllegalArgumentException("segment arrays are inconsistent: start must end at "
          + "the number of segments and end/slope must have equal length");
    }
    for (int s = 0; s + 1 < start.length; s++) {
      for (int j = start[s]; j < start[s + 1]; j++) {
        double prevEnd = j == start[s] ? 0 : end[j - 1];
        if (!(end[j] >= prevEnd) || (j > start[s] && !(slope[j] > slope[j - 1]))) {
          throw new IllegalArgumentException("segments of sink " + s
              + " must have non-decreasing ends and strictly increasing slopes");
        }
      }
    }
    this.start = start;
    this.end = end;
    this.slope = slope;
  }

  /** One segment per present device-slot: processing cost up to the capacity (linear model). */
  public static SinkSegments linear(Trace tr) {
    int m = tr.deviceSlots();
    int[] start = new int[m + 1];
    int count = 0;
    for (int k = 0; k < m; k++) {
      start[k] = count;
      if (tr.present(k)) {
        count++;
      }
    }
    start[m] = count;
    double[] end = new double[count];
    double[] slope = new double[count];
    for (int k = 0; k < m; k++) {
      if (tr.present(k)) {
        end[start[k]] = tr.capacity(k);
        slope[start[k]] = tr.processCost(k);
      }
    }
    return new SinkSegments(start, end, slope);
  }

  public int sinks() {
    return start.length - 1;
  }

  public int start(int s) {
    return start[s];
  }

  public int endIndex(int s) {
    return start[s + 1];
  }

  public double end(int j) {
    return end[j];
  }

  public double slope(int j) {
    return slope[j];
  }

  /** Total capacity of sink {@code s} (0 if it has no segment). */
  public double capacity(int s) {
    return start[s + 1] > start[s] ? end[start[s + 1] - 1] : 0;
  }

  @Override
  public String toString() {
    return "SinkSegments[sinks=" + sinks() + ", segments=" + end.length + ", first slopes="
        + Arrays.toString(Arrays.copyOf(slope, Math.min(4, slope.length))) + "]";
  }
}
