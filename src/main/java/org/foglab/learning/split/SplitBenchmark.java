package org.foglab.learning.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.foglab.data.ArrayDataset;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.data.SampleSource;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.NativeThreads;
import org.foglab.learning.NetworkFactory;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.CostModels;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.CpuClock;
import org.foglab.learning.engine.FogBatches;
import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput of split training ({@link SplitStrategy}, no stragglers) against one DL4J network
 * fitting the joined model on the same data (the benchmark behind {@code bench split}; not a
 * test). With {@code alpha = 0} a split round is one SGD step of the joined network on the
 * concatenation of the p fog nodes' batches ({@link SplitStrategy}), so the baselines replay
 * exactly those batches ({@link FogBatches}, p B samples per step, node by node, round after
 * round) and must end at the same parameters up to float32 round-off:
 *
 * <ul>
 *   <li><em>split</em>: {@link Trainer} with {@link SplitOptions}{@code (cut, B, 0, 0, seed)},
 *       building the trainer included;
 *   <li><em>fit</em>: one {@link MultiLayerNetwork} from
 *       {@link NetworkFactory#configuration(ModelConfig)} with the same initial parameters,
 *       calling {@code fit(features, labels)} per round (DL4J's SGD updater);
 *   <li><em>step</em>: the plain equation-(3) step {@link LocalModel#step} per round.
 * </ul>
 *
 * <p>Times are wall-clock seconds as a user sees them, from the start of the call to the end of
 * the last round, with the test evaluation of the final model excluded on every side (split:
 * {@link TrainingResult#evaluationSeconds()} subtracted; baselines: evaluated after the clock
 * stops). Model construction and batch assembly count on every side. All three run on the
 * calling thread with ND4J's ops on one OpenMP thread ({@link NativeThreads}), as
 * {@link SplitStrategy} does (OpenBLAS may still run a matrix product on a worker thread, on
 * every side alike); the data are materialised in memory first, so generating synthetic
 * samples is timed on no side. With warm-up on, each side first runs {@value #WARM_UP_ROUNDS}
 * untimed rounds, so JIT compilation and ND4J's first-call set-up fall on no side's clock.
 *
 * <p>Ledger overhead: the ledger cannot be switched off in a split run, so its cost is measured
 * by replay: the same number of {@link CostLedger#send} and {@link CostLedger#compute} calls per
 * (round, kind, src, dst, stage) as the split run's ledger counted
 * ({@link CostLedger.Entry#count()}), interleaved as in the run, on a fresh ledger with the
 * same models, once untimed and twice timed: the calls alone, and with the two CPU-clock reads
 * per compute step by which the strategy fills the ledger's measured CPU seconds.
 */
public final class SplitBenchmark {
  /** Distance of the synthetic class centres in noise deviations, as {@code bench federated}'s. */
  static final double CLASS_SEPARATION = 6.0;
  /** Untimed rounds each side runs first when warming up. */
  static final int WARM_UP_ROUNDS = 3;

  private SplitBenchmark() {}

  /**
   * @param model the classifier (28x28 inputs, 10 classes: {@link ModelConfig#mnistMlp()} or
   *     {@link ModelConfig#mnistCnn()})
   * @param cut the layer the cloud's stage starts at ({@code output} for the MLP, {@code dense}
   *     for the CNN)
   * @param fogNodes p, the fog nodes; the training samples are dealt out as evenly as possible
   * @param batchSize B, samples per fog node and round
   * @param samples synthetic training samples
   * @param testSamples synthetic test samples for the final accuracies
   * @param passes passes over the data (rounds per pass: {@code round(samples / (p B))})
   * @param repeats timed runs of each side, interleaved (split, fit, step, split, ...); each
   *     side's best wall time is its figure, the least disturbed by other load on the machine
   * @param seed seed of the data and of the fog nodes' sample orders (the model has its own)
   * @param warmUp whether each side first runs a few untimed rounds
   */
  public record Options(ModelConfig model, String cut, int fogNodes, int batchSize, int samples,
      int testSamples, int passes, int repeats, long seed, boolean warmUp) {
    public Options {
      if (model == null) {
        throw new IllegalArgumentException("the split benchmark needs a model");
      }
      if (model.featureCount() != 784 || model.classes() != 10) {
        throw new IllegalArgumentException("the split benchmark's data are 28x28 images of 10 "
            + "classes; use ModelConfig.mnistMlp() or mnistCnn()");
      }
      if (fogNodes < 1) {
        throw new IllegalArgumentException("--fog-nodes must be at least 1, got " + fogNodes);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
      }
      if (passes < 1) {
        throw new IllegalArgumentException("--passes must be at least 1, got " + passes);
      }
      if (repeats < 1) {
        throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
      }
      if (testSamples < 1) {
        throw new IllegalArgumentException("--test-samples must be at least 1, got "
            + testSamples);
      }
      if ((long) samples < (long) fogNodes * batchSize) {
        throw new IllegalArgumentException("--samples " + samples + " gives the " + fogNodes
            + " fog nodes fewer than --batch-size " + batchSize + " samples each; use at least "
            + (long) fogNodes * batchSize + " samples");
      }
    }
  }

  /**
   * Wall-clock seconds and final test quality of one side.
   *
   * @param wallSeconds best wall time of the repeats, test evaluation excluded
   * @param repeatSeconds wall time of each repeat, in order
   * @param accuracy final test accuracy (the same in every repeat: the runs are deterministic)
   * @param loss final mean test cross-entropy
   * @param parameters final parameters (DL4J's flat layout of the joined network)
   */
  public record Side(double wallSeconds, List<Double> repeatSeconds, double accuracy,
      double loss, float[] parameters) {
    public Side {
      repeatSeconds = List.copyOf(repeatSeconds);
    }

    /** One timed run. */
    Side(double seconds, double accuracy, double loss, float[] parameters) {
      this(seconds, List.of(seconds), accuracy, loss, parameters);
    }

    /** This run and {@code next}: the best time, all times, {@code next}'s model. */
    Side and(Side next) {
      List<Double> all = new ArrayList<>(repeatSeconds);
      all.addAll(next.repeatSeconds);
      return new Side(Math.min(wallSeconds, next.wallSeconds), all, next.accuracy, next.loss,
          next.parameters);
    }
  }

  /**
   * The ledger's share of the split run.
   *
   * @param sends {@link CostLedger#send} calls of the run
   * @param computes {@link CostLedger#compute} calls of the run
   * @param ledgerSeconds wall time of replaying those calls alone
   * @param withClockSeconds the same with the two CPU-clock reads per compute step that feed the
   *     ledger's measured CPU seconds
   */
  public record LedgerOverhead(long sends, long computes, double ledgerSeconds,
      double withClockSeconds) {}

  /**
   * @param options the scenario
   * @param rounds SGD steps per run (rounds per pass times passes)
   * @param samples per-sample gradient evaluations per run
   *     ({@link TrainingResult#samplesProcessed()})
   * @param split split training
   * @param fit one DL4J network's {@code fit} on the same batches
   * @param step equation-(3) steps on the same batches
   * @param ledger the ledger's overhead
   * @param measuredBytesPerRound bytes the split run's ledger counted per round
   */
  public record Result(Options options, long rounds, long samples, Side split, Side fit,
      Side step, LedgerOverhead ledger, double measuredBytesPerRound) {

    public double splitSamplesPerSecond() {
      return samples / split.wallSeconds();
    }

    public double fitSamplesPerSecond() {
      return samples / fit.wallSeconds();
    }

    public double stepSamplesPerSecond() {
      return samples / step.wallSeconds();
    }

    /** Split over fit throughput by wall time (the target: at least 0.5). */
    public double splitOverFit() {
      return fit.wallSeconds() / split.wallSeconds();
    }

    /** Split over plain-step throughput by wall time: what the staging itself costs. */
    public double splitOverStep() {
      return step.wallSeconds() / split.wallSeconds();
    }

    /** The ledger's calls (and the CPU-clock reads feeding them) as a fraction of split's time. */
    public double ledgerFraction() {
      return ledger.withClockSeconds() / split.wallSeconds();
    }

    /** Largest parameter difference of split and fit (float32 round-off only). */
    public double maxParameterDifferenceToFit() {
      return maxAbsDifference(split.parameters(), fit.parameters());
    }

    /** Largest parameter difference of split and step (float32 round-off only). */
    public double maxParameterDifferenceToStep() {
      return maxAbsDifference(split.parameters(), step.parameters());
    }

    public String summary() {
      Options o = options;
      return String.format(Locale.ROOT, "%s cut=%s p=%d B=%d rounds=%d samples=%d | samples/s "
              + "(wall): split %.0f, fit %.0f, step %.0f | split/fit %.2f, split/step %.2f | "
              + "ledger %.4f s of %.2f s (%.2f%%) | accuracy split %.4f, fit %.4f, step %.4f | "
              + "max |w_split - w_fit| %.2e", o.model().architecture().configName(), o.cut(),
          o.fogNodes(), o.batchSize(), rounds, samples, splitSamplesPerSecond(),
          fitSamplesPerSecond(), stepSamplesPerSecond(), splitOverFit(), splitOverStep(),
          ledger.withClockSeconds(), split.wallSeconds(), 100 * ledgerFraction(),
          split.accuracy(), fit.accuracy(), step.accuracy(), maxParameterDifferenceToFit());
    }
  }

  /** Runs the three sides and the ledger replay. */
  public static Result run(Options o) {
    NativeThreads.singleThreaded();
    SyntheticSpec spec = new SyntheticSpec(10, 784, o.samples(), o.testSamples(), o.seed(),
        CLASS_SEPARATION, 1.0);
    SampleSource train = ArrayDataset.copyOf(spec.train());
    SampleSource test = ArrayDataset.copyOf(spec.test());
    int p = o.fogNodes();
    int[] counts = new int[p];
    for (int j = 0; j < p; j++) {
      counts[j] = o.samples() / p + (j < o.samples() % p ? 1 : 0);
    }
    DeviceData data = DeviceData.forCounts(p, 1, counts, train, o.seed(), Sampling.iid());
    long roundsPerPass = Math.max(1, Math.round((double) o.samples() / ((double) p
        * o.batchSize())));
    if (o.warmUp()) {
      // B samples per node: one round per pass, so WARM_UP_ROUNDS passes are that many rounds.
      int[] few = new int[p];
      Arrays.fill(few, o.batchSize());
      DeviceData small = DeviceData.forCounts(p, 1, few, train, o.seed(), Sampling.iid());
      split(o, WARM_UP_ROUNDS, train, test, small);
      joined(o, WARM_UP_ROUNDS, train, test, small, true);
      joined(o, WARM_UP_ROUNDS, train, test, small, false);
    }
    long rounds = roundsPerPass * o.passes();
    Side split = null;
    Side fit = null;
    Side step = null;
    TrainingResult r = null;
    for (int k = 0; k < o.repeats(); k++) {
      // Each side starts on a collected heap, so no side pays for another's garbage.
      System.gc();
      long t0 = System.nanoTime();
      r = split(o, o.passes(), train, test, data);
      double seconds = (System.nanoTime() - t0) / 1e9 - r.evaluationSeconds();
      if (r.steps() != rounds) {
        throw new IllegalStateException("split training took " + r.steps() + " steps, the "
            + "baselines replay " + rounds);
      }
      Side s = new Side(seconds, r.accuracy(), r.loss(), r.parameters());
      split = split == null ? s : split.and(s);
      System.gc();
      Side f = joined(o, rounds, train, test, data, true);
      fit = fit == null ? f : fit.and(f);
      System.gc();
      Side q = joined(o, rounds, train, test, data, false);
      step = step == null ? q : step.and(q);
    }
    LedgerOverhead ledger = ledgerOverhead(r.ledger(), o.repeats());
    return new Result(o, rounds, r.samplesProcessed(), split, fit, step, ledger,
        r.ledger().totals().bytes() / rounds);
  }

  private static TrainingResult split(Options o, int passes, SampleSource train,
      SampleSource test, DeviceData data) {
    return Trainer.builder().model(o.model()).trainingData(train).testData(test)
        .deviceData(data)
        .options(TrainingOptions.of(TrainingMode.SPLIT, passes).withEvaluateEvery(0)
            .withSeed(o.seed()))
        .split(new SplitOptions(o.cut(), o.batchSize(), 0, 0, o.seed()))
        .build().run();
  }

  /**
   * One joined network over split training's batch sequence: DL4J's {@code fit} or the plain
   * equation-(3) step; timed from building the network to the last step.
   */
  private static Side joined(Options o, long rounds, SampleSource train, SampleSource test,
      DeviceData data, boolean dl4jFit) {
    ModelConfig model = o.model();
    float[] initial = LocalModel.initialParameters(model);
    int p = o.fogNodes();
    int b = o.batchSize();
    int n = p * b;
    int features = model.featureCount();
    int classes = model.classes();
    long begin = System.nanoTime();
    FogBatches batches = new FogBatches(data, b, o.seed(), "--batch-size");
    int[] ids = new int[n];
    float[] w;
    if (dl4jFit) {
      MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configuration(model));
      net.init(Nd4j.create(initial, new long[] {initial.length}, DataType.FLOAT), true);
      for (long r = 0; r < rounds; r++) {
        for (int j = 0; j < p; j++) {
          batches.batch(j, r, ids, j * b);
        }
        float[] x = new float[n * features];
        float[] y = new float[n * classes];
        for (int q = 0; q < n; q++) {
          train.copyFeatures(ids[q], x, q * features);
          y[q * classes + train.label(ids[q])] = 1f;
        }
        net.fit(Nd4j.create(x, new long[] {n, features}, DataType.FLOAT),
            Nd4j.create(y, new long[] {n, classes}, DataType.FLOAT));
      }
      w = net.params().toFloatVector();
    } else {
      try (LocalModel m = LocalModel.borrow(model)) {
        m.setParameters(initial);
        for (long r = 0; r < rounds; r++) {
          for (int j = 0; j < p; j++) {
            batches.batch(j, r, ids, j * b);
          }
          m.step(train, ids, 0, n);
        }
        w = m.parameters();
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    ModelEvaluation e;
    try (LocalModel m = LocalModel.borrow(model)) {
      m.setParameters(w);
      e = m.evaluate(test);
    }
    return new Side(seconds, e.accuracy(), e.loss(), w);
  }

  /**
   * Replays the run's ledger calls on fresh ledgers: once to warm up, then {@code repeats} times
   * timed without and with the CPU-clock reads; the best of each.
   */
  static LedgerOverhead ledgerOverhead(CostLedger run, int repeats) {
    List<CostLedger.Entry> entries = run.entries();
    long sends = 0;
    long computes = 0;
    for (CostLedger.Entry e : entries) {
      if (e.isLink()) {
        sends += e.count();
      } else {
        computes += e.count();
      }
    }
    replay(run.models(), entries, false);
    double ledgerSeconds = Double.POSITIVE_INFINITY;
    double withClock = Double.POSITIVE_INFINITY;
    for (int k = 0; k < repeats; k++) {
      long t0 = System.nanoTime();
      replay(run.models(), entries, false);
      ledgerSeconds = Math.min(ledgerSeconds, (System.nanoTime() - t0) / 1e9);
      long t1 = System.nanoTime();
      replay(run.models(), entries, true);
      withClock = Math.min(withClock, (System.nanoTime() - t1) / 1e9);
    }
    return new LedgerOverhead(sends, computes, ledgerSeconds, withClock);
  }

  /**
   * The calls behind {@code entries} on a fresh ledger, round by round, one call of each line
   * in turn until every line has had its count, as a run interleaves them; each call carries
   * the line's mean bytes, FLOPs and CPU seconds.
   */
  static CostLedger replay(CostModels models, List<CostLedger.Entry> entries,
      boolean clock) {
    Map<String, Node> nodes = new HashMap<>();
    TreeMap<Long, List<CostLedger.Entry>> byRound = new TreeMap<>();
    for (CostLedger.Entry e : entries) {
      nodes.computeIfAbsent(e.srcTier() + ":" + e.src(), k -> new Node(e.src(), e.srcTier()));
      if (e.isLink()) {
        nodes.computeIfAbsent(e.dstTier() + ":" + e.dst(), k -> new Node(e.dst(), e.dstTier()));
      }
      byRound.computeIfAbsent(e.round(), k -> new ArrayList<>()).add(e);
    }
    CostLedger ledger = new CostLedger(models);
    for (List<CostLedger.Entry> round : byRound.values()) {
      int lines = round.size();
      Node[] src = new Node[lines];
      Node[] dst = new Node[lines];
      TrafficKind[] kinds = new TrafficKind[lines];
      long most = 0;
      for (int i = 0; i < lines; i++) {
        CostLedger.Entry e = round.get(i);
        src[i] = nodes.get(e.srcTier() + ":" + e.src());
        if (e.isLink()) {
          dst[i] = nodes.get(e.dstTier() + ":" + e.dst());
          kinds[i] = e.trafficKind();
        }
        most = Math.max(most, e.count());
      }
      for (long c = 0; c < most; c++) {
        for (int i = 0; i < lines; i++) {
          CostLedger.Entry e = round.get(i);
          if (c >= e.count()) {
            continue;
          }
          if (e.isLink()) {
            ledger.send(src[i], dst[i], e.round(), kinds[i], e.bytes() / e.count());
          } else {
            double cpu = Double.isNaN(e.cpuSeconds()) ? Double.NaN : e.cpuSeconds() / e.count();
            if (clock) {
              // The strategy's two reads around each step; native calls, never optimised away.
              CpuClock.secondsSince(CpuClock.nanos());
            }
            ledger.compute(src[i], e.round(), e.stage(), e.flops() / e.count(), 0, cpu);
          }
        }
      }
    }
    return ledger;
  }

  /** Largest absolute element difference of two equally long vectors. */
  static double maxAbsDifference(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("parameter vectors of " + a.length + " and " + b.length
          + " values");
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  /** A quick run: MLP, 4 fog nodes, B = 100, 8,000 samples, 5 passes, one repeat. */
  public static void main(String[] args) {
    Options o = new Options(ModelConfig.mnistMlp().withLearningRate(0.1), "output", 4, 100,
        8000, 2000, 5, 1, 1, true);
    System.out.println(run(o).summary());
  }
}
