package org.foglab.learning.fog;

import java.util.List;
import org.foglab.network.FogTree;
import org.foglab.network.graph.ClusterGraph;

/**
 * One global round of one {@link Subtree}: the same code on the driver and in Spark tasks.
 *
 * <p>Round {@code r} has {@code tau_K} local steps. At its start the root's model reaches every
 * device of a participating cluster (one downlink per participating node of every layer). After
 * local step {@code s}, every layer {@code l} with {@code s mod tau_l = 0} aggregates, bottom-up:
 * <ul>
 *   <li>hierarchical: a node's model is the sample-weighted mean of its participating children
 *       (each child uploads once); the highest layer that aggregated below the root sends its
 *       model back down to the devices (one downlink per participating node below it);
 *   <li>consensus: a bottom cluster instead runs {@code c} rounds of average consensus with its
 *       Metropolis-Hastings matrix on {@code (m n_i / N_c) w_i} (each device sends its model to
 *       each neighbour once per round), which tends to the cluster's sample-weighted mean; when a
 *       higher layer aggregates at the same step, the parent samples {@code k} devices (uplinks
 *       from those only) and takes their mean; otherwise the devices simply continue from their
 *       consensus values;
 *   <li>federated: no intermediate layer; every device uploads to the root.
 * </ul>
 * At {@code s = tau_K} the subtree's top node (or each device, federated) adds its
 * {@code weight x model} to the root's exact sum.
 */
final class FogRound {
  private FogRound() {}

  static void run(FogContext ctx, double[] global, int round, Subtree sub, RoundResult out) {
    run(ctx, global, round, sub, out, null);
  }

