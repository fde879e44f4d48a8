package org.foglab.learning.fog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.foglab.network.D2dGraph;
import org.foglab.network.FogTree;
import org.foglab.network.graph.ClusterGraph;
import org.foglab.network.graph.FogD2dGraphGenerator;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;

/**
 * Devices moving between clusters: no move is today's run to the bit (also through the mobility
 * code path), a planted move brings the device's own model into its new cluster's average
 * (against a hand-computed round), re-drawn cluster graphs stay connected and their mixing
 * matrices doubly stochastic, and Spark and local runs agree bit for bit.
 */
class MobilityTest {
  static final FogData DATA = new FogData(FogLearningTest.SPEC.train(), 20, 0.5, 7);

  private static FogTrainer.Result run(FogTree tree, FogOptions o, Mobility m) {
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.RGG, 0.4, 5);
    FogContext ctx = new FogContext(tree, DATA, o).withMobility(m);
    return FogTrainer.train(ctx, FogExecutor.local(Subtrees.generatedList(gen)),
        FogLearningTest.SPEC.test(), 0, r -> { });
  }

  private static int[] home(FogTree tree) {
    int[] h = new int[tree.devices()];
    for (int i = 0; i < h.length; i++) {
      h[i] = tree.clusterOf(i);
    }
    return h;
  }

  @Test
  void noMoveIsTodaysRunBitForBit() {
    FogTree tree = FogTree.of(40, 8, 2, 1);
    FogOptions o = new FogOptions(FogMode.CONSENSUS, new int[] {1, 2, 2}, 2, 0.4, 0.8,
        ClusterSampling.UNIFORM, 3, 8, 0.05, 21);
    FogTrainer.Result today = run(tree, o, null);
    // Probability 0: the context drops the model, nothing changes.
    assertArrayEquals(today.model(), run(tree, o, Mobility.random(tree, 0, 0.4, 3)).model());
    // Planted memberships equal to home: the mobility code path, the same bits.
    Mobility stay = Mobility.planted(tree, 0.4, 3, new int[][] {home(tree), home(tree)});
    assertTrue(stay.moves());
    FogTrainer.Result same = run(tree, o, stay);
    assertArrayEquals(today.model(), same.model());
    assertArrayEquals(today.last().up(), same.last().up());
    assertEquals(today.last().d2dMessages(), same.last().d2dMessages());
    FogTrainer.Result hier = run(tree, o.withMode(FogMode.HIERARCHICAL), null);
    assertArrayEquals(hier.model(), run(tree, o.withMode(FogMode.HIERARCHICAL), stay).model());
  }

  @Test
  void aPlantedMoveBringsTheDevicesModelIntoItsNewClustersAverage() {
    FogTree tree = FogTree.of(6, 2, 1);
    FogOptions o = new FogOptions(FogMode.HIERARCHICAL, new int[] {1, 1}, 1, 1.0, 1.0,
        ClusterSampling.UNIFORM, 2, 8, 0.05, 1);
    int[] r2 = home(tree);
    r2[0] = 1;
    Mobility m = Mobility.planted(tree, 0.5, 3, new int[][] {home(tree), r2});
    FogTrainer.Result moved = run(tree, o, m);
    // By hand: round 1 from zeros, every device one step on its batch u = 0; the root's model is
    // the mean of the six (equal samples). Round 2: device 0, now in cluster 1, starts from its
    // own round-1 model; the others from the root's; one step on batch u = 1; the root averages
    // cluster 0 (2 devices) and cluster 1 (4) by samples: the mean of the six again.
    int f = FogLearningTest.SPEC.features();
    int c = FogLearningTest.SPEC.classes();
    int np = LinearSoftmax.parameters(f, c);
    float[] x = new float[8 * f];
    int[] y = new int[8];
    double[][] own = new double[6][];
    double[] w1 = new double[np];
    for (int i = 0; i < 6; i++) {
      own[i] = new double[np];
      int b = DATA.batch(i, 0, 8, x, y);
      LinearSoftmax.step(own[i], x, y, b, f, c, 0.05, new double[c], new double[np]);
      for (int p = 0; p < np; p++) {
        w1[p] += own[i][p] / 6;
      }
    }
    double[] cluster1 = new double[np];
    double[] expected = new double[np];
    double[] stayed = new double[np];
    for (int i = 0; i < 6; i++) {
      double[] start = (i == 0 ? own[0] : w1).clone();
      int b = DATA.batch(i, 1, 8, x, y);
      LinearSoftmax.step(start, x, y, b, f, c, 0.05, new double[c], new double[np]);
      if (i == 0 || i >= 3) {
        for (int p = 0; p < np; p++) {
          cluster1[p] += start[p] / 4;
        }
      }
      for (int p = 0; p < np; p++) {
        expected[p] += start[p] / 6;
      }
      double[] alt = w1.clone();
      DATA.batch(i, 1, 8, x, y);
      LinearSoftmax.step(alt, x, y, b, f, c, 0.05, new double[c], new double[np]);
      for (int p = 0; p < np; p++) {
        stayed[p] += alt[p] / 6;
      }
    }
    double worst = 0;
    double gap = 0;
    for (int p = 0; p < np; p++) {
      worst = Math.max(worst, Math.abs(moved.model()[p] - expected[p]));
      gap = Math.max(gap, Math.abs(stayed[p] - expected[p]));
    }
    assertTrue(worst < 1e-10, "max |engine - hand| = " + worst);
    assertTrue(gap > 1e-6, "a device that dropped its model would give another result: " + gap);
    // The carried model is device 0's own, and it lands in cluster 1's average.
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.RGG, 0.4, 5);
    FogContext ctx = new FogContext(tree, DATA, o).withMobility(m);
    try (FogExecutor.Session s = FogExecutor.local(Subtrees.generatedList(gen)).open(ctx)) {
      RoundResult one = s.round(new double[np], 1);
      assertEquals(java.util.Set.of(0), one.carried().keySet());
      assertArrayEquals(own[0], one.carried().get(0));
    }
    // Cluster 1 alone (layer periods [1, 2]: clusters average after step 1, the root after 2).
    FogOptions o2 = o.withLayerPeriods(1, 2).withConsensusRounds(1);
    FogContext ctx2 = new FogContext(tree, DATA, o2).withMobility(m);
    try (FogExecutor.Session s = FogExecutor.local(Subtrees.generatedList(gen)).open(ctx2)) {
      double[] carriedModel = own[0].clone();
      RoundResult two = s.round(w1, 2, Map.of(0, carriedModel));
      // After step 1 (u = 2) cluster 1's average is broadcast to its members; after step 2
      // (u = 3) the root takes the sample-weighted mean. Recompute both by hand.
      double[][] start = new double[6][];
      for (int i = 0; i < 6; i++) {
        start[i] = (i == 0 ? own[0] : w1).clone();
        int b = DATA.batch(i, 2, 8, x, y);
        LinearSoftmax.step(start[i], x, y, b, f, c, 0.05, new double[c], new double[np]);
      }
      double[] avg1 = new double[np];
      double[] avg0 = new double[np];
      for (int p = 0; p < np; p++) {
        avg1[p] = (start[0][p] + start[3][p] + start[4][p] + start[5][p]) / 4;
        avg0[p] = (start[1][p] + start[2][p]) / 2;
      }
      double[] root = new double[np];
      for (int i = 0; i < 6; i++) {
        double[] wi = (i == 0 || i >= 3 ? avg1 : avg0).clone();
        int b = DATA.batch(i, 3, 8, x, y);
        LinearSoftmax.step(wi, x, y, b, f, c, 0.05, new double[c], new double[np]);
        for (int p = 0; p < np; p++) {
          root[p] += wi[p] / 6;
        }
      }
      double[] got = two.average();
      double d = 0;
      for (int p = 0; p < np; p++) {
        d = Math.max(d, Math.abs(got[p] - root[p]));
      }
      assertTrue(d < 1e-10, "cluster average with the carried model: " + d);
    }
  }

  @Test
  void redrawnClusterGraphsAreConnectedAndDoublyStochastic() {
    FogTree tree = FogTree.of(60, 12, 4, 1);
    Mobility m = Mobility.random(tree, 0.3, 0.2, 9);
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.ER, 0.3, 5);
    int changed = 0;
    int[][] members = m.members(4);
    int total = 0;
    for (int c = 0; c < tree.clusters(); c++) {
      total += members[c].length;
      if (members[c].length == 0 || m.home(c, members[c])) {
        continue;
      }
      changed++;
      Subtree st = Subtrees.generated(gen, tree.ancestor(tree.clusterStart(c), 2));
      ClusterGraph g = m.graph(c, members[c], 4, st.d2dSrc(), st.d2dDst());
      assertTrue(g.connected(), "cluster " + c);
      double[][] w = MixingMatrix.metropolisHastings(g).dense();
      for (int i = 0; i < w.length; i++) {
        double row = 0;
        double col = 0;
        for (int j = 0; j < w.length; j++) {
          row += w[i][j];
          col += w[j][i];
          assertEquals(w[i][j], w[j][i], 1e-15);
        }
        assertEquals(1, row, 1e-12);
        assertEquals(1, col, 1e-12);
      }
    }
    assertEquals(60, total, "every device is in exactly one cluster");
    assertTrue(changed > 0);
    // Round 1 is home; memberships differ between rounds.
    assertArrayEquals(home(tree), m.clusters(1));
    assertFalse(Arrays.equals(m.clusters(2), m.clusters(3)));
  }

  @Test
  void sparkAndLocalAgreeBitForBitWithMovingDevices() {
    FogTree tree = FogTree.of(60, 12, 4, 1);
    FogOptions o = new FogOptions(FogMode.CONSENSUS, new int[] {1, 2, 2}, 2, 0.4, 0.8,
        ClusterSampling.UNIFORM, 4, 8, 0.05, 21);
    Mobility m = Mobility.random(tree, 0.25, 0.3, 13);
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.ER, 0.5, 5);
    FogContext ctx = new FogContext(tree, DATA, o).withMobility(m);
    FogTrainer.Result local = FogTrainer.train(ctx,
        FogExecutor.local(Subtrees.generatedList(gen)), FogLearningTest.SPEC.test(), 0, r -> { });
    FogTrainer.Result still = FogTrainer.train(new FogContext(tree, DATA, o),
        FogExecutor.local(Subtrees.generatedList(gen)), FogLearningTest.SPEC.test(), 0, r -> { });
    assertFalse(Arrays.equals(local.model(), still.model()), "moving devices change the run");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SparkTestSession.get().sparkContext());
    for (int partitions : new int[] {1, 3}) {
      FogTrainer.Result spark = FogTrainer.train(ctx, FogExecutor.spark(jsc,
          Subtrees.generatedRdd(SparkTestSession.get(), gen, partitions)),
          FogLearningTest.SPEC.test(), 0, r -> { });
      assertArrayEquals(local.model(), spark.model(), "partitions " + partitions);
      assertArrayEquals(local.last().up(), spark.last().up());
      assertEquals(local.last().d2dMessages(), spark.last().d2dMessages());
    }
  }
}
