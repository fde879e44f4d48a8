package org.foglab.learning.fpl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.foglab.data.SampleSource;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.CpuClock;
import org.foglab.learning.engine.LayerCosts;
import org.foglab.learning.engine.StagedModel;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingResult;
import org.foglab.learning.engine.TrainingRun;
import org.foglab.learning.engine.TrainingStrategy;
import org.foglab.learning.federated.SparkDeviceExecutor;

/**
 * Flexible parallel learning (mode fpl; Malandrino and Chiasserini, seed 004, Section II) and
 * vertical split learning (mode sl; Vepakomma et al., arXiv:1812.00564, Sec. 2; seed 004's "SL").
 * The model's layers before {@link FplOptions#junctionBefore()} are replicated, one branch per
 * source ({@link StagedModel#replicated}), each running on its source on that source's view; the
 * edge server runs the rest ({@link EdgeModel}): fpl behind a trained junction layer whose input
 * is the concatenation of the branch outputs, sl with the first shared layer widened to it.
 *
 * <p>Each step, on a batch of B sample ids (the same ids at every source, each seeing its view):
 * every source runs its branch forward and sends the activations to the edge (source 0 sends the
 * labels too); the edge runs forward and backward on the concatenation and sends each source the
 * error of its activations; the sources back-propagate; every part takes an optimizer step on its
 * mean gradient. Evaluation after every epoch on the validation and test views; the reported
 * accuracy is the test accuracy at the epoch of least validation loss. The ledger's rounds are
 * epochs.
 *
 * <p>Where the branches run: with the local executor in the driver's thread; with {@code
 * --executor spark} in Spark tasks ({@link SparkSources.Branches}: per batch one job of the
 * branches' forward passes, one of their backward passes and optimizer steps, the branch
 * parameters and optimizer state shipped to the tasks and returned), the edge on the driver.
 * The float operations per source are the same, so results are bit-identical.
 */
public final class FplStrategy implements TrainingStrategy {

  @Override
  public void check(TrainingRun run) {
    FplOptions o = requireOptions(run);
    if (o.sources() < 2) {
      throw new IllegalArgumentException("--mode " + run.options().mode().configName()
          + " needs at least 2 sources (--views or --sources), got " + o.sources());
    }
    EdgeModel.cutLayer(run.model(), o.junctionBefore(), "--junction-before");
  }

  static FplOptions requireOptions(TrainingRun run) {
    FplOptions o = run.fpl();
    if (o == null) {
      throw new IllegalArgumentException("--mode " + run.options().mode().configName()
          + " needs multi-view data and its options (--views, --batch-size, --epochs)");
    }
    SampleSource first = o.data().train().get(0);
    if (first.featureCount() != run.model().featureCount()) {
      throw new IllegalArgumentException("the views have " + first.featureCount()
          + " features but the model expects " + run.model().featureCount());
    }
    return o;
  }

  @Override
  public TrainingResult train(TrainingRun run) {
    FplOptions o = run.fpl();
    boolean fpl = run.options().mode() == TrainingMode.FPL;
    int sources = o.sources();
    try (Parts parts = Parts.of(run.model(), o.junctionBefore(), sources, fpl)) {
      return train(run, o, parts);
    }
  }

  /** The branches and the edge of a model, and their update rules. */
  static final class Parts implements AutoCloseable {
    final StagedModel branches;
    final EdgeModel edge;
    final int cut;
    final int branchOut;

    private Parts(StagedModel branches, EdgeModel edge, int cut) {
      this.branches = branches;
      this.edge = edge;
      this.cut = cut;
      this.branchOut = branches.outputSize(0);
    }

    static Parts of(org.foglab.learning.ModelConfig model, String cutBefore, int sources,
        boolean junction) {
      int cut = EdgeModel.cutLayer(model, cutBefore, "--junction-before");
      EdgeModel edge = junction ? EdgeModel.junction(model, cutBefore, sources)
          : EdgeModel.widened(model, cutBefore, sources);
      return new Parts(StagedModel.replicated(model, FplOptions.layerName(cutBefore), sources),
          edge, cut);
    }

