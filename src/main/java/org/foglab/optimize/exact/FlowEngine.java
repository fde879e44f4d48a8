package org.foglab.optimize.exact;

import java.util.Arrays;
import org.foglab.network.Trace;

/**
 * Successive shortest paths (primal-dual) for the data-movement flow of an in-memory trace.
 *
 * <p>The network: a source node per device-slot (supply {@code D_i(t)}), a sink node per
 * device-slot, and a super-sink {@code Z}. Arcs: source to its own sink (cost 0, uncapacitated),
 * source to the receiving sink of each usable link (cost {@code c_ij(t)}, capacity
 * {@code C_ij(t)}), source to {@code Z} (discard, uncapacitated) and sink to {@code Z} through
 * the convex staircase of {@link SinkSegments} (the processing cost; its total is the processing
 * capacity). With one segment per sink this is exactly the linear program of {@code docs/formats.md}.
 *
 * <p>Invariant: every residual arc, including the segments between each sink and {@code Z}, has
 * a non-negative reduced cost {@code cost(a, b) + phi(a) - phi(b)} with {@code phi(Z) = 0}. The
 * flow from a sink to {@code Z} (its exit) is kept explicitly within what the sink's price
 * {@code pi = -phi} allows (segments cheaper than the price full, dearer ones empty); the only
 * infeasibilities are <em>excesses</em> (load above the exit) and <em>deficits</em> (exit above
 * the load) at sinks. Sources are placed greedily at the current sink prices (Theorem 3 of Tu et
 * al. with prices: every datapoint takes the cheapest outlet, link capacities filled in order),
 * which keeps the invariant. Each excess is then routed to {@code Z} or to a deficit along a
 * shortest path in reduced costs (Dijkstra, stopped as soon as the target is settled), and the
 * settled nodes' potentials drop by their distance deficit, which keeps the invariant; remaining
 * deficits are fed from {@code Z} by the mirror-image backward searches. Cold prices (price 0)
 * give excesses only: the Theorem-3 start overloads sinks and nothing else. Discarding is one arc
 * away from every source, so searches stay local (on the benchmark instance, 99.9% of them stay
 * within two slots of where they start). When no imbalance is left the flow is optimal and the
 * sink prices are optimal duals (the marginal value of one more unit of sink capacity).
 *
 * <p>Every quantity is real-valued: Dijkstra needs no integrality, and each augmentation either
 * exhausts an imbalance, empties or saturates an arc, or fills a segment; amounts are snapped to
 * the bound they reach so that rounding leaves no slivers that would cost further searches.
 *
 * <p>Searches may be confined to a slot window: nodes outside the poppable slot ranges may be
 * labelled but never settled; a search that would settle one stops with {@link Outcome#ABORTED}
 * and leaves the state unchanged, so the caller can retry on a larger window. This is what makes
 * the block decomposition of {@link DistributedExactSolver} exact.
 *
 * <p>Mutable and single-threaded; one engine per (sub-)problem.
 */
public final class FlowEngine {
  /** Result of a repair run. */
  public enum Outcome {
    /** No imbalance left: the flow is optimal for the (sub-)problem. */
    COMPLETE,
    /** A search needed a node outside the poppable window; the state is still consistent. */
    ABORTED
  }

  private static final int PROCESS_ARC = -1;
  private static final int NO_ARC = -2;

  private final Trace tr;
  private final int n;
  private final int m;
  private final int[] recv;
  private final int[] linkSrc;
  private final int[] inStart;
  private final int[] inArc;
  private final double[] discardCost;
  private final SinkSegments seg;
  private final double excessEps;

  // Flow state, aligned with the trace.
  private final double[] kept;
  private final double[] discarded;
  private final double[] flow;
  private final double[] load;
  /** Flow from each sink to the super-sink (through its segments); load - exit is its imbalance. */
  private final double[] exit;
  private final double[] phiSrc;
  private final double[] phiSink;

  // Poppable slot ranges (trace-local slots, inclusive).
  private int srcPopLo;
  private int srcPopHi;
  private int sinkPopLo;
  private int sinkPopHi;

  // Search state: node ids are k for the source of device-slot k and m + k for its sink.
  private final double[] dist;
  private final int[] stamp;
  private final int[] pred;
  private final int[] predArc;
  private final int[] heap;
  private final int[] heapPos;
  private int heapSize;
  private int[] settled = new int[64];
  private int settledCount;
  private int curStamp;

