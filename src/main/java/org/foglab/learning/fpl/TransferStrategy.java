package org.foglab.learning.fpl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.foglab.data.SampleSource;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.CpuClock;
import org.foglab.learning.engine.LayerCosts;
import org.foglab.learning.engine.StagedModel;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.engine.TrainingRun;
import org.foglab.learning.engine.TrainingStrategy;

/**
 * Raw transfer (mode transfer; seed 004, Section III, "transfer images"): every source sends its
 * images once (at their collected size, {@link TrainingRun#rawBytesPerSample()}; source 0 also the
 * labels) to the edge server, where one model trains on the union of all views: an epoch is one
 * pass over the {@code S N} (view, sample) pairs in a seeded order. Evaluation: the model on each
 * view's test images; the mean over views is reported.
 *
 * <p>{@code --executor} does not change it: after the one upload there is no per-source work,
 * so the one model trains in the driver's thread whatever the executor.
 */
public final class TransferStrategy implements TrainingStrategy {

  @Override
  public void check(TrainingRun run) {
    FplStrategy.requireOptions(run);
  }

  @Override
  public TrainingResult train(TrainingRun run) {
    FplOptions o = run.fpl();
    int sources = o.sources();
    List<SampleSource> train = o.data().train();
    int n = train.get(0).size();
    int features = run.model().featureCount();
    CostLedger ledger = run.ledger();
    LayerCosts layers = LayerCosts.of(run.model());
    double flops = layers.forwardFlops();
    long params = LocalModel.initialParameters(run.model()).length;
    double simulated = 0;
    for (int s = 0; s < sources; s++) {
      double t = ledger.send(MultiSource.source(s), MultiSource.EDGE, 1, TrafficKind.RAW_DATA,
          n * run.rawBytesPerSample());
      if (s == 0) {
        t += ledger.send(MultiSource.source(s), MultiSource.EDGE, 1, TrafficKind.LABELS,
            n * TrainingRun.LABEL_BYTES);
      }
      simulated = Math.max(simulated, t);
    }
    MultiSource.Curve curve = new MultiSource.Curve();
    long steps = 0;
    long samples = 0;
    double evalSeconds = 0;
    long begin = System.nanoTime();
    long cpuBegin = CpuClock.nanos();
    try (StagedModel m = StagedModel.of(run.model(), List.of())) {
      Optimizer.Update update = o.optimizer().create(Math.toIntExact(params), o.learningRate());
      int pairs = n * sources;
      for (int epoch = 1; epoch <= o.epochs(); epoch++) {
        int[] order = MultiSource.order(pairs, o.seed(), epoch);
        for (int from = 0; from < pairs; from += o.batchSize()) {
          int b = Math.min(o.batchSize(), pairs - from);
          float[] x = new float[b * features];
          int[] y = new int[b];
          for (int q = 0; q < b; q++) {
            int pair = order[from + q];
            SampleSource view = train.get(pair / n);
            view.copyFeatures(pair % n, x, q * features);
            y[q] = view.label(pair % n);
          }
          long c0 = CpuClock.nanos();
          m.forward(0, x, b);
          m.backwardFromLabels(0, y);
          m.applyGradient(0, update.delta(MultiSource.scaled(m.gradient(0), 1.0 / b)), 1.0);
          simulated += ledger.compute(MultiSource.EDGE, epoch, "full",
              (1 + LayerCosts.BACKWARD_FACTOR) * flops * b,
              layers.workingSetBytes(0, layers.layers(), b, params), CpuClock.secondsSince(c0));
          steps++;
          samples += b;
        }
        long e0 = System.nanoTime();
        ModelEvaluation val = evaluate(m, o.data().validation());
        ModelEvaluation test = evaluate(m, o.data().test());
        evalSeconds += (System.nanoTime() - e0) / 1e9;
        curve.add(run, epoch, pairs, val, test);
      }
      double cpu = CpuClock.secondsSince(cpuBegin);
      double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("raw_bytes_per_sample", run.rawBytesPerSample());
      return MultiSource.result(run, o, curve, steps, samples, seconds, cpu, evalSeconds,
          m.parameters(), params, params, simulated, extra);
    }
  }

  private static ModelEvaluation evaluate(StagedModel m, List<SampleSource> views) {
    List<ModelEvaluation> each = new ArrayList<>();
    for (SampleSource v : views) {
      each.add(m.evaluate(v));
    }
    return MultiSource.mean(each);
  }
}
