package org.foglab.learning.federated;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs the devices on Spark: devices are split into {@code partitions} groups of about equal
 * work (see {@link #balance}); each
 * task trains its devices one after another on one pooled model and returns one partial
 * {@link PeriodSums}; the partials are combined by {@code treeAggregate}. The training context
 * (model, samples, batches) is broadcast once per run, as Java-serialized bytes so that Kryo
 * sessions work too, the global parameters once per period.
 * Offloaded samples are looked up by id in the broadcast samples (or generated, for synthetic
 * data), whichever partition holds the receiving device.
 */
public final class SparkDeviceExecutor implements DeviceExecutor {
  private final JavaSparkContext spark;
  private final int partitions;

  public SparkDeviceExecutor(JavaSparkContext spark, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    this.spark = spark;
    this.partitions = partitions;
  }

  /** The Spark context the tasks run on (the multi-source modes start their own jobs on it). */
  public JavaSparkContext spark() {
    return spark;
  }

  /** Partitions asked for. */
  public int partitions() {
    return partitions;
  }

  @Override
  public Session open(TrainingContext context) {
    Broadcast<JavaSerialized<TrainingContext>> ctx = spark.broadcast(JavaSerialized.of(context));
    int n = context.schedule().devices();
    List<int[]> groups = balance(context.schedule(), Math.min(partitions, n));
    // One group per partition: a task runs exactly the devices of its group.
    JavaRDD<int[]> devices = spark.parallelize(groups, groups.size());
    return new Session() {
      @Override
      public PeriodSums runPeriod(float[] params, double[] alpha, long firstSlot, long endSlot) {
        Broadcast<float[]> w = spark.broadcast(params);
        try {
          return devices.mapPartitions(worker(ctx, w, alpha, firstSlot, endSlot))
              .treeAggregate(PeriodSums.empty(), PeriodSums::merge, PeriodSums::merge);
        } finally {
          w.destroy();
        }
      }

      @Override
      public void close() {
        ctx.destroy();
      }
    };
  }

  /**
   * Devices in {@code groups} groups of about equal work, largest first into the lightest group
   * (LPT), ties by device index: deterministic, and the result does not depend on it, since
   * {@link PeriodSums} add exactly. A device's work over the horizon counts its samples, its
   * steps (a small batch's step costs about as much as {@value #STEP_COST_SAMPLES} samples of
   * arithmetic) and one such cost for loading and summing its model. Contiguous ranges
   * put a plan's few receiving devices (a plan may offload nearly all data to them) in one task
   * while the other waits.
   */
  static List<int[]> balance(TrainingSchedule schedule, int groups) {
    int n = schedule.devices();
    int slots = schedule.slots();
    long[] work = new long[n];
    for (int i = 0; i < n; i++) {
      work[i] = STEP_COST_SAMPLES;
    }
    for (int t = 0; t < slots; t++) {
      for (int i = 0; i < n; i++) {
        int g = schedule.processed(t * n + i);
        work[i] += g == 0 ? 0 : g + STEP_COST_SAMPLES;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> work[a] != work[b] ? Long.compare(work[b], work[a])
        : Integer.compare(a, b));
    long[] load = new long[groups];
    List<List<Integer>> members = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      members.add(new ArrayList<>());
    }
    for (int i : order) {
      int lightest = 0;
      for (int g = 1; g < groups; g++) {
        if (load[g] < load[lightest]) {
          lightest = g;
        }
      }
      load[lightest] += work[i];
      members.get(lightest).add(i);
    }
    List<int[]> out = new ArrayList<>(groups);
    for (List<Integer> m : members) {
      out.add(m.stream().mapToInt(Integer::intValue).sorted().toArray());
    }
    return out;
  }

  /** A step's fixed cost (setting inputs, the layers' calls) in samples' worth: an estimate. */
  static final long STEP_COST_SAMPLES = 16;

  // Static, so the closure captures only serializable values (never this executor).
  private static FlatMapFunction<Iterator<int[]>, PeriodSums> worker(
      Broadcast<JavaSerialized<TrainingContext>> ctx, Broadcast<float[]> w, double[] alpha,
      long firstSlot, long endSlot) {
    return it -> {
      List<Integer> ids = new ArrayList<>();
      while (it.hasNext()) {
        for (int i : it.next()) {
          ids.add(i);
        }
      }
      return List.of(PeriodWorker.run(ids.iterator(), ctx.value().get(), w.value(), alpha,
          firstSlot, endSlot)).iterator();
    };
  }
}