  // Greedy placement buffers.
  private double[] outVal = new double[16];
  private int[] outKey = new int[16];
  private int[] order = new int[16];

  private long searches;
  private long settledTotal;
  /** Searches by how many slots their settled nodes reach from the start (last bucket: more). */
  private final long[] spanHistogram = new long[17];
  private long aborted;

  /** An engine for the linear model of {@code docs/formats.md}: discard costs and one segment per sink. */
  public static FlowEngine linear(Trace tr) {
    double[] f = new double[tr.deviceSlots()];
    for (int k = 0; k < f.length; k++) {
      f[k] = tr.discardCost(k);
    }
    return new FlowEngine(tr, f, SinkSegments.linear(tr));
  }

  /**
   * @param tr the network
   * @param discardCost cost per discarded datapoint of each source device-slot
   * @param segments processing cost staircase of each sink device-slot
   */
  public FlowEngine(Trace tr, double[] discardCost, SinkSegments segments) {
    this.tr = tr;
    this.n = tr.devices();
    this.m = tr.deviceSlots();
    if (discardCost.length != m || segments.sinks() != m) {
      throw new IllegalArgumentException("discard costs and segments need one entry per device-slot");
    }
    this.discardCost = discardCost;
    this.seg = segments;
    int links = tr.links();
    recv = new int[links];
    linkSrc = new int[links];
    inStart = new int[m + 1];
    double scale = 1;
    for (int k = 0; k < m; k++) {
      if (tr.present(k)) {
        scale = Math.max(scale, tr.data(k));
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        linkSrc[e] = k;
        int r = tr.present(k) ? tr.receiver(k, e) : -1;
        recv[e] = r;
        if (r >= 0) {
          inStart[r + 1]++;
        }
      }
    }
    for (int k = 0; k < m; k++) {
      inStart[k + 1] += inStart[k];
    }
    inArc = new int[inStart[m]];
    int[] fill = Arrays.copyOf(inStart, m);
    for (int e = 0; e < links; e++) {
      if (recv[e] >= 0) {
        inArc[fill[recv[e]]++] = e;
      }
    }
    // Excess below this is rounding noise, far inside the 1e-9 feasibility tolerance.
    excessEps = 1e-15 * scale;
    kept = new double[m];
    discarded = new double[m];
    flow = new double[links];
    load = new double[m];
    exit = new double[m];
    phiSrc = new double[m];
    phiSink = new double[m];
    dist = new double[2 * m];
    stamp = new int[2 * m];
    pred = new int[2 * m];
    predArc = new int[2 * m];
    heap = new int[2 * m];
    heapPos = new int[2 * m];
    setPoppable(1, tr.slots(), 1, tr.slots());
  }

  public Trace trace() {
    return tr;
  }

  /** Restricts settling to sources in slots [srcLo, srcHi] and sinks in [sinkLo, sinkHi]. */
  public void setPoppable(int srcLo, int srcHi, int sinkLo, int sinkHi) {
    this.srcPopLo = srcLo;
    this.srcPopHi = srcHi;
    this.sinkPopLo = sinkLo;
    this.sinkPopHi = sinkHi;
  }

  /** Cold prices: every sink at its cheapest marginal cost (price 0 in the linear model). */
  public void coldPrices() {
    for (int s = 0; s < m; s++) {
      int j = seg.start(s);
      phiSink[s] = j < seg.endIndex(s) ? -seg.slope(j) : 0;
    }
    clampAllExits();
  }

  /**
   * Warm prices: sink {@code s} at marginal value {@code pi[s]} (for the linear model
   * {@code c_s + p_s}). Sources placed afterwards see these prices; loads that do not fit them
   * become excesses or deficits for {@link #repair()}.
   */
  public void setPrices(double[] pi) {
    for (int s = 0; s < m; s++) {
      phiSink[s] = -pi[s];
    }
    clampAllExits();
  }

  /** Copies a state in (arrays are copied); loads are recomputed from the flows. */
  public void importState(double[] kept, double[] discarded, double[] flow, double[] phiSrc,
      double[] phiSink) {
    importState(kept, discarded, flow, phiSrc, phiSink, null);
  }