    int sources() {
      return branches.branchCount(0);
    }

    /** One training step on the batch {@code x[s]} (view s), labels {@code y}; returns the loss. */
    double step(float[][] x, int[] y, Optimizer.Update[] branchUpdates, Optimizer.Update edgeUpdate,
        Hooks hooks) {
      return step(new LocalBranches(this, branchUpdates, null) {
        @Override
        public float[][] forward(int[] batch, double[] cpu) {
          return forwardViews(x, y.length, cpu);
        }
      }, null, y, edgeUpdate, hooks);
    }

    /**
     * One training step of the branches in {@code runner} on the batch it is given, labels
     * {@code y}; returns the loss. The edge runs here, between the branches' forward and
     * backward passes; the hooks are called in source order whichever runner it is.
     */
    double step(BranchRunner runner, int[] batch, int[] y, Optimizer.Update edgeUpdate,
        Hooks hooks) {
      int b = y.length;
      int s = sources();
      double[] cpu = new double[s];
      float[][] a = runner.forward(batch, cpu);
      float[] z = new float[b * s * branchOut];
      for (int j = 0; j < s; j++) {
        hooks.branchForward(j, cpu[j]);
        for (int p = 0; p < b; p++) {
          System.arraycopy(a[j], p * branchOut, z, (p * s + j) * branchOut, branchOut);
        }
      }
      long c1 = CpuClock.nanos();
      edge.forward(z, b);
      StagedModel.LossAndEpsilon le = edge.backwardFromLabels(y);
      edge.applyDelta(edgeUpdate.delta(MultiSource.scaled(edge.gradient(), 1.0 / b)));
      hooks.edge(CpuClock.secondsSince(c1));
      float[] eps = le.epsilon();
      float[][] e = new float[s][];
      for (int j = 0; j < s; j++) {
        e[j] = new float[b * branchOut];
        for (int p = 0; p < b; p++) {
          System.arraycopy(eps, (p * s + j) * branchOut, e[j], p * branchOut, branchOut);
        }
      }
      runner.backward(e, cpu);
      for (int j = 0; j < s; j++) {
        hooks.branchBackward(j, cpu[j]);
      }
      return le.loss();
    }

    /** Accuracy and mean loss on the views {@code data} (one source per branch). */
    ModelEvaluation evaluate(List<SampleSource> data) {
      ModelEvaluation.Tally tally = new ModelEvaluation.Tally(data.get(0).classCount());
      edgeInputs(data, (z, from, g) -> {
        float[] prob = edge.output(z, g);
        for (int p = 0; p < g; p++) {
          tally.add(prob, p, data.get(0).label(from + p));
        }
      });
      return tally.result();
    }

    /** The edge's input for samples {@code from .. from+g} of an evaluation set. */
    private interface EdgeBatch {
      void accept(float[] z, int from, int g);
    }

    /**
     * Every branch forward on its view of {@code data}, in batches of {@value
     * MultiSource#EVALUATION_BATCH}, each batch's branch outputs concatenated for the edge.
     */
    private void edgeInputs(List<SampleSource> data, EdgeBatch each) {
      int s = sources();
      int n = data.get(0).size();
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = i;
      }
      for (int from = 0; from < n; from += MultiSource.EVALUATION_BATCH) {
        int g = Math.min(MultiSource.EVALUATION_BATCH, n - from);
        float[] z = new float[g * s * branchOut];
        for (int j = 0; j < s; j++) {
          float[] a = branches.forward(0, j, MultiSource.features(data.get(j), ids, from, g), g);
          for (int p = 0; p < g; p++) {
            System.arraycopy(a, p * branchOut, z, (p * s + j) * branchOut, branchOut);
          }
        }
        each.accept(z, from, g);
      }
    }

