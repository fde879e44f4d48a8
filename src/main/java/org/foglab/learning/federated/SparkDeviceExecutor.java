package org.foglab.learning.federated;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Runs the devices on Spark: devices are split into {@code partitions} groups of about equal
 * work (see {@link #balance}); each
 * task trains its devices one after another on one pooled model and returns one partial
 * {@link PeriodSums}; the partials are combined by {@code treeAggregate}. The training context
 * (model, samples, batches) is broadcast once per run, as Java-serialized bytes so that Kryo
 * sessions work too, the global parameters once per period.
 * Offloaded samples are looked up by id in the broadcast samples (or generated, for synthetic
 * data), whichever partition holds the receiving device.
 *
 * <p>Consecutive periods ({@link Session#runPeriods}) run as one barrier stage: every task runs
 * its group's period, the tasks exchange their partial sums ({@link PeriodSums#encode}) through
 * the driver ({@link PeriodExchange}, an all-gather without the one-second polling of
 * {@link BarrierTaskContext#allGather}), each merges all of them (exact integer adds, so every
 * task gets the same sums) and starts the next period from their average; task 0 returns the
 * final parameters and each period's counts and losses, the others a digest of the same, which
 * the driver compares. Tasks are pure functions of what is shipped, so a retried stage reruns
 * the chunk from its start. A barrier stage needs all its tasks running at once and no dynamic
 * allocation; when it cannot run ({@link PeriodMode#AUTO}) the periods run one Spark job each,
 * with the same numbers.
 */
public final class SparkDeviceExecutor implements DeviceExecutor {
  private final JavaSparkContext spark;
  private final int partitions;
  private final PeriodMode periodMode;

  /** How {@link Session#runPeriods} runs consecutive periods. */
  public enum PeriodMode implements org.foglab.config.Choice {
    /** One barrier stage per chunk of periods when the cluster allows it, else one job each. */
    AUTO,
    /** Always a barrier stage; an error if it cannot run. */
    BARRIER,
    /** One Spark job per period. */
    JOBS;

    @Override
    public String configName() {
      return org.foglab.config.Choice.nameOf(this);
    }
  }

  public SparkDeviceExecutor(JavaSparkContext spark, int partitions) {
    this(spark, partitions, PeriodMode.AUTO);
  }

  public SparkDeviceExecutor(JavaSparkContext spark, int partitions, PeriodMode periodMode) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    if (periodMode == null) {
      throw new IllegalArgumentException("the period mode must be auto, barrier or jobs");
    }
    this.spark = spark;
    this.partitions = partitions;
    this.periodMode = periodMode;
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
    String problem = periodMode == PeriodMode.JOBS ? null : barrierProblem(groups.size());
    org.apache.spark.rpc.RpcEndpointRef endpoint = null;
    if (periodMode != PeriodMode.JOBS && problem == null) {
      try {
        endpoint = PeriodExchange.start();
      } catch (LinkageError | RuntimeException e) {
        // PeriodExchange uses Spark internals: another Spark version may lack them.
        problem = "this Spark version has no RPC environment foglab can use (" + e + ")";
      }
    }
    String cannot = problem;
    org.apache.spark.rpc.RpcEndpointRef exchange = endpoint;
    return new Session() {
      private boolean told;

      @Override
      public Periods runPeriods(float[] params, List<Period> periods) {
        if (periodMode == PeriodMode.JOBS) {
          return Session.super.runPeriods(params, periods);
        }
        String problem = cannot != null ? cannot
            : messageProblem(groups.size(), params.length, n, periods);
        if (problem == null) {
          return barrierPeriods(devices, ctx, exchange.name(), params, periods);
        }
        if (periodMode == PeriodMode.BARRIER) {
          throw new IllegalArgumentException("foglab.train.spark-periods = barrier cannot run: "
              + problem + "; use auto or jobs");
        }
        if (!told) {
          told = true;
          System.err.println("foglab: the Spark executor runs one job per aggregation period, "
              + "not one barrier stage per chunk: " + problem);
        }
        return Session.super.runPeriods(params, periods);
      }

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
        if (exchange != null) {
          PeriodExchange.stop(exchange);
        }
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

  /** Why a barrier stage of {@code tasks} tasks cannot run on this context, or null if it can. */
  private String barrierProblem(int tasks) {
    SparkContext sc = spark.sc();
    SparkConf conf = sc.getConf();
    // Spark refuses barrier stages under dynamic allocation (which local masters ignore).
    if (!sc.isLocal() && conf.getBoolean("spark.dynamicAllocation.enabled", false)) {
      return "spark.dynamicAllocation.enabled is true, and Spark runs no barrier stage then";
    }
    // A speculative copy of a task would join the others' all-gather.
    if (conf.getBoolean("spark.speculation", false)) {
      return "spark.speculation is true";
    }
    // The slots Spark itself checks a barrier stage against (it waits, then fails, if short).
    // A cluster's executors register after the application starts: wait for them as Spark's
    // scheduler does before its first stage (spark.scheduler.maxRegisteredResourcesWaitingTime).
    int slots = sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
    if (tasks > slots && !sc.isLocal()) {
      long wait = conf.getTimeAsMs("spark.scheduler.maxRegisteredResourcesWaitingTime", "30s");
      long deadline = System.nanoTime() + wait * 1_000_000L;
      while (tasks > slots && System.nanoTime() < deadline) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        slots = sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
      }
    }
    if (tasks > slots) {
      return "its " + tasks + " tasks (one per device group, --partitions) must all run at once "
          + "and the cluster has " + slots + " task slots";
    }
    return null;
  }

  /**
   * Why the all-gather of a chunk's partial sums may not fit in one RPC message, or null: every
   * task's message holds its parameter sums (8 bytes each) and its losses; the reply holds all
   * tasks' messages. Kept under half of {@code spark.rpc.message.maxSize}.
   */
  private String messageProblem(int tasks, int parameters, int devices, List<Period> periods) {
    long slots = 0;
    for (Period p : periods) {
      slots = Math.max(slots, p.endSlot() - p.firstSlot());
    }
    long gathered = tasks * PeriodSums.encodedBytesAtMost(parameters, 0) + 8L * devices * slots;
    long limit = spark.sc().getConf().getSizeAsMb("spark.rpc.message.maxSize", "128") << 20;
    if (gathered > limit / 2) {
      return String.format("the tasks' gathered parameter sums (%.1f MiB) exceed half of "
          + "spark.rpc.message.maxSize (%d MiB)", gathered / 1048576.0, limit >> 20);
    }
    return null;
  }

  /** Runs {@code periods} as one barrier stage: see the class comment. */
  private Periods barrierPeriods(JavaRDD<int[]> devices,
      Broadcast<JavaSerialized<TrainingContext>> ctx, String exchange, float[] params,
      List<Period> periods) {
    Broadcast<JavaSerialized<Chunk>> chunk =
        spark.broadcast(JavaSerialized.of(new Chunk(params, new ArrayList<>(periods))));
    List<byte[]> results;
    try {
      ClassTag<byte[]> tag = ClassTag$.MODULE$.apply(byte[].class);
      RDD<byte[]> stage = devices.rdd().barrier().mapPartitions(new ChunkTask(ctx, chunk, exchange), false,
          tag);
      // Through one shuffle: Spark reruns a failed barrier stage (all its tasks, e.g. after a
      // lost executor) only when it is a shuffle map stage; a failed barrier result stage ends
      // the job. Each result carries its task's index in its first 4 bytes.
      results = new JavaRDD<>(stage, tag).repartition(1).collect();
    } finally {
      chunk.destroy();
    }
    byte[][] byTask = new byte[results.size()][];
    for (byte[] r : results) {
      byTask[ByteBuffer.wrap(r).getInt()] = Arrays.copyOfRange(r, 4, r.length);
    }
    byte[] first = byTask[0];
    byte[] digest = sha256(first);
    for (int t = 1; t < byTask.length; t++) {
      if (!Arrays.equals(digest, byTask[t])) {
        throw new IllegalStateException("barrier task " + t + " ended the chunk with other "
            + "parameters than task 0; the exact aggregation should make them equal");
      }
    }
    ByteBuffer in = ByteBuffer.wrap(first);
    if (in.get() != 0) {
      byte[] message = new byte[in.remaining()];
      in.get(message);
      // The device's error (e.g. a diverged model), as the local executor would throw it.
      throw new IllegalStateException(new String(message, StandardCharsets.UTF_8));
    }
    float[] w = new float[in.getInt()];
    in.asFloatBuffer().get(w);
    in.position(in.position() + 4 * w.length);
    List<PeriodSums> sums = new ArrayList<>(periods.size());
    for (int k = in.getInt(); k > 0; k--) {
      sums.add(PeriodSums.decode(in));
    }
    return new Periods(sums, w);
  }

  /** What a barrier stage ships besides the context: the starting parameters and the periods. */
  private record Chunk(float[] params, ArrayList<Period> periods) implements Serializable {}

  /**
   * One barrier task: its device group's periods, all-gathering the partial sums after each.
   * Returns (task 0) a status byte and either the final parameters and each period's merged
   * counts and losses or a device's error message; other tasks return that result's SHA-256.
   */
  private static final class ChunkTask extends scala.runtime.AbstractFunction1<
      scala.collection.Iterator<int[]>, scala.collection.Iterator<byte[]>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<JavaSerialized<TrainingContext>> ctx;
    private final Broadcast<JavaSerialized<Chunk>> chunk;
    private final String exchange;

    ChunkTask(Broadcast<JavaSerialized<TrainingContext>> ctx,
        Broadcast<JavaSerialized<Chunk>> chunk, String exchange) {
      this.ctx = ctx;
      this.chunk = chunk;
      this.exchange = exchange;
    }

    @Override
    public scala.collection.Iterator<byte[]> apply(scala.collection.Iterator<int[]> it) {
      BarrierTaskContext task = BarrierTaskContext.get();
      List<Integer> ids = new ArrayList<>();
      for (Iterator<int[]> groups = JavaConverters.asJavaIterator(it); groups.hasNext(); ) {
        for (int i : groups.next()) {
          ids.add(i);
        }
      }
      TrainingContext context = ctx.value().get();
      Chunk c = chunk.value().get();
      float[] w = c.params();
      List<PeriodSums> done = new ArrayList<>();
      String error = null;
      org.apache.spark.rpc.RpcEndpointRef gather = PeriodExchange.connect(exchange);
      int tasks = task.numPartitions();
      String stage = task.stageId() + "." + task.stageAttemptNumber() + ".";
      for (int k = 0; k < c.periods().size(); k++) {
        Period p = c.periods().get(k);
        byte[] message;
        try {
          PeriodSums part = PeriodWorker.run(ids.iterator(), context, w, p.alpha(),
              p.firstSlot(), p.endSlot());
          message = part.encode();
        } catch (RuntimeException e) {
          // Every task must reach every exchange: the error travels as a message (a leading 2;
          // encoded sums start with 0 or 1) and all tasks stop after this period.
          byte[] text = String.valueOf(e.getMessage() != null ? e.getMessage() : e.toString())
              .getBytes(StandardCharsets.UTF_8);
          message = ByteBuffer.allocate(1 + text.length).put((byte) 2).put(text).array();
        }
        byte[][] all = PeriodExchange.gather(gather,
            new PeriodExchange.Part(stage + k, task.partitionId(), tasks, message));
        PeriodSums merged = PeriodSums.empty();
        for (byte[] m : all) {
          if (m[0] == 2) {
            error = error != null ? error : new String(m, 1, m.length - 1, StandardCharsets.UTF_8);
          } else if (error == null) {
            merged.merge(PeriodSums.decode(ByteBuffer.wrap(m)));
          }
        }
        if (error != null) {
          break;
        }
        w = merged.average();
        done.add(merged.withoutParameters());
      }
      byte[] result;
      if (error != null) {
        byte[] text = error.getBytes(StandardCharsets.UTF_8);
        result = ByteBuffer.allocate(1 + text.length).put((byte) 1).put(text).array();
      } else {
        int size = 1 + 4 + 4 * w.length + 4;
        for (PeriodSums s : done) {
          size += s.encodedBytes();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) 0);
        out.putInt(w.length);
        out.asFloatBuffer().put(w);
        out.position(out.position() + 4 * w.length);
        out.putInt(done.size());
        for (PeriodSums s : done) {
          s.encode(out);
        }
        result = out.array();
      }
      byte[] mine = task.partitionId() == 0 ? result : sha256(result);
      byte[] tagged = ByteBuffer.allocate(4 + mine.length).putInt(task.partitionId()).put(mine)
          .array();
      return JavaConverters.asScalaIterator(List.of(tagged).iterator());
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
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