  /**
   * Copies a state in; loads are recomputed from the flows plus {@code externalLoad} (data
   * offloaded into the sinks by sources outside this trace, fixed; may be null).
   */
  public void importState(double[] kept, double[] discarded, double[] flow, double[] phiSrc,
      double[] phiSink, double[] externalLoad) {
    System.arraycopy(kept, 0, this.kept, 0, m);
    System.arraycopy(discarded, 0, this.discarded, 0, m);
    System.arraycopy(flow, 0, this.flow, 0, this.flow.length);
    System.arraycopy(phiSrc, 0, this.phiSrc, 0, m);
    System.arraycopy(phiSink, 0, this.phiSink, 0, m);
    recomputeLoads();
    if (externalLoad != null) {
      for (int s = 0; s < m; s++) {
        load[s] += externalLoad[s];
      }
    }
    clampAllExits();
  }

  private void recomputeLoads() {
    System.arraycopy(kept, 0, load, 0, m);
    for (int e = 0; e < flow.length; e++) {
      if (recv[e] >= 0 && flow[e] != 0) {
        load[recv[e]] += flow[e];
      }
    }
  }

  /** Greedily places every present source with data in trace-local slots [fromSlot, toSlot]. */
  public void placeSlots(int fromSlot, int toSlot) {
    if (fromSlot > toSlot) {
      return;
    }
    int lo = (fromSlot - 1) * n;
    int hi = toSlot * n;
    for (int k = lo; k < hi; k++) {
      if (tr.present(k)) {
        place(k);
      }
    }
  }

  /**
   * Places the data of source {@code k} (which must carry no flow yet) on its cheapest outlets at
   * the current sink prices: links up to their capacities in order of cost, then the cheaper of
   * processing here and discarding (ties: process, then links by destination, then discard).
   */
  public void place(int k) {
    int from = tr.linkStart(k);
    int to = tr.linkEnd(k);
    int cnt = 0;
    ensureOutlets(to - from + 2);
    outVal[cnt] = -phiSink[k];
    outKey[cnt++] = PROCESS_ARC;
    for (int e = from; e < to; e++) {
      int r = recv[e];
      if (r >= 0 && tr.linkCapacity(e) > 0) {
        outVal[cnt] = tr.linkCost(e) - phiSink[r];
        outKey[cnt++] = e;
      }
    }
    outVal[cnt] = discardCost[k];
    outKey[cnt++] = NO_ARC;
    sortOutlets(cnt);
    double rest = tr.data(k);
    // The source's marginal cost: the last outlet it uses (the cheapest one if it has no data).
    double lambda = outVal[order[0]];
    for (int q = 0; q < cnt; q++) {
      if (rest <= 0) {
        break;
      }
      int o = order[q];
      int key = outKey[o];
      lambda = outVal[o];
      if (key == PROCESS_ARC) {
        kept[k] += rest;
        load[k] += rest;
        rest = 0;
      } else if (key == NO_ARC) {
        discarded[k] += rest;
        rest = 0;
      } else {
        double x = Math.min(rest, tr.linkCapacity(key));
        flow[key] += x;
        load[recv[key]] += x;
        rest -= x;
        if (rest <= 0) {
          rest = 0;
        }
      }
    }
    phiSrc[k] = -lambda;
    // Take what the sinks' prices admit into their exits; the rest is excess for repair().
    clampExit(k);
    for (int e = from; e < to; e++) {
      if (recv[e] >= 0 && flow[e] > 0) {
        clampExit(recv[e]);
      }
    }
  }

  private void ensureOutlets(int c) {
    if (outVal.length < c) {
      int cap = Math.max(c, outVal.length * 2);
      outVal = new double[cap];
      outKey = new int[cap];
      order = new int[cap];
    }
  }

  /** Sorts outlets by (value, process first, links in destination order, discard last). */
  private void sortOutlets(int cnt) {
    for (int q = 0; q < cnt; q++) {
      order[q] = q;
    }
    // Outlets were appended as process, links by destination, discard: index order is the tie order.
    if (cnt <= 48) {
      for (int q = 1; q < cnt; q++) {
        int o = order[q];
        double v = outVal[o];
        int p = q - 1;
        while (p >= 0 && outVal[order[p]] > v) {
          order[p + 1] = order[p];
          p--;
        }
        order[p + 1] = o;
      }
    } else {
      Integer[] boxed = new Integer[cnt];
      for (int q = 0; q < cnt; q++) {
        boxed[q] = q;
      }
      Arrays.sort(boxed, (a, b) -> {
        int c = Double.compare(outVal[a], outVal[b]);
        return c != 0 ? c : Integer.compare(a, b);
      });
      for (int q = 0; q < cnt; q++) {
        order[q] = boxed[q];
      }
    }
  }

