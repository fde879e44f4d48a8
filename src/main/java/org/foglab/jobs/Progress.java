package org.foglab.jobs;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines of a long job on standard error: {@code [generate 12.3s] message}. */
public final class Progress {
  private final String command;
  private final PrintStream err;
  private final long start = System.nanoTime();
  /** The first lines said, with their times (benchmarks report them). */
  private final java.util.List<Said> said = new java.util.ArrayList<>();

  /**
   * A line said: seconds since the start, the process's CPU seconds so far (all threads; -1 when
   * the JVM cannot tell), and the line.
   */
  public record Said(double seconds, double cpuSeconds, String line) {}

  /** CPU seconds of this process so far, or -1. */
  public static double processCpuSeconds() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      long ns = sun.getProcessCpuTime();
      return ns < 0 ? -1 : ns / 1e9;
    }
    return -1;
  }

  public Progress(String command, PrintStream err) {
    this.command = command;
    this.err = err;
  }

  public void say(String message) {
    double t = elapsedSeconds();
    synchronized (said) {
      if (said.size() < 1000) {
        said.add(new Said(t, processCpuSeconds(), message));
      }
    }
    err.printf(Locale.ROOT, "[%s %.1fs] %s%n", command, t, message);
    err.flush();
  }

  /** Standard error, for lines that are not progress (an interactive shell's errors). */
  public PrintStream err() {
    return err;
  }

  /** The first 1,000 lines said. */
  public java.util.List<Said> said() {
    synchronized (said) {
      return java.util.List.copyOf(said);
    }
  }

  public double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}
