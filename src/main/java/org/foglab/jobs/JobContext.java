package org.foglab.jobs;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.Settings;
import org.foglab.tables.RunInfo;

/**
 * What a running job may use: the resolved settings, its run identity, a lazily created
 * SparkSession, and the output streams (results on {@code out}, progress on {@code err}).
 */
public final class JobContext {
  private final Settings settings;
  private final RunInfo run;
  private final Supplier<SparkSession> sparkSupplier;
  private final PrintStream out;
  private final Progress progress;
  private SparkSession spark;

  public JobContext(Settings settings, RunInfo run, Supplier<SparkSession> spark, PrintStream out,
      Progress progress) {
    this.settings = settings;
    this.run = run;
    this.sparkSupplier = spark;
    this.out = out;
    this.progress = progress;
  }

  public Settings settings() {
    return settings;
  }

  public RunInfo run() {
    return run;
  }

  public synchronized SparkSession spark() {
    if (spark == null) {
      spark = sparkSupplier.get();
    }
    return spark;
  }

  public synchronized boolean sparkStarted() {
    return spark != null;
  }

  public PrintStream out() {
    return out;
  }

  public Progress progress() {
    return progress;
  }
}
