package org.foglab.jobs;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines of a long job on standard error: {@code [generate 12.3s] message}. */
public final class Progress {
  private final String command;
  private final PrintStream err;
  private final long start = System.nanoTime();

  public Progress(String command, PrintStream err) {
    this.command = command;
    this.err = err;
  }

  public void say(String message) {
    err.printf(Locale.ROOT, "[%s %.1fs] %s%n", command, elapsedSeconds(), message);
    err.flush();
  }

  /** Standard error, for lines that are not progress (an interactive shell's errors). */
  public PrintStream err() {
    return err;
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}
