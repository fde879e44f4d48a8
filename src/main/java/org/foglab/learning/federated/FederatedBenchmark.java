package org.foglab.learning.federated;

import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import java.util.Locale;
import org.foglab.data.DeviceData;
import org.foglab.data.Sampling;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelConfig;
import org.foglab.network.Trace;
import org.foglab.optimize.ClosedForm;
import org.foglab.optimize.Plan;

/**
 * Throughput of federated training against plain single-model training on the same minibatch
 * sequence (the benchmark behind {@code bench federated}; not a test).
 *
 * <p>Scenario: {@code n} devices, {@code T} slots, synthetic MNIST-shaped data (784 features,
 * 10 classes) with {@code |D_i(t)| ~ U{0..maxPerSlot}}, the synthetic-cost fully connected
 * trace, and either the keep-all plan or the closed-form plan (setting B). Three timings over
 * exactly the same batches in the same order (period by period, device by device, slot by
 * slot):
 * <ul>
 *   <li><em>federated</em>: {@link org.foglab.learning.engine.Trainer} (load the global model per device, local
 *       steps, fixed-point aggregation every {@code tau} slots), test evaluation excluded;</li>
 *   <li><em>fit</em>: one DL4J network calling {@code MultiLayerNetwork.fit} per batch;</li>
 *   <li><em>step</em>: one network taking the same equation (3) step the devices take, without
 *       any federated bookkeeping (isolates the orchestration overhead).</li>
 * </ul>
 * Each timing is the best of {@code repeats} interleaved runs. Ratios compare CPU time of the
 * calling thread (ND4J runs single-threaded in it), which other processes on a shared machine
 * do not inflate; wall times are reported too. Throughput counts per-sample gradient
 * evaluations per second.
 */
public final class FederatedBenchmark {
  private FederatedBenchmark() {}

  /** Which plan the devices follow. */
  public enum PlanKind {
    /** No data movement ({@code G = D}). */
    KEEP_ALL,
    /** {@code ClosedForm.solve} (setting B). */
    CLOSED_FORM
  }

  /**
   * @param devices n
   * @param slots T
   * @param tau aggregation period
   * @param maxPerSlot largest {@code |D_i(t)|}
   * @param model the classifier (784 inputs, 10 classes)
   * @param plan which plan
   * @param repeats interleaved repetitions; the best time of each kind is kept
   * @param seed seed of data, costs and model
   */
  public record Options(int devices, int slots, int tau, int maxPerSlot, ModelConfig model,
      PlanKind plan, int repeats, long seed) {
    public Options {
      if (devices < 1 || slots < 1 || tau < 1 || maxPerSlot < 1 || repeats < 1) {
        throw new IllegalArgumentException("devices, slots, tau, maxPerSlot and repeats must be "
            + "positive");
      }
      if (model.featureCount() != 784 || model.classes() != 10) {
        throw new IllegalArgumentException("the benchmark data have 784 features and 10 classes");
      }
    }

    /** n devices, T = 100, tau = 10, up to 8 samples per device-slot, MNIST MLP, keep-all. */
    public static Options defaults(int devices) {
      return new Options(devices, 100, 10, 8, ModelConfig.mnistMlp(), PlanKind.KEEP_ALL, 2, 1);
    }
  }

  /**
   * Wall and CPU seconds of one kind of run (best of the repeats).
   *
   * @param wallSeconds elapsed time
   * @param cpuSeconds CPU time of the calling thread (for local runs: all of the work; immune to
   *     other processes competing for the cores)
   */
  public record Timing(double wallSeconds, double cpuSeconds) {
    Timing best(Timing o) {
      return new Timing(Math.min(wallSeconds, o.wallSeconds), Math.min(cpuSeconds, o.cpuSeconds));
    }

    static final Timing NONE = new Timing(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * @param options the scenario
   * @param executor where the federated devices ran
   * @param steps gradient steps per run
   * @param samples per-sample gradient evaluations per run
   * @param federated federated training (test evaluation excluded)
   * @param fit plain DL4J {@code fit} over the same batches
   * @param step plain equation (3) steps over the same batches
   * @param parameterAveraging DL4J Spark's parameter averaging over the same samples (best wall
   *     time), or null when not asked for
   */
  public record Result(Options options, String executor, long steps, long samples,
      Timing federated, Timing fit, Timing step,
      ParameterAveragingBaseline.Result parameterAveraging) {

    /** Federated throughput over plain {@code fit} throughput, by CPU time (target: >= 0.6). */
    public double ratioToFit() {
      return fit.cpuSeconds() / federated.cpuSeconds();
    }

    /** Federated over plain-step throughput by CPU time: the orchestration overhead alone. */
    public double ratioToStep() {
      return step.cpuSeconds() / federated.cpuSeconds();
    }

    /** Federated over plain {@code fit} throughput by wall time (noisy on a shared machine). */
    public double wallRatioToFit() {
      return fit.wallSeconds() / federated.wallSeconds();
    }

    public String summary() {
      return String.format(Locale.ROOT, "devices=%d slots=%d tau=%d plan=%s executor=%s "
              + "steps=%d samples=%d | samples per CPU-second: federated %.0f, fit %.0f, step "
              + "%.0f | federated/fit %.2f, federated/step %.2f | wall s: federated %.1f, fit "
              + "%.1f, step %.1f (federated/fit %.2f)", options.devices(), options.slots(),
          options.tau(), options.plan(), executor, steps, samples,
          samples / federated.cpuSeconds(), samples / fit.cpuSeconds(),
          samples / step.cpuSeconds(), ratioToFit(), ratioToStep(), federated.wallSeconds(),
          fit.wallSeconds(), step.wallSeconds(), wallRatioToFit());
    }
  }

