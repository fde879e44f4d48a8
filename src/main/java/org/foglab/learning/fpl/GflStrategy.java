package org.foglab.learning.fpl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.foglab.data.SampleSource;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.NetworkFactory;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.CpuClock;
import org.foglab.learning.engine.LayerCosts;
import org.foglab.learning.engine.StagedModel;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.engine.TrainingRun;
import org.foglab.learning.engine.TrainingStrategy;
import org.foglab.learning.federated.SparkDeviceExecutor;

/**
 * Generalized federated learning (mode gfl; seed 004, Section III): one full model per source,
 * trained on that source's view; the layers listed in {@link FplOptions#average()} are averaged
 * over the sources every {@link FplOptions#averageEvery()} local steps (the edge server receives
 * them and sends the mean back), the others stay local. Local steps add FedProx's proximal term
 * (Li et al., "Federated optimization in heterogeneous networks", MLSys 2020, equation (2)) on
 * the averaged layers: the gradient of {@code mu/2 ||w - w_avg||^2}, {@code mu (w - w_avg)}, with
 * {@code w_avg} the last average, is added to the mean batch gradient before the optimizer step.
 * Evaluation: each source's model on its own view; the mean over views is reported.
 *
 * <p>With {@code --executor spark} each step's local steps run in Spark tasks
 * ({@link SparkSources.Gfl}: every source's parameters and optimizer state shipped with the last
 * average, the stepped state returned); averaging and evaluation stay on the driver. Results are
 * bit-identical to the local executor's.
 */
public final class GflStrategy implements TrainingStrategy {

  @Override
  public void check(TrainingRun run) {
    FplOptions o = FplStrategy.requireOptions(run);
    if (o.sources() < 2) {
      throw new IllegalArgumentException("--mode gfl needs at least 2 sources (--views), got "
          + o.sources());
    }
    ranges(run.model(), o.average());
  }

  /**
   * {@code [from, to)} offsets in the flat parameter vector of each averaged layer; rejects an
   * empty list or a layer the model lacks with one sentence.
   */
  static List<int[]> ranges(ModelConfig model, List<String> average) {
    List<String> names = NetworkFactory.layerNames(model);
    if (average.isEmpty()) {
      throw new IllegalArgumentException("--average must list the layers to average, e.g. F1,F2 "
          + "(dense,output); the " + model.architecture().configName() + "'s layers are "
          + String.join(", ", names));
    }
    MultiLayerConfiguration conf = NetworkFactory.configuration(model);
    long[] offsets = new long[names.size() + 1];
    for (int i = 0; i < names.size(); i++) {
      NeuralNetConfiguration c = conf.getConf(i);
      offsets[i + 1] = offsets[i] + c.getLayer().initializer().numParams(c);
    }
    List<int[]> out = new ArrayList<>();
    for (String a : average) {
      String name = FplOptions.layerName(a);
      int i = names.indexOf(name);
      if (i < 0) {
        throw new IllegalArgumentException("--average names layer \"" + a + "\", which the "
            + model.architecture().configName() + " does not have; its layers are "
            + String.join(", ", names) + " (C1 conv1, C2 conv2, F1 dense, F2 output)");
      }
      out.add(new int[] {Math.toIntExact(offsets[i]), Math.toIntExact(offsets[i + 1])});
    }
    return out;
  }

  /** Local models, their update rules and the last average of the shared layers. */
  static final class Models implements AutoCloseable {
    final StagedModel[] models;
    final Optimizer.Update[] updates;
    final List<int[]> ranges;
    final double mu;
    final float[] anchor;
    final int shared;

    Models(ModelConfig model, int sources, List<int[]> ranges, double mu, Optimizer optimizer,
        double learningRate) {
      this.models = new StagedModel[sources];
      this.updates = new Optimizer.Update[sources];
      this.ranges = ranges;
      this.mu = mu;
      float[] w0 = LocalModel.initialParameters(model);
      this.anchor = w0.clone();
      int count = 0;
      for (int[] r : ranges) {
        count += r[1] - r[0];
      }
      this.shared = count;
      for (int s = 0; s < sources; s++) {
        models[s] = StagedModel.of(model, List.of());
        updates[s] = optimizer.create(w0.length, learningRate);
      }
    }

    /** One local step of source {@code s} on its batch; returns the batch loss. */
    double step(int s, float[] x, int[] y) {
      return localStep(models[s], updates[s], anchor, ranges, mu, x, y);
    }

    /**
     * One local step of the model {@code m} with update rule {@code u} and FedProx's term toward
     * {@code anchor} on {@code ranges}: the same float operations wherever it runs.
     */
    static double localStep(StagedModel m, Optimizer.Update u, float[] anchor,
        List<int[]> ranges, double mu, float[] x, int[] y) {
      m.forward(0, x, y.length);
      StagedModel.LossAndEpsilon le = m.backwardFromLabels(0, y);
      float[] g = MultiSource.scaled(m.gradient(0), 1.0 / y.length);
      if (mu > 0) {
        float[] w = m.parameters(0);
        for (int[] r : ranges) {
          for (int i = r[0]; i < r[1]; i++) {
            g[i] += (float) (mu * (w[i] - anchor[i]));
          }
        }
      }
      m.applyGradient(0, u.delta(g), 1.0);
      return le.loss();
    }

