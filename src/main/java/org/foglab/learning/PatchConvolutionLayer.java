package org.foglab.learning;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution layer with its slow steps done in Java and its arithmetic unchanged.
 *
 * <p>DL4J 1.0.0-M2.1 lowers a convolution to one matrix product of the weights with a
 * patches matrix of [batch x out rows x out columns, channels x kernel rows x kernel columns]
 * values. It fills that matrix through libnd4j's {@code im2col} op, writing into a permuted
 * view; the op first zeroes its output element by element through the view's strides, then
 * gathers through them again. Profiled on the LEAF CNN (flexible parallel learning, 5 sources,
 * batch 64) that was about half of all training time, the matrix product itself under a tenth.
 * Here the patches are written in row order into a plain float array and copied into the
 * matrix in one block; the product, the bias, the shapes and the orders that follow are the ones
 * DL4J's layer uses, so the pre-activations, and with them the backward pass (which reuses the
 * patches matrix), are bit for bit DL4J's (tested against DL4J's layer).
 *
 * <p>DL4J's backward pass calls {@code preOutput} again to recompute the pre-activations and
 * the patches of the forward pass (profiled: another fifth of training time). A training
 * forward pass here keeps both (the pre-activations copied before the activation overwrites them
 * in place) and the backward pass that follows on the same input array takes them instead of
 * recomputing: the same values, computed once. Nothing else changes between the two passes in
 * DL4J's training (the other layers' backward passes use the forward pass's activations too),
 * and the kept arrays serve one backward pass on the input array they were computed from. (Inside
 * a DL4J workspace nothing is kept.)
 *
 * <p>A ReLU is applied to the dense pre-activation matrix, not its permuted view, and a ReLU
 * layer's backward pass builds the error before the activation in Java (see {@link
 * #activate} and {@link #backpropGradient}).
 *
 * <p>Only the common case takes this path: float32, channels first, no DL4J helper, no feed-
 * forward cache, no weight noise. Anything else is DL4J's own code.
 */
public class PatchConvolutionLayer extends ConvolutionLayer {
  private static final long serialVersionUID = 1L;

