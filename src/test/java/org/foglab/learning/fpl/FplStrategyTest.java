package org.foglab.learning.fpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.foglab.data.ArrayDataset;
import org.foglab.data.DeviceData;
import org.foglab.data.MultiViewData;
import org.foglab.data.SampleSource;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.Architecture;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.NetworkFactory;
import org.foglab.learning.cost.TrafficKind;
import org.foglab.learning.engine.Trainer;
import org.foglab.learning.engine.TrainingMode;
import org.foglab.learning.engine.TrainingOptions;
import org.foglab.learning.engine.TrainingResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * FPL against a hand-built joined DL4J graph (branches, concatenation, junction, rest), the
 * junction's independence of everything but its input width, and the ledger counted by hand.
 */
class FplStrategyTest {
  static final double LR = 0.05;
  static final ModelConfig MLP = ModelConfig.mlp(6, 3, List.of(5, 4)).withLearningRate(LR);
  /** A small CNN on 8x8 images: conv 2x2 3, pool, conv 2x2 4, pool, dense 6, output 4. */
  static final ModelConfig CNN =
      new ModelConfig(Architecture.CNN, 8, 8, 1, 4, List.of(), 2, 3, 4, 6, LR, 3);

  /** S views of the same samples: independent synthetic feature sets sharing the labels. */
  static MultiViewData views(int sources, int features, int classes, int n) {
    List<SampleSource> tr = new ArrayList<>();
    List<SampleSource> va = new ArrayList<>();
    List<SampleSource> te = new ArrayList<>();
    for (int s = 0; s < sources; s++) {
      SyntheticSpec spec = new SyntheticSpec(classes, features, n, n, 7, 3.0, 1.0);
      ArrayDataset base = ArrayDataset.copyOf(spec.train());
      // Same labels, a different view: every feature scaled and shifted per source.
      float[] f = new float[n * features];
      byte[] l = new byte[n];
      for (int i = 0; i < n; i++) {
        l[i] = (byte) base.label(i);
        for (int j = 0; j < features; j++) {
          f[i * features + j] = base.feature(i, (j + s) % features) * (1 + 0.1f * s);
        }
      }
      ArrayDataset v = new ArrayDataset(features, classes, f, l);
      tr.add(v);
      va.add(v);
      te.add(v);
    }
    return new MultiViewData(tr, va, te);
  }

  static FplOptions options(MultiViewData d, String junction, Optimizer opt, int batch,
      int epochs) {
    return new FplOptions(d, junction, List.of("output"), 0.01, 1, opt, LR, batch, epochs, 5);
  }

  static TrainingResult run(ModelConfig m, TrainingMode mode, FplOptions o) {
    SampleSource train = o.data().train().get(0);
    return Trainer.builder().model(m).trainingData(train).testData(o.data().test().get(0))
        .deviceData(DeviceData.iid(o.sources(), 1, train.size(), 1))
        .options(TrainingOptions.of(mode, o.epochs())).fpl(o).rawBytesPerSample(100).run();
  }

