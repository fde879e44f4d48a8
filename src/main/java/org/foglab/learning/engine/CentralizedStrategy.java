package org.foglab.learning.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.foglab.data.DeviceData;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.Tier;
import org.foglab.learning.cost.TrafficKind;

/**
 * Centralized training: every device sends what it collects (raw features and labels) to the
 * cloud once, and one model takes minibatch SGD steps with the run's learning rate over the union
 * of the device streams (nothing discarded), reshuffled every pass by a seeded hash
 * ({@link Shuffle#centralized}), for {@code passes} passes.
 */
public final class CentralizedStrategy implements TrainingStrategy {

  @Override
  public TrainingResult train(TrainingRun run) {
    DeviceData data = run.data();
    TrainingOptions options = run.options();
    int[] ids = data.allSamples();
    if (ids.length == 0) {
      throw new IllegalArgumentException("the devices collect no data, so there is nothing to "
          + "train on centrally");
    }
    int batch = options.centralizedBatchSize() > 0 ? options.centralizedBatchSize()
        : (int) Math.ceil((double) ids.length / data.slots());
    CostLedger ledger = run.ledger();
    shipRawData(run);
    LayerCosts layers = LayerCosts.of(run.model());
    List<AggregationRecord> records = new ArrayList<>();
    long steps = 0;
    long samples = 0;
    double evalSeconds = 0;
    double evalCpu = 0;
    ModelEvaluation last = null;
    float[] w;
    long begin = System.nanoTime();
    long cpuBegin = CpuClock.nanos();
    try (LocalModel m = LocalModel.borrow(run.model())) {
      m.setParameters(LocalModel.initialParameters(run.model()));
      long params = m.parameterCount();
      for (int pass = 1; pass <= options.passes(); pass++) {
        int[] order = Shuffle.centralized(ids, options.seed(), pass);
        long c0 = CpuClock.nanos();
        long passSamples = 0;
        for (int from = 0; from < order.length; from += batch) {
          int to = Math.min(order.length, from + batch);
          m.step(run.train(), order, from, to);
          steps++;
          samples += to - from;
          passSamples += to - from;
        }
        ledger.compute(Nodes.CLOUD, pass, "full",
            layers.trainingFlops(0, layers.layers()) * passSamples,
            layers.workingSetBytes(0, layers.layers(), batch, params), CpuClock.secondsSince(c0));
        boolean due = options.evaluateEvery() > 0 && pass % options.evaluateEvery() == 0;
        if (due || pass == options.passes()) {
          long e0 = System.nanoTime();
          long ec = CpuClock.nanos();
          last = m.evaluate(run.test());
          evalSeconds += (System.nanoTime() - e0) / 1e9;
          evalCpu += CpuClock.secondsSince(ec);
          records.add(run.report(new AggregationRecord(pass, pass, data.slots(),
              (long) pass * data.slots(), ids.length, last.accuracy(), last.loss())));
        }
      }
      w = m.parameters();
    }
    double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
    double cpu = CpuClock.secondsSince(cpuBegin) - evalCpu;
    return new TrainingResult(TrainingMode.CENTRALIZED, run.model(), options, last.accuracy(),
        last.loss(), records, DeviceLosses.none(data.devices(), data.slots()), null, 0,
        options.passes(), steps, samples, seconds, cpu, evalSeconds, w, ledger, Map.of());
  }

  /** Every device's collected samples, features and labels, to the cloud once (round 0). */
  static void shipRawData(TrainingRun run) {
    DeviceData data = run.data();
    int n = data.devices();
    for (int i = 0; i < n; i++) {
      long count = data.deviceSamples(i).length;
      if (count > 0) {
        Node device = Nodes.device(run.trace(), i, Tier.DEVICE);
        run.ledger().send(device, Nodes.CLOUD, 0, TrafficKind.RAW_DATA,
            count * run.rawBytesPerSample());
        run.ledger().send(device, Nodes.CLOUD, 0, TrafficKind.LABELS,
            count * TrainingRun.LABEL_BYTES);
      }
    }
  }
}
