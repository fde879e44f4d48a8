package org.foglab.learning.federated;

import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import java.nio.file.Path;
import java.util.Locale;
import org.foglab.data.ArrayDataset;
import org.foglab.data.DeviceData;
import org.foglab.data.Mnist;
import org.foglab.data.Sampling;
import org.foglab.data.TrainTestSplit;
import org.foglab.learning.ModelConfig;
import org.foglab.network.Trace;
import org.foglab.optimize.ClosedForm;

/**
 * The accuracy and cost comparison of Tables II and III (settings A and B) of Tu et al.
 * (INFOCOM 2020) on an MNIST-format dataset: a seeded 8,000 / 2,000 split, {@code n} devices
 * over {@code T} slots with {@code |D_i(t)| ~ U{0..floor(8000 / (n T))}}, the synthetic-cost
 * fully connected trace ({@link SyntheticCostTrace}), and four runs with the same model, seed
 * and number of passes: centralized, federated ({@code tau = 1}, {@code G = D}), setting A
 * (keep-all plan, network-aware {@code tau}) and setting B ({@code ClosedForm.solve}).
 */
public final class PaperReproduction {
  private PaperReproduction() {}

  /**
   * @param mnistDir directory with one MNIST-format image/label pair (or its {@code t10k} pair)
   * @param model the classifier
   * @param devices n
   * @param slots T
   * @param tau aggregation period of settings A and B
   * @param passes passes over the horizon (epochs), the same for all four runs
   * @param seed seed of the split, the device streams and the costs
   */
  public record Options(Path mnistDir, ModelConfig model, int devices, int slots, int tau,
      int passes, long seed) {
    /** The paper's defaults: n = 10, T = 100, tau = 10. */
    public static Options defaults(Path mnistDir, ModelConfig model, int passes) {
      return new Options(mnistDir, model, 10, 100, 10, passes, 1);
    }
  }

  /** The four runs. */
  public record Report(TrainingResult centralized, TrainingResult federated,
      TrainingResult settingA, TrainingResult settingB) {

    /** A plain-text table of accuracy, loss and costs. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-13s %8s %8s %9s %9s %9s %9s %7s %8s %8s %8s%n",
          "run", "accuracy", "loss", "process", "transfer", "discard", "total", "unit",
          "offload", "discard%", "train_s"));
      row(sb, "centralized", centralized);
      row(sb, "federated", federated);
      row(sb, "A(keep,tau)", settingA);
      row(sb, "B(closed)", settingB);
      return sb.toString();
    }

    private static void row(StringBuilder sb, String name, TrainingResult r) {
      sb.append(String.format(Locale.ROOT,
          "%-13s %8.4f %8.4f %9.1f %9.1f %9.1f %9.1f %7.4f %8.4f %8.4f %8.1f%n", name,
          r.accuracy(), r.loss(), r.processCost(), r.transferCost(), r.discardCost(),
          r.totalCost(), r.unitCost(), r.offloadingRate(), r.discardRate(), r.trainingSeconds()));
    }
  }

  /** Runs the four trainings; devices train on {@code executor}. */
  public static Report run(Options o, DeviceExecutor executor) {
    ArrayDataset all = Mnist.readDirectory(o.mnistDir(), "t10k");
    TrainTestSplit split = TrainTestSplit.mnist8000(all, o.seed());
    DeviceData data = DeviceData.generate(o.devices(), o.slots(), split.train(), o.seed(),
        Sampling.iid());
    Trace trace = SyntheticCostTrace.fullyConnected(o.devices(), o.slots(), data.counts(),
        o.seed());
    // The federated baseline is evaluated every tau slots, like settings A and B.
    TrainingResult centralized = base(o, split, data, executor)
        .options(TrainingOptions.centralized(o.passes())).run();
    TrainingResult federated = base(o, split, data, executor).trace(trace)
        .options(TrainingOptions.federated(o.passes()).withEvaluateEvery(o.tau())).run();
    TrainingResult a = base(o, split, data, executor).plan(RoundedPlan.keepAllPlan(trace))
        .options(TrainingOptions.networkAware(o.tau(), o.passes())).run();
    TrainingResult b = base(o, split, data, executor).plan(ClosedForm.solve(trace))
        .options(TrainingOptions.networkAware(o.tau(), o.passes())).run();
    return new Report(centralized, federated, a, b);
  }

  private static Trainer.Builder base(Options o, TrainTestSplit split, DeviceData data,
      DeviceExecutor executor) {
    return Trainer.builder().model(o.model()).trainingData(split.train())
        .testData(split.test()).deviceData(data).executor(executor);
  }

  /**
   * Runs the comparison locally and prints the table. Arguments: MNIST directory, passes,
   * {@code mlp} or {@code cnn}.
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "data/mnist");
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    ModelConfig model = args.length > 2 && args[2].equalsIgnoreCase("cnn")
        ? ModelConfig.mnistCnn() : ModelConfig.mnistMlp();
    Report r = run(Options.defaults(dir, model, passes), DeviceExecutor.local());
    System.out.println(model.architecture() + ", passes=" + passes);
    System.out.print(r.table());
  }
}