  /** Load level up to which sink {@code s}'s price admits flow: segments with slope <= price. */
  private double hiLevel(int s) {
    double pi = -phiSink[s];
    double hi = 0;
    for (int j = seg.start(s); j < seg.endIndex(s); j++) {
      double sl = seg.slope(j);
      if (sl <= pi + 1e-12 * Math.max(1, Math.abs(sl))) {
        hi = seg.end(j);
      } else {
        break;
      }
    }
    return hi;
  }

  /** Load level sink {@code s}'s price requires: segments with slope < price must be full. */
  private double loLevel(int s) {
    double pi = -phiSink[s];
    double lo = 0;
    for (int j = seg.start(s); j < seg.endIndex(s); j++) {
      double sl = seg.slope(j);
      if (sl < pi - 1e-12 * Math.max(1, Math.abs(sl))) {
        lo = seg.end(j);
      } else {
        break;
      }
    }
    return lo;
  }

  /** Resets the exit flow of sink s to its load clamped to what its price allows. */
  private void clampExit(int s) {
    exit[s] = Math.min(Math.max(load[s], loLevel(s)), hiLevel(s));
  }

  private void clampAllExits() {
    for (int s = 0; s < m; s++) {
      clampExit(s);
    }
  }

  /** Excess of sink {@code s}: load beyond its exit flow. */
  public double excess(int s) {
    return load[s] - exit[s];
  }

  /** Deficit of sink {@code s}: exit flow its price requires beyond its load. */
  public double deficit(int s) {
    return exit[s] - load[s];
  }

  /**
   * Routes every excess to the super-sink or a deficit (forward searches, ascending sink order),
   * then feeds every remaining deficit from the super-sink (backward searches).
   *
   * @return {@link Outcome#COMPLETE}, or {@link Outcome#ABORTED} when a search left the window
   */
  public Outcome repair() {
    for (int s = 0; s < m; s++) {
      if (!tr.present(s)) {
        continue;
      }
      while (excess(s) > excessEps) {
        if (!forward(s)) {
          aborted++;
          return Outcome.ABORTED;
        }
      }
    }
    for (int s = 0; s < m; s++) {
      if (!tr.present(s)) {
        continue;
      }
      while (deficit(s) > excessEps) {
        if (!backward(s)) {
          aborted++;
          return Outcome.ABORTED;
        }
      }
    }
    return Outcome.COMPLETE;
  }

  private boolean poppable(int x) {
    if (x < m) {
      int t = x / n + 1;
      return t >= srcPopLo && t <= srcPopHi;
    }
    int t = (x - m) / n + 1;
    return t >= sinkPopLo && t <= sinkPopHi;
  }

  private void startSearch(int start) {
    searches++;
    if (++curStamp == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      curStamp = 1;
    }
    heapSize = 0;
    settledCount = 0;
    label(start, 0, -1, NO_ARC);
  }

  private void settle(int x) {
    if (settledCount == settled.length) {
      settled = Arrays.copyOf(settled, settledCount * 2);
    }
    settled[settledCount++] = x;
  }

  private static final int END_EXIT = 1;
  private static final int END_DISCARD = 2;
  private static final int END_IMBALANCE = 3;

