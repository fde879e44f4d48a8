package org.foglab.learning.fog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.foglab.cost.CapacityModel;
import org.foglab.config.SyntheticModel;
import org.foglab.network.D2dGraph;
import org.foglab.network.FogTree;
import org.foglab.network.SyntheticDraws;
import org.foglab.network.graph.FogD2dGraphGenerator;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;

/**
 * D2D data offloading: the moved amounts are the optimum of the cluster's problem (brute force
 * over whole samples; Theorem 3's cheapest outlet without capacities), samples are conserved and
 * never cross clusters or absent links, and training with offloading is deterministic across
 * executors.
 */
class OffloadingTest {

  /** Seed 000's model with the repository's default ranges, capacities on or off. */
  static SyntheticModel model(boolean capacities) {
    return new SyntheticModel(2, 1000, false, 0, 1, 0, 1, 0, 1, true, false, capacities,
        CapacityModel.UNIFORM, 4, 4, 1.0, 1.0, 0, 240, 1.0);
  }

  /** Brute force: the least cost of every way to place each device's whole samples. */
  private static final class Brute {
    final int[] n;
    final double[] c1;
    final double[] c2;
    final double[] cap1;
    final double[] cap2;
    final double[][] lcost;
    final double[][] lcap;
    final double discard = 1000;
    double best = Double.POSITIVE_INFINITY;
    List<int[][]> argmin = new ArrayList<>();

    Brute(int[] n, double[] c1, double[] c2, double[] cap1, double[] cap2, double[][] lcost,
        double[][] lcap) {
      this.n = n;
      this.c1 = c1;
      this.c2 = c2;
      this.cap1 = cap1;
      this.cap2 = cap2;
      this.lcost = lcost;
      this.lcap = lcap;
    }

    void search(int i, int[][] move) {
      int m = n.length;
      if (i == m) {
        double cost = 0;
        for (int a = 0; a < m; a++) {
          int out = 0;
          for (int b = 0; b < m; b++) {
            out += move[a][b];
          }
          int stay = n[a] - out;
          double self = Math.min(stay, cap1[a]);
          cost += self * c1[a] + (stay - self) * discard;
        }
        for (int b = 0; b < m; b++) {
          int in = 0;
          for (int a = 0; a < m; a++) {
            if (move[a][b] > 0) {
              in += move[a][b];
              cost += move[a][b] * (lcost[a][b] + c2[b]);
            }
          }
          if (in > cap2[b]) {
            return;
          }
        }
        if (cost < best - 1e-9) {
          best = cost;
          argmin.clear();
        }
        if (cost <= best + 1e-9) {
          int[][] copy = new int[m][];
          for (int a = 0; a < m; a++) {
            copy[a] = move[a].clone();
          }
          argmin.add(copy);
        }
        return;
      }
      enumerate(i, 0, n[i], move);
    }

    private void enumerate(int i, int b, int left, int[][] move) {
      int m = n.length;
      if (b == m) {
        search(i + 1, move);
        return;
      }
      if (b == i || Double.isNaN(lcost[i][b])) {
        enumerate(i, b + 1, left, move);
        return;
      }
      for (int k = 0; k <= Math.min(left, (int) Math.floor(lcap[i][b])); k++) {
        move[i][b] = k;
        enumerate(i, b + 1, left - k, move);
      }
      move[i][b] = 0;
    }
  }

