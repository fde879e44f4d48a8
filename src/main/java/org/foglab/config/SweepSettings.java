package org.foglab.config;

/** Declarations of {@code foglab.sweep.*} ({@link SweepConfig}). */
public final class SweepSettings {
  private SweepSettings() {}

  public static final Setting<String> SPEC =
      Setting.string("foglab.sweep.spec").option("spec", "FILE");
  public static final Setting<Integer> BATCH_SIZE =
      Setting.integer("foglab.sweep.batch-size", 0, 1_000_000).option("batch-size", "N");
  public static final Setting<Boolean> SHOW = Setting.bool("foglab.sweep.show").option("show");
}
