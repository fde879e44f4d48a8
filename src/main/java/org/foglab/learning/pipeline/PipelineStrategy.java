package org.foglab.learning.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.foglab.data.SampleSource;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.CostModels;
import org.foglab.learning.cost.DeviceProfile;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.AggregationRecord;
import org.foglab.learning.engine.CpuClock;
import org.foglab.learning.engine.DeviceLosses;
import org.foglab.learning.engine.LayerCosts;
import org.foglab.learning.engine.Placement;
import org.foglab.learning.engine.Shuffle;
import org.foglab.learning.engine.StagedModel;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.engine.TrainingRun;
import org.foglab.learning.engine.TrainingStrategy;

/**
 * A model cut into stages along a path data source, fog node(s), cloud (Vainio et al., Sparse).
 * The data source (device {@link PipelineOptions#source()} of the trace) holds every sample the
 * run's devices collect; the cloudlet or fog node is the source's cheapest neighbour in the
 * trace's first slot (a node of its own when the trace has none), the cloud is one node.
 *
 * <p>Training: each batch of B samples (seeded order per pass) is split into M micro-batches;
 * each goes forward through the stages (raw features to the first stage's node unless it is the
 * source, activations across every hop between stages on different nodes, labels to the last
 * stage), then its loss gradient goes backward (gradients across the same hops); the stages sum
 * their gradients over the micro-batches and step by {@code eta / B}, so a batch is one SGD step
 * of the joined network whatever M. {@code inference}: forward only over the test set, with the
 * model's initial parameters, to time serving.
 *
 * <p>Timing, from the cost models: each stage's compute time (its profile) and each hop's
 * transfer time (the link model) per micro-batch, giving the simulated time of sequential
 * execution (whole batch, one station at a time) and of micro-batched pipelining
 * ({@link PipelineTiming}). A stage is compute-bound when its compute time is at least the
 * transfer time of the hop feeding it, communication-bound otherwise.
 */
public final class PipelineStrategy implements TrainingStrategy {

  @Override
  public void check(TrainingRun run) {
    PipelineOptions o = run.pipeline();
    if (o == null) {
      throw new IllegalArgumentException("pipeline training needs its options (--suite, --cut, "
          + "--batch-size)");
    }
    Placement.along(run.trace(), run.data().devices(), o.source(), o.tiers());
    StagedModel.of(run.model(), o.cuts()).close();
    long samples = o.inference() ? run.test().size() : run.data().allSamples().length;
    if (o.batchSize() > samples) {
      throw new IllegalArgumentException("--batch-size " + o.batchSize() + " is larger than the "
          + samples + " samples the data source holds");
    }
  }

