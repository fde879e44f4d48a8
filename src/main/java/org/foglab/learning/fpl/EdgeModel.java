package org.foglab.learning.fpl;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.NativeThreads;
import org.foglab.learning.NetworkFactory;
import org.foglab.learning.engine.StagedModel;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The part of a multi-source model that runs once, at the edge server, on the concatenation of
 * the sources' branch outputs ({@code batch x S * branchOutput}, row major, source by source):
 *
 * <ul>
 *   <li>{@link #junction}: flexible parallel learning's junction layer J (seed 004, Section II,
 *       Fig. 3), fully connected with identity activation, Xavier initialised, input the
 *       concatenated branch outputs and output the next layer's input size, followed by the
 *       model's layers from the cut on, unchanged: only J's input width depends on {@code S};
 *   <li>{@link #widened}: vertical split learning (Vepakomma et al., arXiv:1812.00564, Sec. 2):
 *       the model's layers from the cut on, the first one's input widened to {@code S} times.
 * </ul>
 *
 * The layers after the cut keep the joined network's configurations (activations, loss,
 * initialisation); parameters are drawn from the model's seed. Backward passes use DL4J's own
 * back-propagation and return the error of the input, which the strategy splits by source.
 */
final class EdgeModel {
  /** DL4J's MCXENT clips softmax probabilities below at this value before the logarithm. */
  private static final double SOFTMAX_CLIP = 1e-10;

  private final MultiLayerNetwork net;
  private final int inputSize;
  private final int classes;
  private final boolean hasJunction;
  private INDArray input;
  private float[] probabilities;
  private int batch;
  private float[] gradient;

  private EdgeModel(MultiLayerNetwork net, int inputSize, int classes, boolean hasJunction) {
    this.net = net;
    this.inputSize = inputSize;
    this.classes = classes;
    this.hasJunction = hasJunction;
  }

