package org.foglab.jobs;

import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.foglab.InputError;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.OptionSpec;
import org.foglab.config.ConfigError;
import org.foglab.config.Installation;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.data.DatasetException;
import org.foglab.data.SampleSource;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.SavedModel;
import org.foglab.learning.TrainingExperiment;

/**
 * {@code evaluate}: scores a model that {@code train --save-model} saved on the test split of a
 * dataset (by default the one it was trained on, split with its seed, so the accuracy and loss
 * are the ones training reported). Needs no Spark.
 */
public final class EvaluateJob implements Job<EvaluateJob.Config> {
  private static final String E = "foglab.evaluate.";

  /** Declarations of {@code foglab.evaluate.*}. */
  public static final Setting<String> MODEL =
      Setting.string(E + "model").optional().option("model", "DIR");
  public static final Setting<String> DATASET = Setting.string(E + "dataset").optional()
      .rule(d -> !d.startsWith("mnist:") && !d.startsWith("synthetic:")
          ? "must be mnist:DIR or synthetic:key=value,..., got \"" + d + "\"" : null)
      .option("dataset", "D");
  public static final Setting<Long> SEED =
      Setting.longInt(E + "seed", -1, Long.MAX_VALUE).option("seed", "S");

  /**
   * @param model the saved model's directory
   * @param dataset dataset to score on, or null for the model's own
   * @param seed split seed, or -1 for the model's own
   */
  public record Config(String model, String dataset, long seed) {
    public Config {
      if (model == null || model.isEmpty()) {
        throw MODEL.error("is needed: the directory train --save-model wrote, e.g. --model "
            + "out/model");
      }
      DATASET.check(dataset);
      SEED.check(seed);
    }
  }

  private static final CommandSpec SPEC = new CommandSpec("evaluate",
      "Score a model saved by train --save-model on a dataset's test split.",
      "Opens <model>/model.zip (DL4J's format) and model.json, splits --dataset (default: the "
          + "dataset the model was trained on) with --seed (default: the training run's seed) "
          + "exactly as train does, and prints the test accuracy and mean cross-entropy; on the "
          + "model's own dataset and seed they equal what training reported.",
      OptionSpec.of(MODEL, DATASET, SEED),
      List.of("jobs/foglab evaluate --model out/model",
          "jobs/foglab evaluate --model out/model --dataset mnist:data/mnist --seed 7"),
      null);

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Config configure(Settings root) {
    String dataset = root.get(DATASET);
    if (dataset != null) {
      dataset = Installation.dataset(dataset, root.get(org.foglab.config.CoreSettings.HOME));
    }
    return new Config(root.get(MODEL), dataset, root.get(SEED));
  }

  @Override
  public void run(Config config, JobContext ctx) {
    SavedModel.Loaded loaded = SavedModel.read(config.model(), new Configuration());
    String dataset = config.dataset() != null ? config.dataset() : loaded.dataset();
    long seed = config.seed() >= 0 ? config.seed() : loaded.seed();
    ctx.progress().say("scoring " + config.model() + " on the test split of " + dataset
        + " (seed " + seed + ")");
    SampleSource test;
    try {
      test = TrainingExperiment.dataset(dataset, seed).test();
    } catch (DatasetException e) {
      throw new InputError(e.getMessage());
    }
    long inputs = ((Number) loaded.metadata().get("features")).longValue();
    if (inputs != test.featureCount()) {
      throw new ConfigError(null, "the model in " + config.model() + " takes " + inputs
          + " features per sample, but " + dataset + " has " + test.featureCount());
    }
    int classes = (int) loaded.network().getOutputLayer().getParam("b").length();
    if (test.classCount() > classes) {
      throw new ConfigError(null, "the model in " + config.model() + " predicts " + classes
          + " classes, but " + dataset + " has " + test.classCount());
    }
    ModelEvaluation e = LocalModel.evaluate(loaded.network(), test);
    boolean own = dataset.equals(loaded.dataset()) && seed == loaded.seed();
    ctx.out().printf(Locale.ROOT, "test accuracy %.4f, loss %.4f on %d samples of %s (seed %d)%n",
        e.accuracy(), e.loss(), e.samples(), dataset, seed);
    if (own && loaded.metadata().get("accuracy") instanceof Number a) {
      ctx.out().printf(Locale.ROOT, "training run %s reported accuracy %.4f%n",
          loaded.metadata().get("run_id"), a.doubleValue());
    }
  }
}
