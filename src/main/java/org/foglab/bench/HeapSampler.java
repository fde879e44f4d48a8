package org.foglab.bench;

/**
 * Samples the JVM's heap in use every 20 ms on a daemon thread and keeps the peak: the
 * benchmarks' "peak heap" (the driver's heap, which in local mode holds the executors too).
 */
public final class HeapSampler implements AutoCloseable {
  private volatile long peak;
  private volatile boolean running = true;
  private final Thread thread;

  public HeapSampler() {
    thread = new Thread(() -> {
      Runtime rt = Runtime.getRuntime();
      while (running) {
        long used = rt.totalMemory() - rt.freeMemory();
        if (used > peak) {
          peak = used;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Collects garbage and restarts the peak from the heap now in use. */
  public void reset() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    peak = rt.totalMemory() - rt.freeMemory();
  }

  public double peakGb() {
    return peak / 1e9;
  }

  /** The one-minute system load average (-1 where the platform has none). */
  public static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