  /**
   * One search from excess sink s0 to the super-sink (over an exit segment or a discard) or to a
   * sink with a deficit, then the augmentation; false if the search left the window.
   */
  private boolean forward(int s0) {
    int start = m + s0;
    startSearch(start);
    double bestZ = Double.POSITIVE_INFINITY;
    int zFrom = -1;
    int endType = 0;
    while (heapSize > 0) {
      int x = heap[0];
      double d = dist[x];
      if (d >= bestZ) {
        break;
      }
      popMin();
      if (!poppable(x)) {
        return false;
      }
      settle(x);
      if (x >= m) {
        int s = x - m;
        double ps = phiSink[s];
        if (s != s0 && deficit(s) > excessEps) {
          // A deficit is a target; reaching it costs no more than leaving through its exit.
          bestZ = d;
          zFrom = x;
          endType = END_IMBALANCE;
          continue;
        }
        int j = segmentAbove(s, exit[s]);
        if (j >= 0) {
          double rc = Math.max(0, seg.slope(j) + ps);
          if (d + rc < bestZ) {
            bestZ = d + rc;
            zFrom = x;
            endType = END_EXIT;
          }
        }
        if (kept[s] > 0) {
          relax(s, d + Math.max(0, ps - phiSrc[s]), x, PROCESS_ARC);
        }
        for (int q = inStart[s]; q < inStart[s + 1]; q++) {
          int e = inArc[q];
          if (flow[e] > 0) {
            int u = linkSrc[e];
            relax(u, d + Math.max(0, ps - tr.linkCost(e) - phiSrc[u]), x, e);
          }
        }
      } else {
        int u = x;
        double pu = phiSrc[u];
        double rcd = Math.max(0, discardCost[u] + pu);
        if (d + rcd < bestZ) {
          bestZ = d + rcd;
          zFrom = x;
          endType = END_DISCARD;
        }
        relax(m + u, d + Math.max(0, pu - phiSink[u]), x, PROCESS_ARC);
        for (int e = tr.linkStart(u); e < tr.linkEnd(u); e++) {
          int r = recv[e];
          if (r >= 0 && flow[e] < tr.linkCapacity(e)) {
            relax(m + r, d + Math.max(0, tr.linkCost(e) + pu - phiSink[r]), x, e);
          }
        }
      }
    }
    recordSpan(s0);
    if (zFrom < 0) {
      throw new IllegalStateException("no augmenting path from sink " + s0
          + ": the residual network lost its discard outlets (internal error)");
    }
    // Bottleneck on the residual network before prices move.
    double startExcess = excess(s0);
    double delta = startExcess;
    double endCap = Double.POSITIVE_INFINITY;
    int endSeg = -1;
    int endSink = zFrom - m;
    if (endType == END_EXIT) {
      endSeg = segmentAbove(endSink, exit[endSink]);
      endCap = seg.end(endSeg) - exit[endSink];
    } else if (endType == END_IMBALANCE) {
      endCap = deficit(endSink);
    }
    delta = Math.min(delta, endCap);
    for (int x = zFrom; x != start; x = pred[x]) {
      int a = predArc[x];
      if (x >= m) {
        if (a >= 0) {
          delta = Math.min(delta, tr.linkCapacity(a) - flow[a]);
        }
      } else {
        delta = Math.min(delta, a >= 0 ? flow[a] : kept[x]);
      }
    }
    if (!(delta > 0)) {
      throw new IllegalStateException("zero bottleneck on an augmenting path (internal error)");
    }
    // Settled nodes' potentials drop by their distance deficit: reduced costs stay >= 0.
    for (int q = 0; q < settledCount; q++) {
      int x = settled[q];
      double drop = bestZ - dist[x];
      if (x >= m) {
        phiSink[x - m] -= drop;
      } else {
        phiSrc[x] -= drop;
      }
    }
    for (int x = zFrom; x != start; x = pred[x]) {
      int a = predArc[x];
      if (x >= m) {
        if (a >= 0) {
          double res = tr.linkCapacity(a) - flow[a];
          flow[a] = delta >= res ? tr.linkCapacity(a) : flow[a] + delta;
        } else {
          kept[x - m] += delta;
        }
      } else if (a >= 0) {
        flow[a] = delta >= flow[a] ? 0 : flow[a] - delta;
      } else {
        kept[x] = delta >= kept[x] ? 0 : kept[x] - delta;
      }
    }
    if (zFrom != start) {
      load[s0] = delta == startExcess ? exit[s0] : load[s0] - delta;
    }
    if (endType == END_EXIT) {
      boolean balanced = load[endSink] == exit[endSink];
      exit[endSink] = delta >= endCap ? seg.end(endSeg) : exit[endSink] + delta;
      if (zFrom != start) {
        // A balanced sink stays balanced (the snap to the segment end applies to both).
        load[endSink] = balanced ? exit[endSink] : load[endSink] + delta;
      }
    } else if (endType == END_IMBALANCE) {
      load[endSink] = delta >= endCap ? exit[endSink] : load[endSink] + delta;
    } else {
      discarded[zFrom] += delta;
    }
    return true;
  }

