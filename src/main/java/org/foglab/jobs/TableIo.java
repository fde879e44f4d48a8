package org.foglab.jobs;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.foglab.network.TableFormat;

/** Writes a table in the user's format and returns the exact number of rows written. */
public final class TableIo {
  private TableIo() {}

  public static long write(Dataset<Row> table, String path, TableFormat format) {
    Observation rows = new Observation();
    Dataset<Row> observed = table.observe(rows, count(lit(1)).as("rows"));
    if (format == TableFormat.CSV) {
      observed.write().mode(SaveMode.ErrorIfExists).option("header", "true").csv(path);
    } else {
      observed.write().mode(SaveMode.ErrorIfExists).parquet(path);
    }
    try {
      return ((Number) rows.getAsJava().get("rows")).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing " + path, e);
    }
  }
}
