package org.foglab.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.foglab.data.MultiViewData;
import org.foglab.data.ViewTransform;
import org.foglab.learning.Architecture;
import org.foglab.learning.NetworkFactory;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.fpl.FplOptions;
import org.foglab.learning.fpl.Optimizer;

/**
 * {@code foglab.train.fpl}: the multi-source modes' views and options (seed 004), before the data
 * is read. Source {@code s} sees {@code views[s mod |views|]} with its own quality.
 *
 * @param views the sources' views (the paper's five by default)
 * @param sources S, the number of sources
 * @param noise per source Gaussian pixel noise (one value per source, or empty for none)
 * @param missing per source fraction of lost pixels (one value per source, or empty for none)
 * @param junctionBefore fpl: the layer the junction precedes (foglab's name); sl: the first
 *     shared layer
 * @param average gfl: the averaged layers (foglab's names)
 * @param proxMu gfl: FedProx's mu
 * @param averageEvery gfl: local steps per averaging round
 * @param optimizer update rule
 * @param learningRate its step size
 * @param batchSize samples per step
 * @param epochs passes over the training samples
 * @param trainSamples training images of the 7,000 / 1,000 / 2,000 split (fewer for short runs)
 * @param leaf the cnn has the LEAF sizes (32 and 64 5x5 filters, 2048 dense units)
 */
