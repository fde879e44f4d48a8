package org.foglab.learning;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.foglab.data.SampleSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One DL4J network used as a scratch model: load parameters, take SGD steps (equation (3) of Tu
 * et al.) on samples addressed by id, read parameters back. Many simulated devices share one
 * instance in turn (set, step, read), so a partition never builds a network per device.
 *
 * <p>Instances come from a per-JVM pool ({@link #borrow(ModelConfig)}) and go back on
 * {@link #close()}; one instance is never used by two threads at once. Parameters are exchanged
 * as flat float arrays in DL4J's layout (layer by layer, weights then biases, weights
 * column-major).
 *
 * <p>Threads: a device's batch is a handful of samples, far too small for ND4J's OpenMP
 * parallelism, which on a busy machine costs more than it saves (measured 5-10x slower per
 * step with 2 threads than with 1 on 2 shared cores). Parallelism comes from running devices
 * side by side (Spark tasks) instead, so every thread that borrows a model sets its ND4J ops to
 * one OpenMP thread ({@link NativeThreads}).
 */
public final class LocalModel implements AutoCloseable {
  private static final Map<ModelConfig, Queue<LocalModel>> POOL = new ConcurrentHashMap<>();
  private static final int EVALUATION_BATCH = 500;

  private final ModelConfig config;
  private final MultiLayerNetwork net;
  private final int featureCount;
  private final int classes;
  private final double learningRate;
  private boolean borrowed;

  private LocalModel(ModelConfig config) {
    this.config = config;
    this.net = NetworkFactory.create(config);
    this.featureCount = config.featureCount();
    this.classes = config.classes();
    this.learningRate = config.learningRate();
  }

  /** A model from the pool (or a new one); its parameters are undefined until set. */
  public static LocalModel borrow(ModelConfig config) {
    NativeThreads.singleThreaded();
    LocalModel m = POOL.computeIfAbsent(config, c -> new ConcurrentLinkedQueue<>()).poll();
    if (m == null) {
      m = new LocalModel(config);
    }
    m.borrowed = true;
    return m;
  }

  /** The initial parameters {@code w(0)} of a model: a pure function of its config and seed. */
  public static float[] initialParameters(ModelConfig config) {
    NativeThreads.singleThreaded();
    return NetworkFactory.create(config).params().toFloatVector();
  }

  /** Returns the instance to the pool. */
  @Override
  public void close() {
    if (borrowed) {
      borrowed = false;
      POOL.computeIfAbsent(config, c -> new ConcurrentLinkedQueue<>()).add(this);
    }
  }

  public ModelConfig config() {
    return config;
  }

  public long parameterCount() {
    return net.numParams();
  }

  /** Loads parameters (copied). */
  public void setParameters(float[] params) {
    checkLength(params.length);
    net.setParams(Nd4j.create(params, new long[] {params.length}, DataType.FLOAT));
  }

  /**
   * Loads parameters already held as an ND4J vector (copied): cheaper when many devices start
   * from the same parameters.
   */
  public void setParameters(ParameterVector params) {
    checkLength((int) params.array().length());
    net.setParams(params.array());
  }

  /** The current parameters (a copy). */
  public float[] parameters() {
    return net.params().toFloatVector();
  }

  private void checkLength(int length) {
    if (length != net.numParams()) {
      throw new IllegalArgumentException("the model has " + net.numParams()
          + " parameters, got " + length);
    }
  }

  /**
   * One gradient step on the samples {@code ids[from..to)} of {@code source}: {@code w <- w -
   * eta * (1/|G|) sum_d grad l(w, x_d, y_d)}. Returns the mean loss of the batch at the
   * parameters before the step ({@code L_i(w_i(t-1) | G_i(t))}).
   */
  public double step(SampleSource source, int[] ids, int from, int to) {
    int g = to - from;
    if (g < 1) {
      throw new IllegalArgumentException("a gradient step needs at least one sample");
    }
    if (source.featureCount() != featureCount || source.classCount() != classes) {
      throw new IllegalArgumentException("data with " + source.featureCount() + " features and "
          + source.classCount() + " classes does not fit a model of " + featureCount
          + " inputs and " + classes + " classes");
    }
    float[] x = new float[g * featureCount];
    float[] y = new float[g * classes];
    for (int p = 0; p < g; p++) {
      int id = ids[from + p];
      source.copyFeatures(id, x, p * featureCount);
      y[p * classes + source.label(id)] = 1f;
    }
    net.setInput(Nd4j.create(x, new long[] {g, featureCount}, DataType.FLOAT));
    net.setLabels(Nd4j.create(y, new long[] {g, classes}, DataType.FLOAT));
    // DL4J returns the gradient summed over the batch (its updater divides by the batch size);
    // applying eta / |G| directly is equation (3) without the updater machinery.
    net.computeGradientAndScore();
    INDArray w = net.params();
    w.subi(net.getFlattenedGradients().reshape(w.shape()).muli(learningRate / g));
    return net.score();
  }

  /**
   * The same step through DL4J's own {@code fit} (its SGD updater), for comparison: identical
   * up to float rounding, and slower.
   */
  public double fitStep(SampleSource source, int[] ids, int from, int to) {
    int g = to - from;
    float[] x = new float[g * featureCount];
    float[] y = new float[g * classes];
    for (int p = 0; p < g; p++) {
      int id = ids[from + p];
      source.copyFeatures(id, x, p * featureCount);
      y[p * classes + source.label(id)] = 1f;
    }
    net.fit(Nd4j.create(x, new long[] {g, featureCount}, DataType.FLOAT),
        Nd4j.create(y, new long[] {g, classes}, DataType.FLOAT));
    return net.score();
  }

  /** Accuracy and mean cross-entropy of the current parameters on all samples of {@code test}. */
  public ModelEvaluation evaluate(SampleSource test) {
    return evaluate(net, test);
  }

  /**
   * Accuracy and mean cross-entropy of {@code net} on all samples of {@code test}, in batches of
   * {@value #EVALUATION_BATCH}: the one scoring path of training runs and saved models.
   */
  public static ModelEvaluation evaluate(MultiLayerNetwork net, SampleSource test) {
    int n = test.size();
    if (n == 0) {
      return new ModelEvaluation(Double.NaN, Double.NaN, 0);
    }
    int featureCount = test.featureCount();
    int classes = (int) net.getOutputLayer().getParam("b").length();
    ModelEvaluation.Tally tally = new ModelEvaluation.Tally(classes);
    for (int from = 0; from < n; from += EVALUATION_BATCH) {
      int g = Math.min(EVALUATION_BATCH, n - from);
      float[] x = new float[g * featureCount];
      for (int p = 0; p < g; p++) {
        test.copyFeatures(from + p, x, p * featureCount);
      }
      INDArray out = net.output(Nd4j.create(x, new long[] {g, featureCount}, DataType.FLOAT),
          false);
      float[] prob = out.ravel().toFloatVector();
      for (int p = 0; p < g; p++) {
        tally.add(prob, p, test.label(from + p));
      }
    }
    return tally.result();
  }

  /**
   * A parameter vector kept in ND4J memory, loaded into many models without converting from a
   * Java array each time.
   */
  public static final class ParameterVector {
    private final INDArray array;

    public ParameterVector(float[] params) {
      this.array = Nd4j.create(params, new long[] {params.length}, DataType.FLOAT);
    }

    INDArray array() {
      return array;
    }
  }
}
