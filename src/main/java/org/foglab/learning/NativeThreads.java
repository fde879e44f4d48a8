package org.foglab.learning;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's OpenMP threads for the small batches of simulated devices. A device's batch is a
 * handful of samples, far too small for ND4J's OpenMP parallelism, which on a busy machine costs
 * more than it saves (measured 5-10x slower per step with 2 threads than with 1 on 2 shared
 * cores); parallelism comes from running devices side by side (Spark tasks) instead. Shared by
 * {@link LocalModel} and the staged models of split and pipelined training.
 */
public final class NativeThreads {
  private static volatile boolean masterThreadsSet;

  private NativeThreads() {}

  /**
   * The native threads one ND4J operation may use in this process (libnd4j's {@code maxThreads}:
   * {@code OMP_NUM_THREADS}, else the machine's cores). {@link #singleThreaded} lowers OpenMP's
   * count for the calling thread, but libnd4j's own thread pool still splits some operations
   * this many ways (measured: two Spark tasks on two cores run the paper-default MLP twice as
   * slowly as one, and setting {@code OMP_NUM_THREADS=1} both removes that and changes the last
   * digits of the results).
   */
  public static int opsThreads() {
    return Nd4j.getEnvironment().maxThreads();
  }

  /** One OpenMP thread for the ND4J ops of the calling thread (the setting is per thread). */
  public static void singleThreaded() {
    if (!masterThreadsSet) {
      Nd4j.getEnvironment().setMaxMasterThreads(1);
      masterThreadsSet = true;
    }
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
  }
}
