package org.foglab.learning.fog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.foglab.config.SolveOptions;
import org.foglab.network.FogTree;
import org.foglab.network.SyntheticDraws;
import org.foglab.network.Trace;
import org.foglab.optimize.ErrorModel;
import org.foglab.optimize.InMemorySolver;
import org.foglab.optimize.Plan;
import org.foglab.optimize.SolveMethod;

/**
 * D2D data offloading among trusted devices inside each bottom cluster (seed 002), decided by
 * foglab's data-movement solver (seed 000's model, {@link InMemorySolver} with the automatic
 * choice: the closed form, the exact solver when a capacity binds) before training.
 *
 * <p>Each cluster is one two-slot problem over its devices: in slot 1 device {@code i} holds its
 * {@code n_i} training samples, may train on them itself (cost {@code c_i(1)}, capacity
 * {@code C_i(1)}) or send them over a trusted D2D link (a link of the cluster's D2D graph that the
 * trace has in slot 1; cost {@code c_ij(1)}, capacity {@code C_ij(1)}) to a neighbour that trains
 * on them in slot 2 ({@code c_j(2)}, {@code C_j(2)}; a one-slot trace's slot 1 again). Training
 * never drops data, so discarding is priced far above any process and link cost: the solver
 * "discards" only samples no capacity can hold, and those stay with their owner. Capacities are
 * read as sample counts. The plan's amounts are rounded down to whole samples (the plan of whole
 * data and capacities is integral, a flow); the remainder stays with the owner.
 *
 * <p>Samples move as blocks: device {@code i} keeps its first samples and sends the following
 * ones to its neighbours in index order; a device's local dataset is then its kept block followed
 * by the blocks it received, by sender index ({@link Offload}).
 */
public final class Offloading {
  private Offloading() {}

  /**
   * The offloading problem's inputs for devices {@code d0 .. d1-1} (a subtree): per device the
   * capacity and process cost in slots 1 and 2 (NaN capacity: the device-slot is absent), and the
   * trusted directed D2D links of slot 1 with their capacities and costs (+infinity: unbounded).
   */
  public record Inputs(int d0, double[] capacity1, double[] cost1, double[] capacity2,
      double[] cost2, int[] linkSrc, int[] linkDst, double[] linkCapacity, double[] linkCost)
      implements Serializable {}

  /**
   * Inputs from seed 000's synthetic draws (what {@code generate} would write for this seed and
   * model): devices {@code d0 .. d1-1}, slots 1 and 2 (slot 1 again for a one-slot model), and
   * every direction of the given undirected D2D links that the draws have up in slot 1.
   */
  public static Inputs synthetic(SyntheticDraws draws, int d0, int d1, int[] src, int[] dst) {
    int n = d1 - d0;
    double[] cap1 = new double[n];
    double[] cost1 = new double[n];
    double[] cap2 = new double[n];
    double[] cost2 = new double[n];
    int t2 = draws.slots() >= 2 ? 2 : 1;
    for (int i = 0; i < n; i++) {
      long dev = d0 + i;
      cap1[i] = draws.active(dev, 1) ? draws.capacity(dev, 1) : Double.NaN;
      cost1[i] = draws.processCost(dev, 1);
      cap2[i] = draws.active(dev, t2) ? draws.capacity(dev, t2) : Double.NaN;
      cost2[i] = draws.processCost(dev, t2);
    }
    List<double[]> links = new ArrayList<>();
    for (int e = 0; e < src.length; e++) {
      for (int dir = 0; dir < 2; dir++) {
        int a = dir == 0 ? src[e] : dst[e];
        int b = dir == 0 ? dst[e] : src[e];
        if (draws.linkPresent(a, b, 1)) {
          links.add(new double[] {a, b, draws.linkCapacity(a, b, 1), draws.linkCost(a, b, 1)});
        }
      }
    }
    return inputs(d0, cap1, cost1, cap2, cost2, links);
  }