  /**
   * As above; {@code carried} holds the models of devices that moved into a new cluster before
   * this round (what they ended the previous round with), which they start from instead of the
   * root's model.
   */
  static void run(FogContext ctx, double[] global, int round, Subtree sub, RoundResult out,
      java.util.Map<Integer, double[]> carried) {
    FogTree tree = ctx.tree();
    FogOptions o = ctx.options();
    FogData data = ctx.data();
    int k = ctx.layers();
    int topLayer = k - 1;
    int tauK = o.roundSteps();
    int[] dr = Subtree.deviceRange(tree, topLayer, sub.top());
    int d0 = dr[0];
    int d1 = dr[1];
    int[] cr = topLayer >= 1 ? Subtree.nodeRange(tree, topLayer, sub.top(), 1)
        : new int[] {tree.clusterOf(d0), tree.clusterOf(d0) + 1};
    Offloading.Offload off = sub.offload();
    if (off != null && round == 1) {
      out.offloadedSamples += off.movedSamples();
    }
    boolean[] part = new boolean[cr[1] - cr[0]];
    boolean any = false;
    for (int c = cr[0]; c < cr[1]; c++) {
      part[c - cr[0]] = ctx.participates(c, round);
      any |= part[c - cr[0]];
    }
    if (!any) {
      return;
    }
    int f = data.features();
    int classes = data.classes();
    int np = global.length;
    // The subtree's devices by cluster: dev[cs[c - cr0] .. cs[c - cr0 + 1]) are cluster c's
    // members, ascending; without mobility the home ranges d0 .. d1.
    Mobility mob = ctx.mobility();
    int[] dev;
    int[] cs = new int[cr[1] - cr[0] + 1];
    int[][] members = mob == null ? null : mob.members(round);
    if (mob == null) {
      dev = new int[d1 - d0];
      for (int i = d0; i < d1; i++) {
        dev[i - d0] = i;
      }
      for (int c = cr[0]; c < cr[1]; c++) {
        cs[c - cr[0] + 1] = Math.min(tree.clusterEnd(c), d1) - d0;
      }
    } else {
      int total = 0;
      for (int c = cr[0]; c < cr[1]; c++) {
        total += members[c].length;
        cs[c - cr[0] + 1] = total;
      }
      dev = new int[total];
      for (int c = cr[0]; c < cr[1]; c++) {
        System.arraycopy(members[c], 0, dev, cs[c - cr[0]], members[c].length);
      }
    }
    int devices = dev.length;
    int[] clusterAt = new int[devices];
    for (int c = cr[0]; c < cr[1]; c++) {
      for (int q = cs[c - cr[0]]; q < cs[c - cr[0] + 1]; q++) {
        clusterAt[q] = c;
      }
    }
    double[][] w = new double[devices][];
    long[] n = new long[devices];
    for (int q = 0; q < devices; q++) {
      if (part[clusterAt[q] - cr[0]]) {
        double[] start = carried == null ? null : carried.get(dev[q]);
        w[q] = start != null ? start.clone() : global.clone();
        n[q] = off == null ? data.samples(dev[q]) : off.samples(dev[q]);
        out.devices++;
      }
    }
    for (boolean p : part) {
      if (p) {
        out.clusters++;
      }
    }
    // Per-layer node ranges, models and weights (layers 1 .. topLayer inside the subtree).
    int[][] range = new int[k][];
    double[][][] model = new double[k][][];
    long[][] weight = new long[k][];
    for (int l = 1; l <= topLayer; l++) {
      range[l] = Subtree.nodeRange(tree, topLayer, sub.top(), l);
      model[l] = new double[range[l][1] - range[l][0]][];
      weight[l] = new long[range[l][1] - range[l][0]];
    }
    // The round's opening broadcast: each participating node below the root receives once.
    if (o.mode() == FogMode.FEDERATED) {
      out.down[0] += countParticipating(w);
    } else {
      out.down[0] += countParticipating(w);
      for (int l = 1; l <= topLayer; l++) {
        out.down[l] += participatingNodes(tree, l, range[l], part, cr[0]);
      }
    }
    MixingMatrix[] mixing = null;
    if (o.mode() == FogMode.CONSENSUS) {
      List<ClusterGraph> graphs = sub.clusterGraphs(tree, cr[0], cr[1]);
      mixing = new MixingMatrix[graphs.size()];
      for (int c = 0; c < mixing.length; c++) {
        ClusterGraph g = graphs.get(c);
        if (mob != null && !mob.home(cr[0] + c, members[cr[0] + c])) {
          int[] mem = members[cr[0] + c];
          g = mem.length == 0 ? null
              : mob.graph(cr[0] + c, mem, round, sub.d2dSrc(), sub.d2dDst());
        }
        mixing[c] = g == null ? null : MixingMatrix.metropolisHastings(g);
      }
    }
    int maxBatch = 0;
    for (int q = 0; q < devices; q++) {
      maxBatch = Math.max(maxBatch, Math.min(o.batch(),
          off == null ? data.samples(dev[q]) : off.samples(dev[q])));
    }
    float[] x = new float[maxBatch * f];
    int[] y = new int[maxBatch];
    double[] scratch = new double[classes];
    double[] grad = new double[np];
    for (int s = 1; s <= tauK; s++) {
      long u = (long) (round - 1) * tauK + (s - 1);
      long t0 = System.nanoTime();
      for (int i = 0; i < devices; i++) {
        if (w[i] == null) {
          continue;
        }
        int b = off == null ? data.batch(dev[i], u, o.batch(), x, y)
            : off.batch(data, dev[i], u, o.batch(), x, y);
        if (b == 0) {
          // Offloading gave away all of this device's samples: it has nothing to train on.
          continue;
        }
        LinearSoftmax.step(w[i], x, y, b, f, classes, o.learningRate(), scratch, grad);
        out.steps++;
        out.samples += b;
      }
      long t1 = System.nanoTime();
      out.nanosLocal += t1 - t0;
      int top = 0;
      for (int l = 1; l <= k; l++) {
        if (s % o.period(l) == 0) {
          top = l;
        }
      }
      if (top == 0) {
        continue;
      }
      if (o.mode() == FogMode.FEDERATED) {
        if (top == k) {
          long a0 = System.nanoTime();
          for (int i = 0; i < devices; i++) {
            if (w[i] != null) {
              out.add(n[i], w[i]);
              out.up[0]++;
            }
          }
          out.nanosAggregation += System.nanoTime() - a0;
        } else if (top >= 1) {
          // The star has no intermediate layers: only the root's period counts.
        }
        continue;
      }
      int inside = Math.min(top, topLayer);
      // Layer 1: bottom clusters.
      if (inside >= 1) {
        for (int c = cr[0]; c < cr[1]; c++) {
          int ci = c - range[1][0];
          if (!part[c - cr[0]]) {
            continue;
          }
          int first = cs[c - cr[0]];
          int end = cs[c - cr[0] + 1];
          int m = end - first;
          if (m == 0) {
            // Every member moved away this round.
            model[1][ci] = null;
            weight[1][ci] = 0;
            continue;
          }
          long nc = 0;
          for (int i = first; i < end; i++) {
            nc += n[i];
          }
          double[] agg = new double[np];
          if (o.mode() == FogMode.CONSENSUS) {
            long c0 = System.nanoTime();
            double[][] v = new double[m][];
            for (int i = 0; i < m; i++) {
              double a = (double) m * n[first + i] / nc;
              double[] src = w[first + i];
              double[] dst = new double[np];
              for (int p = 0; p < np; p++) {
                dst[p] = a * src[p];
              }
              v[i] = dst;
            }
            MixingMatrix mm = mixing[c - cr[0]];
            mm.mix(v, new double[m][np], o.consensusRounds());
            out.d2dMessages += 2L * mm.graph().edges() * o.consensusRounds();
            out.consensusRounds += o.consensusRounds();
            for (int i = 0; i < m; i++) {
              w[first + i] = v[i];
            }
            out.nanosConsensus += System.nanoTime() - c0;
            if (top >= 2) {
              long a0 = System.nanoTime();
              int[] chosen = ctx.sampledDevices(c, u, m);
              for (int i : chosen) {
                double[] vi = v[i];
                for (int p = 0; p < np; p++) {
                  agg[p] += vi[p];
                }
              }
              for (int p = 0; p < np; p++) {
                agg[p] /= chosen.length;
              }
              out.up[0] += chosen.length;
              out.nanosAggregation += System.nanoTime() - a0;
            }
          } else {
            long a0 = System.nanoTime();
            for (int i = first; i < end; i++) {
              double a = (double) n[i] / nc;
              double[] wi = w[i];
              for (int p = 0; p < np; p++) {
                agg[p] += a * wi[p];
              }
            }
            out.up[0] += m;
            out.nanosAggregation += System.nanoTime() - a0;
          }
          model[1][ci] = agg;
          weight[1][ci] = nc;
        }
      }
      long a0 = System.nanoTime();
      // Layers 2 .. inside: sample-weighted means of the children.
      for (int l = 2; l <= inside; l++) {
        for (int j = range[l][0]; j < range[l][1]; j++) {
          long wsum = 0;
          for (int ch = tree.firstChild(l, j); ch < tree.childEnd(l, j); ch++) {
            wsum += weight[l - 1][ch - range[l - 1][0]];
          }
          int ji = j - range[l][0];
          weight[l][ji] = wsum;
          if (wsum == 0) {
            model[l][ji] = null;
            continue;
          }
          double[] agg = new double[np];
          for (int ch = tree.firstChild(l, j); ch < tree.childEnd(l, j); ch++) {
            long cw = weight[l - 1][ch - range[l - 1][0]];
            if (cw == 0) {
              continue;
            }
            double a = (double) cw / wsum;
            double[] cm = model[l - 1][ch - range[l - 1][0]];
            for (int p = 0; p < np; p++) {
              agg[p] += a * cm[p];
            }
            out.up[l - 1]++;
          }
          model[l][ji] = agg;
        }
      }
      if (top == k) {
        // The root aggregates: the top node (or each device of a two-layer tree) uploads.
        if (topLayer == 0) {
          for (int i = 0; i < devices; i++) {
            if (w[i] != null) {
              out.add(n[i], w[i]);
              out.up[0]++;
            }
          }
        } else if (weight[topLayer][0] > 0) {
          out.add(weight[topLayer][0], model[topLayer][0]);
          out.up[topLayer]++;
        }
      } else if (inside >= 1 && !(o.mode() == FogMode.CONSENSUS && inside == 1)) {
        // The highest layer that aggregated sends its model down to the devices.
        for (int l = inside; l >= 1; l--) {
          out.down[l - 1] += l == 1 ? countParticipating(w)
              : participatingNodes(tree, l - 1, range[l - 1], part, cr[0]);
        }
        for (int i = 0; i < devices; i++) {
          if (w[i] != null) {
            int anc = mob == null ? tree.ancestor(dev[i], inside)
                : clusterAncestor(tree, clusterAt[i], inside);
            w[i] = model[inside][anc - range[inside][0]].clone();
          }
        }
      }
      out.nanosAggregation += System.nanoTime() - a0;
    }
    if (mob != null) {
      // Devices that change cluster before the next round take their model with them.
      int[] next = mob.clusters(round + 1);
      for (int q = 0; q < devices; q++) {
        if (w[q] != null && next[dev[q]] != clusterAt[q]) {
          out.carry(dev[q], w[q]);
        }
      }
    }
  }

  /** Ancestor at layer {@code l} (>= 1) of bottom cluster {@code c} (a layer-1 node). */
  private static int clusterAncestor(FogTree tree, int c, int l) {
    int j = c;
    for (int q = 1; q < l; q++) {
      j = tree.parent(q, j);
    }
    return j;
  }

  private static long countParticipating(double[][] w) {
    long c = 0;
    for (double[] v : w) {
      if (v != null) {
        c++;
      }
    }
    return c;
  }

  /** Nodes of layer {@code l} (>= 1) in {@code range} with a participating cluster below. */
  private static long participatingNodes(FogTree tree, int l, int[] range, boolean[] part,
      int firstCluster) {
    long count = 0;
    for (int j = range[0]; j < range[1]; j++) {
      int a = j;
      int b = j + 1;
      for (int q = l; q > 1; q--) {
        a = tree.firstChild(q, a);
        b = tree.firstChild(q, b);
      }
      for (int c = a; c < b; c++) {
        if (part[c - firstCluster]) {
          count++;
          break;
        }
      }
    }
    return count;
  }
}
