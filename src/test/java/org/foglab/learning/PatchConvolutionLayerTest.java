package org.foglab.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@link PatchConvolution} against DL4J's own convolution layer (the reference): the same
 * initial weights, outputs, scores and parameters after Adam steps, bit for bit, over kernel
 * sizes, strides, paddings, dilations, convolution modes, channel counts and bias; and the
 * patches against their definition computed element by element.
 */
class PatchConvolutionLayerTest {
  /** One convolution layer's shape. */
  private record Conv(int kernel, int stride, int padding, int dilation, ConvolutionMode mode,
      int channels, int filters, boolean bias, Activation activation) {
    Conv(int kernel, int stride, int padding, int dilation, ConvolutionMode mode, int channels,
        int filters, boolean bias) {
      this(kernel, stride, padding, dilation, mode, channels, filters, bias, Activation.RELU);
    }
  }

  private static ConvolutionLayer.Builder builder(Conv c) {
    ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(c.kernel, c.kernel)
        .stride(c.stride, c.stride).padding(c.padding, c.padding)
        .dilation(c.dilation, c.dilation).convolutionMode(c.mode).nOut(c.filters)
        .activation(c.activation);
    b.hasBias(c.bias);
    return b;
  }

  /** conv - max pool - conv - dense - softmax on 11 x 9 images; patch layers or DL4J's. */
  private static MultiLayerNetwork network(Conv first, Conv second, boolean patches, long seed) {
    return network(first, second, patches, seed, WorkspaceMode.ENABLED);
  }

