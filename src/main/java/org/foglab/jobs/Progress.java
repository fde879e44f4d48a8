package org.foglab.jobs;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines of a long job on standard error: {@code [generate 12.3s] message}. */
public final class Progress {
  private final String command;
  private final PrintStream err;
  private final long start = System.nanoTime();
  /** The first lines said, with their times (benchmarks report them). */
  private final java.util.List<java.util.Map.Entry<Double, String>> said = new java.util.ArrayList<>();

  public Progress(String command, PrintStream err) {
    this.command = command;
    this.err = err;
  }

  public void say(String message) {
    double t = elapsedSeconds();
    synchronized (said) {
      if (said.size() < 1000) {
        said.add(java.util.Map.entry(t, message));
      }
    }
    err.printf(Locale.ROOT, "[%s %.1fs] %s%n", command, t, message);
    err.flush();
  }

  /** Standard error, for lines that are not progress (an interactive shell's errors). */
  public PrintStream err() {
    return err;
  }

  /** The first 1,000 lines said: seconds since the start, and the line. */
  public java.util.List<java.util.Map.Entry<Double, String>> said() {
    synchronized (said) {
      return java.util.List.copyOf(said);
    }
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}
