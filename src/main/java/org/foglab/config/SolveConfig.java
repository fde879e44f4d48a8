package org.foglab.config;

/**
 * Everything {@code solve} needs ({@code foglab.solve.*}).
 *
 * @param trace trace directory
 * @param output output directory and plan format
 * @param options method, error model, Table III setting, gap tolerance
 * @param capacities where device capacities come from (the trace, or Theorem 2 from its service
 *     rates)
 * @param waitBound sigma of Theorem 2 (slots), used with {@link CapacitySource#STRAGGLER}
 * @param partitions Spark partitions (closed form: device partitions; exact: time blocks);
 *     0 = automatic
 * @param inMemoryLimit largest trace (device rows + link rows) the in-memory paths (sqrt error
 *     model, Table III settings) take
 */
public record SolveConfig(String trace, OutputSpec output, SolveOptions options,
    CapacitySource capacities, double waitBound, int partitions, long inMemoryLimit,
    long broadcastLimit, boolean trustGenerated) {

  public static SolveConfig read(Settings root) {
    Settings s = root.at("solve");
    return new SolveConfig(s.string("trace"), OutputSpec.read(s), SolveOptions.read(s),
        s.choice("capacity-model", CapacitySource.class), s.doubleValue("wait-bound", 0, 1e15),
        s.intValue("partitions", 0, 1_000_000), s.longValue("in-memory-limit", 0, Long.MAX_VALUE),
        s.longValue("broadcast-limit", 0, Long.MAX_VALUE),
        s.choice("validation", Validation.class) == Validation.AUTO);
  }

  /** How much of a trace {@code solve} validates. */
  public enum Validation implements Choice {
    /** Every row and key, unless the files match generate's checksums (valid by construction). */
    AUTO,
    /** Every row and key, always. */
    FULL;

    @Override
    public String configName() {
      return Choice.nameOf(this);
    }
  }
}