    /** Averages the shared layers over the sources into every model and the anchor. */
    void average() {
      int n = models.length;
      float[][] w = new float[n][];
      for (int s = 0; s < n; s++) {
        w[s] = models[s].parameters(0);
      }
      for (int[] r : ranges) {
        for (int i = r[0]; i < r[1]; i++) {
          double sum = 0;
          for (int s = 0; s < n; s++) {
            sum += w[s][i];
          }
          anchor[i] = (float) (sum / n);
        }
      }
      for (int s = 0; s < n; s++) {
        for (int[] r : ranges) {
          System.arraycopy(anchor, r[0], w[s], r[0], r[1] - r[0]);
        }
        models[s].setParameters(0, w[s]);
      }
    }

    ModelEvaluation evaluate(List<SampleSource> views) {
      List<ModelEvaluation> each = new ArrayList<>();
      for (int s = 0; s < models.length; s++) {
        each.add(models[s].evaluate(views.get(s)));
      }
      return MultiSource.mean(each);
    }

    @Override
    public void close() {
      for (StagedModel m : models) {
        if (m != null) {
          m.close();
        }
      }
    }
  }

  @Override
  public TrainingResult train(TrainingRun run) {
    FplOptions o = run.fpl();
    int sources = o.sources();
    List<int[]> ranges = ranges(run.model(), o.average());
    CostLedger ledger = run.ledger();
    LayerCosts layers = LayerCosts.of(run.model());
    double flops = layers.forwardFlops();
    List<SampleSource> train = o.data().train();
    int n = train.get(0).size();
    MultiSource.Curve curve = new MultiSource.Curve();
    long steps = 0;
    long samples = 0;
    long rounds = 0;
    double evalSeconds = 0;
    double simulated = 0;
    long begin = System.nanoTime();
    long cpuBegin = CpuClock.nanos();
    try (Models m = new Models(run.model(), sources, ranges, o.proxMu(), o.optimizer(),
        o.learningRate());
        SparkSources.Gfl spark = run.executor() instanceof SparkDeviceExecutor e
            ? new SparkSources.Gfl(e, run.model(), train, ranges, o.proxMu()) : null) {
      long params = LocalModel.initialParameters(run.model()).length;
      double sharedBytes = TrainingRun.FLOAT_BYTES * m.shared;
      double roundSeconds = 0;
      for (int epoch = 1; epoch <= o.epochs(); epoch++) {
        int[] ids = MultiSource.order(n, o.seed(), epoch);
        for (int from = 0; from < n; from += o.batchSize()) {
          int b = Math.min(o.batchSize(), n - from);
          int[] y = MultiSource.labels(train.get(0), ids, from, b);
          double slowest = 0;
          double[] cpu = new double[sources];
          if (spark != null) {
            cpu = spark.step(m, java.util.Arrays.copyOfRange(ids, from, from + b));
          } else {
            for (int s = 0; s < sources; s++) {
              float[] x = MultiSource.features(train.get(s), ids, from, b);
              long c0 = CpuClock.nanos();
              m.step(s, x, y);
              cpu[s] = CpuClock.secondsSince(c0);
            }
          }
          for (int s = 0; s < sources; s++) {
            slowest = Math.max(slowest, ledger.compute(MultiSource.source(s), epoch, "local",
                (1 + LayerCosts.BACKWARD_FACTOR) * flops * b,
                layers.workingSetBytes(0, layers.layers(), b, params), cpu[s]));
          }
          roundSeconds += slowest;
          steps++;
          samples += (long) b * sources;
          boolean last = from + o.batchSize() >= n && epoch == o.epochs();
          if (steps % o.averageEvery() == 0 || last) {
            m.average();
            rounds++;
            double up = 0;
            double down = 0;
            for (int s = 0; s < sources; s++) {
              Node src = MultiSource.source(s);
              up = Math.max(up, ledger.send(src, MultiSource.EDGE, epoch,
                  TrafficKind.PARAMETERS, sharedBytes));
              down = Math.max(down, ledger.send(MultiSource.EDGE, src, epoch,
                  TrafficKind.PARAMETERS, sharedBytes));
            }
            simulated += roundSeconds + up + down;
            roundSeconds = 0;
          }
        }
        long e0 = System.nanoTime();
        ModelEvaluation val = m.evaluate(o.data().validation());
        ModelEvaluation test = m.evaluate(o.data().test());
        evalSeconds += (System.nanoTime() - e0) / 1e9;
        curve.add(run, epoch, (long) n * sources, val, test);
      }
      double cpu = CpuClock.secondsSince(cpuBegin)
          + (spark == null ? 0 : spark.remoteCpuSeconds());
      double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
      Map<String, Object> extra = new LinkedHashMap<>();
      List<String> names = new ArrayList<>();
      for (String a : o.average()) {
        names.add(FplOptions.layerName(a));
      }
      extra.put("average", names);
      extra.put("prox_mu", o.proxMu());
      extra.put("average_every", o.averageEvery());
      extra.put("averaging_rounds", rounds);
      extra.put("averaged_parameters", m.shared);
      float[] w = new float[Math.toIntExact(params * sources)];
      for (int s = 0; s < sources; s++) {
        System.arraycopy(m.models[s].parameters(0), 0, w, Math.toIntExact(s * params),
            Math.toIntExact(params));
      }
      return MultiSource.result(run, o, curve, steps, samples, seconds, cpu, evalSeconds, w,
          params * sources, params, simulated, extra);
    }
  }
}
