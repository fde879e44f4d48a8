package org.foglab.learning.fpl;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.foglab.data.SampleSource;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.engine.CpuClock;
import org.foglab.learning.engine.StagedModel;
import org.foglab.learning.federated.JavaSerialized;
import org.foglab.learning.federated.SparkDeviceExecutor;

/**
 * The per-source work of the multi-source modes in Spark tasks ({@code --executor spark}): the
 * branches of fpl and sl ({@link Branches}) and the local models of gfl ({@link Gfl}).
 *
 * <p>No state lives on the executors. The run's context (model, cut, the sources' training
 * views) is broadcast once per run; every job ships each source's current state (branch or model
 * parameters, optimizer moments and step count) to the task that works on that source, and the
 * task returns the stepped state, so a lost executor only reruns its task. Sources are grouped
 * into {@code min(--partitions, sources)} partitions, contiguous by source index; a task runs its
 * sources one after another on one pooled model. The driver puts the results back in source
 * order, so nothing depends on the partition count: each source's float operations are the local
 * executor's, in the same order.
 *
 * <p>fpl and sl, per batch: one job runs every branch forward on its source's view of the batch
 * and returns the activations; the driver runs the junction (or the widened layer) and the rest
 * and splits the error at the cut; a second job runs each branch forward again (recomputing the
 * layer inputs the backward pass reads, rather than keeping them on an executor), then backward
 * from its error, and its optimizer step. The CPU seconds reported for the ledger are those of
 * the forward pass in the first job and of backward and step in the second, as locally.
 *
 * <p>gfl, per local step: one job runs each source's full local step (forward, backward,
 * FedProx term against the shipped last average, optimizer step); the driver averages the listed
 * layers when a round ends, as locally.
 *
 * <p>All values cross Spark as {@link JavaSerialized} bytes, so Java and Kryo sessions both work.
 */
final class SparkSources {
  private static final int FORWARD = 0;
  private static final int BACKWARD = 1;
  private static final int GFL_STEP = 2;

  private SparkSources() {}

  /**
   * What every task of a run reads: the model, fpl/sl's cut (else null), the training views, and
   * gfl's averaged ranges and proximal coefficient.
   */
  record Context(ModelConfig model, String cut, List<SampleSource> train, List<int[]> ranges,
      double mu) implements Serializable {}

  /** One source's state going to a task; {@code epsilon}: the error at the cut (backward). */
  record Work(int source, float[] params, Optimizer.Update update, float[] epsilon)
      implements Serializable {}

  /** What a task returns for one source. */
  /**
   * What a task returns for one source: {@code cpu} is the measured CPU seconds of the part the
   * ledger records (as the local executor measures it), {@code taskCpu} all the task's CPU
   * seconds for the source (reading its view, loading and recomputing included).
   */
  record Out(int source, float[] activations, float[] params, Optimizer.Update update,
      double cpu, double taskCpu) implements Serializable {}

  /** Runs one job over {@code work} (one element per source); results by source index. */
  private static Out[] run(JavaSparkContext spark, int partitions,
      Broadcast<JavaSerialized<Context>> ctx, List<Work> work, int[] batch, float[] anchor,
      int kind) {
    List<JavaSerialized<Work>> shipped = new ArrayList<>(work.size());
    for (Work w : work) {
      shipped.add(JavaSerialized.of(w));
    }
    int slices = Math.max(1, Math.min(partitions, work.size()));
    List<JavaSerialized<Out>> got = spark.parallelize(shipped, slices)
        .mapPartitions(task(ctx, batch, anchor, kind)).collect();
    Out[] out = new Out[work.size()];
    for (JavaSerialized<Out> o : got) {
      Out r = o.get();
      out[r.source()] = r;
    }
    for (int j = 0; j < out.length; j++) {
      if (out[j] == null) {
        throw new IllegalStateException("no result came back for source " + j);
      }
    }
    return out;
  }

  // Static, so the closure captures only serializable values.
  private static FlatMapFunction<Iterator<JavaSerialized<Work>>, JavaSerialized<Out>> task(
      Broadcast<JavaSerialized<Context>> ctx, int[] batch, float[] anchor, int kind) {
    return it -> {
      Context c = ctx.value().get();
      List<JavaSerialized<Out>> out = new ArrayList<>();
      int b = batch.length;
      if (kind == GFL_STEP) {
        int[] y = MultiSource.labels(c.train().get(0), batch, 0, b);
        try (StagedModel m = StagedModel.of(c.model(), List.of())) {
          while (it.hasNext()) {
            long t0 = CpuClock.nanos();
            Work w = it.next().get();
            float[] x = MultiSource.features(c.train().get(w.source()), batch, 0, b);
            m.setParameters(0, w.params());
            Optimizer.Update u = w.update().copy();
            long c0 = CpuClock.nanos();
            GflStrategy.Models.localStep(m, u, anchor, c.ranges(), c.mu(), x, y);
            double cpu = CpuClock.secondsSince(c0);
            float[] p = m.parameters(0);
            out.add(JavaSerialized.of(new Out(w.source(), null, p, u, cpu,
                CpuClock.secondsSince(t0))));
          }
        }
        return out.iterator();
      }
      try (StagedModel m = StagedModel.replicated(c.model(), FplOptions.layerName(c.cut()), 1)) {
        while (it.hasNext()) {
          long t0 = CpuClock.nanos();
          Work w = it.next().get();
          float[] x = MultiSource.features(c.train().get(w.source()), batch, 0, b);
          m.setParameters(0, 0, w.params());
          long c0 = CpuClock.nanos();
          float[] a = m.forward(0, 0, x, b);
          double cpu = CpuClock.secondsSince(c0);
          if (kind == FORWARD) {
            out.add(JavaSerialized.of(new Out(w.source(), a, null, null, cpu,
                CpuClock.secondsSince(t0))));
          } else {
            Optimizer.Update u = w.update().copy();
            long c1 = CpuClock.nanos();
            FplStrategy.backwardAndStep(m, 0, w.epsilon(), u);
            cpu = CpuClock.secondsSince(c1);
            float[] p = m.parameters(0, 0);
            out.add(JavaSerialized.of(new Out(w.source(), null, p, u, cpu,
                CpuClock.secondsSince(t0))));
          }
        }
      }
      return out.iterator();
    };
  }

