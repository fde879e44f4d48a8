package org.foglab.learning.engine;

import java.io.Serializable;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.foglab.learning.Architecture;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.NetworkFactory;

/**
 * Per-layer sizes of a model for the cost ledger: forward FLOPs per sample and output elements
 * per sample (what a cut after the layer sends per sample).
 *
 * <p>FLOPs count a multiply-add as 2: a dense layer {@code 2 n_in n_out + n_out} (bias), a
 * convolution {@code out_h out_w out_c 2 k_h k_w in_c} (its bias adds not counted), max-pooling one comparison per
 * window element {@code out_h out_w out_c k_h k_w}; activation functions are not counted. The
 * backward pass of a layer costs twice its forward pass (gradients for the input and for the
 * weights), the usual estimate (Kaplan et al. 2020) used by {@link #BACKWARD_FACTOR}.
 *
 * @param layerFlops forward FLOPs per sample of each layer, in network order
 * @param outputElements output values per sample of each layer
 * @param inputElements input values per sample of the network
 */
public record LayerCosts(double[] layerFlops, long[] outputElements, long inputElements)
    implements Serializable {

  /** Backward FLOPs per forward FLOP. */
  public static final double BACKWARD_FACTOR = 2;

  /** The sizes of {@code model}'s layers. */
  public static LayerCosts of(ModelConfig model) {
    MultiLayerConfiguration conf = NetworkFactory.configuration(model);
    InputType input = model.architecture() == Architecture.CNN
        ? InputType.convolutionalFlat(model.height(), model.width(), model.channels())
        : InputType.feedForward(model.featureCount());
    List<InputType> types = conf.getLayerActivationTypes(input);
    int n = types.size();
    double[] flops = new double[n];
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      Layer layer = conf.getConf(i).getLayer();
      long outElements = types.get(i).arrayElementsPerExample();
      out[i] = outElements;
      if (layer instanceof ConvolutionLayer c) {
        int[] k = c.getKernelSize();
        flops[i] = outElements * 2.0 * k[0] * k[1] * c.getNIn();
      } else if (layer instanceof SubsamplingLayer s) {
        int[] k = s.getKernelSize();
        flops[i] = (double) outElements * k[0] * k[1];
      } else if (layer instanceof FeedForwardLayer f) {
        flops[i] = 2.0 * f.getNIn() * f.getNOut() + f.getNOut();
      } else {
        throw new IllegalStateException("no FLOP count for layer " + i + " ("
            + layer.getClass().getSimpleName() + ")");
      }
    }
    return new LayerCosts(flops, out, input.arrayElementsPerExample());
  }

  /** Number of layers. */
  public int layers() {
    return layerFlops.length;
  }

  /** Forward FLOPs per sample of layers {@code [from, to)}. */
  public double forwardFlops(int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += layerFlops[i];
    }
    return s;
  }

  /** Forward FLOPs per sample of the whole model. */
  public double forwardFlops() {
    return forwardFlops(0, layers());
  }

  /** Forward plus backward FLOPs per sample of layers {@code [from, to)}. */
  public double trainingFlops(int from, int to) {
    return (1 + BACKWARD_FACTOR) * forwardFlops(from, to);
  }

  /** Values per sample leaving layer {@code to - 1} (entering layer {@code to}); 0: the input. */
  public long elementsBefore(int layer) {
    return layer == 0 ? inputElements : outputElements[layer - 1];
  }

  /**
   * Working set of training layers {@code [from, to)} on a batch, in bytes: the input and every
   * layer's output kept for the backward pass, and the same again for their gradients (float32).
   */
  public double workingSetBytes(int from, int to, int batch, long parameters) {
    long values = elementsBefore(from);
    for (int i = from; i < to; i++) {
      values += outputElements[i];
    }
    return TrainingRun.FLOAT_BYTES * (2.0 * values * batch + 2.0 * parameters);
  }
}
