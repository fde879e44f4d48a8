package org.foglab.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.foglab.network.TableFormat;

/** Writes a table in the user's format and returns the exact number of rows written. */
public final class TableIo {
  private TableIo() {}

  /**
   * Double columns as the text Spark's CSV writer would give them (Java's shortest decimal that
   * reads back to the same double), formatted by Jackson's Schubfach writer: JDK 17's
   * Double.toString takes a big-integer path for most random doubles, which made it most of the
   * time of writing a generated trace.
   */
  static Dataset<Row> csvText(Dataset<Row> table) {
    List<Column> cols = new ArrayList<>();
    boolean any = false;
    for (StructField f : table.schema().fields()) {
      if (f.dataType() == DataTypes.DoubleType) {
        cols.add(DOUBLE_TEXT.apply(col(f.name())).as(f.name()));
        any = true;
      } else {
        cols.add(col(f.name()));
      }
    }
    return any ? table.select(cols.toArray(new Column[0])) : table;
  }

  /** A double's text, or null. */
  public static String doubleText(Double d) {
    return d == null ? null : com.fasterxml.jackson.core.io.NumberOutput.toString(d, true);
  }

  private static final UserDefinedFunction DOUBLE_TEXT = udf(
      (UDF1<Double, String>) TableIo::doubleText, DataTypes.StringType);

  public static long write(Dataset<Row> table, String path, TableFormat format) {
    Observation rows = new Observation();
    Dataset<Row> observed = table.observe(rows, count(lit(1)).as("rows"));
    if (format == TableFormat.CSV) {
      csvText(observed).write().mode(SaveMode.ErrorIfExists).option("header", "true").csv(path);
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
