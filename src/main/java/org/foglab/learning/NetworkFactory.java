package org.foglab.learning;

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
    int layer = 0;
    if (model.architecture() == Architecture.MLP) {
      for (int units : model.hiddenUnits()) {
        list.layer(layer++, new DenseLayer.Builder().nOut(units).activation(Activation.RELU)
            .build());
      }
    } else {
      int k = model.kernel();
      list.layer(layer++, new ConvolutionLayer.Builder(k, k).nOut(model.conv1Channels())
          .stride(1, 1).activation(Activation.RELU).build());
      list.layer(layer++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
          .kernelSize(2, 2).stride(2, 2).build());
      list.layer(layer++, new ConvolutionLayer.Builder(k, k).nOut(model.conv2Channels())
          .stride(1, 1).activation(Activation.RELU).build());
      list.layer(layer++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
          .kernelSize(2, 2).stride(2, 2).build());
      list.layer(layer++, new DenseLayer.Builder().nOut(model.denseUnits())
          .activation(Activation.RELU).build());
    }
    list.layer(layer, new OutputLayer.Builder(LossFunction.MCXENT).nOut(model.classes())
        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
    InputType input = model.architecture() == Architecture.CNN
        ? InputType.convolutionalFlat(model.height(), model.width(), model.channels())
        : InputType.feedForward(model.featureCount());
    return list.setInputType(input).build();
  }

  /** A freshly initialised network (weights fixed by the model's seed). */
  static MultiLayerNetwork create(ModelConfig model) {
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(model));
    net.init();
    return net;
  }
}