    /**
     * How much the edge relies on each source: the accuracy on {@code data} when source {@code
     * j}'s branch outputs are replaced by their mean over each evaluation batch (the source's
     * information removed, the activation scale the edge was trained on kept), for every j.
     * Sources the edge learned to ignore (a noisy view) cost little accuracy when removed.
     */
    double[] accuracyWithoutEachSource(List<SampleSource> data) {
      int s = sources();
      ModelEvaluation.Tally[] tally = new ModelEvaluation.Tally[s];
      for (int j = 0; j < s; j++) {
        tally[j] = new ModelEvaluation.Tally(data.get(0).classCount());
      }
      edgeInputs(data, (z, from, g) -> {
        for (int j = 0; j < s; j++) {
          double[] mean = new double[branchOut];
          for (int p = 0; p < g; p++) {
            int at = (p * s + j) * branchOut;
            for (int k = 0; k < branchOut; k++) {
              mean[k] += z[at + k];
            }
          }
          float[] zj = z.clone();
          for (int p = 0; p < g; p++) {
            int at = (p * s + j) * branchOut;
            for (int k = 0; k < branchOut; k++) {
              zj[at + k] = (float) (mean[k] / g);
            }
          }
          float[] prob = edge.output(zj, g);
          for (int p = 0; p < g; p++) {
            tally[j].add(prob, p, data.get(0).label(from + p));
          }
        }
      });
      double[] out = new double[s];
      for (int j = 0; j < s; j++) {
        out[j] = tally[j].result().accuracy();
      }
      return out;
    }

    long parameterCount() {
      return sources() * branches.parameterCount(0) + edge.parameterCount();
    }

