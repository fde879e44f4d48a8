package org.foglab.learning.fpl;

import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.NativeThreads;
import org.foglab.learning.NetworkFactory;
import org.foglab.learning.engine.CpuClock;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of flexible parallel learning against one process fitting the same CNN on
 * the concatenated views (seed 004's issue 10, {@code bench fpl}): FPL's branches, junction and
 * edge step on {@code samples} multi-view samples in batches of {@code batch} (all parts in the
 * calling thread, one OpenMP thread), then a single DL4J network whose input has one channel per
 * view (the views concatenated, DL4J's channel-major layout) fits the same batches with
 * {@code fit()}. Both use plain SGD at the model's learning rate. Rates are multi-view samples per
 * wall second, and per CPU second of the calling thread beside them. Data: seeded
 * uniform pixels (throughput does not depend on the values).
 */
public final class FplBenchmark {
  private FplBenchmark() {}

  /**
   * @param model the per-view model (its channels must be 1)
   * @param sources S
   * @param junctionBefore the junction's layer
   * @param samples multi-view samples per run
   * @param batch samples per step
   * @param repeats repetitions; the best time of each kind is kept
   * @param seed data seed
   */
  public record Options(ModelConfig model, int sources, String junctionBefore, int samples,
      int batch, int repeats, long seed) {
    public Options {
      if (sources < 2) {
        throw new IllegalArgumentException("--sources must be at least 2 for fpl, got " + sources);
      }
      if (samples < 1 || batch < 1 || repeats < 1) {
        throw new IllegalArgumentException("--samples, --batch-size and --repeats must be "
            + "positive");
      }
    }
  }

  /** Seconds of one timed run. */
  public record Timing(double cpuSeconds, double wallSeconds) {
    Timing min(Timing o) {
      return o == null ? this : new Timing(Math.min(cpuSeconds, o.cpuSeconds),
          Math.min(wallSeconds, o.wallSeconds));
    }
  }

  /**
   * @param samples multi-view samples per run
   * @param fpl FPL's best timing
   * @param fit the single network's best timing
   * @param fplParameters FPL's parameters (branches, junction, rest)
   * @param fitParameters the single network's parameters
   */
  public record Result(int samples, Timing fpl, Timing fit, long fplParameters,
      long fitParameters) {
    /** FPL's multi-view samples per wall second (what a user waits for). */
    public double fplSamplesPerSecond() {
      return samples / fpl.wallSeconds();
    }

    /** The single network's samples per wall second. */
    public double fitSamplesPerSecond() {
      return samples / fit.wallSeconds();
    }

    /** FPL's throughput over fit's, by wall time. */
    public double ratio() {
      return fplSamplesPerSecond() / fitSamplesPerSecond();
    }

    /** FPL's throughput over fit's, by the benchmark thread's CPU time. */
    public double cpuRatio() {
      return fit.cpuSeconds() / fpl.cpuSeconds();
    }

    public String summary() {
      return String.format(Locale.ROOT, "fpl %.1f samples/s, fit on the concatenated views %.1f "
          + "samples/s (wall time), ratio %.2f (by the thread's CPU time %.2f)",
          fplSamplesPerSecond(), fitSamplesPerSecond(), ratio(), cpuRatio());
    }
  }

  public static Result run(Options o) {
    NativeThreads.singleThreaded();
    ModelConfig m = o.model();
    int s = o.sources();
    int f = m.featureCount();
    float[][] views = new float[s][o.samples() * f];
    int[] labels = new int[o.samples()];
    for (int j = 0; j < s; j++) {
      for (int i = 0; i < views[j].length; i++) {
        views[j][i] = (float) Streams.unit(Streams.hash(o.seed(), Purpose.SIMULATION, 7, j, i));
      }
    }
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) Streams.below(Streams.hash(o.seed(), Purpose.SIMULATION, 8, i),
          m.classes());
    }
    ModelConfig wide = new ModelConfig(m.architecture(), m.height(), m.width(), s, m.classes(),
        m.hiddenUnits(), m.kernel(), m.conv1Channels(), m.conv2Channels(), m.denseUnits(),
        m.learningRate(), m.seed());
    Timing fpl = null;
    Timing fit = null;
    long fplParams;
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configuration(wide));
    net.init();
    try (FplStrategy.Parts parts = FplStrategy.Parts.of(m, o.junctionBefore(), s, true)) {
      fplParams = parts.parameterCount();
      for (int r = 0; r < o.repeats(); r++) {
        fpl = timeFpl(parts, views, labels, o, m).min(fpl);
        fit = timeFit(net, views, labels, o, m).min(fit);
      }
    }
    return new Result(o.samples(), fpl, fit, fplParams, net.numParams());
  }

  private static Timing timeFpl(FplStrategy.Parts parts, float[][] views, int[] labels,
      Options o, ModelConfig m) {
    int s = o.sources();
    int f = m.featureCount();
    Optimizer.Update[] bu = new Optimizer.Update[s];
    for (int j = 0; j < s; j++) {
      bu[j] = Optimizer.SGD.create(Math.toIntExact(parts.branches.parameterCount(0)),
          m.learningRate());
    }
    Optimizer.Update eu = Optimizer.SGD.create(Math.toIntExact(parts.edge.parameterCount()),
        m.learningRate());
    long w0 = System.nanoTime();
    long c0 = CpuClock.nanos();
    for (int from = 0; from < o.samples(); from += o.batch()) {
      int b = Math.min(o.batch(), o.samples() - from);
      float[][] x = new float[s][];
      for (int j = 0; j < s; j++) {
        x[j] = Arrays.copyOfRange(views[j], from * f, (from + b) * f);
      }
      parts.step(x, Arrays.copyOfRange(labels, from, from + b), bu, eu, FplStrategy.Hooks.NONE);
    }
    return new Timing(CpuClock.secondsSince(c0), (System.nanoTime() - w0) / 1e9);
  }

  private static Timing timeFit(MultiLayerNetwork net, float[][] views, int[] labels,
      Options o, ModelConfig m) {
    int s = o.sources();
    int f = m.featureCount();
    long w0 = System.nanoTime();
    long c0 = CpuClock.nanos();
    for (int from = 0; from < o.samples(); from += o.batch()) {
      int b = Math.min(o.batch(), o.samples() - from);
      // One sample's S views back to back: the channel-major layout of an S-channel image.
      float[] x = new float[b * s * f];
      float[] y = new float[b * m.classes()];
      for (int p = 0; p < b; p++) {
        for (int j = 0; j < s; j++) {
          System.arraycopy(views[j], (from + p) * f, x, (p * s + j) * f, f);
        }
        y[p * m.classes() + labels[from + p]] = 1;
      }
      net.fit(new DataSet(Nd4j.create(x, new long[] {b, (long) s * f}, DataType.FLOAT),
          Nd4j.create(y, new long[] {b, m.classes()}, DataType.FLOAT)));
    }
    return new Timing(CpuClock.secondsSince(c0), (System.nanoTime() - w0) / 1e9);
  }
}