  /**
   * Scratch space of the calling thread: [0] the patches, [1] the input images, and for the
   * backward pass [2] the pre-activations, [3] the output error, [4] the error before the
   * activation. A call is done with them before it returns (they are copied into ND4J arrays),
   * so the layers a thread runs share one set, sized for the largest batch it has seen
   * (evaluation batches of 500 images need about 100 MB for the LEAF CNN's second convolution).
   */
  private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
      () -> new float[][] {new float[0], new float[0], new float[0], new float[0], new float[0]});
  /** Forward passes that gathered their own patches (tests check the path was taken). */
  transient long patchPasses;
  /** Backward passes that took the forward pass's kept arrays (tests check the path). */
  transient long keptPasses;
  /** The last training forward pass's input, pre-activations and patches, until used. */
  private transient Kept kept;

  /** A training forward pass's input array, pre-activations, patches, output size and padding. */
  private record Kept(INDArray input, INDArray z, INDArray patches, int[] outSize, int[] pad) {}

  public PatchConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  /** Whether this pass can take the patch path (else DL4J's code runs). */
  private boolean patchPath() {
    org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
    return helper == null && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
        && dataType == DataType.FLOAT && (cacheMode == null || cacheMode == CacheMode.NONE)
        && c.getWeightNoise() == null && input != null && input.rank() == 4;
  }

  @Override
  protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
      LayerWorkspaceMgr workspaceMgr) {
    if (!patchPath()) {
      forget();
      return super.preOutput(training, forBackprop, workspaceMgr);
    }
    if (forBackprop && kept != null && kept.input == input) {
      Pair<INDArray, INDArray> pair = new Pair<>(fourDimensional(kept.z, input.size(0),
          kept.outSize[0], kept.outSize[1]), kept.patches);
      forget();
      keptPasses++;
      return pair;
    }
    forget();
    Products m = products(training, forBackprop, workspaceMgr);
    if (m == null) {
      return super.preOutput(training, forBackprop, workspaceMgr);
    }
    return new Pair<>(m.fourDimensional(), forBackprop ? m.patches : null);
  }

  /**
   * DL4J's backward pass for a ReLU layer after a training forward pass on the same input, with
   * one change: the error before the activation ({@code z > 0 ? epsilon : 0}) is written in Java
   * straight into the [filters, batch x out rows x out columns] row-major matrix that DL4J
   * builds from it, where DL4J computes it on the permuted four-dimensional views and then copies
   * it into that matrix through the strides (a quarter of LEAF CNN training time). The matrix
   * products, the bias sum and the col2im reduction that follow are DL4J's calls on arrays of the
   * same layout, so the gradients are bit for bit DL4J's (tested).
   */
  @Override
  public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon,
      LayerWorkspaceMgr workspaceMgr) {
    if (!patchPath() || kept == null || kept.input != input || !plainRelu()
        || epsilon == null || epsilon.dataType() != DataType.FLOAT || epsilon.rank() != 4
        || layerConf().getIDropout() != null) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true,
        workspaceMgr);
    org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
    int batch = (int) input.size(0);
    int inH = (int) input.size(2);
    int inW = (int) input.size(3);
    int outDepth = (int) weights.size(0);
    int inDepth = (int) weights.size(1);
    int kH = (int) weights.size(2);
    int kW = (int) weights.size(3);
    int[] dilation = c.getDilation();
    int[] strides = c.getStride();
    int[] pad = kept.pad;
    int outH = kept.outSize[0];
    int outW = kept.outSize[1];
    int plane = outH * outW;
    int rows = batch * plane;
    if (epsilon.size(0) != batch || epsilon.size(1) != outDepth || epsilon.size(2) != outH
        || epsilon.size(3) != outW) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    INDArray patches = kept.patches;
    INDArray zMatrix = kept.z;
    forget();
    keptPasses++;

    float[][] scratch = SCRATCH.get();
    int cells = outDepth * rows;
    for (int i = 2; i < 5; i++) {
      if (scratch[i].length < cells) {
        scratch[i] = new float[cells];
      }
    }
    // The pre-activations, column-major [rows, filters]: value (r, d) at d * rows + r, which is
    // where the error matrix [filters, rows] (row-major) keeps entry (d, r).
    float[] z = scratch[2];
    DenseArrays.readBuffer(zMatrix, z);
    float[] e = scratch[3];
    DenseArrays.read(epsilon, e);
    float[] d = scratch[4];
    for (int n = 0; n < batch; n++) {
      for (int f = 0; f < outDepth; f++) {
        int from = (n * outDepth + f) * plane;
        int to = f * rows + n * plane;
        for (int q = 0; q < plane; q++) {
          d[to + q] = z[to + q] > 0f ? e[from + q] : 0f;
        }
      }
    }
    INDArray delta2d = DenseArrays.prefixArray(d, outDepth, rows);

    INDArray biasGradView = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
    INDArray weightGradView = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
    INDArray weightGradView2df = Shape.newShapeNoCopy(weightGradView,
        new long[] {outDepth, (long) inDepth * kH * kW}, false).transpose();
    Nd4j.gemm(patches, delta2d, weightGradView2df, true, true, 1.0, 0.0);
    INDArray w2d = weights.permute(3, 2, 1, 0).reshape('f', (long) inDepth * kH * kW, outDepth);
    INDArray epsNext2d = w2d.mmul(delta2d);
    INDArray eps6d = Shape.newShapeNoCopy(epsNext2d,
        new long[] {kW, kH, inDepth, outW, outH, batch}, true).permute(5, 2, 1, 0, 4, 3);
    INDArray epsNextOrig = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD,
        epsilon.dataType(), new long[] {inDepth, batch, inH, inW}, 'c');
    INDArray epsNext = epsNextOrig.permute(1, 0, 2, 3);
    Convolution.col2im(eps6d, epsNext, strides[0], strides[1], pad[0], pad[1], inH, inW,
        dilation[0], dilation[1]);
    Gradient gradient = new DefaultGradient();
    if (c.hasBias()) {
      delta2d.sum(biasGradView, 1);
      gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
    }
    gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
    weightNoiseParams.clear();
    return new Pair<>(gradient, epsNext);
  }

  /** A ReLU with DL4J's defaults (no threshold, slope or cap), whose derivative is z > 0. */
  private boolean plainRelu() {
    return layerConf().getActivationFn() instanceof ActivationReLU r && r.getMax() == null
        && (r.getThreshold() == null || r.getThreshold() == 0.0)
        && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0);
  }

  /**
   * DL4J's forward pass (dropout on the input, pre-activations, activation) with one change:
   * an element-wise activation (ReLU, identity) is applied to the pre-activation matrix, which
   * is dense, instead of to its permuted four-dimensional view, which libnd4j walks element by
   * element through the strides (a tenth of LEAF CNN training time). Element-wise, the values
   * are the same.
   */
  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    IActivation afn = layerConf().getActivationFn();
    if (!patchPath() || !(afn instanceof ActivationReLU || afn instanceof ActivationIdentity)) {
      return super.activate(training, workspaceMgr);
    }
    if (cacheMode == null) {
      cacheMode = CacheMode.NONE;
    }
    applyDropOutIfNecessary(training, workspaceMgr);
    forget();
    Products m = products(training, false, workspaceMgr);
    if (m == null) {
      return afn.getActivation(super.preOutput(training, false, workspaceMgr).getFirst(),
          training);
    }
    afn.getActivation(m.z, training);
    return m.fourDimensional();
  }

  /**
   * The pre-activation matrix {@code z} ([batch x out rows x out columns, filters], column-major)
   * and the patches matrix of the current input; null when the patches would not fit a Java
   * array. A training forward pass keeps both for its backward pass.
   */
  private Products products(boolean training, boolean forBackprop,
      LayerWorkspaceMgr workspaceMgr) {
    org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
    assertInputSet(false);
    INDArray bias = getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training,
        workspaceMgr);
    INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training,
        workspaceMgr);
    validateInputRank();
    INDArray in = input.castTo(dataType);
    long batch = in.size(0);
    long outDepth = weights.size(0);
    long inDepth = weights.size(1);
    validateInputDepth(in.size(1));
    int kH = (int) weights.size(2);
    int kW = (int) weights.size(3);
    int[] dilation = c.getDilation();
    int[] kernel = c.getKernelSize();
    int[] strides = c.getStride();
    int inH = (int) in.size(2);
    int inW = (int) in.size(3);
    int[] pad;
    int[] outSize;
    if (convolutionMode == ConvolutionMode.Same) {
      outSize = ConvolutionUtils.getOutputSize(in, kernel, strides, null, convolutionMode,
          dilation, CNN2DFormat.NCHW);
      pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {inH, inW}, kernel,
          strides, dilation);
    } else {
      pad = c.getPadding();
      outSize = ConvolutionUtils.getOutputSize(in, kernel, strides, pad, convolutionMode,
          dilation, CNN2DFormat.NCHW);
    }
    int outH = outSize[0];
    int outW = outSize[1];

    long cells = batch * outH * outW * inDepth * kH * kW;
    if (cells > Integer.MAX_VALUE - 8) {
      return null;
    }
    patchPasses++;
    float[][] scratch = SCRATCH.get();
    int pixels = Math.toIntExact(in.length());
    if (scratch[1].length < pixels) {
      scratch[1] = new float[pixels];
    }
    float[] x = scratch[1];
    DenseArrays.read(in, x);
    if (scratch[0].length < cells) {
      scratch[0] = new float[(int) cells];
    }
    float[] p = scratch[0];
    gather(x, (int) batch, (int) inDepth, inH, inW, kH, kW, strides[0], strides[1], pad[0],
        pad[1], dilation[0], dilation[1], outH, outW, p);
    // The patches in DL4J's layout: [batch, out row, out column, channel, kernel row, kernel
    // column] in row order, i.e. the patches matrix's rows one after the other.
    INDArray col = DenseArrays.prefixArray(p, batch, outH, outW, inDepth, kH, kW);
    INDArray patchMatrix = Shape.newShapeNoCopy(col,
        new long[] {batch * outH * outW, inDepth * kH * kW}, false);
    INDArray kernelMatrix = weights.permute(3, 2, 1, 0).reshape('f', (long) kW * kH * inDepth,
        outDepth);
    INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(),
        new long[] {patchMatrix.size(0), kernelMatrix.size(1)}, 'f');
    patchMatrix.mmuli(kernelMatrix, z);
    if (c.hasBias()) {
      z.addiRowVector(bias);
    }
    if (training && !forBackprop && Nd4j.getMemoryManager().getCurrentWorkspace() == null) {
      // The forward pass of a training step: keep what its backward pass would recompute (only
      // outside workspaces, whose memory a later scope reuses).
      kept = new Kept(input, z.dup('f'), patchMatrix, outSize, pad);
    }
    return new Products(z, patchMatrix, batch, outH, outW);
  }

  /** A pass's pre-activation and patches matrices. */
  private record Products(INDArray z, INDArray patches, long batch, long outH, long outW) {
    INDArray fourDimensional() {
      return PatchConvolutionLayer.fourDimensional(z, batch, outH, outW);
    }
  }

  /**
   * The pre-activation matrix {@code z} ([batch x out rows x out columns, filters], column-major)
   * as DL4J's [batch, filters, out rows, out columns] view of it.
   */
  private static INDArray fourDimensional(INDArray z, long batch, long outH, long outW) {
    return Shape.newShapeNoCopy(z, new long[] {outW, outH, batch, z.size(1)}, true)
        .permute(2, 3, 1, 0);
  }

  private void forget() {
    kept = null;
  }

  /**
   * Writes the patches of {@code x} (row-major [batch, channels, rows, columns]) into {@code p}
   * as rows of [batch, out row, out column] and columns of [channel, kernel row, kernel
   * column]; positions outside the image (padding) are 0.
   */
  static void gather(float[] x, int batch, int channels, int inH, int inW, int kH, int kW,
      int sH, int sW, int padH, int padW, int dH, int dW, int outH, int outW, float[] p) {
    int plane = inH * inW;
    int at = 0;
    for (int b = 0; b < batch; b++) {
      int image = b * channels * plane;
      for (int oh = 0; oh < outH; oh++) {
        int top = oh * sH - padH;
        for (int ow = 0; ow < outW; ow++) {
          int left = ow * sW - padW;
          for (int ch = 0; ch < channels; ch++) {
            int base = image + ch * plane;
            for (int kr = 0; kr < kH; kr++) {
              int row = top + kr * dH;
              if (row < 0 || row >= inH) {
                for (int kc = 0; kc < kW; kc++) {
                  p[at++] = 0f;
                }
                continue;
              }
              int rowBase = base + row * inW;
              if (dW == 1 && left >= 0 && left + kW <= inW) {
                // A kernel row inside the image: kW neighbouring values.
                System.arraycopy(x, rowBase + left, p, at, kW);
                at += kW;
                continue;
              }
              for (int kc = 0; kc < kW; kc++) {
                int column = left + kc * dW;
                p[at++] = column < 0 || column >= inW ? 0f : x[rowBase + column];
              }
            }
          }
        }
      }
    }
  }
}