  @Override
  public TrainingResult train(TrainingRun run) {
    PipelineOptions o = run.pipeline();
    TrainingOptions options = run.options();
    CostLedger ledger = run.ledger();
    CostModels models = ledger.models();
    Placement placement = Placement.along(run.trace(), run.data().devices(), o.source(),
        o.tiers());
    Node source = placement.source();
    int k = placement.stages().size();
    Node[] at = placement.stages().toArray(new Node[0]);
    LayerCosts layers = LayerCosts.of(run.model());
    SampleSource data = o.inference() ? run.test() : run.train();
    int[] ids;
    if (o.inference()) {
      ids = new int[run.test().size()];
      for (int q = 0; q < ids.length; q++) {
        ids[q] = q;
      }
    } else {
      ids = run.data().allSamples();
    }
    int features = run.model().featureCount();
    int batch = o.batchSize();
    int micro = o.effectiveMicroBatches();
    double lr = run.model().learningRate();
    List<AggregationRecord> records = new ArrayList<>();
    long steps = 0;
    long samples = 0;
    ModelEvaluation.Tally served = new ModelEvaluation.Tally(run.model().classes());
    double sequential = 0;
    double pipelined = 0;
    double[] stageSeconds = new double[k];
    double[] hopSeconds = new double[k];
    double evalSeconds = 0;
    ModelEvaluation last = null;
    long begin = System.nanoTime();
    long cpuBegin = CpuClock.nanos();
    try (StagedModel model = StagedModel.of(run.model(), o.cuts())) {
      int[] firstLayer = new int[k + 1];
      for (int s = 0; s < k; s++) {
        firstLayer[s + 1] = firstLayer[s] + model.stageLayers(s).size();
      }
      long[] params = new long[k];
      double[] fwdFlops = new double[k];
      double[] inBytes = new double[k];
      for (int s = 0; s < k; s++) {
        params[s] = model.parameterCount(s);
        fwdFlops[s] = layers.forwardFlops(firstLayer[s], firstLayer[s + 1]);
        inBytes[s] = s == 0 ? run.rawBytesPerSample()
            : TrainingRun.FLOAT_BYTES * layers.elementsBefore(firstLayer[s]);
      }
      int passes = o.inference() ? 1 : options.passes();
      for (int pass = 1; pass <= passes; pass++) {
        int[] order = o.inference() ? ids : Shuffle.shuffled(ids, o.seed(), 103, pass);
        for (int from = 0; from < order.length; from += batch) {
          int to = Math.min(order.length, from + batch);
          int bsz = to - from;
          float[][] grads = new float[k][];
          int mbMax = (bsz + micro - 1) / micro;
          for (int mf = from; mf < to; mf += mbMax) {
            int mt = Math.min(to, mf + mbMax);
            int mb = mt - mf;
            float[] x = new float[mb * features];
            int[] y = new int[mb];
            for (int q = 0; q < mb; q++) {
              data.copyFeatures(order[mf + q], x, q * features);
              y[q] = data.label(order[mf + q]);
            }
            float[] a = x;
            for (int s = 0; s < k; s++) {
              Node prev = s == 0 ? source : at[s - 1];
              if (!prev.equals(at[s])) {
                hopSeconds[s] += ledger.send(prev, at[s], pass,
                    s == 0 ? TrafficKind.RAW_DATA : TrafficKind.ACTIVATIONS, inBytes[s] * mb);
              }
              long c0 = CpuClock.nanos();
              a = model.forward(s, a, mb);
              stageSeconds[s] += ledger.compute(at[s], pass, "stage-" + (s + 1) + "-forward",
                  fwdFlops[s] * mb, layers.workingSetBytes(firstLayer[s], firstLayer[s + 1], mb,
                      params[s]), CpuClock.secondsSince(c0));
            }
            if (o.inference()) {
              for (int q = 0; q < mb; q++) {
                served.add(a, q, y[q]);
              }
              if (!at[k - 1].equals(source)) {
                ledger.send(at[k - 1], source, pass, TrafficKind.LABELS,
                    mb * TrainingRun.LABEL_BYTES);
              }
            } else {
              if (!at[k - 1].equals(source)) {
                ledger.send(source, at[k - 1], pass, TrafficKind.LABELS,
                    mb * TrainingRun.LABEL_BYTES);
              }
              long c0 = CpuClock.nanos();
              float[] eps = model.backwardFromLabels(k - 1, y).epsilon();
              accumulate(grads, k - 1, model.gradient(k - 1));
              stageSeconds[k - 1] += ledger.compute(at[k - 1], pass, "stage-" + k + "-backward",
                  LayerCosts.BACKWARD_FACTOR * fwdFlops[k - 1] * mb, layers.workingSetBytes(
                      firstLayer[k - 1], firstLayer[k], mb, params[k - 1]),
                  CpuClock.secondsSince(c0));
              for (int s = k - 2; s >= 0; s--) {
                if (!at[s + 1].equals(at[s])) {
                  hopSeconds[s + 1] += ledger.send(at[s + 1], at[s], pass, TrafficKind.GRADIENTS,
                      inBytes[s + 1] * mb);
                }
                long c1 = CpuClock.nanos();
                eps = model.backward(s, eps);
                accumulate(grads, s, model.gradient(s));
                stageSeconds[s] += ledger.compute(at[s], pass, "stage-" + (s + 1) + "-backward",
                    LayerCosts.BACKWARD_FACTOR * fwdFlops[s] * mb, layers.workingSetBytes(
                        firstLayer[s], firstLayer[s + 1], mb, params[s]),
                    CpuClock.secondsSince(c1));
              }
            }
          }
          if (!o.inference()) {
            for (int s = 0; s < k; s++) {
              model.applyGradient(s, grads[s], lr / bsz);
            }
            steps++;
          }
          samples += bsz;
          sequential += PipelineTiming.sequential(stations(models, source, at, fwdFlops, inBytes,
              layers, firstLayer, params, bsz, o.inference(), pass));
          pipelined += PipelineTiming.pipelined(stations(models, source, at, fwdFlops, inBytes,
              layers, firstLayer, params, mbMax, o.inference(), pass), (bsz + mbMax - 1) / mbMax);
        }
        if (!o.inference()) {
          boolean due = options.evaluateEvery() > 0 && pass % options.evaluateEvery() == 0;
          if (due || pass == passes) {
            long e0 = System.nanoTime();
            last = model.evaluate(run.test());
            evalSeconds += (System.nanoTime() - e0) / 1e9;
            records.add(run.report(new AggregationRecord(pass, pass, run.data().slots(),
                (long) pass * run.data().slots(), ids.length, last.accuracy(), last.loss())));
          }
        }
      }
      if (o.inference()) {
        last = model.evaluate(run.test());
        records.add(run.report(new AggregationRecord(1, 1, run.data().slots(),
            run.data().slots(), ids.length, last.accuracy(), last.loss())));
      }
      double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
      double cpu = CpuClock.secondsSince(cpuBegin);
      Map<String, Object> report = report(o, source, at, model, fwdFlops, inBytes, stageSeconds,
          hopSeconds, run.rawBytesPerSample(), models);
      report.put("samples", samples);
      if (o.inference()) {
        // Accuracy of the predictions the pipeline served (the model's initial parameters).
        report.put("served_accuracy", served.result().accuracy());
      }
      report.put("simulated_sequential_seconds", sequential);
      report.put("simulated_pipelined_seconds", pipelined);
      report.put("simulated_seconds", pipelined);
      report.put("sequential_seconds_per_sample", sequential / samples);
      report.put("pipelined_seconds_per_sample", pipelined / samples);
      List<PipelineTiming.Station> steady = stations(models, source, at, fwdFlops, inBytes,
          layers, firstLayer, params, (batch + micro - 1) / micro, o.inference(), 1);
      PipelineTiming.Station neck = PipelineTiming.bottleneck(steady);
      report.put("bottleneck", neck.name());
      report.put("bottleneck_kind", neck.compute() ? "compute" : "communication");
      report.put("steady_state_samples_per_second", ((batch + micro - 1) / micro) / neck.seconds());
      float[] w = model.parameters();
      return new TrainingResult(TrainingMode.PIPELINE, run.model(), options, last.accuracy(),
          last.loss(), records, DeviceLosses.none(run.data().devices(), run.data().slots()), null,
          0, passes, steps, samples, seconds, cpu, evalSeconds, w, ledger, report);
    }
  }

