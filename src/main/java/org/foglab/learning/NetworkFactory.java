package org.foglab.learning;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds the DL4J network of a {@link ModelConfig}: float32, plain SGD with the constant
 * learning rate (equation (3): {@code w <- w - eta * mean gradient over the minibatch}),
 * softmax cross-entropy, He initialisation for ReLU layers and Xavier for the output layer.
 * Kept apart from the training loops, which only see {@link LocalModel}.
 *
 * <p>Every layer has a stable name ({@link #layerNames(ModelConfig)}), so a network can be cut
 * into stages at a named layer (split learning, pipelines). Names change no parameter: DL4J
 * draws the initial weights from the seed in layer order, whatever the layers are called.
 */
public final class NetworkFactory {
  private NetworkFactory() {}

  /** The DL4J configuration of {@code model}. */
  public static MultiLayerConfiguration configuration(ModelConfig model) {
    var list = new NeuralNetConfiguration.Builder()
        .seed(model.seed())
        .dataType(DataType.FLOAT)
        .updater(new Sgd(model.learningRate()))
        .weightInit(WeightInit.RELU)
        .list();
    List<String> names = layerNames(model);
    int layer = 0;
    if (model.architecture() == Architecture.MLP) {
      for (int units : model.hiddenUnits()) {
        list.layer(layer, new DenseLayer.Builder().name(names.get(layer)).nOut(units)
            .activation(Activation.RELU).build());
        layer++;
      }
    } else {
      int k = model.kernel();
      list.layer(layer, PatchConvolution.of(new ConvolutionLayer.Builder(k, k)
          .name(names.get(layer)).nOut(model.conv1Channels()).stride(1, 1)
          .activation(Activation.RELU)));
      layer++;
      list.layer(layer, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
          .name(names.get(layer)).kernelSize(2, 2).stride(2, 2).build());
      layer++;
      list.layer(layer, PatchConvolution.of(new ConvolutionLayer.Builder(k, k)
          .name(names.get(layer)).nOut(model.conv2Channels()).stride(1, 1)
          .activation(Activation.RELU)));
      layer++;
      list.layer(layer, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
          .name(names.get(layer)).kernelSize(2, 2).stride(2, 2).build());
      layer++;
      list.layer(layer, new DenseLayer.Builder().name(names.get(layer))
          .nOut(model.denseUnits()).activation(Activation.RELU).build());
      layer++;
    }
    list.layer(layer, new OutputLayer.Builder(LossFunction.MCXENT).name(names.get(layer))
        .nOut(model.classes()).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER)
        .build());
    return list.setInputType(inputType(model)).build();
  }

  /**
   * The DL4J input type of {@code model}: flat feature vectors, reshaped to images for the CNN
   * by the network's first preprocessor.
   */
  public static InputType inputType(ModelConfig model) {
    return model.architecture() == Architecture.CNN
        ? InputType.convolutionalFlat(model.height(), model.width(), model.channels())
        : InputType.feedForward(model.featureCount());
  }

  /**
   * The names of the layers of {@code model}, in network order: MLP {@code hidden1, hidden2,
   * ..., output}; CNN {@code conv1, pool1, conv2, pool2, dense, output}.
   */
  public static List<String> layerNames(ModelConfig model) {
    return layerNames(model.architecture(), model.hiddenUnits().size());
  }

  /** The layer names of an architecture ({@code hiddenLayers} counts the MLP's hidden layers). */
  public static List<String> layerNames(Architecture architecture, int hiddenLayers) {
    List<String> names = new ArrayList<>();
    if (architecture == Architecture.MLP) {
      for (int h = 1; h <= hiddenLayers; h++) {
        names.add("hidden" + h);
      }
    } else {
      names.addAll(List.of("conv1", "pool1", "conv2", "pool2", "dense"));
    }
    names.add("output");
    return List.copyOf(names);
  }

  /** A freshly initialised network (weights fixed by the model's seed). */
  static MultiLayerNetwork create(ModelConfig model) {
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(model));
    net.init();
    return net;
  }
}