  /**
   * The joined network of FPL: per source the layers before {@code cut} (named b{s}_{layer}),
   * their outputs merged in source order, the junction, then the layers from the cut, stepping
   * with plain SGD at {@code LR} on the mean loss.
   */
  static ComputationGraph joined(ModelConfig m, int cut, int sources, int branchOut) {
    MultiLayerConfiguration c = NetworkFactory.configuration(m);
    List<String> names = NetworkFactory.layerNames(m);
    var g = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
        .updater(new Sgd(LR)).trainingWorkspaceMode(WorkspaceMode.NONE).graphBuilder();
    String[] inputs = new String[sources];
    String[] tops = new String[sources];
    InputType[] types = new InputType[sources];
    for (int s = 0; s < sources; s++) {
      inputs[s] = "in" + s;
      types[s] = NetworkFactory.inputType(m);
    }
    g.addInputs(inputs).setInputTypes(types);
    for (int s = 0; s < sources; s++) {
      String prev = inputs[s];
      for (int i = 0; i < cut; i++) {
        String name = "b" + s + "_" + names.get(i);
        g.layer(name, c.getConf(i).getLayer().clone(), prev);
        prev = name;
      }
      tops[s] = prev;
    }
    g.addVertex("merge", new MergeVertex(), tops);
    g.layer("junction", new DenseLayer.Builder().nIn((long) sources * branchOut).nOut(branchOut)
        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), "merge");
    String prev = "junction";
    for (int i = cut; i < names.size(); i++) {
      g.layer(names.get(i), c.getConf(i).getLayer().clone(), prev);
      prev = names.get(i);
    }
    g.setOutputs(prev);
    ComputationGraphConfiguration conf = g.build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return graph;
  }

  /** Copies the FPL parts' parameters into the joined graph. */
  static void load(ComputationGraph graph, FplStrategy.Parts parts, ModelConfig m) {
    List<String> names = NetworkFactory.layerNames(m);
    for (int s = 0; s < parts.sources(); s++) {
      float[] w = parts.branches.parameters(0, s);
      // Layers without parameters (pooling) are skipped on both sides.
      int off = 0;
      for (int i = 0; i < parts.cut; i++) {
        var layer = graph.getLayer("b" + s + "_" + names.get(i));
        int k = Math.toIntExact(layer.numParams());
        if (k > 0) {
          layer.setParams(Nd4j.create(java.util.Arrays.copyOfRange(w, off, off + k)));
        }
        off += k;
      }
    }
    graph.getLayer("junction").setParams(Nd4j.create(parts.edge.layerParameters(0)));
    for (int i = parts.cut; i < names.size(); i++) {
      graph.getLayer(names.get(i)).setParams(
          Nd4j.create(parts.edge.layerParameters(1 + i - parts.cut)));
    }
  }

  /**
   * Two SGD steps of FPL's branches, junction and edge equal two steps of the joined graph on the
   * same batches: parameters within 2e-5 absolute (float32 rounding of different summation
   * orders), the first step's loss within 1e-5.
   */
  void assertMatchesJoined(ModelConfig m, String junction, int sources) {
    MultiViewData d = views(sources, m.featureCount(), m.classes(), 16);
    try (FplStrategy.Parts parts = FplStrategy.Parts.of(m, junction, sources, true)) {
      ComputationGraph graph = joined(m, parts.cut, sources, parts.branchOut);
      load(graph, parts, m);
      Optimizer.Update[] bu = new Optimizer.Update[sources];
      for (int s = 0; s < sources; s++) {
        bu[s] = Optimizer.SGD.create(Math.toIntExact(parts.branches.parameterCount(0)), LR);
      }
      Optimizer.Update eu = Optimizer.SGD.create(Math.toIntExact(parts.edge.parameterCount()),
          LR);
      int[][] batches = {{0, 3, 5, 7, 9, 11, 2, 4}, {1, 6, 8, 10, 12, 13, 14, 15}};
      for (int step = 0; step < batches.length; step++) {
        int[] ids = batches[step];
        float[][] x = new float[sources][];
        INDArray[] in = new INDArray[sources];
        for (int s = 0; s < sources; s++) {
          x[s] = MultiSource.features(d.train().get(s), ids, 0, ids.length);
          in[s] = Nd4j.create(x[s], new long[] {ids.length, m.featureCount()}, DataType.FLOAT);
        }
        int[] y = MultiSource.labels(d.train().get(0), ids, 0, ids.length);
        float[] oneHot = new float[ids.length * m.classes()];
        for (int p = 0; p < y.length; p++) {
          oneHot[p * m.classes() + y[p]] = 1;
        }
        MultiDataSet mds = new MultiDataSet(in, new INDArray[] {Nd4j.create(oneHot,
            new long[] {ids.length, m.classes()}, DataType.FLOAT)});
        double graphLoss = graph.score(mds);
        double loss = parts.step(x, y, bu, eu, FplStrategy.Hooks.NONE);
        if (step == 0) {
          assertEquals(graphLoss, loss, 1e-5);
        }
        graph.fit(mds);
      }
      List<String> names = NetworkFactory.layerNames(m);
      float[] j = graph.getLayer("junction").params().toFloatVector();
      assertClose(j, parts.edge.layerParameters(0), 2e-5, "junction");
      for (int i = parts.cut; i < names.size(); i++) {
        assertClose(graph.getLayer(names.get(i)).params().toFloatVector(),
            parts.edge.layerParameters(1 + i - parts.cut), 2e-5, names.get(i));
      }
      for (int s = 0; s < sources; s++) {
        float[] w = parts.branches.parameters(0, s);
        List<Float> want = new ArrayList<>();
        for (int i = 0; i < parts.cut; i++) {
          if (graph.getLayer("b" + s + "_" + names.get(i)).numParams() == 0) {
            continue;
          }
          for (float v : graph.getLayer("b" + s + "_" + names.get(i)).params().toFloatVector()) {
            want.add(v);
          }
        }
        float[] wv = new float[want.size()];
        for (int k = 0; k < wv.length; k++) {
          wv[k] = want.get(k);
        }
        assertClose(wv, w, 2e-5, "branch " + s);
      }
    }
  }

  static void assertClose(float[] want, float[] got, double tol, String what) {
    assertEquals(want.length, got.length, what + " length");
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], tol, what + " parameter " + i);
    }
  }

  @Test
  void mlpFplEqualsTheJoinedGraph() {
    assertMatchesJoined(MLP, "hidden2", 3);
  }

  @Test
  void cnnFplEqualsTheJoinedGraph() {
    assertMatchesJoined(CNN, "dense", 2);
    assertMatchesJoined(CNN, "output", 3);
  }

  @Test
  void aSixthSourceChangesOnlyTheJunctionsInputWidth() {
    try (FplStrategy.Parts five = FplStrategy.Parts.of(CNN, "F1", 5, true);
        FplStrategy.Parts six = FplStrategy.Parts.of(CNN, "F1", 6, true)) {
      assertEquals(five.branches.parameterCount(0), six.branches.parameterCount(0));
      assertEquals(five.edge.layerCount(), six.edge.layerCount());
      int out = five.branchOut;
      assertEquals(5 * out, five.edge.inputSize());
      assertEquals(6 * out, six.edge.inputSize());
      // Junction: (S out) x out weights and out biases.
      assertEquals(5L * out * out + out, five.edge.junctionParameterCount());
      assertEquals(6L * out * out + out, six.edge.junctionParameterCount());
      for (int i = 1; i < five.edge.layerCount(); i++) {
        assertEquals(five.edge.layerParameters(i).length, six.edge.layerParameters(i).length);
      }
    }
    // Split learning, by contrast, widens F1 itself.
    try (FplStrategy.Parts five = FplStrategy.Parts.of(CNN, "dense", 5, false);
        FplStrategy.Parts six = FplStrategy.Parts.of(CNN, "dense", 6, false)) {
      // F1: (S out) x dense weights and dense biases.
      assertEquals(5L * five.branchOut * CNN.denseUnits() + CNN.denseUnits(),
          five.edge.layerParameters(0).length);
      assertEquals(CNN.denseUnits() * (long) five.branchOut,
          six.edge.layerParameters(0).length - five.edge.layerParameters(0).length);
    }
  }

  /**
   * The junction is linear and the layer after it starts with a linear map, so FPL's edge is SL's
   * edge (the cut layer widened to the concatenation) with that layer's weights constrained to
   * the product {@code W_J W} (rank at most the branch output) and bias {@code b_J W + b}: given
   * the product as its weights, SL's edge outputs FPL's probabilities, within 1e-5 (float32
   * rounding of the two summation orders). FPL before F1 can therefore represent nothing SL
   * cannot; before F2 the product is a {@code S*dense x classes} matrix, which SL cut there
   * would learn directly, without the junction's {@code S*dense x dense} weights. A junction
   * with a non-linear activation fails this.
   */
  @Test
  void aJunctionFollowedByALinearLayerIsSplitLearningWithTheProductAsWeights() {
    for (String cut : List.of("dense", "output")) {
      int sources = 3;
      try (FplStrategy.Parts fpl = FplStrategy.Parts.of(CNN, cut, sources, true);
          FplStrategy.Parts sl = FplStrategy.Parts.of(CNN, cut, sources, false)) {
        int in = fpl.edge.inputSize();
        int mid = fpl.branchOut;
        float[] j = fpl.edge.layerParameters(0);
        float[] next = fpl.edge.layerParameters(1);
        int out = next.length / (mid + 1);
        // DL4J's dense parameters: W (nIn x nOut, column major), then b (nOut); the edge's flat
        // parameters are its layers' in order, so SL's are the product then FPL's layers after
        // the next one.
        float[] fplAll = fpl.edge.parameters();
        int rest = fplAll.length - j.length - next.length;
        float[] p = new float[in * out + out + rest];
        for (int c = 0; c < out; c++) {
          double bias = next[mid * out + c];
          for (int k = 0; k < mid; k++) {
            bias += (double) j[in * mid + k] * next[k + c * mid];
          }
          p[in * out + c] = (float) bias;
          for (int r = 0; r < in; r++) {
            double w = 0;
            for (int k = 0; k < mid; k++) {
              w += (double) j[r + k * in] * next[k + c * mid];
            }
            p[r + c * in] = (float) w;
          }
        }
        System.arraycopy(fplAll, j.length + next.length, p, in * out + out, rest);
        assertEquals(sl.edge.parameters().length, p.length, cut + ": SL's edge parameters");
        sl.edge.setParameters(p);
        java.util.Random r = new java.util.Random(11);
        int batch = 5;
        float[] x = new float[batch * in];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) Math.abs(r.nextGaussian());
        }
        assertClose(fpl.edge.forward(x, batch), sl.edge.forward(x, batch), 1e-5,
            cut + ": probabilities");
      }
    }
  }

  /**
   * One epoch of 10 samples in batches of 4, 4 and 2 at S = 3 sources: each source sends
   * {@code 4 N cut} bytes of activations and receives as many of gradients, source 0 sends N
   * label bytes.
   */
  @Test
  void fplAndSlLedgersByHand() {
    MultiViewData d = views(3, 64, 4, 10);
    for (TrainingMode mode : List.of(TrainingMode.FPL, TrainingMode.SL)) {
      TrainingResult r = run(CNN, mode, options(d, "dense", Optimizer.ADAM, 4, 2));
      int cut = 4 * 1 * 1; // conv2 -> pool2 on 8x8 with 2x2 kernels: 4 channels of 1x1
      assertEquals(2 * 3 * 4.0 * 10 * cut, r.ledger().totals(TrafficKind.ACTIVATIONS).bytes());
      assertEquals(2 * 3 * 4.0 * 10 * cut, r.ledger().totals(TrafficKind.GRADIENTS).bytes());
      assertEquals(2 * 10.0, r.ledger().totals(TrafficKind.LABELS).bytes());
      assertEquals(0, r.ledger().totals(TrafficKind.PARAMETERS).bytes());
      assertEquals(2 * 3, r.steps());
      assertEquals(2, r.aggregations().size());
      assertTrue(r.ledger().totals().carbonKg() > 0);
      int best = (Integer) r.report().get("best_epoch");
      assertEquals(r.aggregations().get(best - 1).accuracy(), r.accuracy());
    }
  }

  @Test
  void gflAndTransferLedgersByHand() {
    MultiViewData d = views(3, 64, 4, 10);
    FplOptions gfl = new FplOptions(d, "dense", List.of("F1", "F2"), 0.01, 1, Optimizer.ADAM, LR,
        4, 2, 5);
    TrainingResult g = run(CNN, TrainingMode.GFL, gfl);
    long shared = (4L * 6 + 6) + (6L * 4 + 4);
    // 3 steps per epoch, an averaging round after each: 3 sources send and receive them.
    assertEquals(2 * 3 * 3 * 2 * 4.0 * shared, g.ledger().totals(TrafficKind.PARAMETERS).bytes());
    assertEquals(0, g.ledger().totals(TrafficKind.ACTIVATIONS).bytes());
    TrainingResult t = run(CNN, TrainingMode.TRANSFER, options(d, "dense", Optimizer.ADAM, 4, 2));
    // Each source sends its 10 images once, 100 bytes each; source 0 the 10 labels.
    assertEquals(3 * 10 * 100.0, t.ledger().totals(TrafficKind.RAW_DATA).bytes());
    assertEquals(10.0, t.ledger().totals(TrafficKind.LABELS).bytes());
    // 30 (view, sample) pairs in batches of 4: 8 steps per epoch.
    assertEquals(16, t.steps());
  }

  /**
   * The edge's reliance on each source against what the views carry by construction: source 0
   * sees separable features, source 1 features drawn independently of the labels. Removing
   * source 1's information (its branch outputs replaced by their batch mean) must leave the
   * validation accuracy where it was (within 0.05: the edge may have fitted some training noise),
   * removing source 0's must bring it to chance (1/4, within 0.1).
   */
  @Test
  void removingANoiseSourceCostsNothingAndRemovingTheInformativeOneCostsEverything() {
    int n = 400;
    int features = 16;
    SyntheticSpec spec = new SyntheticSpec(4, features, n, n, 11, 3.0, 1.0);
    ArrayDataset tr = ArrayDataset.copyOf(spec.train());
    ArrayDataset va = ArrayDataset.copyOf(spec.test());
    java.util.Random rnd = new java.util.Random(5);
    List<SampleSource> trs = List.of(tr, noise(tr, rnd));
    List<SampleSource> vas = List.of(va, noise(va, rnd));
    MultiViewData d = new MultiViewData(trs, vas, vas);
    FplOptions o = new FplOptions(d, "hidden2", List.of(), 0, 1, Optimizer.ADAM, 0.01, 16, 4, 5);
    TrainingResult r = run(ModelConfig.mlp(features, 4, List.of(16, 8)), TrainingMode.FPL, o);
    @SuppressWarnings("unchecked")
    List<Double> full = (List<Double>) r.report().get("validation_accuracy");
    @SuppressWarnings("unchecked")
    List<Double> without = (List<Double>) r.report().get("validation_accuracy_without_source");
    double last = full.get(full.size() - 1);
    // Precondition of the comparison: something was learned from source 0.
    assertTrue(last > 0.6, "validation accuracy " + last + ", without each source " + without);
    assertEquals(last, without.get(1), 0.05, "noise source removed");
    assertEquals(0.25, without.get(0), 0.1, "informative source removed");
  }

  /** The labels of {@code d} with features uniform in [0, 1), independent of the labels. */
  private static ArrayDataset noise(ArrayDataset d, java.util.Random rnd) {
    float[] f = new float[d.size() * d.featureCount()];
    byte[] l = new byte[d.size()];
    for (int i = 0; i < d.size(); i++) {
      l[i] = (byte) d.label(i);
    }
    for (int i = 0; i < f.length; i++) {
      f[i] = rnd.nextFloat();
    }
    return new ArrayDataset(d.featureCount(), d.classCount(), f, l);
  }

  @Test
  void badOptionsGetOneSentence() {
    MultiViewData two = views(2, 64, 4, 10);
    MultiViewData one = views(1, 64, 4, 10);
    var e1 = assertThrows(IllegalArgumentException.class,
        () -> run(CNN, TrainingMode.FPL, options(one, "dense", Optimizer.SGD, 4, 1)));
    assertTrue(e1.getMessage().contains("at least 2 sources"), e1.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> run(CNN, TrainingMode.FPL, options(two, "F3", Optimizer.SGD, 4, 1)));
    assertTrue(e2.getMessage().startsWith("--junction-before names layer \"F3\""),
        e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> run(CNN, TrainingMode.FPL, options(two, "conv2", Optimizer.SGD, 4, 1)));
    assertTrue(e3.getMessage().contains("fully connected"), e3.getMessage());
    FplOptions badAverage = new FplOptions(two, "dense", List.of("F1", "F7"), 0.01, 1,
        Optimizer.SGD, LR, 4, 1, 5);
    var e4 = assertThrows(IllegalArgumentException.class,
        () -> run(CNN, TrainingMode.GFL, badAverage));
    assertTrue(e4.getMessage().startsWith("--average names layer \"F7\""), e4.getMessage());
  }
}
