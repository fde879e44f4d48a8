package org.foglab.learning.fog;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.foglab.learning.federated.JavaSerialized;

/**
 * Where subtrees run: in the calling thread ({@link #local}) or on Spark ({@link #spark}), where
 * each partition owns whole subtrees (hence whole bottom clusters), gets the context once per run
 * and the global model once per round, and returns one merged {@link RoundResult}. Merging is
 * exact, so both give the same bits for any partitioning.
 */
public interface FogExecutor {

  /** Starts a run. */
  Session open(FogContext context);

  /** One run's use of the executor. */
  interface Session extends AutoCloseable {
    /** Runs global round {@code round} (from 1) from the root's model {@code global}. */
    default RoundResult round(double[] global, int round) {
      return round(global, round, java.util.Map.of());
    }

    /**
     * As above, devices that just moved starting from the models they carried
     * ({@link RoundResult#carried} of the previous round).
     */
    RoundResult round(double[] global, int round, java.util.Map<Integer, double[]> carried);

    @Override
    void close();
  }

  /** All subtrees in the calling thread. */
  static FogExecutor local(List<Subtree> subtrees) {
    return ctx -> new Session() {
      @Override
      public RoundResult round(double[] global, int round,
          java.util.Map<Integer, double[]> carried) {
        RoundResult r = new RoundResult(ctx.layers());
        for (Subtree s : subtrees) {
          FogRound.run(ctx, global, round, s, r, carried);
        }
        return r;
      }

      @Override
      public void close() {}
    };
  }

  /** Subtrees of a (cached) RDD, each partition one task per round. */
  static FogExecutor spark(JavaSparkContext jsc, JavaRDD<Subtree> subtrees) {
    return ctx -> {
      Broadcast<JavaSerialized<FogContext>> b = jsc.broadcast(JavaSerialized.of(ctx));
      JavaRDD<Subtree> cached = subtrees.persist(StorageLevel.MEMORY_AND_DISK());
      return new Session() {
        @Override
        public RoundResult round(double[] global, int round,
            java.util.Map<Integer, double[]> carried) {
          Broadcast<double[]> w = jsc.broadcast(global);
          Broadcast<JavaSerialized<java.util.TreeMap<Integer, double[]>>> m = carried.isEmpty()
              ? null : jsc.broadcast(JavaSerialized.of(new java.util.TreeMap<>(carried)));
          try {
            return cached.mapPartitions(worker(b, w, m, round, ctx.layers()))
                .reduce(RoundResult::merge);
          } finally {
            w.destroy();
            if (m != null) {
              m.destroy();
            }
          }
        }

        @Override
        public void close() {
          cached.unpersist(false);
          b.destroy();
        }
      };
    };
  }

  // Static, so the closure captures only serializable values.
  private static FlatMapFunction<Iterator<Subtree>, RoundResult> worker(
      Broadcast<JavaSerialized<FogContext>> ctx, Broadcast<double[]> w,
      Broadcast<JavaSerialized<java.util.TreeMap<Integer, double[]>>> carried, int round,
      int layers) {
    return it -> {
      FogContext c = ctx.value().get();
      RoundResult r = new RoundResult(layers);
      java.util.Map<Integer, double[]> m = carried == null ? null : carried.value().get();
      while (it.hasNext()) {
        FogRound.run(c, w.value(), round, it.next(), r, m);
      }
      return List.of(r).iterator();
    };
  }
}
