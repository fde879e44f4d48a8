package org.foglab.learning;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's 2-D convolution layer configuration whose layer gathers the image patches itself
 * ({@link PatchConvolutionLayer}); everything else (parameters, their initialisation and
 * layout, JSON form, output type, the weight and input gradients) is DL4J's
 * {@link ConvolutionLayer}, so a network built with it trains bit for bit like one built with
 * DL4J's layer (tested), only faster.
 */
public class PatchConvolution extends ConvolutionLayer {
  private static final long serialVersionUID = 1L;

  /** For JSON deserialization. */
  public PatchConvolution() {}

  private PatchConvolution(ConvolutionLayer.Builder builder) {
    super(builder);
  }

  /** The configuration {@code builder} describes, with patches gathered by foglab. */
  public static PatchConvolution of(ConvolutionLayer.Builder builder) {
    builder.build(); // DL4J's validation of kernel, stride, padding and mode
    return new PatchConvolution(builder);
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners, int layerIndex,
      INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
    // DL4J's ConvolutionLayer.instantiate with the layer class swapped: the same parameter
    // view and the same initialiser call, so initial weights draw the same random numbers.
    LayerValidation.assertNInNOutSet("ConvolutionLayer", getLayerName(), layerIndex, getNIn(),
        getNOut());
    PatchConvolutionLayer layer = new PatchConvolutionLayer(conf, networkDataType);
    layer.setListeners(trainingListeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    ParamInitializer initializer = initializer();
    Map<String, INDArray> params = initializer.init(conf, layerParamsView, initializeParams);
    layer.setParamTable(params);
    layer.setConf(conf);
    return layer;
  }
}
