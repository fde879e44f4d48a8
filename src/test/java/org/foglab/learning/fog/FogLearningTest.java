package org.foglab.learning.fog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.foglab.data.SampleSource;
import org.foglab.data.SyntheticSpec;
import org.foglab.network.D2dGraph;
import org.foglab.network.FogTree;
import org.foglab.network.graph.FogD2dGraphGenerator;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;

class FogLearningTest {
  static final SyntheticSpec SPEC = new SyntheticSpec(4, 12, 3000, 400, 3, 4.0, 1.0);

  static FogOptions options(FogMode mode, int... periods) {
    return new FogOptions(mode, periods, 2, 0.2, 1.0, ClusterSampling.UNIFORM, 3, 8, 0.05, 11);
  }

  static FogContext context(FogTree tree, FogOptions o) {
    return new FogContext(tree, new FogData(SPEC.train(), 20, 0.5, 7), o);
  }

  static FogTrainer.Result runLocal(FogTree tree, FogOptions o) {
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.RGG, 0.4, 5);
    return FogTrainer.train(context(tree, o), FogExecutor.local(Subtrees.generatedList(gen)),
        SPEC.test(), 1, r -> { });
  }

  @Test
  void manyConsensusRoundsEqualHierarchicalAveraging() {
    FogTree tree = FogTree.of(40, 8, 2, 1);
    FogOptions h = options(FogMode.HIERARCHICAL, 2, 4, 4);
    FogTrainer.Result hier = runLocal(tree, h);
    FogTrainer.Result cons = runLocal(tree, h.withMode(FogMode.CONSENSUS).withConsensusRounds(3000));
    double diff = 0;
    for (int p = 0; p < hier.model().length; p++) {
      diff = Math.max(diff, Math.abs(hier.model()[p] - cons.model()[p]));
    }
    assertTrue(diff < 1e-9, "max |consensus - hierarchical| = " + diff);
    // Few rounds differ measurably: the comparison can fail.
    FogTrainer.Result few = runLocal(tree, h.withMode(FogMode.CONSENSUS).withConsensusRounds(1));
    double d1 = 0;
    for (int p = 0; p < hier.model().length; p++) {
      d1 = Math.max(d1, Math.abs(hier.model()[p] - few.model()[p]));
    }
    assertTrue(d1 > 1e-6, "one consensus round is not exact: " + d1);
  }

  @Test
  void hierarchicalWithOneLayerIsFederatedAveraging() {
    FogTrainer.Result star = runLocal(FogTree.of(30, 1), options(FogMode.HIERARCHICAL, 3));
    FogTrainer.Result fl = runLocal(FogTree.of(30, 6, 1), options(FogMode.FEDERATED, 1, 3));
    assertArrayEquals(star.model(), fl.model(), "bit for bit");
    // Against a plain FedAvg loop: local steps from the global model, sample-weighted mean.
    FogData data = new FogData(SPEC.train(), 20, 0.5, 7);
    int f = SPEC.features();
    int c = SPEC.classes();
    double[] w = new double[LinearSoftmax.parameters(f, c)];
    float[] x = new float[8 * f];
    int[] y = new int[8];
    for (int r = 1; r <= 3; r++) {
      double[] next = new double[w.length];
      for (int i = 0; i < 30; i++) {
        double[] wi = w.clone();
        for (int s = 0; s < 3; s++) {
          int b = data.batch(i, (long) (r - 1) * 3 + s, 8, x, y);
          LinearSoftmax.step(wi, x, y, b, f, c, 0.05, new double[c], new double[w.length]);
        }
        for (int p = 0; p < w.length; p++) {
          next[p] += wi[p] / 30;
        }
      }
      w = next;
    }
    for (int p = 0; p < w.length; p++) {
      assertEquals(w[p], fl.model()[p], 1e-10);
    }
    assertEquals(90, fl.last().up()[0], "one upload per device and round");
    assertEquals(90, fl.last().down()[0]);
  }

  @Test
  void sparkAndLocalExecutorsAgreeBitForBit() {
    FogTree tree = FogTree.of(60, 12, 4, 1);
    FogOptions o = new FogOptions(FogMode.CONSENSUS, new int[] {1, 2, 2}, 3, 0.4, 0.6,
        ClusterSampling.DATA_SIZE, 3, 8, 0.05, 21);
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.ER, 0.5, 5);
    FogContext ctx = context(tree, o);
    FogTrainer.Result local = FogTrainer.train(ctx, FogExecutor.local(Subtrees.generatedList(gen)),
        SPEC.test(), 0, r -> { });
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SparkTestSession.get().sparkContext());
    for (int partitions : new int[] {1, 3}) {
      FogTrainer.Result spark = FogTrainer.train(ctx, FogExecutor.spark(jsc,
          Subtrees.generatedRdd(SparkTestSession.get(), gen, partitions)), SPEC.test(), 0,
          r -> { });
      assertArrayEquals(local.model(), spark.model(), "partitions " + partitions);
      assertArrayEquals(local.last().up(), spark.last().up());
      assertArrayEquals(local.last().down(), spark.last().down());
      assertEquals(local.last().d2dMessages(), spark.last().d2dMessages());
      assertEquals(local.steps(), spark.steps());
    }
    assertTrue(local.last().d2dMessages() > 0);
  }

  @Test
  void transfersPerLayerMatchTheScheduleByHand() {
    FogTree tree = FogTree.of(20, 4, 2, 1);
    FogOptions o = new FogOptions(FogMode.HIERARCHICAL, new int[] {1, 1, 1}, 2, 0.2, 1.0,
        ClusterSampling.UNIFORM, 1, 8, 0.05, 1);
    FogTrainer.RoundRecord h = runLocal(tree, o).last();
    assertArrayEquals(new long[] {20, 4, 2}, h.up());
    assertArrayEquals(new long[] {20, 4, 2}, h.down());
    assertEquals(0, h.d2dMessages());
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.RGG, 0.4, 5);
    long edges = 0;
    for (int c = 0; c < 4; c++) {
      edges += gen.clusterGraph(c).graph().edges();
    }
    FogTrainer.RoundRecord cr = runLocal(tree, o.withMode(FogMode.CONSENSUS)).last();
    assertArrayEquals(new long[] {4, 4, 2}, cr.up(), "one sampled device per cluster of 5");
    assertArrayEquals(new long[] {20, 4, 2}, cr.down());
    assertEquals(2 * edges * 2, cr.d2dMessages(), "each device to each neighbour, c = 2 rounds");
    // Two layer-1 aggregations per global round with periods 1,2,2: consensus-only at step 1.
    FogTrainer.RoundRecord c2 = runLocal(tree, o.withMode(FogMode.CONSENSUS)
        .withLayerPeriods(1, 2, 2)).last();
    assertArrayEquals(new long[] {4, 4, 2}, c2.up());
    assertEquals(2 * 2 * edges * 2, c2.d2dMessages());
    FogTrainer.RoundRecord h2 = runLocal(tree, o.withLayerPeriods(1, 2, 2)).last();
    assertArrayEquals(new long[] {40, 4, 2}, h2.up(), "HierFAVG uploads at every cluster period");
    assertArrayEquals(new long[] {40, 4, 2}, h2.down());
  }

  @Test
  void badOptionsAreOneSentence() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> options(FogMode.CONSENSUS, 1, 2).withConsensusRounds(-1)).getMessage()
        .contains("--consensus-rounds"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FogOptions(FogMode.CONSENSUS,
        new int[] {1}, 1, 0.2, 1.5, ClusterSampling.UNIFORM, 1, 1, 0.1, 1)).getMessage()
        .contains("--cluster-fraction must be in (0, 1]"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new FogOptions(FogMode.CONSENSUS,
        new int[] {1}, 1, 0, 1, ClusterSampling.UNIFORM, 1, 1, 0.1, 1)).getMessage()
        .contains("--sample-fraction"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> options(FogMode.HIERARCHICAL, 2, 3)).getMessage().contains("multiple"));
    assertThrows(IllegalArgumentException.class,
        () -> context(FogTree.of(10, 1), options(FogMode.CONSENSUS, 1)));
    // A cluster whose D2D links leave a device unreachable.
    FogTree tree = FogTree.of(6, 2, 1);
    Subtree broken = new Subtree(0, new int[] {0, 3}, new int[] {1, 4});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> broken.clusterGraphs(tree, 0, 2));
    assertTrue(e.getMessage().contains("cluster L1-0 has no D2D path"), e.getMessage());
  }
}