  /** Runs the benchmark; the federated devices train on {@code executor}. */
  public static Result run(Options o, DeviceExecutor executor, String executorName) {
    return run(o, executor, executorName, null, 0);
  }

  /**
   * Runs the benchmark and, with a Spark context, DL4J Spark's parameter averaging
   * ({@link ParameterAveragingBaseline}) on {@code workers} partitions besides.
   */
  public static Result run(Options o, DeviceExecutor executor, String executorName,
      org.apache.spark.api.java.JavaSparkContext baselineSpark, int workers) {
    int n = o.devices();
    int slots = o.slots();
    SyntheticSpec spec = new SyntheticSpec(10, 784, Math.multiplyExact(n * slots, o.maxPerSlot()),
        100, o.seed(), 6.0, 1.0);
    DeviceData data = DeviceData.generate(n, slots, spec.train(), o.seed(), Sampling.iid());
    Trace trace = SyntheticCostTrace.fullyConnected(n, slots, data.counts(), o.seed());
    Plan plan = o.plan() == PlanKind.KEEP_ALL ? RoundedPlan.keepAllPlan(trace)
        : ClosedForm.solve(trace);
    TrainingSchedule schedule = TrainingSchedule.of(RoundedPlan.of(plan, data), data);
    Trainer trainer = Trainer.builder().model(o.model())
        .trainingData(spec.train()).testData(spec.test()).deviceData(data).plan(plan)
        .options(TrainingOptions.networkAware(o.tau(), 1).withEvaluateEvery(0)
            .withDeviceLosses(false))
        .executor(executor).build();
    Timing fed = Timing.NONE;
    Timing fit = Timing.NONE;
    Timing step = Timing.NONE;
    long steps = 0;
    long samples = 0;
    ParameterAveragingBaseline.Result pavg = null;
    for (int r = 0; r < o.repeats(); r++) {
      TrainingResult res = trainer.run();
      fed = fed.best(new Timing(res.trainingSeconds(), res.trainingCpuSeconds()));
      steps = res.steps();
      samples = res.samplesProcessed();
      fit = fit.best(sequential(o, spec, schedule, true, samples));
      step = step.best(sequential(o, spec, schedule, false, samples));
      if (baselineSpark != null) {
        ParameterAveragingBaseline.Result p = ParameterAveragingBaseline.run(baselineSpark,
            o.model(), spec.train(), schedule, o.tau(), workers);
        if (p.samples() != samples) {
          throw new IllegalStateException("parameter averaging processed " + p.samples()
              + " samples, federated " + samples);
        }
        pavg = pavg == null || p.wallSeconds() < pavg.wallSeconds() ? p : pavg;
      }
    }
    return new Result(o, executorName, steps, samples, fed, fit, step, pavg);
  }

  /** One model over the federated run's batch sequence. */
  private static Timing sequential(Options o, SyntheticSpec spec, TrainingSchedule s,
      boolean dl4jFit, long expectedSamples) {
    int n = s.devices();
    int slots = s.slots();
    int[] ids = s.idArray();
    long samples = 0;
    try (LocalModel m = LocalModel.borrow(o.model())) {
      m.setParameters(LocalModel.initialParameters(o.model()));
      long begin = System.nanoTime();
      long cpu = org.foglab.learning.engine.CpuClock.nanos();
      for (long u0 = 0; u0 < slots; u0 += o.tau()) {
        long u1 = Math.min(u0 + o.tau(), slots);
        for (int i = 0; i < n; i++) {
          for (long u = u0; u < u1; u++) {
            int k = (int) u * n + i;
            int g = s.processed(k);
            if (g > 0) {
              int from = s.batchStart(k);
              if (dl4jFit) {
                m.fitStep(spec.train(), ids, from, from + g);
              } else {
                m.step(spec.train(), ids, from, from + g);
              }
              samples += g;
            }
          }
        }
      }
      Timing t = new Timing((System.nanoTime() - begin) / 1e9,
          (org.foglab.learning.engine.CpuClock.nanos() - cpu) / 1e9);
      if (samples != expectedSamples) {
        throw new IllegalStateException("baseline processed " + samples + " samples, federated "
            + expectedSamples);
      }
      return t;
    }
  }

  /**
   * Runs 100 devices over 100 slots and 1,000 devices over 20 slots (the same data per
   * device-slot, a fifth of the horizon to bound the run time), keep-all and closed-form plans,
   * locally, and prints the results.
   */
  public static void main(String[] args) {
    for (int[] shape : new int[][] {{100, 100}, {1000, 20}}) {
      for (PlanKind kind : PlanKind.values()) {
        Options d = Options.defaults(shape[0]);
        Options o = new Options(shape[0], shape[1], d.tau(), d.maxPerSlot(), d.model(), kind,
            d.repeats(), d.seed());
        System.out.println(run(o, DeviceExecutor.local(), "local").summary());
      }
    }
  }
}
