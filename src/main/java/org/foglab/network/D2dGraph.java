package org.foglab.network;

import org.foglab.config.Choice;

/** The random graph of device-to-device links inside each bottom cluster of a fog tree. */
public enum D2dGraph implements Choice {
  /**
   * Random geometric: devices uniform in the unit square, linked within radius
   * {@code sqrt(density / pi)} (so about {@code density} of the pairs away from the border).
   */
  RGG,
  /** Erdos-Renyi: each pair linked independently with probability {@code density}. */
  ER;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
