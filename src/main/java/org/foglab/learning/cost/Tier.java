package org.foglab.learning.cost;

import org.foglab.config.Choice;

/** Where a node of the learning system sits, from the data source to the data centre. */
public enum Tier implements Choice {
  /** A data source: phone, sensor or laptop (a trace device). */
  DEVICE,
  /** A fog node at the access network, e.g. an edge server co-located with the base station. */
  FOG,
  /** A small accelerator site one hop beyond the access network (Vainio et al.'s SoC cloudlet). */
  CLOUDLET,
  /** A data-centre server. */
  CLOUD;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