  /**
   * The layer index of {@code cutBefore} in {@code config}, rejected with one sentence unless
   * every layer from it on takes flat vectors (the cnn's dense and output, any mlp layer after
   * the first).
   */
  static int cutLayer(ModelConfig config, String given, String option) {
    String cutBefore = FplOptions.layerName(given);
    List<String> names = NetworkFactory.layerNames(config);
    int[] bounds;
    try {
      bounds = StagedModel.stageBounds(config.architecture(), names, List.of(cutBefore));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " names layer \"" + given + "\", which "
          + "the " + config.architecture().configName() + " cannot be cut before; its layers are "
          + String.join(", ", names) + " (C1 conv1, C2 conv2, F1 dense, F2 output)");
    }
    int cut = bounds[1];
    MultiLayerConfiguration joined = NetworkFactory.configuration(config);
    for (int i = cut; i < names.size(); i++) {
      if (!(joined.getConf(i).getLayer() instanceof FeedForwardLayer f)
          || f instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer) {
        throw new IllegalArgumentException(option + " must name a fully connected layer (F1 "
            + "dense or F2 output for the cnn), got \"" + given + "\"");
      }
    }
    return cut;
  }

  /** Junction J then the layers from {@code cutBefore} on. */
  static EdgeModel junction(ModelConfig config, String cutBefore, int sources) {
    return build(config, cutBefore, sources, true);
  }

  /** The layers from {@code cutBefore} on, the first one's input {@code sources} times wider. */
  static EdgeModel widened(ModelConfig config, String cutBefore, int sources) {
    return build(config, cutBefore, sources, false);
  }

  private static EdgeModel build(ModelConfig config, String given, int sources,
      boolean junction) {
    String cutBefore = FplOptions.layerName(given);
    NativeThreads.singleThreaded();
    int cut = cutLayer(config, cutBefore, "--junction-before");
    MultiLayerConfiguration joined = NetworkFactory.configuration(config);
    int branchOut = Math.toIntExact(((FeedForwardLayer) joined.getConf(cut).getLayer()).getNIn());
    List<Layer> layers = new ArrayList<>();
    if (junction) {
      layers.add(new DenseLayer.Builder().name("junction").nIn((long) sources * branchOut)
          .nOut(branchOut).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build());
    }
    int names = NetworkFactory.layerNames(config).size();
    for (int i = cut; i < names; i++) {
      Layer l = joined.getConf(i).getLayer().clone();
      if (!junction && i == cut) {
        ((FeedForwardLayer) l).setNIn((long) sources * branchOut);
      }
      layers.add(l);
    }
    var list = new NeuralNetConfiguration.Builder().seed(config.seed()).dataType(DataType.FLOAT)
        .list();
    for (int i = 0; i < layers.size(); i++) {
      list.layer(i, layers.get(i));
    }
    MultiLayerConfiguration conf = list.build();
    conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
    conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return new EdgeModel(net, sources * branchOut, config.classes(), junction);
  }

  /** Values per sample entering: {@code S} times a branch's output. */
  int inputSize() {
    return inputSize;
  }

  boolean hasJunction() {
    return hasJunction;
  }

  long parameterCount() {
    return net.numParams();
  }

  /** Parameters of the junction layer (0 without one). */
  long junctionParameterCount() {
    return hasJunction ? net.getLayer(0).numParams() : 0;
  }

  /** The DL4J layers' shapes, for tests: the flat parameters of layer {@code i}. */
  float[] layerParameters(int i) {
    return net.getLayer(i).params().toFloatVector();
  }

  /**
   * The Frobenius norm of the junction's weights on each source's inputs (rows {@code s *
   * branchOutput ..}): how much the trained junction weighs each source (seed 004, Section II).
   */
  List<Double> junctionNorms(int sources) {
    INDArray w = net.getLayer(0).getParam("W");
    long rows = w.rows() / sources;
    List<Double> out = new ArrayList<>();
    for (int s = 0; s < sources; s++) {
      out.add(w.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s * rows, (s + 1) * rows),
          org.nd4j.linalg.indexing.NDArrayIndex.all()).norm2Number().doubleValue());
    }
    return out;
  }

  int layerCount() {
    return net.getnLayers();
  }

  float[] parameters() {
    return net.params().toFloatVector();
  }

  void setParameters(float[] p) {
    net.setParams(Nd4j.create(p, new long[] {p.length}, DataType.FLOAT));
  }

  /** Training-mode forward pass; returns the class probabilities, {@code batch x classes}. */
  float[] forward(float[] x, int batch) {
    if (x.length != (long) batch * inputSize) {
      throw new IllegalArgumentException("the edge takes " + inputSize + " values per sample, got "
          + x.length + " for " + batch);
    }
    input = Nd4j.create(x, new long[] {batch, inputSize}, DataType.FLOAT);
    net.setInput(input);
    List<INDArray> acts = net.feedForward(true, false);
    probabilities = Nd4j.toFlattened('c', acts.get(acts.size() - 1)).toFloatVector();
    this.batch = batch;
    gradient = null;
    return probabilities;
  }

  /**
   * After {@link #forward}: the mean cross-entropy of the batch, and the backward pass from the
   * labels; stores the gradient (summed over the batch) and returns the input's error (summed
   * loss's derivative), {@code batch x inputSize}.
   */
  StagedModel.LossAndEpsilon backwardFromLabels(int[] labels) {
    if (input == null || labels.length != batch) {
      throw new IllegalStateException("backwardFromLabels needs a forward pass of "
          + labels.length + " samples first");
    }
    float[] y = new float[batch * classes];
    double loss = 0;
    for (int p = 0; p < batch; p++) {
      y[p * classes + labels[p]] = 1f;
      loss -= Math.log(Math.max(probabilities[p * classes + labels[p]], SOFTMAX_CLIP));
    }
    Pair<Gradient, INDArray> r = net.calculateGradients(input,
        Nd4j.create(y, new long[] {batch, classes}, DataType.FLOAT), null, null);
    INDArray g = net.getFlattenedGradients();
    gradient = g.reshape(g.length()).toFloatVector();
    return new StagedModel.LossAndEpsilon(loss / batch,
        Nd4j.toFlattened('c', r.getSecond()).toFloatVector());
  }

  /** The gradient of the last backward pass, summed over its batch. */
  float[] gradient() {
    if (gradient == null) {
      throw new IllegalStateException("the edge has no gradient yet: call backwardFromLabels");
    }
    return gradient.clone();
  }

  /** {@code w <- w - delta}. */
  void applyDelta(float[] delta) {
    net.params().subi(Nd4j.create(delta, new long[] {delta.length}, DataType.FLOAT));
  }

  /** Inference-mode class probabilities of {@code batch} concatenated inputs. */
  float[] output(float[] x, int batch) {
    return Nd4j.toFlattened('c', net.output(Nd4j.create(x, new long[] {batch, inputSize},
        DataType.FLOAT), false)).toFloatVector();
  }
}
