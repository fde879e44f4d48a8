package org.foglab.learning.federated;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.Tier;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.AggregationRecord;
import org.foglab.learning.engine.CpuClock;
import org.foglab.learning.engine.DeviceLosses;
import org.foglab.learning.engine.LayerCosts;
import org.foglab.learning.engine.Nodes;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.engine.TrainingRun;
import org.foglab.learning.engine.TrainingStrategy;
import org.foglab.optimize.PlanEvaluation;
import org.foglab.network.Trace;

/**
 * Network-aware and federated learning as Section III-B of Tu et al. (INFOCOM 2020) describes.
 *
 * <p>In each slot {@code t} every device {@code i} with data takes one step of equation (3) on
 * its batch {@code G_i(t)} (its kept data plus the data offloaded to it at {@code t-1}, see
 * {@link TrainingSchedule}); every {@code tau} slots the server replaces all local models by
 * {@code w(k) = sum_i H_i w_i / sum_i H_i} (equation (4)), where {@code H_i} counts the
 * datapoints device {@code i} processed since the last aggregation; devices with {@code H_i = 0}
 * do not count, and if all are 0 the model is kept. A final partial period (when
 * {@code passes T} is not a multiple of {@code tau}) is aggregated at the end. Setting A of Table
 * III is NETWORK_AWARE with the keep-all plan ({@link RoundedPlan#keepAllPlan}), setting B with
 * {@code ClosedForm.solve(trace)}; FEDERATED is the keep-all schedule with {@code tau = 1}.
 *
 * <p>Results are a pure function of the inputs: the aggregation is exact in fixed point
 * ({@link PeriodSums}), so local and Spark runs with any number of partitions produce the same
 * parameters bit for bit.
 *
 * <p>Ledger (rounds are passes): the plan's offloaded datapoints cross their links once (raw
 * features and labels, pass 1), since a receiver keeps what it was sent; in every period each
 * device that trains downloads {@code w(k-1)} from the server and uploads its parameters
 * (float32); each device's steps are its compute.
 */
public final class FederatedStrategy implements TrainingStrategy {

  @Override
  public void check(TrainingRun run) {
    TrainingMode mode = run.options().mode();
    if (mode == TrainingMode.NETWORK_AWARE && run.plan() == null) {
      throw new IllegalArgumentException("network-aware training needs a plan (for setting A "
          + "use RoundedPlan.keepAllPlan(trace))");
    }
    if (mode != TrainingMode.NETWORK_AWARE && run.plan() != null) {
      throw new IllegalArgumentException(mode + " training moves no data, so it takes "
          + "no plan; pass the trace instead to get its costs");
    }
    long keys = (long) run.options().passes() * run.data().deviceSlots();
    if (run.options().recordDeviceLosses() && keys > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("recording device losses for " + run.options().passes()
          + " passes over " + run.data().deviceSlots() + " device-slots exceeds 2^31 entries; "
          + "turn recordDeviceLosses off");
    }
  }

