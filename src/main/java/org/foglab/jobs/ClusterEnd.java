package org.foglab.jobs;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * Why the cluster ended the application. When a cluster manager gives up on an application
 * (executors that cannot start, the application killed), Spark logs the manager's reason from its
 * scheduler backend and stops the SparkContext; the job then fails with "Cannot call methods on a
 * stopped SparkContext" or "SparkContext was shut down" and dozens of stack lines that do not say
 * why. This keeps the backend's last error (instead of printing it) so that foglab can report one
 * sentence with the reason.
 */
public final class ClusterEnd {
  /** The scheduler backends' package: standalone, YARN and Kubernetes backends log from here. */
  static final String BACKENDS = "org.apache.spark.scheduler.cluster";

  /** Spark's RPC inbox, which logs the scheduler endpoint's errors. */
  static final String INBOX = "org.apache.spark.rpc.netty.Inbox";

  /**
   * The standalone client, which warns with a stack trace on every failed attempt to reach the
   * master (three, 20 s apart, before the backend gives up with "All masters are unresponsive").
   */
  static final String STANDALONE_CLIENT = "org.apache.spark.deploy.client";

  private static volatile String reason;
  private static volatile String connection;
  private static volatile java.util.function.BooleanSupplier contextStopped;
  private static boolean watching;

  private ClusterEnd() {}

  /** Starts keeping the scheduler backends' errors (once per JVM; log4j2 only). */
  public static synchronized void watch() {
    if (watching) {
      return;
    }
    watching = true;
    if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
      return;
    }
    Configuration config = ctx.getConfiguration();
    AbstractAppender keeper = new AbstractAppender("foglab-cluster-end", null, null, true,
        Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(Level.ERROR)) {
          record(event.getMessage().getFormattedMessage());
        }
      }
    };
    keeper.start();
    config.addAppender(keeper);
    LoggerConfig backends = new LoggerConfig(BACKENDS, Level.ERROR, false);
    backends.addAppender(keeper, Level.ERROR, null);
    config.addLogger(BACKENDS, backends);
    AbstractAppender client = new AbstractAppender("foglab-cluster-client", null, null, true,
        Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        String m = event.getMessage().getFormattedMessage();
        if (m != null && m.startsWith("Failed to connect to master")) {
          connection = m.strip() + rootMessage(event.getThrown());
        }
      }
    };
    client.start();
    config.addAppender(client);
    LoggerConfig standalone = new LoggerConfig(STANDALONE_CLIENT, Level.WARN, false);
    standalone.addAppender(client, Level.WARN, null);
    config.addLogger(STANDALONE_CLIENT, standalone);
    // The scheduler endpoint's inbox then logs the same end as an error with a stack trace
    // ("Exiting due to error from cluster scheduler: <reason>"): drop that one, keep the rest.
    if (config.getLoggers().get(INBOX) == null) {
      LoggerConfig inbox = new LoggerConfig(INBOX, config.getRootLogger().getLevel(), true);
      inbox.addFilter(new AbstractFilter(Filter.Result.NEUTRAL, Filter.Result.NEUTRAL) {
        @Override
        public Filter.Result filter(LogEvent event) {
          Throwable t = event.getThrown();
          return t != null && t.getMessage() != null
              && t.getMessage().startsWith("Exiting due to error from cluster scheduler")
              ? Filter.Result.DENY : Filter.Result.NEUTRAL;
        }
      });
      config.addLogger(INBOX, inbox);
    }
    ctx.updateLoggers();
  }

  /** Keeps a scheduler backend's error message, reduced to the manager's reason. */
  static void record(String message) {
    if (message == null || message.isBlank()) {
      return;
    }
    String m = message.strip();
    int at = m.indexOf("Reason: ");
    reason = at >= 0 ? m.substring(at + "Reason: ".length()).strip() : m;
  }

  private static String rootMessage(Throwable t) {
    if (t == null) {
      return "";
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null || m.isBlank() ? "" : " (" + m.strip() + ")";
  }

  /** The context whose end {@link #sentence} explains (the job's own). */
  public static void context(org.apache.spark.SparkContext sc) {
    context(sc::isStopped);
  }

  /** Whether the job's context has stopped, as a question {@link #sentence} can ask. */
  static void context(java.util.function.BooleanSupplier stopped) {
    contextStopped = stopped;
  }

  /** The last reason a cluster manager gave, or null. */
  public static String reason() {
    return reason;
  }

  static void reset() {
    reason = null;
    connection = null;
    contextStopped = null;
  }

  /** Whether a failure comes from the SparkContext having been stopped under the job. */
  public static boolean stoppedContext(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && (m.contains("stopped SparkContext") || m.contains("SparkContext was shut down")
          || m.contains("SparkContext has been shutdown"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The one sentence for a job that lost its SparkContext, or null when {@code t} is not that: the
   * failure names the stopped context, or the job's context is stopped and the cluster manager
   * gave a reason (a job then fails wherever it next touches Spark, with whatever message).
   */
  public static String sentence(Throwable t) {
    String r = reason;
    java.util.function.BooleanSupplier stopped = contextStopped;
    boolean ended = stoppedContext(t) || (r != null && stopped != null && stopped.getAsBoolean());
    if (!ended) {
      return null;
    }
    String c = connection;
    String why = r == null ? null : c == null ? r : r + (r.matches(".*[.!?]") ? " " : "; ") + c;
    return why == null
        ? "Spark stopped the application before the job finished (the cluster manager gave no reason; see its logs)"
        : "the cluster ended the application before the job finished: " + why;
  }
}