  /**
   * One backward search to deficit sink t0 from the super-sink (over a discarded amount or an
   * exit segment taken back) or from a sink with an excess, then the augmentation; false if the
   * search left the window.
   */
  private boolean backward(int t0) {
    int start = m + t0;
    startSearch(start);
    double bestZ = Double.POSITIVE_INFINITY;
    int zFrom = -1;
    int startType = 0;
    while (heapSize > 0) {
      int x = heap[0];
      double d = dist[x];
      if (d >= bestZ) {
        break;
      }
      popMin();
      if (!poppable(x)) {
        return false;
      }
      settle(x);
      if (x >= m) {
        int s = x - m;
        double ps = phiSink[s];
        if (s != t0 && excess(s) > excessEps) {
          bestZ = d;
          zFrom = x;
          startType = END_IMBALANCE;
          continue;
        }
        if (exit[s] > 0) {
          int j = segmentBelow(s, exit[s]);
          double rc = Math.max(0, -seg.slope(j) - ps);
          if (d + rc < bestZ) {
            bestZ = d + rc;
            zFrom = x;
            startType = END_EXIT;
          }
        }
        // Arcs into s with residual capacity: its own source, and links not yet full.
        relax(s, d + Math.max(0, phiSrc[s] - ps), x, PROCESS_ARC);
        for (int q = inStart[s]; q < inStart[s + 1]; q++) {
          int e = inArc[q];
          if (flow[e] < tr.linkCapacity(e)) {
            int u = linkSrc[e];
            relax(u, d + Math.max(0, tr.linkCost(e) + phiSrc[u] - ps), x, e);
          }
        }
      } else {
        int u = x;
        double pu = phiSrc[u];
        if (discarded[u] > 0) {
          double rc = Math.max(0, -discardCost[u] - pu);
          if (d + rc < bestZ) {
            bestZ = d + rc;
            zFrom = x;
            startType = END_DISCARD;
          }
        }
        // Arcs into u: the reverse of its flows.
        if (kept[u] > 0) {
          relax(m + u, d + Math.max(0, phiSink[u] - pu), x, PROCESS_ARC);
        }
        for (int e = tr.linkStart(u); e < tr.linkEnd(u); e++) {
          int r = recv[e];
          if (r >= 0 && flow[e] > 0) {
            relax(m + r, d + Math.max(0, phiSink[r] - tr.linkCost(e) - pu), x, e);
          }
        }
      }
    }
    recordSpan(t0);
    if (zFrom < 0) {
      throw new IllegalStateException("no path to deficit sink " + t0 + " (internal error)");
    }
    double endDeficit = deficit(t0);
    double delta = endDeficit;
    double startCap;
    int startSink = zFrom - m;
    int startSeg = -1;
    if (startType == END_EXIT) {
      startSeg = segmentBelow(startSink, exit[startSink]);
      startCap = exit[startSink] - segStart(startSeg, startSink);
    } else if (startType == END_IMBALANCE) {
      startCap = excess(startSink);
    } else {
      startCap = discarded[zFrom];
    }
    delta = Math.min(delta, startCap);
    // pred points towards t0: walk from the path's first node to t0.
    for (int x = zFrom; x != start; x = pred[x]) {
      int a = predArc[x];
      if (x < m) {
        if (a >= 0) {
          delta = Math.min(delta, tr.linkCapacity(a) - flow[a]);
        }
      } else {
        int u = pred[x];
        delta = Math.min(delta, a >= 0 ? flow[a] : kept[u]);
      }
    }
    if (!(delta > 0)) {
      throw new IllegalStateException("zero bottleneck on an augmenting path (internal error)");
    }
    for (int q = 0; q < settledCount; q++) {
      int x = settled[q];
      double rise = bestZ - dist[x];
      if (x >= m) {
        phiSink[x - m] += rise;
      } else {
        phiSrc[x] += rise;
      }
    }
    for (int x = zFrom; x != start; x = pred[x]) {
      int a = predArc[x];
      if (x < m) {
        if (a >= 0) {
          double res = tr.linkCapacity(a) - flow[a];
          flow[a] = delta >= res ? tr.linkCapacity(a) : flow[a] + delta;
        } else {
          kept[x] += delta;
        }
      } else {
        int u = pred[x];
        if (a >= 0) {
          flow[a] = delta >= flow[a] ? 0 : flow[a] - delta;
        } else {
          kept[u] = delta >= kept[u] ? 0 : kept[u] - delta;
        }
      }
    }
    if (startType == END_EXIT) {
      boolean balanced = load[startSink] == exit[startSink];
      exit[startSink] = delta >= startCap ? segStart(startSeg, startSink)
          : exit[startSink] - delta;
      if (zFrom != start) {
        load[startSink] = balanced ? exit[startSink] : load[startSink] - delta;
      }
    } else if (startType == END_IMBALANCE) {
      load[startSink] = delta >= startCap ? exit[startSink] : load[startSink] - delta;
    } else {
      discarded[zFrom] = delta >= startCap ? 0 : discarded[zFrom] - delta;
    }
    if (zFrom != start) {
      load[t0] = delta == endDeficit ? exit[t0] : load[t0] + delta;
    }
    return true;
  }

