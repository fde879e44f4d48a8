package org.foglab.learning.engine;

import static org.foglab.learning.DenseArrays.array;
import static org.foglab.learning.DenseArrays.dense;
import static org.foglab.learning.DenseArrays.flat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.foglab.data.SampleSource;
import org.foglab.learning.Architecture;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.NativeThreads;
import org.foglab.learning.NetworkFactory;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network of a {@link ModelConfig} cut into ordered stages at named layers
 * ({@link NetworkFactory#layerNames(ModelConfig)}), each stage its own DL4J network with
 * forward passes, backward passes from external errors and its own parameters. This is the
 * building block of split learning (Gupta and Raskar, "Distributed learning of deep neural
 * network over multiple agents", J. Netw. Comput. Appl. 116, 2018; Vepakomma et al., "Split
 * learning for health", arXiv:1812.00564): fog nodes run stage 0 on their own samples and send
 * its activations ("smashed data") up; the cloud runs the remaining stages, computes the loss
 * and sends the error of each node's activations back. With more cuts it is a k-stage pipeline
 * (Huang et al., "GPipe", NeurIPS 2019).
 *
 * <p>Exactness: stage {@code k} holds layers {@code [cut_{k-1}, cut_k)} with the joined
 * network's layer configurations and input preprocessors, and its parameters are the joined
 * network's flat parameter vector (DL4J layout: layer by layer) cut at the same layers, so
 * {@link #parameters()} is the joined network's layout. Backward passes use DL4J's own
 * back-propagation, so a training step on the stages (summing the gradients of stage-0 copies
 * over fog nodes) equals the joined network's step of {@link LocalModel#step} up to float32
 * rounding of the different summation order.
 *
 * <p>Activations, errors and inputs are exchanged as row-major float arrays, {@code batch x
 * size}; a sample's elements are in DL4J's order (for images: channel, row, column), the order
 * the joined network's {@code CnnToFeedForwardPreProcessor} flattens them in.
 *
 * <p>Forward state: {@link #forward(int, float[], int)} keeps what the following backward of the
 * same stage needs; a later forward of that stage replaces it. To back-propagate several
 * sub-batches through one stage (one per fog node), use one {@code StagedModel} per fog node or
 * the per-branch copies of {@link #replicated(ModelConfig, String, int)}.
 *
 * <p>On a model from {@link #replicated(ModelConfig, String, int)}, the methods without a branch
 * argument refuse stage 0 with an {@link IllegalStateException}, as do the joined-layout
 * {@link #parameters()} and {@link #setParameters(float[])}: each branch has its own stage 0.
 *
 * <p>Instances come from a per-JVM pool and go back on {@link #close()}; one instance is used by
 * one thread at a time, the calling thread's ND4J ops set to one OpenMP thread
 * ({@link NativeThreads}).
 */
public final class StagedModel implements AutoCloseable {
  private static final Map<PoolKey, Queue<Stage[]>> POOL = new ConcurrentHashMap<>();
  /**
   * Configurations whose idle instances the pool keeps, most recently returned last: a sweep
   * runs many configurations (seeds, cuts) in one executor JVM, and keeping every one's
   * networks (tens of millions of parameters for the LEAF CNN, in native memory) grew a training
   * sweep past the machine's memory. Older configurations' idle instances are dropped.
   */
  private static final java.util.LinkedHashSet<PoolKey> RECENT = new java.util.LinkedHashSet<>();
  /** Most configurations with idle instances in the pool. */
  static final int POOLED_CONFIGS = 4;
  /**
   * The initial parameters of each config (a pure function of it), so that taking a pooled
   * model does not build and initialise a whole network again (Spark tasks of the multi-source
   * modes take one per task). Never modified: {@link #slice} copies.
   */
  private static final Map<ModelConfig, float[]> INITIAL = new ConcurrentHashMap<>();
  private static final int EVALUATION_BATCH = 500;
  /** DL4J's MCXENT clips softmax probabilities below at this value before the logarithm. */
  private static final double SOFTMAX_CLIP = 1e-10;

  private final ModelConfig config;
  private final PoolKey key;
  private final Stage[] stages;
  private boolean open = true;

  /**
   * The loss of a batch and the error of the last stage's input.
   *
   * @param loss mean softmax cross-entropy over the batch
   * @param epsilon derivative of the summed loss with respect to the stage's input, {@code batch
   *     x inputSize}, row major
   */
  public record LossAndEpsilon(double loss, float[] epsilon) {
    public LossAndEpsilon {
      if (epsilon == null) {
        throw new IllegalArgumentException("epsilon must be the input error array, got null");
      }
    }
  }

  private record PoolKey(ModelConfig config, List<String> cuts, int branches) {}

  /** Shapes and costs of one stage, a pure function of the config and the cuts. */
  private record Layout(List<String> layers, int firstLayer, long[] inputShape,
      long[] outputShape, int inputSize, int outputSize, long parameterCount,
      long parameterOffset, double forwardFlops) {}

  /** One stage: its layout and one network per branch. */
  private static final class Stage {
    final Layout layout;
    final Replica[] replicas;

    Stage(Layout layout, Replica[] replicas) {
      this.layout = layout;
      this.replicas = replicas;
    }
  }

  /** One copy of a stage's network and the state between its forward and backward pass. */
  private static final class Replica {
    final MultiLayerNetwork net;
    /** Samples of the last forward pass; 0 when there is none. */
    int batch;
    /** Last stage: the input and output probabilities of the last forward pass. */
    INDArray input;
    float[] probabilities;
    float[] gradient;

    Replica(MultiLayerNetwork net) {
      this.net = net;
    }

    void clearState() {
      batch = 0;
      input = null;
      probabilities = null;
      gradient = null;
    }
  }

  private StagedModel(ModelConfig config, PoolKey key, Stage[] stages) {
    this.config = config;
    this.key = key;
    this.stages = stages;
  }

  /**
   * Cuts the network of {@code config} before each layer named in {@code cutBefore}: stage
   * {@code k} holds the layers from the {@code k}-th cut (the first layer for stage 0) up to
   * the next. Initial parameters are {@link LocalModel#initialParameters(ModelConfig)} split by
   * stage.
   *
   * @throws IllegalArgumentException if {@code cutBefore} is empty, names a layer the network
   *     does not have, names its first layer, or names layers out of network order or twice
   */
  public static StagedModel of(ModelConfig config, List<String> cutBefore) {
    return build(config, cutBefore, 1);
  }

  /**
   * A two-stage model whose stage 0 (the layers before {@code cutBefore}) exists {@code
   * sources} times, one branch per data source with its own parameters and forward state
   * (initially all equal to the joined network's), addressed by the {@code (stage, branch)}
   * overloads; stage 1 is shared. This is the shape of flexible parallel learning, where each
   * source trains its own bottom of the network under one shared top.
   *
   * @throws IllegalArgumentException if {@code cutBefore} is not a layer after the first or
   *     {@code sources < 1}
   */
  public static StagedModel replicated(ModelConfig config, String cutBefore, int sources) {
    if (sources < 1) {
      throw new IllegalArgumentException("a replicated stage needs at least one source, got "
          + sources);
    }
    return build(config, List.of(cutBefore), sources);
  }

  private static StagedModel build(ModelConfig config, List<String> cutBefore, int branches) {
    NativeThreads.singleThreaded();
    List<String> names = NetworkFactory.layerNames(config);
    int[] bounds = stageBounds(config.architecture(), names, cutBefore);
    PoolKey key = new PoolKey(config, List.copyOf(cutBefore), branches);
    float[] initial = INITIAL.computeIfAbsent(config, LocalModel::initialParameters);
    Stage[] stages = POOL.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
    if (stages == null) {
      stages = newStages(config, names, bounds, branches, initial);
    } else {
      for (Stage s : stages) {
        for (Replica r : s.replicas) {
          loadParameters(r, s.layout, slice(initial, s.layout));
        }
      }
    }
    return new StagedModel(config, key, stages);
  }

  /**
   * Layer index where each stage starts, then the layer count; rejects cuts that name no layer,
   * the first layer, or layers out of network order, with one sentence listing the layers.
   *
   * @param architecture the model's architecture (named in messages)
   * @param names its layer names ({@link NetworkFactory#layerNames})
   * @param cutBefore the first layer of each stage after the first
   */
  public static int[] stageBounds(Architecture architecture, List<String> names,
      List<String> cutBefore) {
    String model = architecture.name().toLowerCase(Locale.ROOT);
    String listing = String.join(", ", names);
    if (cutBefore == null) {
      throw new IllegalArgumentException("--cut must list the layers to cut the " + model
          + " before (none: one stage); its layers are " + listing);
    }
    int[] bounds = new int[cutBefore.size() + 2];
    for (int c = 0; c < cutBefore.size(); c++) {
      String name = cutBefore.get(c);
      int layer = names.indexOf(name);
      if (layer < 0) {
        throw new IllegalArgumentException("--cut names layer \"" + name + "\", which the " + model
            + " does not have; its layers are " + listing);
      }
      if (layer == 0) {
        throw new IllegalArgumentException("--cut names layer \"" + name + "\", the first layer of"
            + " the " + model + ", which would leave stage 0 empty; its layers are " + listing);
      }
      if (layer <= bounds[c]) {
        throw new IllegalArgumentException("--cut names layer \"" + name + "\" after \""
            + cutBefore.get(c - 1) + "\", but cuts must be distinct and in network order; its "
            + "layers are " + listing);
      }
      bounds[c + 1] = layer;
    }
    bounds[bounds.length - 1] = names.size();
    return bounds;
  }

  private static Stage[] newStages(ModelConfig config, List<String> names, int[] bounds,
      int branches, float[] initial) {
    MultiLayerConfiguration joined = NetworkFactory.configuration(config);
    InputType input = NetworkFactory.inputType(config);
    List<InputType> outputs = joined.getLayerActivationTypes(input);
    LayerCosts costs = LayerCosts.of(config);
    int layers = names.size();
    long[] layerParams = new long[layers];
    for (int i = 0; i < layers; i++) {
      NeuralNetConfiguration conf = joined.getConf(i);
      layerParams[i] = conf.getLayer().initializer().numParams(conf);
    }
    Stage[] stages = new Stage[bounds.length - 1];
    long offset = 0;
    for (int k = 0; k < stages.length; k++) {
      int from = bounds[k];
      int to = bounds[k + 1];
      InputType in = from == 0 ? input : outputs.get(from - 1);
      InputType out = outputs.get(to - 1);
      long count = 0;
      for (int i = from; i < to; i++) {
        count += layerParams[i];
      }
      double flops = costs.forwardFlops(from, to);
      // Stage 0 takes the flat feature vectors the joined network takes; later stages take the
      // previous layer's activations in their own shape (images stay images).
      long[] inShape = from == 0 ? new long[] {config.featureCount()} : in.getShape(false);
      Layout layout = new Layout(List.copyOf(names.subList(from, to)), from, inShape,
          out.getShape(false), Math.toIntExact(in.arrayElementsPerExample()),
          Math.toIntExact(out.arrayElementsPerExample()), count, offset, flops);
      offset += count;
      int copies = k == 0 ? branches : 1;
      Replica[] replicas = new Replica[copies];
      for (int b = 0; b < copies; b++) {
        replicas[b] = new Replica(stageNetwork(joined, from, to, slice(initial, layout)));
      }
      stages[k] = new Stage(layout, replicas);
    }
    return stages;
  }

  /**
   * The layers {@code [from, to)} of {@code joined} as a network of their own: clones of the
   * joined layer configurations and input preprocessors, so shapes, activations and parameter
   * layout are the joined network's. Workspaces are off: layer inputs must outlive the forward
   * call until the external errors arrive.
   */
  private static MultiLayerNetwork stageNetwork(MultiLayerConfiguration joined, int from, int to,
      float[] params) {
    List<NeuralNetConfiguration> confs = new ArrayList<>();
    Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
    for (int i = from; i < to; i++) {
      confs.add(joined.getConf(i).clone());
      InputPreProcessor pre = joined.getInputPreProcess(i);
      if (pre != null) {
        preprocessors.put(i - from, pre.clone());
      }
    }
    MultiLayerConfiguration conf = new MultiLayerConfiguration.Builder()
        .confs(confs)
        .inputPreProcessors(preprocessors)
        .dataType(DataType.FLOAT)
        .trainingWorkspaceMode(WorkspaceMode.NONE)
        .inferenceWorkspaceMode(WorkspaceMode.NONE)
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    if (params.length == 0) {
      net.init();
    } else {
      net.init(array(params, params.length), false);
    }
    return net;
  }

  private static float[] slice(float[] joined, Layout layout) {
    int from = Math.toIntExact(layout.parameterOffset());
    return Arrays.copyOfRange(joined, from, from + Math.toIntExact(layout.parameterCount()));
  }

  private static void loadParameters(Replica r, Layout layout, float[] params) {
    if (params.length != layout.parameterCount()) {
      throw new IllegalArgumentException("stage with layers " + String.join(", ", layout.layers())
          + " has " + layout.parameterCount() + " parameters, got " + params.length);
    }
    if (params.length > 0) {
      // Straight into the network's parameter buffer (what setParams' assign does, without
      // building a temporary array first).
      INDArray w = r.net.params();
      if (dense(w)) {
        new FloatPointer(w.data().addressPointer()).put(params, 0, params.length);
      } else {
        r.net.setParams(array(params, params.length));
      }
    }
  }

  /** Returns the stage networks to the per-JVM pool; the instance is unusable afterwards. */
  @Override
  public void close() {
    if (open) {
      open = false;
      for (Stage s : stages) {
        for (Replica r : s.replicas) {
          r.clearState();
          r.net.clearLayersStates();
        }
      }
      POOL.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(stages);
      synchronized (RECENT) {
        RECENT.remove(key);
        RECENT.add(key);
        while (RECENT.size() > POOLED_CONFIGS) {
          PoolKey oldest = RECENT.iterator().next();
          RECENT.remove(oldest);
          POOL.remove(oldest);
          if (RECENT.stream().noneMatch(k -> k.config().equals(oldest.config()))) {
            INITIAL.remove(oldest.config());
          }
        }
      }
    }
  }

  /** Configurations with idle instances in the pool (for tests). */
  static int pooledConfigs() {
    synchronized (RECENT) {
      return (int) POOL.values().stream().filter(q -> !q.isEmpty()).count();
    }
  }

  public ModelConfig config() {
    return config;
  }

  /** The layer names cut before, in network order. */
  public List<String> cuts() {
    return key.cuts();
  }

  public int stageCount() {
    return stages.length;
  }

  /** Copies of stage {@code stage}: the number of sources for stage 0 of a replicated model. */
  public int branchCount(int stage) {
    return stage(stage).replicas.length;
  }

  /** The names of the layers of {@code stage}, in network order. */
  public List<String> stageLayers(int stage) {
    return stage(stage).layout.layers();
  }

  /** Elements per sample entering {@code stage}: the feature count for stage 0. */
  public int inputSize(int stage) {
    return stage(stage).layout.inputSize();
  }

  /** Elements per sample leaving {@code stage}: the class count for the last stage. */
  public int outputSize(int stage) {
    return stage(stage).layout.outputSize();
  }

  public long parameterCount(int stage) {
    return stage(stage).layout.parameterCount();
  }

  /** The parameters of {@code stage} (a copy, DL4J's flat layout of that sub-network). */
  public float[] parameters(int stage) {
    return parameters(stage, single(stage, "parameters"));
  }

  /** The parameters of one branch of {@code stage} (a copy). */
  public float[] parameters(int stage, int branch) {
    Replica r = replica(stage, branch);
    return stage(stage).layout.parameterCount() == 0 ? new float[0]
        : flat(r.net.params());
  }

  /** Loads the parameters of {@code stage} (copied). */
  public void setParameters(int stage, float[] p) {
    setParameters(stage, single(stage, "setParameters"), p);
  }

  /** Loads the parameters of one branch of {@code stage} (copied). */
  public void setParameters(int stage, int branch, float[] p) {
    loadParameters(replica(stage, branch), stage(stage).layout, p);
  }

  /** All stages' parameters concatenated: the joined network's flat layout. */
  public float[] parameters() {
    float[] joined = new float[Math.toIntExact(totalParameters())];
    for (int k = 0; k < stages.length; k++) {
      float[] p = parameters(k);
      System.arraycopy(p, 0, joined, Math.toIntExact(stages[k].layout.parameterOffset()),
          p.length);
    }
    return joined;
  }

  /** Loads the joined network's flat parameters into the stages (copied). */
  public void setParameters(float[] joined) {
    if (joined.length != totalParameters()) {
      throw new IllegalArgumentException("the model has " + totalParameters()
          + " parameters, got " + joined.length);
    }
    for (int k = 0; k < stages.length; k++) {
      setParameters(k, slice(joined, stages[k].layout));
    }
  }

  private long totalParameters() {
    return stages[stages.length - 1].layout.parameterOffset()
        + stages[stages.length - 1].layout.parameterCount();
  }

  /**
   * Forward pass of {@code stage} in training mode on {@code batch} samples ({@code input} row
   * major, {@code batch x inputSize(stage)}); keeps what the following backward of the stage
   * needs. Returns the activations, {@code batch x outputSize(stage)} (class probabilities for
   * the last stage).
   */
  public float[] forward(int stage, float[] input, int batch) {
    return forward(stage, single(stage, "forward"), input, batch);
  }

  /** {@link #forward(int, float[], int)} on one branch of {@code stage}. */
  public float[] forward(int stage, int branch, float[] input, int batch) {
    Replica r = replica(stage, branch);
    Layout layout = stage(stage).layout;
    if (batch < 1) {
      throw new IllegalArgumentException("forward(" + stage + ") needs at least one sample, got "
          + batch);
    }
    if (input.length != (long) batch * layout.inputSize()) {
      throw new IllegalArgumentException("forward(" + stage + ") takes " + layout.inputSize()
          + " values per sample, so " + (long) batch * layout.inputSize() + " for " + batch
          + " samples, got " + input.length);
    }
    INDArray x = array(input, withBatch(layout.inputShape(), batch));
    r.clearState();
    r.net.setInput(x);
    // Keep the layer inputs (clearInputs = false): back-propagation reads them.
    List<INDArray> activations = r.net.feedForward(true, false);
    float[] out = flat(activations.get(activations.size() - 1));
    r.batch = batch;
    if (stage == stages.length - 1) {
      r.input = x;
      r.probabilities = out;
    }
    return out;
  }

  /**
   * Last stage only, after its {@link #forward(int, float[], int)}: the mean softmax
   * cross-entropy of the batch at the current parameters (computed from the forward pass's
   * probabilities, floored at DL4J's 1e-10; DL4J's upper clip {@code 1 - 1e-10} is 1 in
   * float32), and the backward pass from the labels: stores the stage's gradient (summed over
   * the batch) and returns the error of the stage's input, {@code batch x inputSize}, summed
   * over the batch like DL4J's joined gradient (the derivative of the summed, not the mean,
   * loss).
   */
  public LossAndEpsilon backwardFromLabels(int stage, int[] labels) {
    int last = stages.length - 1;
    if (stage != last) {
      throw new IllegalArgumentException("backwardFromLabels needs the last stage, " + last
          + ", got " + stage + "; earlier stages take the error from the next: backward(stage, "
          + "epsilonOut)");
    }
    Replica r = replica(stage, 0);
    requireForward(r, stage, "backwardFromLabels");
    int classes = config.classes();
    if (labels.length != r.batch) {
      throw new IllegalArgumentException("backwardFromLabels(" + stage + ") needs one label per "
          + "sample of the last forward pass, " + r.batch + ", got " + labels.length);
    }
    float[] y = new float[r.batch * classes];
    double loss = 0;
    for (int p = 0; p < r.batch; p++) {
      int label = labels[p];
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException("label " + label + " of sample " + p + " is outside 0.."
            + (classes - 1));
      }
      y[p * classes + label] = 1f;
      loss -= Math.log(Math.max(r.probabilities[p * classes + label], SOFTMAX_CLIP));
    }
    Pair<Gradient, INDArray> result = r.net.calculateGradients(r.input,
        array(y, r.batch, classes), null, null);
    r.gradient = flattenedGradient(r.net, stage(stage).layout);
    return new LossAndEpsilon(loss / r.batch, flat(result.getSecond()));
  }

  /**
   * Non-last stage, after its {@link #forward(int, float[], int)}: back-propagates the external
   * error {@code epsilonOut} ({@code batch x outputSize}, the loss's derivative with respect to
   * the stage's output, as the next stage returned it), stores the stage's gradient and returns
   * the error of the stage's input ({@code batch x inputSize}). Stage 0 returns it too: DL4J
   * computes it in any case, and a finite-difference check needs it.
   */
  public float[] backward(int stage, float[] epsilonOut) {
    return backward(stage, single(stage, "backward"), epsilonOut);
  }

  /** {@link #backward(int, float[])} on one branch of {@code stage}. */
  public float[] backward(int stage, int branch, float[] epsilonOut) {
    if (stage == stages.length - 1) {
      throw new IllegalArgumentException("stage " + stage + " is the last; its backward pass "
          + "starts from the labels: backwardFromLabels(stage, labels)");
    }
    Replica r = replica(stage, branch);
    Layout layout = stage(stage).layout;
    requireForward(r, stage, "backward");
    if (epsilonOut.length != (long) r.batch * layout.outputSize()) {
      throw new IllegalArgumentException("backward(" + stage + ") takes the error of " + r.batch
          + " samples of " + layout.outputSize() + " outputs, " + (long) r.batch
          * layout.outputSize() + " values, got " + epsilonOut.length);
    }
    INDArray e = array(epsilonOut, withBatch(layout.outputShape(), r.batch));
    Pair<Gradient, INDArray> result = r.net.backpropGradient(e,
        LayerWorkspaceMgr.noWorkspaces());
    r.gradient = flattenedGradient(r.net, layout);
    return result.getSecond() == null ? null : flat(result.getSecond());
  }

  /**
   * The gradient stored by the last backward pass of {@code stage} (a copy, the stage's flat
   * layout), summed over the batch as {@link LocalModel#step}'s is (a step applies {@code
   * eta/|G|} times it).
   */
  public float[] gradient(int stage) {
    return gradient(stage, single(stage, "gradient"));
  }

  /** {@link #gradient(int)} of one branch of {@code stage}. */
  public float[] gradient(int stage, int branch) {
    Replica r = replica(stage, branch);
    if (r.gradient == null) {
      throw new IllegalStateException("stage " + stage + " has no gradient yet: call backward "
          + "first");
    }
    return r.gradient.clone();
  }

  /** {@code w_stage <- w_stage - scale * grad}, in place ({@code grad} in the stage's layout). */
  public void applyGradient(int stage, float[] grad, double scale) {
    applyGradient(stage, single(stage, "applyGradient"), grad, scale);
  }

  /** {@link #applyGradient(int, float[], double)} on one branch of {@code stage}. */
  public void applyGradient(int stage, int branch, float[] grad, double scale) {
    Replica r = replica(stage, branch);
    Layout layout = stage(stage).layout;
    if (grad.length != layout.parameterCount()) {
      throw new IllegalArgumentException("stage " + stage + " has " + layout.parameterCount()
          + " parameters, got a gradient of " + grad.length);
    }
    if (grad.length > 0) {
      // The same float32 operations as LocalModel.step: scale the gradient, then subtract.
      INDArray w = r.net.params();
      w.subi(array(grad, grad.length).muli(scale));
    }
  }

  /**
   * Forward FLOPs per sample of {@code stage}, multiply-adds counting 2: dense layers {@code 2
   * nIn nOut + nOut} (the bias add included); convolutions {@code outH outW outC * 2 k^2 inC}
   * (multiply-adds only); max pooling {@code outputs * k^2} comparisons; activation functions
   * (ReLU, softmax) not counted.
   */
  public double forwardFlopsPerSample(int stage) {
    return stage(stage).layout.forwardFlops();
  }

  /**
   * Backward FLOPs per sample of {@code stage}: twice the forward count (the error of the input
   * and the gradient of the weights each cost about one forward pass; Kaplan et al., "Scaling
   * laws for neural language models", arXiv:2001.08361, 2020).
   */
  public double backwardFlopsPerSample(int stage) {
    return 2 * forwardFlopsPerSample(stage);
  }

  /**
   * Accuracy and mean cross-entropy of the current parameters on all samples of {@code test},
   * through all stages in inference mode, like {@link LocalModel#evaluate}. Discards the forward
   * state of every stage (a pending backward pass must come before).
   */
  public ModelEvaluation evaluate(SampleSource test) {
    return evaluate(test, single(0, "evaluate"));
  }

  /** {@link #evaluate(SampleSource)} through one branch of stage 0. */
  public ModelEvaluation evaluate(SampleSource test, int branch) {
    replica(0, branch);
    int featureCount = config.featureCount();
    int classes = config.classes();
    if (test.featureCount() != featureCount || test.classCount() != classes) {
      throw new IllegalArgumentException("data with " + test.featureCount() + " features and "
          + test.classCount() + " classes does not fit a model of " + featureCount
          + " inputs and " + classes + " classes");
    }
    int n = test.size();
    if (n == 0) {
      return new ModelEvaluation(Double.NaN, Double.NaN, 0);
    }
    for (Stage s : stages) {
      for (Replica r : s.replicas) {
        r.clearState();
      }
    }
    ModelEvaluation.Tally tally = new ModelEvaluation.Tally(classes);
    for (int from = 0; from < n; from += EVALUATION_BATCH) {
      int g = Math.min(EVALUATION_BATCH, n - from);
      float[] x = new float[g * featureCount];
      for (int p = 0; p < g; p++) {
        test.copyFeatures(from + p, x, p * featureCount);
      }
      INDArray a = array(x, g, featureCount);
      for (int k = 0; k < stages.length; k++) {
        a = stages[k].replicas[k == 0 ? branch : 0].net.output(a, false);
      }
      float[] prob = flat(a);
      for (int p = 0; p < g; p++) {
        tally.add(prob, p, test.label(from + p));
      }
    }
    return tally.result();
  }

  private Stage stage(int stage) {
    if (!open) {
      throw new IllegalStateException("the staged model is closed");
    }
    if (stage < 0 || stage >= stages.length) {
      throw new IllegalArgumentException("stage " + stage + " does not exist; the model has "
          + "stages 0.." + (stages.length - 1));
    }
    return stages[stage];
  }

  private Replica replica(int stage, int branch) {
    Stage s = stage(stage);
    if (branch < 0 || branch >= s.replicas.length) {
      throw new IllegalArgumentException("stage " + stage + " has branches 0.."
          + (s.replicas.length - 1) + ", got " + branch);
    }
    return s.replicas[branch];
  }

  /** The only branch of {@code stage}; a replicated stage needs the branch named. */
  private int single(int stage, String method) {
    int branches = stage(stage).replicas.length;
    if (branches != 1) {
      throw new IllegalStateException("stage " + stage + " has " + branches + " branches; name "
          + "the branch: " + method + "(" + stage + ", branch, ...)");
    }
    return 0;
  }

  private static void requireForward(Replica r, int stage, String method) {
    if (r.batch == 0) {
      throw new IllegalStateException(method + "(" + stage + ") needs a forward(" + stage
          + ", ...) first");
    }
  }

  private static float[] flattenedGradient(MultiLayerNetwork net, Layout layout) {
    if (layout.parameterCount() == 0) {
      return new float[0];
    }
    INDArray g = net.getFlattenedGradients();
    return flat(g);
  }

  private static long[] withBatch(long[] sampleShape, int batch) {
    long[] shape = new long[sampleShape.length + 1];
    shape[0] = batch;
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
    return shape;
  }
}
