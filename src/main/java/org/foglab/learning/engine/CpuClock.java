package org.foglab.learning.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time of the calling thread, where the JVM can measure it. */
public final class CpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

  private CpuClock() {}

  /** Whether {@link #nanos()} measures anything. */
  public static boolean supported() {
    return SUPPORTED;
  }

  /** CPU time of the calling thread in nanoseconds (0 where the JVM cannot measure it). */
  public static long nanos() {
    return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  /** Seconds since {@code startNanos} of {@link #nanos()}, NaN where unsupported. */
  public static double secondsSince(long startNanos) {
    return SUPPORTED ? (nanos() - startNanos) / 1e9 : Double.NaN;
  }
}