  private static int partitions(SparkDeviceExecutor executor) {
    return executor.partitions();
  }

  /** fpl and sl's branches in Spark tasks; the driver keeps their state between jobs. */
  static final class Branches implements FplStrategy.BranchRunner {
    private final JavaSparkContext spark;
    private final int partitions;
    private final Broadcast<JavaSerialized<Context>> ctx;
    private final FplStrategy.Parts parts;
    private final float[][] params;
    private final Optimizer.Update[] updates;
    private int[] batch;
    private double taskCpu;

    /**
     * @param updates the branches' update rules; replaced element by element by the stepped
     *     copies the tasks return
     */
    Branches(SparkDeviceExecutor executor, ModelConfig model, String cut,
        List<SampleSource> train, Optimizer.Update[] updates, FplStrategy.Parts parts) {
      this.spark = executor.spark();
      this.partitions = partitions(executor);
      this.parts = parts;
      this.updates = updates;
      int s = parts.sources();
      this.params = new float[s][];
      for (int j = 0; j < s; j++) {
        params[j] = parts.branches.parameters(0, j);
      }
      this.ctx = spark.broadcast(JavaSerialized.of(new Context(model, cut,
          new ArrayList<>(train), null, 0)));
    }

    @Override
    public float[][] forward(int[] batch, double[] cpu) {
      this.batch = batch.clone();
      List<Work> work = new ArrayList<>();
      for (int j = 0; j < params.length; j++) {
        work.add(new Work(j, params[j], null, null));
      }
      Out[] out = run(spark, partitions, ctx, work, this.batch, null, FORWARD);
      float[][] a = new float[params.length][];
      for (int j = 0; j < params.length; j++) {
        a[j] = out[j].activations();
        cpu[j] = out[j].cpu();
        taskCpu += out[j].taskCpu();
      }
      return a;
    }

    @Override
    public void backward(float[][] epsilon, double[] cpu) {
      if (batch == null) {
        throw new IllegalStateException("backward needs a forward pass first");
      }
      List<Work> work = new ArrayList<>();
      for (int j = 0; j < params.length; j++) {
        work.add(new Work(j, params[j], updates[j], epsilon[j]));
      }
      Out[] out = run(spark, partitions, ctx, work, batch, null, BACKWARD);
      for (int j = 0; j < params.length; j++) {
        params[j] = out[j].params();
        updates[j] = out[j].update();
        cpu[j] = out[j].cpu();
        taskCpu += out[j].taskCpu();
      }
      batch = null;
    }

    @Override
    public double remoteCpuSeconds() {
      return taskCpu;
    }

    @Override
    public void sync() {
      for (int j = 0; j < params.length; j++) {
        parts.branches.setParameters(0, j, params[j]);
      }
    }

    @Override
    public void close() {
      ctx.destroy();
    }
  }

  /** gfl's local steps in Spark tasks; the driver's {@link GflStrategy.Models} keep the state. */
  static final class Gfl implements AutoCloseable {
    private final JavaSparkContext spark;
    private final int partitions;
    private final Broadcast<JavaSerialized<Context>> ctx;
    private double taskCpu;

    Gfl(SparkDeviceExecutor executor, ModelConfig model, List<SampleSource> train,
        List<int[]> ranges, double mu) {
      this.spark = executor.spark();
      this.partitions = partitions(executor);
      this.ctx = spark.broadcast(JavaSerialized.of(new Context(model, null,
          new ArrayList<>(train), new ArrayList<>(ranges), mu)));
    }

    /**
     * One local step of every source on the samples {@code batch}; loads the stepped parameters
     * and update rules into {@code m} and returns each source's CPU seconds.
     */
    double[] step(GflStrategy.Models m, int[] batch) {
      int s = m.models.length;
      List<Work> work = new ArrayList<>();
      for (int j = 0; j < s; j++) {
        work.add(new Work(j, m.models[j].parameters(0), m.updates[j], null));
      }
      Out[] out = run(spark, partitions, ctx, work, batch, m.anchor.clone(), GFL_STEP);
      double[] cpu = new double[s];
      for (int j = 0; j < s; j++) {
        m.models[j].setParameters(0, out[j].params());
        m.updates[j] = out[j].update();
        cpu[j] = out[j].cpu();
        taskCpu += out[j].taskCpu();
      }
      return cpu;
    }

    /** CPU seconds the tasks measured so far (the driver's own thread does not see them). */
    double remoteCpuSeconds() {
      return taskCpu;
    }

    @Override
    public void close() {
      ctx.destroy();
    }
  }
}