  @Test
  void movedAmountsAreTheBruteForceOptimumWithCapacities() {
    // One cluster of three devices (tree 3 -> 1 -> 1 is not allowed: use 6 -> 2 -> 1, cluster 0).
    FogTree tree = FogTree.of(6, 2, 1);
    int[] n = {3, 2, 2, 1, 1, 1};
    double[] c1 = {0.9, 0.8, 0.1, 0.5, 0.5, 0.5};
    double[] c2 = {0.2, 0.3, 0.05, 0.5, 0.5, 0.5};
    double[] cap1 = {3, 1, 2, 9, 9, 9};
    double[] cap2 = {1, 4, 1, 9, 9, 9};
    double nan = Double.NaN;
    // Links of cluster 0 (devices 0..2): all but 1 -> 0.
    double[][] lcost = {{nan, 0.05, 0.02}, {nan, nan, 0.01}, {0.1, 0.1, nan}};
    double[][] lcap = {{0, 2, 2}, {0, 0, 1}, {1, 1, 0}};
    List<double[]> links = new ArrayList<>();
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        if (!Double.isNaN(lcost[a][b])) {
          links.add(new double[] {a, b, lcap[a][b], lcost[a][b]});
        }
      }
    }
    Offloading.Offload off = Offloading.apply(tree, 0, 3, new int[] {3, 2, 2},
        Offloading.inputs(0, cap1.clone(), c1.clone(), cap2.clone(), c2.clone(), links));
    Brute bf = new Brute(new int[] {3, 2, 2}, c1, c2, cap1, cap2, lcost, lcap);
    bf.search(0, new int[3][3]);
    assertEquals(1, bf.argmin.size(), "the hand-made instance has one optimum");
    int[][] want = bf.argmin.get(0);
    int movedTotal = 0;
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        if (a != b) {
          assertEquals(want[a][b], off.moved(a, b), "moved " + a + " -> " + b);
          movedTotal += want[a][b];
        }
      }
    }
    assertTrue(movedTotal > 0, "the optimum moves samples");
    assertEquals(movedTotal, off.movedSamples());
    assertEquals(0, off.moved(1, 0), "no link 1 -> 0");
    // Sizes: what stayed plus what arrived.
    for (int b = 0; b < 3; b++) {
      int size = n[b];
      for (int a = 0; a < 3; a++) {
        size += want[a][b] - want[b][a];
      }
      assertEquals(size, off.samples(b), "device " + b);
    }
  }

  @Test
  void withoutCapacitiesEverySampleTakesItsCheapestOutlet() {
    FogTree tree = FogTree.of(12, 2, 1);
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.ER, 0.5, 3);
    SyntheticDraws draws = new SyntheticDraws(17, model(false), 12);
    Subtree st = Subtrees.generated(gen, 0, draws, 7);
    Offloading.Offload off = st.offload();
    Set<Long> edges = new HashSet<>();
    for (int e = 0; e < st.d2dSrc().length; e++) {
      edges.add(((long) st.d2dSrc()[e] << 32) | st.d2dDst()[e]);
      edges.add(((long) st.d2dDst()[e] << 32) | st.d2dSrc()[e]);
    }
    int movers = 0;
    for (int a = 0; a < 12; a++) {
      // Theorem 3 by hand: the cheaper of processing here in slot 1 and the best neighbour.
      double best = draws.processCost(a, 1);
      int to = -1;
      for (int b = tree.clusterStart(tree.clusterOf(a)); b < tree.clusterEnd(tree.clusterOf(a));
          b++) {
        if (edges.contains(((long) a << 32) | b)) {
          double c = draws.linkCost(a, b, 1) + draws.processCost(b, 2);
          if (c < best) {
            best = c;
            to = b;
          }
        }
      }
      for (int b = 0; b < 12; b++) {
        if (b != a) {
          assertEquals(b == to ? 7 : 0, off.moved(a, b), a + " -> " + b);
        }
      }
      movers += to >= 0 ? 1 : 0;
    }
    assertTrue(movers > 0 && movers < 12, "some devices offload, some keep: " + movers);
  }

  @Test
  void samplesAreConservedAndStayInsideClustersOnTrustedLinks() {
    FogTree tree = FogTree.of(40, 8, 2, 1);
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.RGG, 0.4, 5);
    SyntheticModel m = model(true);
    // Links up with probability 0.6: the absent ones must carry nothing.
    m = new SyntheticModel(2, 1000, false, 0, 1, 0, 1, 0, 1, true, false, true,
        CapacityModel.UNIFORM, 4, 4, 1.0, 0.6, 0, 240, 1.0);
    SyntheticDraws draws = Subtrees.offloadDraws(m, 9, 40, 20);
    Set<Long> seen = new HashSet<>();
    long moved = 0;
    long total = 0;
    for (Subtree st : Subtrees.generatedList(gen, draws, 20)) {
      Offloading.Offload off = st.offload();
      moved += off.movedSamples();
      int[] r = Subtree.deviceRange(tree, Subtrees.topLayer(tree), st.top());
      for (int d = r[0]; d < r[1]; d++) {
        total += off.samples(d);
        for (int[] block : off.blocks(d)) {
          int owner = block[0];
          assertEquals(tree.clusterOf(d), tree.clusterOf(owner), "a block crossed clusters");
          if (owner != d) {
            assertTrue(draws.linkPresent(owner, d, 1), "moved over an absent link " + owner
                + " -> " + d);
          }
          for (int s = block[1]; s < block[1] + block[2]; s++) {
            assertTrue(s >= 0 && s < 20);
            assertTrue(seen.add((long) owner * 100 + s), "sample " + s + " of " + owner
                + " twice");
          }
        }
      }
    }
    assertEquals(40 * 20, total, "every sample is trained somewhere");
    assertEquals(40 * 20, seen.size());
    assertTrue(moved > 0, "the synthetic costs move some samples");
  }

  @Test
  void trainingWithOffloadingAgreesAcrossExecutorsAndEqualsNoOffloadWhenNothingMoves() {
    FogTree tree = FogTree.of(40, 8, 2, 1);
    FogD2dGraphGenerator gen = new FogD2dGraphGenerator(tree, D2dGraph.RGG, 0.4, 5);
    FogOptions o = new FogOptions(FogMode.CONSENSUS, new int[] {1, 2, 2}, 2, 0.4, 0.8,
        ClusterSampling.UNIFORM, 3, 8, 0.05, 21);
    FogContext ctx = FogLearningTest.context(tree, o);
    SyntheticDraws draws = Subtrees.offloadDraws(model(true), 9, 40, 20);
    FogTrainer.Result plain = FogTrainer.train(ctx,
        FogExecutor.local(Subtrees.generatedList(gen)), FogLearningTest.SPEC.test(), 0, r -> { });
    FogTrainer.Result local = FogTrainer.train(ctx,
        FogExecutor.local(Subtrees.generatedList(gen, draws, 20)), FogLearningTest.SPEC.test(), 0,
        r -> { });
    assertTrue(local.last().offloadedSamples() > 0);
    assertEquals(0, plain.last().offloadedSamples());
    assertFalse(java.util.Arrays.equals(plain.model(), local.model()), "offloading matters");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(
        SparkTestSession.get().sparkContext());
    for (int partitions : new int[] {1, 3}) {
      FogTrainer.Result spark = FogTrainer.train(ctx, FogExecutor.spark(jsc,
          Subtrees.generatedRdd(SparkTestSession.get(), gen, partitions, draws, 20)),
          FogLearningTest.SPEC.test(), 0, r -> { });
      assertArrayEquals(local.model(), spark.model(), "partitions " + partitions);
      assertEquals(local.last().offloadedSamples(), spark.last().offloadedSamples());
      assertEquals(local.steps(), spark.steps());
    }
    // Processing free everywhere in slot 1: nobody offloads, and the run is today's to the bit.
    SyntheticModel free = new SyntheticModel(2, 1000, false, 0, 0, 0, 1, 0, 1, true, false,
        false, CapacityModel.UNIFORM, 4, 4, 1.0, 1.0, 0, 240, 1.0);
    FogTrainer.Result none = FogTrainer.train(ctx, FogExecutor.local(Subtrees.generatedList(gen,
        Subtrees.offloadDraws(free, 9, 40, 20), 20)), FogLearningTest.SPEC.test(), 0, r -> { });
    assertEquals(0, none.last().offloadedSamples());
    assertArrayEquals(plain.model(), none.model());
    // The ledger counts the moved samples as raw data between devices.
    double raw = FogAccounting.ledger(tree, FogMode.CONSENSUS, local, 52).bytesByKind()
        .getOrDefault(org.foglab.learning.cost.TrafficKind.RAW_DATA, 0.0);
    assertEquals(local.last().offloadedSamples() * 4.0 * FogLearningTest.SPEC.features(), raw,
        1e-6);
    assertNotEquals(0.0, raw);
  }
}
