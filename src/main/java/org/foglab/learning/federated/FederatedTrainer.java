package org.foglab.learning.federated;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.foglab.data.DeviceData;
import org.foglab.data.SampleSource;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.ModelEvaluation;
import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.foglab.optimize.PlanEvaluation;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Trains a classifier the way Section III-B of Tu et al. (INFOCOM 2020) describes and returns a
 * {@link TrainingResult}.
 *
 * <p>NETWORK_AWARE and FEDERATED: in each slot {@code t} every device {@code i} with data takes
 * one step of equation (3) on its batch {@code G_i(t)} (its kept data plus the data offloaded to
 * it at {@code t-1}, see {@link TrainingSchedule}); every {@code tau} slots the server replaces
 * all local models by {@code w(k) = sum_i H_i w_i / sum_i H_i} (equation (4)), where
 * {@code H_i} counts the datapoints device {@code i} processed since the last aggregation;
 * devices with {@code H_i = 0} do not count, and if all are 0 the model is kept. A final partial
 * period (when {@code passes T} is not a multiple of {@code tau}) is aggregated at the end.
 * Setting A of Table III is NETWORK_AWARE with the keep-all plan ({@link
 * RoundedPlan#keepAllPlan}), setting B with {@code ClosedForm.solve(trace)}.
 *
 * <p>CENTRALIZED: one model, minibatch SGD with the same learning rate over all collected
 * samples (the union of the device streams, nothing discarded), reshuffled every pass by a
 * seeded hash, {@code passes} passes.
 *
 * <p>Results are a pure function of the inputs: the aggregation is exact in fixed point
 * ({@link PeriodSums}), so local and Spark runs with any number of partitions produce the same
 * parameters bit for bit.
 */
public final class FederatedTrainer {
  /** SAMPLING sub-stream of the centralized shuffle (data's sub-streams use keys below 100). */
  static final long SHUFFLE_STREAM = 101;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

  private final ModelConfig model;
  private final SampleSource train;
  private final SampleSource test;
  private final DeviceData data;
  private final Plan plan;
  private final Trace trace;
  private final TrainingOptions options;
  private final DeviceExecutor executor;
  private final java.util.function.Consumer<AggregationRecord> listener;

  private FederatedTrainer(Builder b) {
    this.model = Objects.requireNonNull(b.model, "model");
    this.train = Objects.requireNonNull(b.train, "trainingData");
    this.test = Objects.requireNonNull(b.test, "testData");
    this.data = Objects.requireNonNull(b.data, "deviceData");
    this.options = Objects.requireNonNull(b.options, "options");
    this.plan = b.plan;
    this.trace = b.plan != null ? b.plan.trace() : b.trace;
    this.executor = b.executor != null ? b.executor : DeviceExecutor.local();
    this.listener = b.listener != null ? b.listener : r -> { };
    if (b.plan != null && b.trace != null && b.trace != b.plan.trace()) {
      throw new IllegalArgumentException("the plan belongs to another trace than the one given");
    }
    checkFits("training", train);
    checkFits("test", test);
    if (data.trainingSetSize() != train.size()) {
      throw new IllegalArgumentException("the device data streams index a training set of "
          + data.trainingSetSize() + " samples but the training data has " + train.size());
    }
    if (options.mode() == TrainingMode.NETWORK_AWARE && plan == null) {
      throw new IllegalArgumentException("network-aware training needs a plan (for setting A "
          + "use RoundedPlan.keepAllPlan(trace))");
    }
    if (options.mode() != TrainingMode.NETWORK_AWARE && plan != null) {
      throw new IllegalArgumentException(options.mode() + " training moves no data, so it takes "
          + "no plan; pass the trace instead to get its costs");
    }
    if (trace != null) {
      data.requireConsistent(trace);
    }
    long keys = (long) options.passes() * data.deviceSlots();
    if (options.recordDeviceLosses() && keys > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("recording device losses for " + options.passes()
          + " passes over " + data.deviceSlots() + " device-slots exceeds 2^31 entries; "
          + "turn recordDeviceLosses off");
    }
  }

  private void checkFits(String what, SampleSource s) {
    if (s.featureCount() != model.featureCount() || s.classCount() != model.classes()) {
      throw new IllegalArgumentException("the " + what + " data has " + s.featureCount()
          + " features and " + s.classCount() + " classes but the model expects "
          + model.featureCount() + " and " + model.classes());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Trains and evaluates. */
  public TrainingResult run() {
    return options.mode() == TrainingMode.CENTRALIZED ? runCentralized() : runDistributed();
  }

  private TrainingResult runDistributed() {
    TrainingSchedule schedule;
    PlanEvaluation costs = null;
    double shift = 0;
    if (options.mode() == TrainingMode.NETWORK_AWARE) {
      RoundedPlan rounded = RoundedPlan.of(plan, data);
      schedule = TrainingSchedule.of(rounded, data);
      costs = PlanEvaluation.of(rounded.toPlan());
      shift = rounded.maxRoundingShift();
    } else {
      schedule = TrainingSchedule.keepAll(data);
      if (trace != null) {
        costs = PlanEvaluation.of(RoundedPlan.keepAllPlan(trace));
      }
    }
    int n = schedule.devices();
    int slots = schedule.slots();
    int tau = options.aggregationPeriod();
    long horizon = (long) options.passes() * slots;
    boolean record = options.recordDeviceLosses();
    float[] loss = new float[record ? options.passes() * n * slots : 0];
    Arrays.fill(loss, Float.NaN);
    List<AggregationRecord> records = new ArrayList<>();
    float[] w = LocalModel.initialParameters(model);
    long steps = 0;
    long samples = 0;
    int aggregations = 0;
    double evalSeconds = 0;
    double evalCpu = 0;
    ModelEvaluation last = null;
    long begin = System.nanoTime();
    long cpuBegin = cpuNanos();
    TrainingContext ctx = new TrainingContext(model, train, schedule, record);
    try (LocalModel evaluator = LocalModel.borrow(model);
        DeviceExecutor.Session session = executor.open(ctx)) {
      long[] h = new long[n];
      double[] alpha = new double[n];
      for (long u0 = 0; u0 < horizon; u0 += tau) {
        long u1 = Math.min(u0 + tau, horizon);
        aggregations++;
        Arrays.fill(h, 0);
        long total = 0;
        for (long u = u0; u < u1; u++) {
          int base = (int) (u % slots) * n;
          for (int i = 0; i < n; i++) {
            int g = schedule.processed(base + i);
            h[i] += g;
            total += g;
          }
        }
        if (total > 0) {
          for (int i = 0; i < n; i++) {
            alpha[i] = (double) h[i] / total;
          }
          PeriodSums sums = session.runPeriod(w, alpha.clone(), u0, u1);
          w = sums.average();
          steps += sums.steps();
          samples += sums.samples();
          for (int p = 0; p < sums.lossCount(); p++) {
            loss[sums.lossKey(p)] = sums.lossValue(p);
          }
        }
        boolean due = options.evaluateEvery() > 0 && aggregations % options.evaluateEvery() == 0;
        if (due || u1 == horizon) {
          long e0 = System.nanoTime();
          long c0 = cpuNanos();
          evaluator.setParameters(w);
          last = evaluator.evaluate(test);
          evalSeconds += (System.nanoTime() - e0) / 1e9;
          evalCpu += (cpuNanos() - c0) / 1e9;
          records.add(new AggregationRecord(aggregations, (int) ((u1 - 1) / slots) + 1,
              (int) ((u1 - 1) % slots) + 1, u1, total, last.accuracy(), last.loss()));
          listener.accept(records.get(records.size() - 1));
        }
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
    double cpu = CPU_TIME ? (cpuNanos() - cpuBegin) / 1e9 - evalCpu : Double.NaN;
    int[] g = new int[n * slots];
    for (int k = 0; k < g.length; k++) {
      g[k] = schedule.processed(k);
    }
    DeviceLosses losses = record ? new DeviceLosses(n, slots, options.passes(), loss, g)
        : DeviceLosses.none(n, slots);
    return new TrainingResult(options.mode(), model, options, last.accuracy(), last.loss(), records,
        losses, costs, shift, aggregations, steps, samples, seconds, cpu, evalSeconds, w);
  }

  private TrainingResult runCentralized() {
    int[] ids = data.allSamples();
    if (ids.length == 0) {
      throw new IllegalArgumentException("the devices collect no data, so there is nothing to "
          + "train on centrally");
    }
    int batch = options.centralizedBatchSize() > 0 ? options.centralizedBatchSize()
        : (int) Math.ceil((double) ids.length / data.slots());
    List<AggregationRecord> records = new ArrayList<>();
    long steps = 0;
    long samples = 0;
    double evalSeconds = 0;
    double evalCpu = 0;
    ModelEvaluation last = null;
    float[] w;
    long begin = System.nanoTime();
    long cpuBegin = cpuNanos();
    try (LocalModel m = LocalModel.borrow(model)) {
      m.setParameters(LocalModel.initialParameters(model));
      for (int pass = 1; pass <= options.passes(); pass++) {
        int[] order = shuffled(ids, options.seed(), pass);
        for (int from = 0; from < order.length; from += batch) {
          int to = Math.min(order.length, from + batch);
          m.step(train, order, from, to);
          steps++;
          samples += to - from;
        }
        boolean due = options.evaluateEvery() > 0 && pass % options.evaluateEvery() == 0;
        if (due || pass == options.passes()) {
          long e0 = System.nanoTime();
          long c0 = cpuNanos();
          last = m.evaluate(test);
          evalSeconds += (System.nanoTime() - e0) / 1e9;
          evalCpu += (cpuNanos() - c0) / 1e9;
          records.add(new AggregationRecord(pass, pass, data.slots(),
              (long) pass * data.slots(), ids.length, last.accuracy(), last.loss()));
          listener.accept(records.get(records.size() - 1));
        }
      }
      w = m.parameters();
    }
    double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
    double cpu = CPU_TIME ? (cpuNanos() - cpuBegin) / 1e9 - evalCpu : Double.NaN;
    return new TrainingResult(TrainingMode.CENTRALIZED, model, options, last.accuracy(),
        last.loss(), records, DeviceLosses.none(data.devices(), data.slots()), null, 0,
        options.passes(), steps, samples, seconds, cpu, evalSeconds, w);
  }

  /** CPU time of the calling thread in nanoseconds (0 where the JVM cannot measure it). */
  static long cpuNanos() {
    return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  /** {@code ids} in the order of {@code hash(seed, SAMPLING, 101, pass, id)}. */
  static int[] shuffled(int[] ids, long seed, int pass) {
    long[] keyed = new long[ids.length];
    for (int p = 0; p < ids.length; p++) {
      long h = Streams.hash(seed, Purpose.SAMPLING, SHUFFLE_STREAM, pass, ids[p]);
      // 33 hash bits above the 31-bit id: sorting the packed keys sorts by hash, ties by id.
      keyed[p] = ((h >>> 31) << 31) | ids[p];
    }
    Arrays.sort(keyed);
    int[] out = new int[ids.length];
    for (int p = 0; p < out.length; p++) {
      out[p] = (int) (keyed[p] & 0x7FFFFFFFL);
    }
    return out;
  }

  /** Collects the inputs of a run; {@link #build()} validates them together. */
  public static final class Builder {
    private ModelConfig model;
    private SampleSource train;
    private SampleSource test;
    private DeviceData data;
    private Plan plan;
    private Trace trace;
    private TrainingOptions options;
    private DeviceExecutor executor;
    private java.util.function.Consumer<AggregationRecord> listener;

    private Builder() {}

    /** Called with each evaluated aggregation as training goes (progress reports). */
    public Builder listener(java.util.function.Consumer<AggregationRecord> l) {
      this.listener = l;
      return this;
    }

    public Builder model(ModelConfig m) {
      this.model = m;
      return this;
    }

    /** The training set the device streams index. */
    public Builder trainingData(SampleSource s) {
      this.train = s;
      return this;
    }

    public Builder testData(SampleSource s) {
      this.test = s;
      return this;
    }

    /** Which samples each device-slot collects. */
    public Builder deviceData(DeviceData d) {
      this.data = d;
      return this;
    }

    /** The data-movement plan (NETWORK_AWARE only); its trace must match the device data. */
    public Builder plan(Plan p) {
      this.plan = p;
      return this;
    }

    /** The trace, for the costs of FEDERATED runs (implied by the plan otherwise). */
    public Builder trace(Trace t) {
      this.trace = t;
      return this;
    }

    public Builder options(TrainingOptions o) {
      this.options = o;
      return this;
    }

    /** Where devices train; local by default. */
    public Builder executor(DeviceExecutor e) {
      this.executor = e;
      return this;
    }

    public FederatedTrainer build() {
      return new FederatedTrainer(this);
    }

    /** {@code build().run()}. */
    public TrainingResult run() {
      return build().run();
    }
  }
}
