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
  static MultiSourceSpec read(Settings train, TrainingMode mode, Architecture arch,
      int hiddenLayers, int batch) {
    Settings s = train.at("fpl");
    List<ViewTransform> views = new ArrayList<>();
    for (String v : TrainSpec.list(s, "views")) {
      ViewTransform t = Choice.parse(ViewTransform.class, v);
      if (t == null) {
        throw s.error("views", "must list views (identity, blur, erase, hflip, vflip, crop), got \""
            + v + "\"");
      }
      views.add(t);
    }
    if (views.isEmpty()) {
      throw s.error("views", "must list at least one view, e.g. blur,erase,hflip,vflip,crop");
    }
    int sources = s.intValue("sources", 0, 1000);
    if (sources == 0) {
      sources = views.size();
    }
    if (mode != TrainingMode.TRANSFER && sources < 2) {
      throw s.error("sources", "must be at least 2 for --mode " + mode.configName()
          + " (one branch or model per source), got " + sources);
    }
    List<Double> noise = numbers(s, "noise", sources, 0, 10);
    List<Double> missing = numbers(s, "missing", sources, 0, 0.99);
    List<String> names = NetworkFactory.layerNames(arch, hiddenLayers);
    String junction = FplOptions.layerName(s.string("junction-before"));
    if (mode == TrainingMode.FPL || mode == TrainingMode.SL) {
      int i = names.indexOf(junction);
      if (i < 0) {
        throw s.error("junction-before", "names layer \"" + s.string("junction-before")
            + "\", which the " + arch.configName() + " does not have; its layers are "
            + String.join(", ", names) + " (F1 dense, F2 output)");
      }
      boolean flat = arch == Architecture.MLP ? i > 0 : i >= names.indexOf("dense");
      if (!flat) {
        throw s.error("junction-before", "must name a fully connected layer after the first ("
            + (arch == Architecture.CNN ? "F1 dense or F2 output" : "hidden2.. or output")
            + "), got \"" + s.string("junction-before") + "\"");
      }
    }
    List<String> average = new ArrayList<>();
    for (String a : TrainSpec.list(s, "average")) {
      String name = FplOptions.layerName(a);
      if (!names.contains(name)) {
        throw s.error("average", "names layer \"" + a + "\", which the " + arch.configName()
            + " does not have; its layers are " + String.join(", ", names)
            + " (C1 conv1, C2 conv2, F1 dense, F2 output)");
      }
      average.add(name);
    }
    if (mode == TrainingMode.GFL && average.isEmpty()) {
      throw s.error("average", "must list the layers gfl averages, e.g. F1,F2");
    }
    return new MultiSourceSpec(views, sources, noise, missing, junction, average,
        s.doubleValue("prox-mu", 0, 1e6), s.intValue("average-every", 1, 1_000_000),
        s.choice("optimizer", Optimizer.class), s.doubleValue("learning-rate", Double.MIN_VALUE,
            100), batch == 0 ? 64 : batch, s.intValue("epochs", 1, 100_000),
        s.intValue("train-samples", 1, MultiViewData.MNIST_TRAIN), s.bool("leaf"));
  }

  private static List<Double> numbers(Settings s, String path, int sources, double min,
      double max) {
    List<Double> out = new ArrayList<>();
    for (String v : TrainSpec.list(s, path)) {
      double x;
      try {
        x = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw s.error(path, "must list numbers, one per source, got \"" + v + "\"");
      }
      if (!(x >= min && x <= max)) {
        throw s.error(path, String.format(Locale.ROOT, "values must be in [%s, %s], got %s",
            Settings.fmt(min), Settings.fmt(max), v));
      }
      out.add(x);
    }
    if (!out.isEmpty() && out.size() != sources) {
      throw s.error(path, "must give one value per source (" + sources + "), got " + out.size());
    }
    return List.copyOf(out);
  }
}
