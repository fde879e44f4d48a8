package org.foglab.cli;

import java.util.List;

/** Options every command accepts. */
public final class GlobalOptions {
  private GlobalOptions() {}

  public static final OptionSpec MASTER = OptionSpec.of(org.foglab.config.SparkSettings.MASTER);
  public static final OptionSpec CONF = OptionSpec.unkeyed("conf", "FILE",
      "HOCON file read over reference.conf instead of conf/foglab.conf");
  public static final OptionSpec SET = OptionSpec.unkeyed("set", "KEY=VALUE",
      "set any key of reference.conf, e.g. --set foglab.generate.devices=50, or a Spark property, e.g. --set spark.sql.shuffle.partitions=64 (repeatable)");
  public static final OptionSpec HELP = OptionSpec.flag("help", "print this help and exit");

  public static final List<OptionSpec> ALL = List.of(MASTER, CONF, SET, HELP);
}
