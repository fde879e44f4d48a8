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

  public SolveConfig {
    SolveSettings.TRACE.check(trace);
    java.util.Objects.requireNonNull(output, "output");
    java.util.Objects.requireNonNull(options, "options");
    SolveSettings.CAPACITY_MODEL.check(capacities);
    SolveSettings.WAIT_BOUND.check(waitBound);
    SolveSettings.PARTITIONS.check(partitions);
    SolveSettings.IN_MEMORY_LIMIT.check(inMemoryLimit);
    SolveSettings.BROADCAST_LIMIT.check(broadcastLimit);
  }

  public static SolveConfig read(Settings root) {
    return new SolveConfig(root.get(SolveSettings.TRACE), OutputSpec.read(root, SolveSettings.OUT,
        SolveSettings.FORMAT, SolveSettings.OVERWRITE), SolveOptions.read(root),
        root.get(SolveSettings.CAPACITY_MODEL), root.get(SolveSettings.WAIT_BOUND),
        root.get(SolveSettings.PARTITIONS), root.get(SolveSettings.IN_MEMORY_LIMIT),
        root.get(SolveSettings.BROADCAST_LIMIT),
        root.get(SolveSettings.VALIDATION) == Validation.AUTO);
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
