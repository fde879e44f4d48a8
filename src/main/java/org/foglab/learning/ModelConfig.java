package org.foglab.learning;

import java.io.Serializable;
import java.util.List;

/**
 * The classifier to train: architecture, input shape, layer sizes, and the constant learning
 * rate {@code eta} of equation (3) (plain SGD; no momentum, no regularisation). Loss is softmax
 * cross-entropy. {@link #seed()} fixes the initial weights.
 *
 * <p>MLP: input, {@code hiddenUnits} ReLU layers, softmax. CNN: {@code kernel x kernel}
 * convolution to {@code conv1Channels} (ReLU), 2x2 max-pooling, convolution to
 * {@code conv2Channels} (ReLU), 2x2 max-pooling, {@code denseUnits} ReLU, softmax. The paper
 * does not give its layer sizes; the defaults are the common MNIST models of the federated
 * learning literature (MLP 784-200-10; CNN 10 and 20 5x5 filters, 50 dense units).
 *
 * @param architecture MLP or CNN
 * @param height input rows (1 for plain feature vectors)
 * @param width input columns
 * @param channels input channels
 * @param classes output classes
 * @param hiddenUnits MLP hidden layer widths (ignored by the CNN)
 * @param kernel CNN convolution kernel size
 * @param conv1Channels CNN first convolution's output channels
 * @param conv2Channels CNN second convolution's output channels
 * @param denseUnits CNN dense layer width
 * @param learningRate constant step size {@code eta} of equation (3)
 * @param seed seed of the initial weights
 */
public record ModelConfig(
    Architecture architecture,
    int height,
    int width,
    int channels,
    int classes,
    List<Integer> hiddenUnits,
    int kernel,
    int conv1Channels,
    int conv2Channels,
    int denseUnits,
    double learningRate,
    long seed) implements Serializable {

  /** The paper's default learning rate. */
  public static final double DEFAULT_LEARNING_RATE = 0.01;

  public ModelConfig {
    if (architecture == null) {
      throw new IllegalArgumentException("architecture must be MLP or CNN");
    }
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("input shape must be positive, got " + height + "x"
          + width + "x" + channels);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, got " + classes);
    }
    hiddenUnits = List.copyOf(hiddenUnits);
    for (int h : hiddenUnits) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden layer widths must be positive, got "
            + hiddenUnits);
      }
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, got "
          + learningRate);
    }
    if (architecture == Architecture.CNN) {
      if (kernel < 1 || conv1Channels < 1 || conv2Channels < 1 || denseUnits < 1) {
        throw new IllegalArgumentException("CNN kernel, channels and dense units must be positive");
      }
      int h = ((height - kernel + 1) / 2 - kernel + 1) / 2;
      int w = ((width - kernel + 1) / 2 - kernel + 1) / 2;
      if (h < 1 || w < 1) {
        throw new IllegalArgumentException("a " + height + "x" + width + " input is too small for "
            + "two " + kernel + "x" + kernel + " convolutions with 2x2 pooling; use an MLP or a "
            + "smaller kernel");
      }
    }
  }

  /** MLP 784-200-10 for 28x28 MNIST digits, learning rate 0.01. */
  public static ModelConfig mnistMlp() {
    return new ModelConfig(Architecture.MLP, 28, 28, 1, 10, List.of(200), 0, 0, 0, 0,
        DEFAULT_LEARNING_RATE, 1);
  }

  /** CNN (5x5 conv 10, pool, 5x5 conv 20, pool, dense 50) for 28x28 digits, learning rate 0.01. */
  public static ModelConfig mnistCnn() {
    return new ModelConfig(Architecture.CNN, 28, 28, 1, 10, List.of(), 5, 10, 20, 50,
        DEFAULT_LEARNING_RATE, 1);
  }

  /**
   * The LEAF CNN seed 004 uses (Caldas et al., "LEAF: a benchmark for federated settings",
   * arXiv:1812.01097) for 28x28 digits: 5x5 convolutions with 32 and 64 filters, each followed by
   * 2x2 max-pooling, 2048 dense units, softmax. LEAF pads its convolutions ("same"); foglab's CNN
   * does not, so F1 takes 4x4x64 = 1,024 inputs instead of 7x7x64.
   */
  public static ModelConfig leafCnn() {
    return new ModelConfig(Architecture.CNN, 28, 28, 1, 10, List.of(), 5, 32, 64, 2048,
        DEFAULT_LEARNING_RATE, 1);
  }

  /** An MLP on plain feature vectors. */
  public static ModelConfig mlp(int features, int classes, List<Integer> hiddenUnits) {
    return new ModelConfig(Architecture.MLP, 1, features, 1, classes, hiddenUnits, 0, 0, 0, 0,
        DEFAULT_LEARNING_RATE, 1);
  }

  public int featureCount() {
    return height * width * channels;
  }

  public ModelConfig withLearningRate(double eta) {
    return new ModelConfig(architecture, height, width, channels, classes, hiddenUnits, kernel,
        conv1Channels, conv2Channels, denseUnits, eta, seed);
  }

  public ModelConfig withSeed(long s) {
    return new ModelConfig(architecture, height, width, channels, classes, hiddenUnits, kernel,
        conv1Channels, conv2Channels, denseUnits, learningRate, s);
  }

  public ModelConfig withHiddenUnits(List<Integer> units) {
    return new ModelConfig(architecture, height, width, channels, classes, units, kernel,
        conv1Channels, conv2Channels, denseUnits, learningRate, seed);
  }
}
