package org.foglab.learning.fpl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.foglab.data.SampleSource;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.Tier;
import org.foglab.learning.engine.AggregationRecord;
import org.foglab.learning.engine.DeviceLosses;
import org.foglab.learning.engine.Shuffle;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.engine.TrainingRun;

/** What the multi-source strategies share: nodes, batches, the convergence rule, the result. */
final class MultiSource {
  /** SAMPLING sub-stream of the multi-source modes' batch order. */
  static final long STREAM = 104;
  /**
   * Power of one busy core, for energy from measured CPU time: seed 004's server CPU (Intel Xeon
   * E5-2690 v2, 130 W TDP over 10 cores).
   */
  static final double WATTS_PER_CORE = 13.0;
  /** Samples per evaluation chunk. */
  static final int EVALUATION_BATCH = 500;
  /** The edge server the sources' uplinks reach (seed 004, Fig. 2). */
  static final Node EDGE = new Node("edge", Tier.FOG);

  private MultiSource() {}

  /** Data source {@code s}: a device. */
  static Node source(int s) {
    return new Node("source-" + s, Tier.DEVICE);
  }

  /** The order of {@code n} sample ids in {@code epoch} (from 1). */
  static int[] order(int n, long seed, int epoch) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return Shuffle.shuffled(ids, seed, STREAM, epoch);
  }

  /** Features of {@code ids[from .. from+b)} of {@code src}, row major. */
  static float[] features(SampleSource src, int[] ids, int from, int b) {
    int f = src.featureCount();
    float[] x = new float[b * f];
    for (int q = 0; q < b; q++) {
      src.copyFeatures(ids[from + q], x, q * f);
    }
    return x;
  }

  static int[] labels(SampleSource src, int[] ids, int from, int b) {
    int[] y = new int[b];
    for (int q = 0; q < b; q++) {
      y[q] = src.label(ids[from + q]);
    }
    return y;
  }

  static float[] scaled(float[] g, double s) {
    float[] out = new float[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = (float) (g[i] * s);
    }
    return out;
  }

  /** Validation and test figures per epoch; the convergence rule picks the reported epoch. */
  static final class Curve {
    final List<Double> validationLoss = new ArrayList<>();
    final List<Double> validationAccuracy = new ArrayList<>();
    final List<ModelEvaluation> test = new ArrayList<>();
    final List<AggregationRecord> records = new ArrayList<>();

    void add(TrainingRun run, int epoch, long weight, ModelEvaluation validation,
        ModelEvaluation t) {
      validationLoss.add(validation.loss());
      validationAccuracy.add(validation.accuracy());
      test.add(t);
      records.add(run.report(new AggregationRecord(epoch, epoch, 1, epoch, weight, t.accuracy(),
          t.loss())));
    }

    /** The epoch (from 1) of least validation loss, the first on ties (seed 004, Fig. 5). */
    int bestEpoch() {
      int best = 0;
      for (int e = 1; e < validationLoss.size(); e++) {
        if (validationLoss.get(e) < validationLoss.get(best)) {
          best = e;
        }
      }
      return best + 1;
    }

    ModelEvaluation best() {
      return test.get(bestEpoch() - 1);
    }
  }

  /** The result of a multi-source run and its report's common part. */
  static TrainingResult result(TrainingRun run, FplOptions o, Curve curve, long steps,
      long samples, double seconds, double cpu, double evalSeconds, float[] parameters,
      long totalParameters, long perModelParameters, double simulated,
      Map<String, Object> extra) {
    CostLedger ledger = run.ledger();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("sources", o.sources());
    report.put("optimizer", o.optimizer().configName());
    report.put("learning_rate", o.learningRate());
    report.put("batch_size", o.batchSize());
    report.put("epochs", o.epochs());
    report.putAll(extra);
    report.put("best_epoch", curve.bestEpoch());
    report.put("accuracy_at_best_epoch", curve.best().accuracy());
    report.put("final_accuracy", curve.test.get(curve.test.size() - 1).accuracy());
    report.put("validation_loss", List.copyOf(curve.validationLoss));
    report.put("validation_accuracy", List.copyOf(curve.validationAccuracy));
    List<Double> acc = new ArrayList<>();
    for (ModelEvaluation e : curve.test) {
      acc.add(e.accuracy());
    }
    report.put("test_accuracy", acc);
    report.put("parameters", totalParameters);
    report.put("parameters_per_model", perModelParameters);
    report.put("cpu_seconds", cpu);
    report.put("simulated_seconds", simulated);
    report.put("energy_kwh", ledger.totals().energyJoules() / 3.6e6);
    report.put("carbon_kg", ledger.totals().carbonKg());
    // Seed 004's Table I way: measured CPU seconds times a per-core power, plus the radio.
    double cpuJoules = cpu * WATTS_PER_CORE;
    report.put("cpu_energy_kwh", cpuJoules / 3.6e6);
    report.put("cpu_and_radio_carbon_kg", ledger.models().carbon().kilograms(
        cpuJoules + ledger.totals().communicationJoules()));
    ModelEvaluation best = curve.best();
    return new TrainingResult(run.options().mode(), run.model(), run.options(), best.accuracy(),
        best.loss(), curve.records, DeviceLosses.none(run.data().devices(), run.data().slots()),
        null, 0, o.epochs(), steps, samples, seconds, cpu, evalSeconds, parameters, ledger,
        report);
  }

  /** Mean of per-view evaluations (gfl, transfer: each view's prediction judged). */
  static ModelEvaluation mean(List<ModelEvaluation> views) {
    double acc = 0;
    double loss = 0;
    int n = 0;
    for (ModelEvaluation e : views) {
      acc += e.accuracy();
      loss += e.loss();
      n += e.samples();
    }
    return new ModelEvaluation(acc / views.size(), loss / views.size(), n);
  }
}
