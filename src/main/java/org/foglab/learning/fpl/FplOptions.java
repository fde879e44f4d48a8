package org.foglab.learning.fpl;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.foglab.data.MultiViewData;

/**
 * Options of the multi-source modes (fpl, sl, gfl, transfer; seed 004).
 *
 * @param data the sources' views of the training, validation and test samples
 * @param junctionBefore fpl: the layer the junction precedes (foglab's name, e.g. {@code dense}
 *     for F1, {@code output} for F2); sl: the first shared layer (widened), {@code dense} by
 *     default; unused otherwise
 * @param average gfl: the layers averaged every round (foglab's names)
 * @param proxMu gfl: FedProx's proximal coefficient on the averaged layers
 * @param averageEvery gfl: local steps per averaging round
 * @param optimizer update rule
 * @param learningRate its step size
 * @param batchSize samples per step (per source for gfl)
 * @param epochs passes over the training samples; the reported accuracy is the test accuracy at
 *     the epoch of least validation loss
 * @param seed batch order
 */
public record FplOptions(MultiViewData data, String junctionBefore, List<String> average,
    double proxMu, int averageEvery, Optimizer optimizer, double learningRate, int batchSize,
    int epochs, long seed) implements Serializable {

  public FplOptions {
    if (data == null) {
      throw new IllegalArgumentException("the multi-source modes need multi-view data");
    }
    average = List.copyOf(average);
    if (!(proxMu >= 0) || Double.isInfinite(proxMu)) {
      throw new IllegalArgumentException("--prox-mu must be finite and non-negative, got "
          + proxMu);
    }
    if (averageEvery < 1) {
      throw new IllegalArgumentException("--average-every must be at least 1 local step, got "
          + averageEvery);
    }
    if (optimizer == null) {
      throw new IllegalArgumentException("--optimizer must be adam or sgd");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("the learning rate must be positive and finite, got "
          + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
    }
  }

  /** Number of sources. */
  public int sources() {
    return data.views();
  }

  /**
   * foglab's name of a layer given by the paper's name ({@code C1 conv1, C2 conv2, F1 dense, F2
   * output}, any case) or by foglab's own.
   */
  public static String layerName(String name) {
    switch (name.trim().toUpperCase(Locale.ROOT)) {
      case "C1":
        return "conv1";
      case "C2":
        return "conv2";
      case "F1":
        return "dense";
      case "F2":
        return "output";
      default:
        return name.trim();
    }
  }
}