  /** The same, with DL4J's workspaces on (its default) or off (as the staged models run). */
  private static MultiLayerNetwork network(Conv first, Conv second, boolean patches, long seed,
      WorkspaceMode workspaces) {
    var list = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
        .updater(new Adam(1e-2)).weightInit(WeightInit.RELU)
        .trainingWorkspaceMode(workspaces).inferenceWorkspaceMode(workspaces).list();
    list.layer(0, patches ? PatchConvolution.of(builder(first)) : builder(first).build());
    list.layer(1, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
        .kernelSize(2, 2).stride(1, 1).build());
    list.layer(2, patches ? PatchConvolution.of(builder(second)) : builder(second).build());
    list.layer(3, new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build());
    list.layer(4, new OutputLayer.Builder(LossFunction.MCXENT).nOut(4)
        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build());
    MultiLayerConfiguration conf = list
        .setInputType(InputType.convolutional(11, 9, first.channels)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static INDArray randomImages(SplittableRandom r, int batch, int channels) {
    float[] v = new float[batch * channels * 11 * 9];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return Nd4j.create(v, new long[] {batch, channels, 11, 9}, 'c');
  }

  private static INDArray oneHot(SplittableRandom r, int batch) {
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 4);
    for (int i = 0; i < batch; i++) {
      y.putScalar(i, r.nextInt(4), 1f);
    }
    return y;
  }

  private static void assertSameTraining(Conv first, Conv second) {
    assertSameTraining(first, second, WorkspaceMode.ENABLED);
    assertSameTraining(first, second, WorkspaceMode.NONE);
  }

  private static void assertSameTraining(Conv first, Conv second, WorkspaceMode workspaces) {
    MultiLayerNetwork reference = network(first, second, false, 7, workspaces);
    MultiLayerNetwork patched = network(first, second, true, 7, workspaces);
    assertInstanceOf(PatchConvolutionLayer.class, patched.getLayer(0));
    assertInstanceOf(PatchConvolutionLayer.class, patched.getLayer(2));
    assertArrayEquals(reference.params().data().asFloat(), patched.params().data().asFloat(),
        "initial weights");
    SplittableRandom r = new SplittableRandom((first.toString() + second).hashCode());
    String what = first + ", " + second + ", workspaces " + workspaces;
    for (int step = 0; step < 3; step++) {
      INDArray x = randomImages(r, 5, first.channels);
      DataSet d = new DataSet(x, oneHot(r, 5));
      assertArrayEquals(reference.output(x).data().asFloat(), patched.output(x).data().asFloat(),
          "outputs before step " + step + " of " + what);
      reference.fit(d);
      patched.fit(d);
      assertEquals(reference.score(), patched.score(), 0.0, "score of step " + step);
      assertArrayEquals(reference.params().data().asFloat(), patched.params().data().asFloat(),
          "parameters after step " + step + " of " + what);
    }
    // Every forward pass of both layers went through the patch path (not DL4J's fallback): one
    // per output() and one per fit(). DL4J's backward pass recomputes the pre-activations: a
    // second patch pass per fit() inside workspaces, the forward pass's kept arrays outside.
    boolean keeps = workspaces == WorkspaceMode.NONE;
    for (int layer : new int[] {0, 2}) {
      PatchConvolutionLayer l = (PatchConvolutionLayer) patched.getLayer(layer);
      assertEquals(keeps ? 6 : 9, l.patchPasses, "patch passes of layer " + layer + ", " + what);
      assertEquals(keeps ? 3 : 0, l.keptPasses, "kept passes of layer " + layer + ", " + what);
    }
  }

  /**
   * The backward pass takes the forward pass's kept arrays only for the input they came from: a
   * training forward pass on one batch, then the backward pass with another batch as input,
   * gives DL4J's gradients for the other batch; with the same input it gives DL4J's too.
   */
  @Test
  void aBackwardPassUsesKeptArraysOnlyForTheirInput() {
    // ReLU takes the layer's own backward pass, tanh DL4J's with the kept pre-activations.
    assertBackwardPassUsesKeptArraysOnlyForTheirInput(Activation.RELU);
    assertBackwardPassUsesKeptArraysOnlyForTheirInput(Activation.TANH);
  }

  private static void assertBackwardPassUsesKeptArraysOnlyForTheirInput(Activation activation) {
    Conv first = new Conv(5, 1, 0, 1, ConvolutionMode.Truncate, 2, 3, true, activation);
    Conv second = new Conv(3, 1, 0, 1, ConvolutionMode.Truncate, 3, 4, true);
    MultiLayerNetwork reference = network(first, second, false, 3, WorkspaceMode.NONE);
    MultiLayerNetwork patched = network(first, second, true, 3, WorkspaceMode.NONE);
    reference.initGradientsView();
    patched.initGradientsView();
    SplittableRandom r = new SplittableRandom(17);
    INDArray x1 = randomImages(r, 5, 2);
    INDArray x2 = randomImages(r, 5, 2);
    // 11 x 9 images, 5 x 5 kernel: 7 x 5 outputs of 3 filters.
    INDArray epsilon = Nd4j.rand(DataType.FLOAT, 5, 3, 7, 5).subi(0.5);
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    PatchConvolutionLayer layer = (PatchConvolutionLayer) patched.getLayer(0);
    for (boolean sameInput : new boolean[] {false, true}) {
      float[][] results = new float[4][];
      int k = 0;
      for (MultiLayerNetwork net : new MultiLayerNetwork[] {reference, patched}) {
        org.deeplearning4j.nn.api.Layer l = net.getLayer(0);
        l.setInput(x1, mgr);
        l.activate(true, mgr);
        if (!sameInput) {
          l.setInput(x2, mgr);
        }
        var back = l.backpropGradient(epsilon.dup(), mgr);
        results[k++] = back.getFirst().gradient().dup().data().asFloat();
        results[k++] = back.getSecond().dup().data().asFloat();
      }
      String what = activation + ", same input " + sameInput;
      assertArrayEquals(results[0], results[2], "weight and bias gradients, " + what);
      assertArrayEquals(results[1], results[3], "input gradient, " + what);
      assertEquals(sameInput ? 1 : 0, layer.keptPasses, "kept passes, " + what);
    }
    // The different-input case really is different (the check above could not pass by luck).
    org.deeplearning4j.nn.api.Layer l = reference.getLayer(0);
    l.setInput(x1, mgr);
    float[] fromX1 = l.backpropGradient(epsilon.dup(), mgr).getFirst().gradient().dup().data()
        .asFloat();
    l.setInput(x2, mgr);
    float[] fromX2 = l.backpropGradient(epsilon.dup(), mgr).getFirst().gradient().dup().data()
        .asFloat();
    assertTrue(!java.util.Arrays.equals(fromX1, fromX2), "the two batches' gradients differ");
  }

  @Test
  void trainsBitForBitLikeDl4jsLayer() {
    assertSameTraining(new Conv(5, 1, 0, 1, ConvolutionMode.Truncate, 1, 3, true),
        new Conv(3, 1, 0, 1, ConvolutionMode.Truncate, 3, 4, true));
    assertSameTraining(new Conv(3, 1, 0, 1, ConvolutionMode.Same, 2, 3, true),
        new Conv(4, 2, 0, 1, ConvolutionMode.Same, 3, 2, false));
    assertSameTraining(new Conv(3, 2, 1, 1, ConvolutionMode.Truncate, 3, 4, false),
        new Conv(2, 1, 1, 2, ConvolutionMode.Truncate, 4, 3, true));
    assertSameTraining(new Conv(2, 1, 0, 2, ConvolutionMode.Same, 1, 2, true),
        new Conv(3, 1, 2, 1, ConvolutionMode.Truncate, 2, 5, true, Activation.TANH));
  }

  @Test
  void theMnistCnnUsesPatchLayersAndSurvivesJson() {
    MultiLayerConfiguration conf = NetworkFactory.configuration(ModelConfig.mnistCnn());
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    for (MultiLayerConfiguration c : new MultiLayerConfiguration[] {conf, back}) {
      assertInstanceOf(PatchConvolution.class, c.getConf(0).getLayer());
      assertInstanceOf(PatchConvolution.class, c.getConf(2).getLayer());
    }
    assertEquals(conf, back);
  }

  @Test
  void aSavedCnnRestoresWithPatchLayersAndTheSameOutputs() throws Exception {
    MultiLayerNetwork net = network(new Conv(3, 1, 0, 1, ConvolutionMode.Truncate, 2, 3, true),
        new Conv(2, 1, 0, 1, ConvolutionMode.Same, 3, 2, true), true, 11);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    org.deeplearning4j.util.ModelSerializer.writeModel(net, bytes, false);
    MultiLayerNetwork back = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(
        new java.io.ByteArrayInputStream(bytes.toByteArray()), false);
    assertInstanceOf(PatchConvolutionLayer.class, back.getLayer(0));
    assertInstanceOf(PatchConvolutionLayer.class, back.getLayer(2));
    INDArray x = randomImages(new SplittableRandom(5), 4, 2);
    assertArrayEquals(net.output(x).data().asFloat(), back.output(x).data().asFloat());
    // Java serialization of the network object (scratch arrays are transient).
    java.io.ByteArrayOutputStream javaBytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(javaBytes)) {
      o.writeObject(net);
    }
    MultiLayerNetwork copy;
    try (java.io.ObjectInputStream i = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(javaBytes.toByteArray()))) {
      copy = (MultiLayerNetwork) i.readObject();
    }
    assertArrayEquals(net.output(x).data().asFloat(), copy.output(x).data().asFloat());
  }

  @Test
  void patchesFollowTheirDefinition() {
    SplittableRandom r = new SplittableRandom(3);
    int batch = 2;
    int channels = 3;
    int inH = 6;
    int inW = 5;
    int[][] cases = {{3, 3, 1, 1, 0, 0, 1, 1}, {2, 3, 2, 1, 1, 2, 1, 2}, {3, 2, 1, 2, 2, 1, 2, 1}};
    for (int[] k : cases) {
      int kH = k[0];
      int kW = k[1];
      int sH = k[2];
      int sW = k[3];
      int pH = k[4];
      int pW = k[5];
      int dH = k[6];
      int dW = k[7];
      int outH = (inH + 2 * pH - (dH * (kH - 1) + 1)) / sH + 1;
      int outW = (inW + 2 * pW - (dW * (kW - 1) + 1)) / sW + 1;
      float[] x = new float[batch * channels * inH * inW];
      for (int i = 0; i < x.length; i++) {
        x[i] = 1f + r.nextInt(1000);
      }
      float[] p = new float[batch * outH * outW * channels * kH * kW + 3];
      p[p.length - 1] = -9f;
      PatchConvolutionLayer.gather(x, batch, channels, inH, inW, kH, kW, sH, sW, pH, pW, dH, dW,
          outH, outW, p);
      int zeros = 0;
      for (int b = 0; b < batch; b++) {
        for (int oh = 0; oh < outH; oh++) {
          for (int ow = 0; ow < outW; ow++) {
            for (int c = 0; c < channels; c++) {
              for (int i = 0; i < kH; i++) {
                for (int j = 0; j < kW; j++) {
                  int row = ((b * outH + oh) * outW + ow);
                  int column = (c * kH + i) * kW + j;
                  int at = row * channels * kH * kW + column;
                  int y = oh * sH - pH + i * dH;
                  int xx = ow * sW - pW + j * dW;
                  boolean inside = y >= 0 && y < inH && xx >= 0 && xx < inW;
                  float want = inside ? x[((b * channels + c) * inH + y) * inW + xx] : 0f;
                  assertEquals(want, p[at], 0f, "patch value at row " + row + ", column "
                      + column);
                  zeros += inside ? 0 : 1;
                }
              }
            }
          }
        }
      }
      assertEquals(-9f, p[p.length - 1], "nothing written past the patches");
      if (pH + pW > 0) {
        assertTrue(zeros > 0, "padding reached");
      }
    }
  }
}
