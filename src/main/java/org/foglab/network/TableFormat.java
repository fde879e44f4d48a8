package org.foglab.network;

import org.foglab.config.Choice;

/** On-disk format of a table: CSV part files with a header row each, or Parquet. */
public enum TableFormat implements Choice {
  CSV,
  PARQUET;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }

  public String extension() {
    return this == CSV ? ".csv" : ".parquet";
  }
}