  @Override
  public TrainingResult train(TrainingRun run) {
    TrainingOptions options = run.options();
    TrainingSchedule schedule;
    PlanEvaluation costs = null;
    double shift = 0;
    CostLedger ledger = run.ledger();
    if (options.mode() == TrainingMode.NETWORK_AWARE) {
      RoundedPlan rounded = RoundedPlan.of(run.plan(), run.data());
      schedule = TrainingSchedule.of(rounded, run.data());
      costs = PlanEvaluation.of(rounded.toPlan());
      shift = rounded.maxRoundingShift();
      recordOffloading(run, rounded);
    } else {
      schedule = TrainingSchedule.keepAll(run.data());
      if (run.trace() != null) {
        costs = PlanEvaluation.of(RoundedPlan.keepAllPlan(run.trace()));
      }
    }
    int n = schedule.devices();
    int slots = schedule.slots();
    int tau = options.aggregationPeriod();
    long horizon = (long) options.passes() * slots;
    boolean record = options.recordDeviceLosses();
    float[] loss = new float[record ? options.passes() * n * slots : 0];
    Arrays.fill(loss, Float.NaN);
    List<AggregationRecord> records = new ArrayList<>();
    float[] w = LocalModel.initialParameters(run.model());
    LayerCosts layers = LayerCosts.of(run.model());
    double flopsPerSample = layers.trainingFlops(0, layers.layers());
    double parameterBytes = TrainingRun.FLOAT_BYTES * w.length;
    Node[] devices = new Node[n];
    for (int i = 0; i < n; i++) {
      devices[i] = Nodes.device(run.trace(), i, Tier.DEVICE);
    }
    long steps = 0;
    long samples = 0;
    int aggregations = 0;
    double evalSeconds = 0;
    double evalCpu = 0;
    ModelEvaluation last = null;
    long begin = System.nanoTime();
    long cpuBegin = CpuClock.nanos();
    TrainingContext ctx = new TrainingContext(run.model(), run.train(), schedule, record);
    try (LocalModel evaluator = LocalModel.borrow(run.model());
        DeviceExecutor.Session session = run.executor().open(ctx)) {
      // Periods since the last report, run as one chunk when a report is due (an evaluation
      // or the end of a pass), so an executor can run them in one go (one Spark stage).
      List<Pending> pending = new ArrayList<>();
      for (long u0 = 0; u0 < horizon; u0 += tau) {
        long u1 = Math.min(u0 + tau, horizon);
        aggregations++;
        long[] h = new long[n];
        long total = 0;
        for (long u = u0; u < u1; u++) {
          int base = (int) (u % slots) * n;
          for (int i = 0; i < n; i++) {
            int g = schedule.processed(base + i);
            h[i] += g;
            total += g;
          }
        }
        pending.add(new Pending(u0, u1, h, total));
        boolean due = options.evaluateEvery() > 0 && aggregations % options.evaluateEvery() == 0;
        boolean report = due || u1 == horizon || u1 % slots == 0;
        if (!report && pending.size() < MAX_CHUNK_PERIODS
            && (long) pending.size() * n < MAX_CHUNK_WEIGHTS) {
          continue;
        }
        List<DeviceExecutor.Period> chunk = new ArrayList<>();
        for (Pending p : pending) {
          if (p.total > 0) {
            double[] alpha = new double[n];
            for (int i = 0; i < n; i++) {
              alpha[i] = (double) p.h[i] / p.total;
            }
            chunk.add(new DeviceExecutor.Period(alpha, p.u0, p.u1));
          }
        }
        List<PeriodSums> sums = List.of();
        if (!chunk.isEmpty()) {
          DeviceExecutor.Periods done = session.runPeriods(w, chunk);
          sums = done.sums();
          w = done.params();
        }
        int next = 0;
        for (Pending p : pending) {
          if (p.total == 0) {
            continue;
          }
          PeriodSums period = sums.get(next++);
          steps += period.steps();
          samples += period.samples();
          for (int q = 0; q < period.lossCount(); q++) {
            loss[period.lossKey(q)] = period.lossValue(q);
          }
          long pass = p.u0 / slots + 1;
          for (int i = 0; i < n; i++) {
            if (p.h[i] > 0) {
              ledger.send(Nodes.CLOUD, devices[i], pass, TrafficKind.PARAMETERS, parameterBytes);
              ledger.compute(devices[i], pass, "full", flopsPerSample * p.h[i],
                  layers.workingSetBytes(0, layers.layers(), (int) Math.min(p.h[i],
                      Integer.MAX_VALUE), w.length), Double.NaN);
              ledger.send(devices[i], Nodes.CLOUD, pass, TrafficKind.PARAMETERS, parameterBytes);
            }
          }
        }
        pending.clear();
        if (due || u1 == horizon) {
          long e0 = System.nanoTime();
          long c0 = CpuClock.nanos();
          evaluator.setParameters(w);
          last = evaluator.evaluate(run.test());
          evalSeconds += (System.nanoTime() - e0) / 1e9;
          evalCpu += CpuClock.secondsSince(c0);
          records.add(run.report(new AggregationRecord(aggregations, (int) ((u1 - 1) / slots) + 1,
              (int) ((u1 - 1) % slots) + 1, u1, total, last.accuracy(), last.loss())));
        } else if (u1 % slots == 0) {
          // End of a pass with no test due: progress only (NaN accuracy), not a curve point.
          run.report(new AggregationRecord(aggregations, (int) (u1 / slots), slots, u1, total,
              Double.NaN, Double.NaN));
        }
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
    double cpu = CpuClock.secondsSince(cpuBegin) - evalCpu;
    int[] g = new int[n * slots];
    for (int k = 0; k < g.length; k++) {
      g[k] = schedule.processed(k);
    }
    DeviceLosses losses = record ? new DeviceLosses(n, slots, options.passes(), loss, g)
        : DeviceLosses.none(n, slots);
    return new TrainingResult(options.mode(), run.model(), options, last.accuracy(), last.loss(),
        records, losses, costs, shift, aggregations, steps, samples, seconds, cpu, evalSeconds, w,
        ledger, Map.of());
  }

  /** Most periods run in one chunk: bounds the alphas shipped and the per-period results held. */
  static final int MAX_CHUNK_PERIODS = 1000;
  /** Most per-device weights (periods times devices) in one chunk. */
  static final long MAX_CHUNK_WEIGHTS = 1L << 22;

  /** A period waiting for its chunk: its slots, each device's datapoints and their total. */
  private record Pending(long u0, long u1, long[] h, long total) {}

  /** The plan's offloaded datapoints, features and labels, over their links in pass 1. */
  private static void recordOffloading(TrainingRun run, RoundedPlan plan) {
    Trace trace = plan.trace();
    for (int k = 0; k < trace.deviceSlots(); k++) {
      for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
        int amount = plan.offloaded(e);
        if (amount > 0) {
          Node src = Nodes.device(trace, trace.deviceOf(k), Tier.DEVICE);
          Node dst = Nodes.device(trace, trace.linkDst(e), Tier.DEVICE);
          run.ledger().send(src, dst, 1, TrafficKind.RAW_DATA, amount * run.rawBytesPerSample());
          run.ledger().send(src, dst, 1, TrafficKind.LABELS, amount * TrainingRun.LABEL_BYTES);
        }
      }
    }
  }
}