  private void recordSpan(int s0) {
    settledTotal += settledCount;
    int t0 = s0 / n;
    int span = 0;
    for (int q = 0; q < settledCount; q++) {
      int x = settled[q];
      int t = (x >= m ? x - m : x) / n;
      span = Math.max(span, Math.abs(t - t0));
    }
    spanHistogram[Math.min(span, spanHistogram.length - 1)]++;
  }

  /** First segment of sink s whose end lies above {@code level}, or -1 at full capacity. */
  private int segmentAbove(int s, double level) {
    for (int j = seg.start(s); j < seg.endIndex(s); j++) {
      if (seg.end(j) > level) {
        return j;
      }
    }
    return -1;
  }

  /** The segment of sink s holding the last unit below {@code level > 0}. */
  private int segmentBelow(int s, double level) {
    for (int j = seg.start(s); j < seg.endIndex(s); j++) {
      if (seg.end(j) >= level) {
        return j;
      }
    }
    return seg.endIndex(s) - 1;
  }

  private double segStart(int j, int s) {
    return j == seg.start(s) ? 0 : seg.end(j - 1);
  }

  private void label(int y, double d, int from, int arc) {
    stamp[y] = curStamp;
    dist[y] = d;
    pred[y] = from;
    predArc[y] = arc;
    heapPos[y] = heapSize;
    heap[heapSize++] = y;
    siftUp(heapPos[y]);
  }

  private void relax(int y, double d, int from, int arc) {
    if (stamp[y] != curStamp) {
      label(y, d, from, arc);
    } else if (heapPos[y] >= 0 && d < dist[y]) {
      dist[y] = d;
      pred[y] = from;
      predArc[y] = arc;
      siftUp(heapPos[y]);
    }
  }

  private boolean less(int a, int b) {
    double da = dist[a];
    double db = dist[b];
    return da < db || (da == db && a < b);
  }

  private void siftUp(int i) {
    int x = heap[i];
    while (i > 0) {
      int p = (i - 1) >>> 1;
      int y = heap[p];
      if (!less(x, y)) {
        break;
      }
      heap[i] = y;
      heapPos[y] = i;
      i = p;
    }
    heap[i] = x;
    heapPos[x] = i;
  }

  private void popMin() {
    int top = heap[0];
    heapPos[top] = -1;
    int last = heap[--heapSize];
    if (heapSize == 0) {
      return;
    }
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= heapSize) {
        break;
      }
      int c = l;
      int r = l + 1;
      if (r < heapSize && less(heap[r], heap[l])) {
        c = r;
      }
      if (!less(heap[c], last)) {
        break;
      }
      heap[i] = heap[c];
      heapPos[heap[i]] = i;
      i = c;
    }
    heap[i] = last;
    heapPos[last] = i;
  }

  // ---- State access (views onto the engine's arrays; do not modify) ----

  public double[] kept() {
    return kept;
  }

  public double[] discarded() {
    return discarded;
  }

  public double[] flow() {
    return flow;
  }

  public double[] load() {
    return load;
  }

  public double[] phiSrc() {
    return phiSrc;
  }

  public double[] phiSink() {
    return phiSink;
  }

  /** Marginal value of sink capacity, {@code -phi}: {@code c_i(t) + p_i(t)} in the linear model. */
  public double[] sinkValues() {
    double[] v = new double[m];
    for (int s = 0; s < m; s++) {
      v[s] = -phiSink[s];
    }
    return v;
  }

  public long searches() {
    return searches;
  }

  public long settledNodes() {
    return settledTotal;
  }

  /**
   * Searches by the largest slot distance between a settled node and the search's start
   * (index 16: 16 slots or more); shows how local the repairs are in time.
   */
  public long[] spanHistogram() {
    return spanHistogram.clone();
  }

  public long abortedSearches() {
    return aborted;
  }
}
