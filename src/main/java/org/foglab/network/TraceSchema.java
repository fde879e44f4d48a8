package org.foglab.network;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Column names and Spark schemas of the trace tables (docs/formats.md, "Trace"). */
public final class TraceSchema {
  private TraceSchema() {}

  public static final String DEVICES = "devices";
  public static final String LINKS = "links";
  /** Metadata file a generated trace carries beside its tables. */
  public static final String METADATA = "trace.json";

  public static final String DEVICE = "device";
  public static final String T = "t";
  public static final String DATA = "data";
  public static final String CAPACITY = "capacity";
  public static final String PROCESS_COST = "process_cost";
  public static final String DISCARD_COST = "discard_cost";
  public static final String SRC = "src";
  public static final String DST = "dst";
  public static final String COST = "cost";
  /**
   * Optional devices column: the service rate mu_i of Theorem 2 (datapoints per slot; empty =
   * instant service), written by the straggler capacity model and read by
   * {@code solve --capacity-model straggler}.
   */
  public static final String SERVICE_RATE = "service_rate";

  public static final List<String> DEVICE_COLUMNS =
      List.of(DEVICE, T, DATA, CAPACITY, PROCESS_COST, DISCARD_COST);
  public static final List<String> LINK_COLUMNS = List.of(SRC, DST, T, CAPACITY, COST);

  /** capacity null = unbounded. */
  public static final StructType DEVICES_SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField(DEVICE, DataTypes.StringType, false),
      DataTypes.createStructField(T, DataTypes.IntegerType, false),
      DataTypes.createStructField(DATA, DataTypes.DoubleType, false),
      DataTypes.createStructField(CAPACITY, DataTypes.DoubleType, true),
      DataTypes.createStructField(PROCESS_COST, DataTypes.DoubleType, false),
      DataTypes.createStructField(DISCARD_COST, DataTypes.DoubleType, false)});

  /** The devices table with the optional {@link #SERVICE_RATE} column (null = instant service). */
  public static final StructType DEVICES_WITH_SERVICE_RATE_SCHEMA =
      DEVICES_SCHEMA.add(SERVICE_RATE, DataTypes.DoubleType, true);

  public static final StructType LINKS_SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField(SRC, DataTypes.StringType, false),
      DataTypes.createStructField(DST, DataTypes.StringType, false),
      DataTypes.createStructField(T, DataTypes.IntegerType, false),
      DataTypes.createStructField(CAPACITY, DataTypes.DoubleType, true),
      DataTypes.createStructField(COST, DataTypes.DoubleType, false)});

  /** Capacity as stored: null for unbounded. */
  public static Double storedCapacity(double c) {
    return c == Double.POSITIVE_INFINITY ? null : c;
  }
}
