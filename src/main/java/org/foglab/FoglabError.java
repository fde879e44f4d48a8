package org.foglab;

/**
 * A failure the user can fix: a bad option, configuration value or input file. Its message is
 * one sentence naming what is wrong and where; the launcher prints it without a stack trace and
 * exits with {@link #exitCode()}.
 */
public abstract class FoglabError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code of usage and configuration errors. */
  public static final int EXIT_USAGE = 2;
  /** Exit code of invalid input data (traces, edge lists, datasets, sweep specs' data). */
  public static final int EXIT_INPUT = 3;

  protected FoglabError(String message) {
    super(message);
  }

  protected FoglabError(String message, Throwable cause) {
    super(message, cause);
  }

  public abstract int exitCode();

  /**
   * Rethrows the user error inside a failure (Spark wraps task exceptions in SparkException),
   * or the failure itself.
   */
  public static RuntimeException unwrap(Exception e) {
    FoglabError f = find(e);
    if (f != null) {
      return f;
    }
    // SparkException is checked in Java's eyes though Scala throws it freely.
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }

  /** The first FoglabError in a cause chain (Spark wraps task failures), or null. */
  public static FoglabError find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof FoglabError f) {
        return f;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