    @Override
    public void close() {
      branches.close();
    }
  }

  /**
   * Where the branches run: {@link LocalBranches} in the calling thread on {@link Parts}'s own
   * branches, {@link SparkSources.Branches} in Spark tasks with the branch state shipped.
   */
  interface BranchRunner extends AutoCloseable {
    /**
     * Training-mode forward pass of every branch on its source's view of the samples {@code
     * batch}; returns the activations by source and puts each branch's measured CPU seconds in
     * {@code cpu}.
     */
    float[][] forward(int[] batch, double[] cpu);

    /**
     * Each branch's backward pass from {@code epsilon[j]}, the error of its last forward's
     * activations, and its optimizer step on the mean gradient; CPU seconds into {@code cpu}.
     */
    void backward(float[][] epsilon, double[] cpu);

    /** Loads the branches' current parameters into the {@link Parts} (before evaluating). */
    void sync();

    /**
     * CPU seconds spent outside the calling thread (Spark tasks), which {@link CpuClock} there
     * does not see; 0 when the branches run in it.
     */
    default double remoteCpuSeconds() {
      return 0;
    }

    @Override
    void close();
  }

  /** The branches of {@link Parts} stepped in the calling thread, source by source. */
  static class LocalBranches implements BranchRunner {
    private final Parts parts;
    private final Optimizer.Update[] updates;
    private final List<SampleSource> train;

    LocalBranches(Parts parts, Optimizer.Update[] updates, List<SampleSource> train) {
      this.parts = parts;
      this.updates = updates;
      this.train = train;
    }

    @Override
    public float[][] forward(int[] batch, double[] cpu) {
      int s = parts.sources();
      float[][] x = new float[s][];
      for (int j = 0; j < s; j++) {
        x[j] = MultiSource.features(train.get(j), batch, 0, batch.length);
      }
      return forwardViews(x, batch.length, cpu);
    }

    final float[][] forwardViews(float[][] x, int b, double[] cpu) {
      int s = parts.sources();
      float[][] a = new float[s][];
      for (int j = 0; j < s; j++) {
        long c0 = CpuClock.nanos();
        a[j] = parts.branches.forward(0, j, x[j], b);
        cpu[j] = CpuClock.secondsSince(c0);
      }
      return a;
    }

    @Override
    public void backward(float[][] epsilon, double[] cpu) {
      for (int j = 0; j < parts.sources(); j++) {
        long c0 = CpuClock.nanos();
        backwardAndStep(parts.branches, j, epsilon[j], updates[j]);
        cpu[j] = CpuClock.secondsSince(c0);
      }
    }

    @Override
    public void sync() {}

    @Override
    public void close() {}
  }

  /**
   * Branch {@code j}'s backward pass from {@code e} after its forward pass, and its optimizer
   * step on the mean gradient: the same float operations wherever the branch runs.
   */
  static void backwardAndStep(StagedModel branches, int j, float[] e, Optimizer.Update update) {
    int b = e.length / branches.outputSize(0);
    branches.backward(0, j, e);
    float[] g = branches.gradient(0, j);
    branches.applyGradient(0, j, update.delta(MultiSource.scaled(g, 1.0 / b)), 1.0);
  }

  /** Measured CPU seconds of each part of a step, for the ledger. */
  interface Hooks {
    void branchForward(int source, double cpuSeconds);

    void edge(double cpuSeconds);

    void branchBackward(int source, double cpuSeconds);

    Hooks NONE = new Hooks() {
      @Override
      public void branchForward(int source, double cpuSeconds) {}

      @Override
      public void edge(double cpuSeconds) {}

      @Override
      public void branchBackward(int source, double cpuSeconds) {}
    };
  }

  private static TrainingResult train(TrainingRun run, FplOptions o, Parts parts) {
    int s = parts.sources();
    List<SampleSource> train = o.data().train();
    long branchParams = parts.branches.parameterCount(0);
    long edgeParams = parts.edge.parameterCount();
    Optimizer.Update[] branchUpdates = new Optimizer.Update[s];
    for (int j = 0; j < s; j++) {
      branchUpdates[j] = o.optimizer().create(Math.toIntExact(branchParams), o.learningRate());
    }
    Optimizer.Update edgeUpdate = o.optimizer().create(Math.toIntExact(edgeParams),
        o.learningRate());
    MultiSource.Curve curve = new MultiSource.Curve();
    try (BranchRunner runner = run.executor() instanceof SparkDeviceExecutor spark
        ? new SparkSources.Branches(spark, run.model(), o.junctionBefore(), train, branchUpdates,
            parts)
        : new LocalBranches(parts, branchUpdates, train)) {
      return train(run, o, parts, runner, edgeUpdate, curve);
    }
  }

  private static TrainingResult train(TrainingRun run, FplOptions o, Parts parts,
      BranchRunner runner, Optimizer.Update edgeUpdate, MultiSource.Curve curve) {
    int s = parts.sources();
    int b0 = o.batchSize();
    List<SampleSource> train = o.data().train();
    int n = train.get(0).size();
    CostLedger ledger = run.ledger();
    LayerCosts layers = LayerCosts.of(run.model());
    double branchFlops = layers.forwardFlops(0, parts.cut);
    long branchParams = parts.branches.parameterCount(0);
    long edgeParams = parts.edge.parameterCount();
    // The edge's FLOPs: the junction or the widened layer, then the unchanged rest.
    int width = parts.edge.inputSize();
    double cutOut = layers.outputElements()[parts.cut];
    double edgeFlops = parts.edge.hasJunction()
        ? 2.0 * width * parts.branchOut + parts.branchOut
            + layers.forwardFlops(parts.cut, layers.layers())
        : 2.0 * width * cutOut + cutOut + layers.forwardFlops(parts.cut + 1, layers.layers());
    long steps = 0;
    long samples = 0;
    double evalSeconds = 0;
    double simulated = 0;
    long begin = System.nanoTime();
    long cpuBegin = CpuClock.nanos();
    for (int epoch = 1; epoch <= o.epochs(); epoch++) {
      int[] ids = MultiSource.order(n, o.seed(), epoch);
      final int round = epoch;
      for (int from = 0; from < n; from += b0) {
        int b = Math.min(b0, n - from);
        int[] batch = java.util.Arrays.copyOfRange(ids, from, from + b);
        int[] y = MultiSource.labels(train.get(0), ids, from, b);
        double actBytes = 4.0 * b * parts.branchOut;
        double[] up = new double[s];
        double[] back = new double[s];
        double[] edgeSeconds = new double[1];
        parts.step(runner, batch, y, edgeUpdate, new Hooks() {
          @Override
          public void branchForward(int j, double cpu) {
            Node src = MultiSource.source(j);
            double t = ledger.compute(src, round, "branch-forward", branchFlops * b,
                layers.workingSetBytes(0, parts.cut, b, branchParams), cpu);
            t += ledger.send(src, MultiSource.EDGE, round, TrafficKind.ACTIVATIONS, actBytes);
            if (j == 0) {
              t += ledger.send(src, MultiSource.EDGE, round, TrafficKind.LABELS,
                  b * TrainingRun.LABEL_BYTES);
            }
            up[j] = t;
          }

          @Override
          public void edge(double cpu) {
            edgeSeconds[0] = ledger.compute(MultiSource.EDGE, round, "edge",
                (1 + LayerCosts.BACKWARD_FACTOR) * edgeFlops * b,
                4.0 * (2.0 * b * (width + parts.branchOut) + 2.0 * edgeParams), cpu);
          }

          @Override
          public void branchBackward(int j, double cpu) {
            Node src = MultiSource.source(j);
            double t = ledger.send(MultiSource.EDGE, src, round, TrafficKind.GRADIENTS, actBytes);
            back[j] = t + ledger.compute(src, round, "branch-backward",
                LayerCosts.BACKWARD_FACTOR * branchFlops * b,
                layers.workingSetBytes(0, parts.cut, b, branchParams), cpu);
          }
        });
        double maxUp = 0;
        double maxBack = 0;
        for (int j = 0; j < s; j++) {
          maxUp = Math.max(maxUp, up[j]);
          maxBack = Math.max(maxBack, back[j]);
        }
        simulated += maxUp + edgeSeconds[0] + maxBack;
        steps++;
        samples += b;
      }
      long e0 = System.nanoTime();
      runner.sync();
      ModelEvaluation val = parts.evaluate(o.data().validation());
      ModelEvaluation test = parts.evaluate(o.data().test());
      evalSeconds += (System.nanoTime() - e0) / 1e9;
      curve.add(run, epoch, n, val, test);
    }
    double cpu = CpuClock.secondsSince(cpuBegin) + runner.remoteCpuSeconds();
    double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put(parts.edge.hasJunction() ? "junction_before" : "cut", o.junctionBefore());
    extra.put("cut_elements_per_sample", parts.branchOut);
    extra.put("branch_parameters", branchParams);
    extra.put("edge_parameters", edgeParams);
    extra.put("junction_parameters", parts.edge.junctionParameterCount());
    if (parts.edge.hasJunction()) {
      extra.put("junction_weight_norm_by_source", parts.edge.junctionNorms(s));
    }
    // After the last epoch: the validation accuracy with each source's information removed.
    List<Double> without = new java.util.ArrayList<>();
    for (double a : parts.accuracyWithoutEachSource(o.data().validation())) {
      without.add(a);
    }
    extra.put("validation_accuracy_without_source", without);
    float[] w = concat(parts);
    return MultiSource.result(run, o, curve, steps, samples, seconds, cpu, evalSeconds, w,
        parts.parameterCount(), parts.parameterCount(), simulated, extra);
  }

  private static float[] concat(Parts parts) {
    int s = parts.sources();
    int bp = Math.toIntExact(parts.branches.parameterCount(0));
    float[] e = parts.edge.parameters();
    float[] w = new float[s * bp + e.length];
    for (int j = 0; j < s; j++) {
      System.arraycopy(parts.branches.parameters(0, j), 0, w, j * bp, bp);
    }
    System.arraycopy(e, 0, w, s * bp, e.length);
    return w;
  }
}
