package org.foglab.learning.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.DeviceProfile;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.Tier;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.AggregationRecord;
import org.foglab.learning.engine.CpuClock;
import org.foglab.learning.engine.DeviceLosses;
import org.foglab.learning.engine.FogBatches;
import org.foglab.learning.engine.LayerCosts;
import org.foglab.learning.engine.Nodes;
import org.foglab.learning.engine.StagedModel;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.engine.TrainingRun;
import org.foglab.learning.engine.TrainingStrategy;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Split training, what FCDDT (Qian and Barzegaran, SEC 2021, Algorithms 2 and 3) can physically
 * do. The model is cut before {@link SplitOptions#cut()}: the local stage runs on each of the p fog
 * nodes (the run's devices, each holding what it collects), the remote stage in the cloud. Each
 * round:
 *
 * <ol>
 *   <li>every fog node runs the local stage forward on its batch of B samples
 *       ({@link FogBatches}) and sends the cut activations and the labels up;
 *   <li>the cloud takes the first {@code m = max(1, floor((1 - alpha) p))} fog nodes to deliver
 *       (finish time: the node's compute time from its profile times a seeded log-normal speed
 *       factor, plus the upload from the link model; ties by node index), concatenates their
 *       activations in node order, runs the remote stage forward and backward, and sends each of
 *       them the gradient of the loss with respect to its cut activations;
 *   <li>those fog nodes back-propagate the cut gradient through the local stage and send their
 *       local-stage gradient (summed over their batch) up;
 *   <li>the cloud updates the remote stage by {@code eta / (m B)} times its gradient and the local
 *       stage by {@code eta / (m B)} times the sum of the fog nodes' gradients, and sends the new
 *       local parameters to all p fog nodes, which keeps the local stage synchronised.
 * </ol>
 *
 * With {@code alpha = 0} a round is one SGD step of the joined network on the concatenated batch
 * of {@code p B} samples. The paper's Algorithm 3 instead has the cloud update the local model
 * itself, which needs the fog nodes' raw inputs it never receives, and its traffic formula
 * {@code p (B l_m + sum_i |w_i|)} leaves out the cut gradients and the local gradients: the ledger
 * counts what this implementation sends, and the report gives the paper's formula beside it,
 * with federated learning's {@code 2 p sum|w|} and central collection's {@code p B d} per round.
 * Stragglers' activations are sent (and counted) but arrive too late to be used.
 *
 * <p>Rounds per pass: {@code max(1, round(total samples / (p B)))}, so a pass uses about every
 * sample once. The ledger's rounds are passes. Runs on the driver's thread.
 */
public final class SplitStrategy implements TrainingStrategy {

  @Override
  public void check(TrainingRun run) {
    SplitOptions o = run.split();
    if (o == null) {
      throw new IllegalArgumentException("split training needs its options (--cut, --batch-size, "
          + "--straggler-rate)");
    }
    StagedModel.of(run.model(), List.of(o.cut())).close();
    new FogBatches(run.data(), o.batchSize(), o.seed(), "--batch-size");
  }

  @Override
  public TrainingResult train(TrainingRun run) {
    SplitOptions o = run.split();
    TrainingOptions options = run.options();
    int p = run.data().devices();
    int b = o.batchSize();
    int m = o.participants(p);
    FogBatches batches = new FogBatches(run.data(), b, o.seed(), "--batch-size");
    long rounds = Math.max(1, Math.round((double) batches.totalSamples() / ((double) p * b)));
    CostLedger ledger = run.ledger();
    Node[] fog = new Node[p];
    for (int j = 0; j < p; j++) {
      fog[j] = Nodes.device(run.trace(), j, Tier.FOG);
    }
    StagedModel cloud = StagedModel.of(run.model(), List.of(o.cut()));
    StagedModel[] local = new StagedModel[p];
    List<AggregationRecord> records = new ArrayList<>();
    double lr = run.model().learningRate();
    long steps = 0;
    long samples = 0;
    double evalSeconds = 0;
    double simulated = 0;
    ModelEvaluation last = null;
    long begin = System.nanoTime();
    long cpuBegin = CpuClock.nanos();
    try {
      for (int j = 0; j < p; j++) {
        local[j] = StagedModel.of(run.model(), List.of(o.cut()));
      }
      int stages = cloud.stageCount();
      int cutElements = cloud.outputSize(0);
      int features = run.model().featureCount();
      int classes = run.model().classes();
      long localParams = cloud.parameterCount(0);
      long remoteParams = 0;
      for (int s = 1; s < stages; s++) {
        remoteParams += cloud.parameterCount(s);
      }
      LayerCosts layers = LayerCosts.of(run.model());
      int cutLayer = cloud.stageLayers(0).size();
      double localFlops = layers.forwardFlops(0, cutLayer);
      double remoteFlops = layers.forwardFlops(cutLayer, layers.layers());
      DeviceProfile fogProfile = ledger.models().profile(Tier.FOG);
      double actBytes = TrainingRun.FLOAT_BYTES * b * cutElements;
      double localBytes = TrainingRun.FLOAT_BYTES * localParams;
      int[] ids = new int[b];
      float[][] acts = new float[p][];
      int[][] labels = new int[p][];
      double[] finish = new double[p];
      Integer[] byFinish = new Integer[p];
      float[] localGrad = new float[(int) localParams];
      for (int pass = 1; pass <= options.passes(); pass++) {
        for (long r = (pass - 1) * rounds; r < pass * rounds; r++) {
          // 1. Local forward on every fog node; activations and labels go up.
          for (int j = 0; j < p; j++) {
            batches.batch(j, r, ids, 0);
            float[] x = new float[b * features];
            int[] y = new int[b];
            for (int q = 0; q < b; q++) {
              run.train().copyFeatures(ids[q], x, q * features);
              y[q] = run.train().label(ids[q]);
            }
            long c0 = CpuClock.nanos();
            acts[j] = local[j].forward(0, x, b);
            labels[j] = y;
            double compute = ledger.compute(fog[j], pass, "local-forward", localFlops * b,
                layers.workingSetBytes(0, cutLayer, b, localParams), CpuClock.secondsSince(c0));
            double up = ledger.send(fog[j], Nodes.CLOUD, pass, TrafficKind.ACTIVATIONS, actBytes);
            up = Math.max(up, ledger.send(fog[j], Nodes.CLOUD, pass, TrafficKind.LABELS,
                b * TrainingRun.LABEL_BYTES));
            finish[j] = compute * speedFactor(o, j, r) + up;
            byFinish[j] = j;
          }
          // 2. The cloud waits for the first m to deliver; their batches, in node order.
          Arrays.sort(byFinish, (u, v) -> finish[u] != finish[v]
              ? Double.compare(finish[u], finish[v]) : Integer.compare(u, v));
          int[] used = new int[m];
          double wait = 0;
          for (int q = 0; q < m; q++) {
            used[q] = byFinish[q];
            wait = Math.max(wait, finish[byFinish[q]]);
          }
          Arrays.sort(used);
          int total = m * b;
          float[] z = new float[total * cutElements];
          int[] y = new int[total];
          for (int q = 0; q < m; q++) {
            System.arraycopy(acts[used[q]], 0, z, q * b * cutElements, b * cutElements);
            System.arraycopy(labels[used[q]], 0, y, q * b, b);
          }
          long c0 = CpuClock.nanos();
          float[] in = z;
          for (int s = 1; s < stages; s++) {
            in = cloud.forward(s, in, total);
          }
          StagedModel.LossAndEpsilon le = cloud.backwardFromLabels(stages - 1, y);
          float[] eps = le.epsilon();
          for (int s = stages - 2; s >= 1; s--) {
            eps = cloud.backward(s, eps);
          }
          double cloudSeconds = ledger.compute(Nodes.CLOUD, pass, "remote",
              (1 + LayerCosts.BACKWARD_FACTOR) * remoteFlops * total,
              layers.workingSetBytes(cutLayer, layers.layers(), total, remoteParams),
              CpuClock.secondsSince(c0));
          // 3. Cut gradients down; local backward; local gradients up.
          Arrays.fill(localGrad, 0f);
          double back = 0;
          for (int q = 0; q < m; q++) {
            int j = used[q];
            double down = ledger.send(Nodes.CLOUD, fog[j], pass, TrafficKind.GRADIENTS, actBytes);
            float[] e = Arrays.copyOfRange(eps, q * b * cutElements, (q + 1) * b * cutElements);
            long c1 = CpuClock.nanos();
            local[j].backward(0, e);
            float[] g = local[j].gradient(0);
            double compute = ledger.compute(fog[j], pass, "local-backward",
                LayerCosts.BACKWARD_FACTOR * localFlops * b,
                layers.workingSetBytes(0, cutLayer, b, localParams), CpuClock.secondsSince(c1));
            for (int k = 0; k < g.length; k++) {
              localGrad[k] += g[k];
            }
            double upGrad = ledger.send(fog[j], Nodes.CLOUD, pass, TrafficKind.GRADIENTS,
                localBytes);
            back = Math.max(back, down + compute * speedFactor(o, j, r) + upGrad);
          }
          // 4. Updates; the new local stage goes to every fog node.
          double scale = lr / total;
          for (int s = 1; s < stages; s++) {
            cloud.applyGradient(s, cloud.gradient(s), scale);
          }
          cloud.applyGradient(0, localGrad, scale);
          float[] wLocal = cloud.parameters(0);
          double broadcast = 0;
          for (int j = 0; j < p; j++) {
            local[j].setParameters(0, wLocal);
            broadcast = Math.max(broadcast, ledger.send(Nodes.CLOUD, fog[j], pass,
                TrafficKind.PARAMETERS, localBytes));
          }
          simulated += wait + cloudSeconds + back + broadcast;
          steps++;
          samples += total;
        }
        boolean due = options.evaluateEvery() > 0 && pass % options.evaluateEvery() == 0;
        if (due || pass == options.passes()) {
          long e0 = System.nanoTime();
          last = cloud.evaluate(run.test());
          evalSeconds += (System.nanoTime() - e0) / 1e9;
          records.add(run.report(new AggregationRecord(pass, pass, run.data().slots(),
              (long) pass * run.data().slots(), (long) rounds * m * b, last.accuracy(),
              last.loss())));
        }
      }
      double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
      double cpu = CpuClock.secondsSince(cpuBegin);
      long allRounds = rounds * options.passes();
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("fog_nodes", p);
      report.put("batch_size", b);
      report.put("cut", o.cut());
      report.put("straggler_rate", o.stragglerRate());
      report.put("participants_per_round", m);
      report.put("rounds", allRounds);
      report.put("cut_elements_per_sample", cutElements);
      report.put("local_parameters", localParams);
      report.put("remote_parameters", remoteParams);
      report.put("measured_bytes_per_round", ledger.totals().bytes() / allRounds);
      // The papers' per-round formulas, in float32 bytes (raw data at its collected size).
      report.put("paper_fcddt_bytes_per_round",
          TrainingRun.FLOAT_BYTES * p * ((double) b * cutElements + localParams));
      report.put("fl_bytes_per_round",
          TrainingRun.FLOAT_BYTES * 2.0 * p * (localParams + remoteParams));
      report.put("cc_bytes_per_round", (double) p * b * run.rawBytesPerSample());
      report.put("simulated_seconds", simulated);
      report.put("fog_flops_per_second", fogProfile.flopsPerSecond());
      float[] w = cloud.parameters();
      return new TrainingResult(TrainingMode.SPLIT, run.model(), options, last.accuracy(),
          last.loss(), records, DeviceLosses.none(run.data().devices(), run.data().slots()), null,
          0, options.passes(), steps, samples, seconds, cpu, evalSeconds, w, ledger, report);
    } finally {
      cloud.close();
      for (StagedModel l : local) {
        if (l != null) {
          l.close();
        }
      }
    }
  }

  /** exp(sigma Z), Z standard normal from (seed, node, round): a fog node's slowness. */
  static double speedFactor(SplitOptions o, int node, long round) {
    if (o.stragglerJitter() == 0) {
      return 1;
    }
    long h = Streams.hash(o.seed(), Purpose.STRAGGLER, node, round);
    double u1 = Streams.unitOpen(h);
    double u2 = Streams.unitOpen(Streams.mix(h));
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.exp(o.stragglerJitter() * z);
  }
}
