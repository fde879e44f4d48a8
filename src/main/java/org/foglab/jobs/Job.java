package org.foglab.jobs;

import org.foglab.cli.CommandSpec;
import org.foglab.config.Settings;

/**
 * One command: its options, how it reads its typed configuration, and how it runs. Reading the
 * configuration validates everything and has no side effects, so a bad value fails before Spark
 * starts or anything is written.
 *
 * @param <C> the job's configuration record
 */
public interface Job<C> {
  CommandSpec spec();

  C configure(Settings root);

  void run(C config, JobContext context) throws Exception;
}