  /** Inputs from rows: links as {src, dst, capacity, cost} (global device indices). */
  public static Inputs inputs(int d0, double[] cap1, double[] cost1, double[] cap2,
      double[] cost2, List<double[]> links) {
    List<double[]> sorted = new ArrayList<>(links);
    sorted.sort((x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
    int m = sorted.size();
    int[] s = new int[m];
    int[] d = new int[m];
    double[] c = new double[m];
    double[] k = new double[m];
    for (int e = 0; e < m; e++) {
      s[e] = (int) sorted.get(e)[0];
      d[e] = (int) sorted.get(e)[1];
      c[e] = sorted.get(e)[2];
      k[e] = sorted.get(e)[3];
    }
    return new Inputs(d0, cap1, cost1, cap2, cost2, s, d, c, k);
  }

  /**
   * Plans and applies offloading in the bottom clusters of devices {@code d0 .. d1-1}.
   *
   * @param samples the devices' sample counts before offloading (index {@code i - d0})
   * @throws IllegalArgumentException for a trusted link that leaves its cluster
   */
  public static Offload apply(FogTree tree, int d0, int d1, int[] samples, Inputs in) {
    int n = d1 - d0;
    // Moved samples per directed link, in the inputs' (src, dst) order.
    int[] moved = new int[in.linkSrc().length];
    int e0 = 0;
    for (int c = tree.clusterOf(d0); d0 < d1 && c <= tree.clusterOf(d1 - 1); c++) {
      int first = tree.clusterStart(c);
      int end = tree.clusterEnd(c);
      int e1 = e0;
      while (e1 < moved.length && in.linkSrc()[e1] < end) {
        if (tree.clusterOf(in.linkDst()[e1]) != c) {
          throw new IllegalArgumentException("the D2D link " + tree.id(0, in.linkSrc()[e1])
              + " - " + tree.id(0, in.linkDst()[e1]) + " joins two clusters; data offloading "
              + "stays inside a bottom cluster");
        }
        e1++;
      }
      int[] plan = planCluster(first, end, samples, in, e0, e1);
      System.arraycopy(plan, 0, moved, e0, plan.length);
      e0 = e1;
    }
    // Blocks: kept first, then the outgoing blocks by destination; received by sender.
    int[] stay = new int[n];
    for (int i = 0; i < n; i++) {
      stay[i] = samples[i];
    }
    List<List<int[]>> blocks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      blocks.add(new ArrayList<>());
    }
    int[] next = new int[n];
    long total = 0;
    for (int e = 0; e < moved.length; e++) {
      int a = in.linkSrc()[e] - d0;
      stay[a] -= moved[e];
    }
    for (int i = 0; i < n; i++) {
      next[i] = stay[i];
      if (stay[i] > 0) {
        blocks.get(i).add(new int[] {d0 + i, 0, stay[i]});
      }
    }
    // Received blocks in sender order: links are sorted by source, then destination.
    for (int e = 0; e < moved.length; e++) {
      if (moved[e] == 0) {
        continue;
      }
      int a = in.linkSrc()[e] - d0;
      int b = in.linkDst()[e] - d0;
      blocks.get(b).add(new int[] {d0 + a, next[a], moved[e]});
      next[a] += moved[e];
      total += moved[e];
    }
    return Offload.of(d0, blocks, in.linkSrc(), in.linkDst(), moved, total);
  }

  /** Whole samples moved over links {@code e0 .. e1-1} of cluster {@code [first, end)}. */
  static int[] planCluster(int first, int end, int[] samples, Inputs in, int e0, int e1) {
    int m = end - first;
    int d0 = in.d0();
    if (e1 == e0) {
      return new int[0];
    }
    int width = String.valueOf(m - 1).length();
    String[] ids = new String[m];
    for (int i = 0; i < m; i++) {
      ids[i] = String.format("%0" + width + "d", i);
    }
    double maxCost = 0;
    for (int i = first; i < end; i++) {
      maxCost = Math.max(maxCost, Math.max(in.cost1()[i - d0], in.cost2()[i - d0]));
    }
    for (int e = e0; e < e1; e++) {
      maxCost = Math.max(maxCost, in.linkCost()[e]);
    }
    // Dropping training data is never cheaper than training it anywhere.
    double discard = 10 * (2 * maxCost + 1);
    Trace.Builder b = Trace.builder(ids, 2);
    for (int i = first; i < end; i++) {
      int k = i - d0;
      double c1 = in.capacity1()[k];
      b.device(i - first, 1, samples[k], Double.isNaN(c1) ? 0 : c1, in.cost1()[k], discard);
      double c2 = in.capacity2()[k];
      if (!Double.isNaN(c2)) {
        b.device(i - first, 2, 0, c2, in.cost2()[k], discard);
      }
    }
    for (int e = e0; e < e1; e++) {
      b.link(in.linkSrc()[e] - first, in.linkDst()[e] - first, 1, in.linkCapacity()[e],
          in.linkCost()[e]);
    }
    Trace tr = b.build();
    Plan plan = InMemorySolver.solve(tr, new SolveOptions(SolveMethod.AUTO, ErrorModel.LINEAR,
        null, 1, SolveOptions.DEFAULT_GAP_TOLERANCE)).plan();
    int[] out = new int[e1 - e0];
    for (int e = e0; e < e1; e++) {
      int a = in.linkSrc()[e] - first;
      int bb = in.linkDst()[e] - first;
      int k = tr.index(a, 1);
      for (int x = tr.linkStart(k); x < tr.linkEnd(k); x++) {
        if (tr.linkDst(x) == bb) {
          out[e - e0] = (int) Math.floor(plan.offloaded(x) + 1e-6);
        }
      }
    }
    // Never more than the owner holds (rounding cannot add, but keep the invariant explicit).
    for (int i = first; i < end; i++) {
      long sum = 0;
      for (int e = e0; e < e1; e++) {
        if (in.linkSrc()[e] == i) {
          sum += out[e - e0];
        }
      }
      if (sum > samples[i - d0]) {
        throw new IllegalStateException("offloading plan moves " + sum + " of device " + i
            + "'s " + samples[i - d0] + " samples");
      }
    }
    return out;
  }

  /**
   * The devices' local datasets after offloading: blocks {@code (owner, first sample, count)} of
   * the owners' original sample orders.
   */
  public static final class Offload implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int d0;
    private final int[] start;
    private final int[] owner;
    private final int[] from;
    private final int[] count;
    private final int[] size;
    private final int[] linkSrc;
    private final int[] linkDst;
    private final int[] moved;
    private final long movedSamples;

    private Offload(int d0, int[] start, int[] owner, int[] from, int[] count, int[] size,
        int[] linkSrc, int[] linkDst, int[] moved, long movedSamples) {
      this.d0 = d0;
      this.start = start;
      this.owner = owner;
      this.from = from;
      this.count = count;
      this.size = size;
      this.linkSrc = linkSrc;
      this.linkDst = linkDst;
      this.moved = moved;
      this.movedSamples = movedSamples;
    }

    static Offload of(int d0, List<List<int[]>> blocks, int[] linkSrc, int[] linkDst,
        int[] moved, long total) {
      int n = blocks.size();
      int[] start = new int[n + 1];
      for (int i = 0; i < n; i++) {
        start[i + 1] = start[i] + blocks.get(i).size();
      }
      int[] owner = new int[start[n]];
      int[] from = new int[start[n]];
      int[] count = new int[start[n]];
      int[] size = new int[n];
      for (int i = 0; i < n; i++) {
        int p = start[i];
        for (int[] bl : blocks.get(i)) {
          owner[p] = bl[0];
          from[p] = bl[1];
          count[p] = bl[2];
          size[i] += bl[2];
          p++;
        }
      }
      return new Offload(d0, start, owner, from, count, size, linkSrc.clone(), linkDst.clone(),
          moved, total);
    }

    /** Samples device {@code i} trains on. */
    public int samples(int device) {
      return size[device - d0];
    }

    /** Samples moved over D2D links. */
    public long movedSamples() {
      return movedSamples;
    }

    /** Samples moved from device {@code a} to {@code b} (global indices). */
    public int moved(int a, int b) {
      for (int e = 0; e < moved.length; e++) {
        if (linkSrc[e] == a && linkDst[e] == b) {
          return moved[e];
        }
      }
      return 0;
    }

    /** Device {@code i}'s blocks as {@code {owner, first, count}}. */
    public int[][] blocks(int device) {
      int i = device - d0;
      int[][] out = new int[start[i + 1] - start[i]][];
      for (int p = start[i]; p < start[i + 1]; p++) {
        out[p - start[i]] = new int[] {owner[p], from[p], count[p]};
      }
      return out;
    }

    /**
     * As {@link FogData#batch}, over device {@code i}'s dataset after offloading: positions
     * {@code (u b + k) mod n} of its blocks in order. A device that kept and received nothing
     * returns 0.
     */
    public int batch(FogData data, int device, long u, int batch, float[] x, int[] y) {
      int i = device - d0;
      int n = size[i];
      if (n == 0) {
        return 0;
      }
      int b = Math.min(batch, n);
      int f = data.features();
      long s0 = (u * b) % n;
      int cachedOwner = -1;
      int[] cls = null;
      for (int k = 0; k < b; k++) {
        int pos = (int) ((s0 + k) % n);
        int p = start[i];
        while (pos >= count[p]) {
          pos -= count[p];
          p++;
        }
        if (owner[p] != cachedOwner) {
          cachedOwner = owner[p];
          cls = data.classesOf(cachedOwner);
        }
        int id = data.sampleId(cachedOwner, from[p] + pos, cls);
        data.train().copyFeatures(id, x, k * f);
        y[k] = data.train().label(id);
      }
      return b;
    }

    @Override
    public String toString() {
      return "Offload[" + movedSamples + " samples moved, sizes " + Arrays.toString(size) + "]";
    }
  }
}
