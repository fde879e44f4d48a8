package org.foglab.cli;

import java.util.List;

/** Options every command accepts. */
public final class GlobalOptions {
  private GlobalOptions() {}

  public static final OptionSpec MASTER = OptionSpec.string("master", "foglab.spark.master", "URL",
      "Spark master; local[*] runs embedded, spark://, yarn or k8s:// URLs go to $SPARK_HOME/bin/spark-submit");
  public static final OptionSpec CONF = OptionSpec.string("conf", null, "FILE",
      "HOCON file read over reference.conf instead of conf/foglab.conf");
  public static final OptionSpec SET = OptionSpec.string("set", null, "KEY=VALUE",
      "set any key of reference.conf, e.g. --set foglab.generate.devices=50, or a Spark property, e.g. --set spark.sql.shuffle.partitions=64 (repeatable)");
  public static final OptionSpec HELP = OptionSpec.flag("help", null, "print this help and exit");

  public static final List<OptionSpec> ALL = List.of(MASTER, CONF, SET, HELP);
}