  private static Map<String, Object> report(PipelineOptions o, Node source, Node[] at,
      StagedModel model, double[] fwdFlops, double[] inBytes, double[] stageSeconds,
      double[] hopSeconds, double rawBytes, CostModels models) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("suite", o.suite().configName());
    r.put("batch_size", o.batchSize());
    r.put("micro_batches", o.effectiveMicroBatches());
    r.put("inference", o.inference());
    r.put("source", source.id());
    List<Map<String, Object>> stages = new ArrayList<>();
    double maxActivation = 0;
    for (int s = 0; s < at.length; s++) {
      Node prev = s == 0 ? source : at[s - 1];
      boolean hop = !prev.equals(at[s]);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stage", s + 1);
      m.put("node", at[s].id());
      m.put("tier", at[s].tier().configName());
      m.put("layers", String.join(",", model.stageLayers(s)));
      m.put("forward_flops_per_sample", fwdFlops[s]);
      m.put("input_kind", s == 0 ? "raw-data" : "activations");
      m.put("input_bytes_per_sample", hop ? inBytes[s] : 0.0);
      m.put("compute_seconds", stageSeconds[s]);
      m.put("hop_seconds", hopSeconds[s]);
      m.put("bound", stageSeconds[s] >= hopSeconds[s] ? "compute" : "communication");
      m.put("compute_joules", models.profile(at[s].tier()).computeJoules(stageSeconds[s]));
      stages.add(m);
      if (s > 0 && hop) {
        maxActivation = Math.max(maxActivation, inBytes[s]);
      }
    }
    r.put("stages", stages);
    r.put("raw_bytes_per_sample", rawBytes);
    r.put("max_activation_bytes_per_sample", maxActivation);
    r.put("activation_to_raw_ratio", maxActivation / rawBytes);
    return r;
  }

  /** The stations of one unit of {@code size} samples, in path order. */
  private static List<PipelineTiming.Station> stations(CostModels models, Node source, Node[] at,
      double[] fwdFlops, double[] inBytes, LayerCosts layers, int[] firstLayer, long[] params,
      int size, boolean inference, long round) {
    List<PipelineTiming.Station> out = new ArrayList<>();
    for (int s = 0; s < at.length; s++) {
      Node prev = s == 0 ? source : at[s - 1];
      if (!prev.equals(at[s])) {
        double f = models.links().transferSeconds(prev, at[s], round, inBytes[s] * size);
        double b = inference || s == 0 ? 0
            : models.links().transferSeconds(at[s], prev, round, inBytes[s] * size);
        out.add(new PipelineTiming.Station(String.format(Locale.ROOT, "hop %s -> %s",
            prev.id(), at[s].id()), false, f, b));
      }
      DeviceProfile p = models.profile(at[s].tier());
      double ws = layers.workingSetBytes(firstLayer[s], firstLayer[s + 1], size, params[s]);
      double f = p.computeSeconds(fwdFlops[s] * size, ws);
      double b = inference ? 0 : p.computeSeconds(LayerCosts.BACKWARD_FACTOR * fwdFlops[s] * size,
          ws);
      out.add(new PipelineTiming.Station(String.format(Locale.ROOT, "stage %d @ %s", s + 1,
          at[s].id()), true, f, b));
    }
    return out;
  }

  private static void accumulate(float[][] grads, int s, float[] g) {
    if (grads[s] == null) {
      grads[s] = g;
    } else {
      for (int q = 0; q < g.length; q++) {
        grads[s][q] += g[q];
      }
    }
  }
}
