package org.foglab.config;

/** Declarations of the top-level settings {@code foglab.home} and {@code foglab.seed}. */
public final class CoreSettings {
  private CoreSettings() {}

  public static final Setting<String> HOME = Setting.string("foglab.home");

  /** The root seed, recorded as the {@code seed} column of result tables. */
  public static final Setting<Long> SEED = Setting.longInt("foglab.seed", Long.MIN_VALUE,
      Long.MAX_VALUE).option("seed", "S").column();
}
