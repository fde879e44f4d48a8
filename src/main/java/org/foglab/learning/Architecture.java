package org.foglab.learning;

/** The model families of Section V-A of Tu et al. (INFOCOM 2020). */
public enum Architecture {
  /** Multilayer perceptron: fully connected ReLU layers, softmax output. */
  MLP,
  /** Convolutional network: two convolution + max-pooling blocks, a dense layer, softmax output. */
  CNN
}
