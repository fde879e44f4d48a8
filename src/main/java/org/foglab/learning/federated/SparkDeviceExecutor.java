package org.foglab.learning.federated;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs the devices on Spark: devices are split into {@code partitions} contiguous ranges; each
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

  @Override
  public Session open(TrainingContext context) {
    Broadcast<JavaSerialized<TrainingContext>> ctx = spark.broadcast(JavaSerialized.of(context));
    int n = context.schedule().devices();
    List<Integer> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(i);
    }
    JavaRDD<Integer> devices = spark.parallelize(ids, Math.min(partitions, n));
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

  // Static, so the closure captures only serializable values (never this executor).
  private static FlatMapFunction<Iterator<Integer>, PeriodSums> worker(
      Broadcast<JavaSerialized<TrainingContext>> ctx, Broadcast<float[]> w, double[] alpha,
      long firstSlot, long endSlot) {
    return it -> List.of(PeriodWorker.run(it, ctx.value().get(), w.value(), alpha, firstSlot,
        endSlot)).iterator();
  }
}
