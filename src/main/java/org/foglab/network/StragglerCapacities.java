package org.foglab.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.foglab.cost.StragglerCapacity;

/**
 * Theorem 2 applied to a trace: every device row's capacity becomes
 * {@link StragglerCapacity#capacity}(mu, sigma) for the row's {@link TraceSchema#SERVICE_RATE}
 * mu and the wait bound sigma (an empty service rate is instant service: unbounded capacity).
 * Theorem 2 assumes time-invariant rates; a trace whose rates change between slots gets each
 * slot's own capacity.
 */
public final class StragglerCapacities {
  private StragglerCapacities() {}

  /**
   * The devices table with capacities derived from its service rates, in the trace schema.
   *
   * @param devices a devices table with the service-rate column (as {@link TraceReader} reads it)
   * @param sigma the mean queueing delay bound, slots
   */
  public static Dataset<Row> derive(Dataset<Row> devices, double sigma) {
    if (!(sigma >= 0)) {
      throw new IllegalArgumentException("sigma (the wait bound, slots) must be non-negative, got "
          + sigma);
    }
    UserDefinedFunction c = udf((UDF1<Double, Double>) mu -> mu == null ? null
        : TraceSchema.storedCapacity(StragglerCapacity.capacity(mu, sigma)), DataTypes.DoubleType);
    Column[] cols = new Column[TraceSchema.DEVICE_COLUMNS.size()];
    for (int q = 0; q < cols.length; q++) {
      String name = TraceSchema.DEVICE_COLUMNS.get(q);
      cols[q] = name.equals(TraceSchema.CAPACITY)
          ? c.apply(col(TraceSchema.SERVICE_RATE)).as(TraceSchema.CAPACITY) : col(name);
    }
    return devices.select(cols);
  }
}
