package org.foglab.plot;

import org.foglab.config.Choice;

/** How a figure shows its rows. */
public enum PlotKind implements Choice {
  /** Lines over a numeric x (points where x is not a number: a category line chart). */
  LINE,
  /** Grouped bars, one group per x value. */
  BAR,
  /** Stacked bars, one bar per x value, one segment per y column or series. */
  STACKED_BAR,
  /**
   * A point per category for each y column or series, joined by a vertical line from the lowest
   * to the highest of them; the axis fits the values instead of starting at zero (accuracies a
   * point or two apart, with the seeds' spread).
   */
  POINTS,
  /** No chart: the rows are the figure (a paper's table). */
  TABLE;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
