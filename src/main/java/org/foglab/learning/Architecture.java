package org.foglab.learning;

import org.foglab.config.Choice;

/** The model families of Section V-A of Tu et al. (INFOCOM 2020). */
public enum Architecture implements Choice {
  /** Multilayer perceptron: fully connected ReLU layers, softmax output. */
  MLP,
  /** Convolutional network: two convolution + max-pooling blocks, a dense layer, softmax output. */
  CNN;

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
