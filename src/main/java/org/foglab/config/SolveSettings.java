package org.foglab.config;

import org.foglab.network.TableFormat;
import org.foglab.optimize.ErrorModel;
import org.foglab.optimize.InformationSetting;
import org.foglab.optimize.SolveMethod;

/** Declarations of {@code foglab.solve.*} ({@link SolveConfig}, {@link SolveOptions}). */
public final class SolveSettings {
  private SolveSettings() {}

  private static final String S = "foglab.solve.";

  public static final Setting<String> TRACE = Setting.string(S + "trace").option("trace", "DIR");
  public static final Setting<String> OUT = Setting.string(S + "out").option("out", "DIR");
  public static final Setting<TableFormat> FORMAT =
      Setting.choice(S + "format", TableFormat.class).option("format");
  public static final Setting<Boolean> OVERWRITE = Setting.bool(S + "overwrite").option("overwrite");
  public static final Setting<SolveMethod> METHOD =
      Setting.choice(S + "method", SolveMethod.class).option("method").column();
  public static final Setting<ErrorModel> ERROR =
      Setting.choice(S + "error", ErrorModel.class).option("error").column("error_model");
  public static final Setting<InformationSetting> SETTING =
      Setting.choice(S + "setting", InformationSetting.class).optional().option("setting").column();
  public static final Setting<Integer> INTERVALS =
      Setting.integer(S + "intervals", 1, 1_000_000).option("intervals", "L").column();
  public static final Setting<Double> GAP_TOLERANCE =
      Setting.number(S + "gap-tolerance", 1e-15, 0.5).option("gap-tolerance").column();
  public static final Setting<CapacitySource> CAPACITY_MODEL =
      Setting.choice(S + "capacity-model", CapacitySource.class).option("capacity-model");
  public static final Setting<Double> WAIT_BOUND =
      Setting.number(S + "wait-bound", 0, 1e15).option("wait-bound", "SIGMA");
  public static final Setting<SolveConfig.Validation> VALIDATION =
      Setting.choice(S + "validation", SolveConfig.Validation.class).option("validation");
  public static final Setting<Long> BROADCAST_LIMIT =
      Setting.longInt(S + "broadcast-limit", 0, Long.MAX_VALUE).option("broadcast-limit", "ROWS");
  public static final Setting<Integer> PARTITIONS =
      Setting.integer(S + "partitions", 0, 1_000_000).option("partitions", "P");
  public static final Setting<Long> IN_MEMORY_LIMIT =
      Setting.longInt(S + "in-memory-limit", 0, Long.MAX_VALUE).option("in-memory-limit", "ROWS");
}