public record MultiSourceSpec(List<ViewTransform> views, int sources, List<Double> noise,
    List<Double> missing, String junctionBefore, List<String> average, double proxMu,
    int averageEvery, Optimizer optimizer, double learningRate, int batchSize, int epochs,
    int trainSamples, boolean leaf) implements Serializable {

  /** Checks each value against {@link TrainSettings}; the per-source lists against S. */
  public MultiSourceSpec {
    views = List.copyOf(views);
    if (views.isEmpty()) {
      throw TrainSettings.VIEWS.error("must list at least one view, e.g. blur,erase,hflip,vflip,crop");
    }
    TrainSettings.SOURCES.check(sources);
    if (sources < 1) {
      throw TrainSettings.SOURCES.error("must be at least 1, got " + sources);
    }
    noise = List.copyOf(perSource(TrainSettings.NOISE, noise, sources, 0, 10));
    missing = List.copyOf(perSource(TrainSettings.MISSING, missing, sources, 0, 0.99));
    TrainSettings.JUNCTION_BEFORE.check(junctionBefore);
    average = List.copyOf(average);
    TrainSettings.PROX_MU.check(proxMu);
    TrainSettings.AVERAGE_EVERY.check(averageEvery);
    TrainSettings.OPTIMIZER.check(optimizer);
    TrainSettings.FPL_LEARNING_RATE.check(learningRate);
    if (batchSize < 1) {
      throw TrainSettings.BATCH_SIZE.error("must be at least 1 for the multi-source modes, got "
          + batchSize);
    }
    TrainSettings.EPOCHS.check(epochs);
    TrainSettings.TRAIN_SAMPLES.check(trainSamples);
  }

  /** The modes this spec serves. */
  public static boolean covers(TrainingMode mode) {
    return mode == TrainingMode.FPL || mode == TrainingMode.SL || mode == TrainingMode.GFL
        || mode == TrainingMode.TRANSFER;
  }

  /** The views of each source. */
  public List<MultiViewData.View> sourceViews() {
    List<MultiViewData.View> out = new ArrayList<>();
    for (int s = 0; s < sources; s++) {
      out.add(new MultiViewData.View(views.get(s % views.size()),
          noise.isEmpty() ? 0 : noise.get(s), missing.isEmpty() ? 0 : missing.get(s)));
    }
    return out;
  }

  /** The strategies' options on {@code data}. */
  public FplOptions options(MultiViewData data, long seed) {
    return new FplOptions(data, junctionBefore, average, proxMu, averageEvery, optimizer,
        learningRate, batchSize, epochs, seed);
  }

  /**
   * Reads {@code train.fpl} for {@code mode} and checks the layers against the model's names, so
   * a bad option is one sentence before anything runs.
   */
  static MultiSourceSpec read(Settings root, TrainingMode mode, Architecture arch,
      int hiddenLayers, int batch) {
    List<ViewTransform> views = new ArrayList<>();
    for (String v : root.get(TrainSettings.VIEWS)) {
      ViewTransform t = Choice.parse(ViewTransform.class, v);
      if (t == null) {
        throw TrainSettings.VIEWS.error("must list views (identity, blur, erase, hflip, vflip, "
            + "crop), got \"" + v + "\"");
      }
      views.add(t);
    }
    if (views.isEmpty()) {
      throw TrainSettings.VIEWS.error("must list at least one view, e.g. blur,erase,hflip,vflip,crop");
    }
    int sources = root.get(TrainSettings.SOURCES);
    if (sources == 0) {
      sources = views.size();
    }
    if (mode != TrainingMode.TRANSFER && sources < 2) {
      throw TrainSettings.SOURCES.error("must be at least 2 for --mode " + mode.configName()
          + " (one branch or model per source), got " + sources);
    }
    List<Double> noise = numbers(TrainSettings.NOISE, root.get(TrainSettings.NOISE));
    List<Double> missing = numbers(TrainSettings.MISSING, root.get(TrainSettings.MISSING));
    List<String> names = NetworkFactory.layerNames(arch, hiddenLayers);
    String given = root.get(TrainSettings.JUNCTION_BEFORE);
    String junction = FplOptions.layerName(given);
    if (mode == TrainingMode.FPL || mode == TrainingMode.SL) {
      int i = names.indexOf(junction);
      if (i < 0) {
        throw TrainSettings.JUNCTION_BEFORE.error("names layer \"" + given + "\", which the "
            + arch.configName() + " does not have; its layers are " + String.join(", ", names)
            + " (F1 dense, F2 output)");
      }
      boolean flat = arch == Architecture.MLP ? i > 0 : i >= names.indexOf("dense");
      if (!flat) {
        throw TrainSettings.JUNCTION_BEFORE.error("must name a fully connected layer after the "
            + "first (" + (arch == Architecture.CNN ? "F1 dense or F2 output" : "hidden2.. or output")
            + "), got \"" + given + "\"");
      }
    }
    List<String> average = new ArrayList<>();
    for (String a : root.get(TrainSettings.AVERAGE)) {
      String name = FplOptions.layerName(a);
      if (!names.contains(name)) {
        throw TrainSettings.AVERAGE.error("names layer \"" + a + "\", which the "
            + arch.configName() + " does not have; its layers are " + String.join(", ", names)
            + " (C1 conv1, C2 conv2, F1 dense, F2 output)");
      }
      average.add(name);
    }
    if (mode == TrainingMode.GFL && average.isEmpty()) {
      throw TrainSettings.AVERAGE.error("must list the layers gfl averages, e.g. F1,F2");
    }
    return new MultiSourceSpec(views, sources, noise, missing, junction, average,
        root.get(TrainSettings.PROX_MU), root.get(TrainSettings.AVERAGE_EVERY),
        root.get(TrainSettings.OPTIMIZER), root.get(TrainSettings.FPL_LEARNING_RATE),
        batch == 0 ? 64 : batch, root.get(TrainSettings.EPOCHS),
        root.get(TrainSettings.TRAIN_SAMPLES), root.get(TrainSettings.LEAF));
  }

  private static List<Double> numbers(Setting<List<String>> key, List<String> items) {
    List<Double> out = new ArrayList<>();
    for (String v : items) {
      try {
        out.add(Double.parseDouble(v));
      } catch (NumberFormatException e) {
        throw key.error("must list numbers, one per source, got \"" + v + "\"");
      }
    }
    return out;
  }

  private static List<Double> perSource(Setting<List<String>> key, List<Double> values,
      int sources, double min, double max) {
    for (double x : values) {
      if (!(x >= min && x <= max)) {
        throw key.error(String.format(Locale.ROOT, "values must be in [%s, %s], got %s",
            Settings.fmt(min), Settings.fmt(max), Settings.fmt(x)));
      }
    }
    if (!values.isEmpty() && values.size() != sources) {
      throw key.error("must give one value per source (" + sources + "), got " + values.size());
    }
    return values;
  }
}
