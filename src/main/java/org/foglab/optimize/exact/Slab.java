package org.foglab.optimize.exact;

import java.io.Serializable;
import java.util.List;
import org.foglab.network.Trace;

/**
 * One slot of a trace for all devices, with the flow state of its sources and sinks: the unit in
 * which {@link DistributedExactSolver} moves parts of blocks into seam windows and back. Links
 * are in trace order (source device, then destination).
 */
final class Slab implements Serializable {
  private static final long serialVersionUID = 1L;

  final int t;
  final boolean[] present;
  final double[] data;
  final double[] cap;
  final double[] pc;
  final double[] dc;
  final int[] linkStart;
  final int[] dst;
  final double[] lcost;
  final double[] lcap;
  final double[] kept;
  final double[] discarded;
  final double[] phiSrc;
  final double[] phiSink;
  final double[] flow;

  private Slab(int t, int n, int links) {
    this.t = t;
    present = new boolean[n];
    data = new double[n];
    cap = new double[n];
    pc = new double[n];
    dc = new double[n];
    linkStart = new int[n + 1];
    dst = new int[links];
    lcost = new double[links];
    lcap = new double[links];
    kept = new double[n];
    discarded = new double[n];
    phiSrc = new double[n];
    phiSink = new double[n];
    flow = new double[links];
  }

  /**
   * Cuts global slot {@code t} (trace-local slot {@code tl}) out of a trace and its state.
   *
   * @param withLinks false for an edge slab whose links are not needed
   */
  static Slab cut(Trace tr, int tl, int t, boolean withLinks, double[] kept, double[] discarded,
      double[] phiSrc, double[] phiSink, double[] flow) {
    int n = tr.devices();
    int k0 = (tl - 1) * n;
    int e0 = tr.linkStart(k0);
    int e1 = withLinks ? tr.linkEnd(k0 + n - 1) : e0;
    Slab s = new Slab(t, n, e1 - e0);
    for (int i = 0; i < n; i++) {
      int k = k0 + i;
      s.present[i] = tr.present(k);
      s.data[i] = tr.data(k);
      s.cap[i] = tr.capacity(k);
      s.pc[i] = tr.processCost(k);
      s.dc[i] = tr.discardCost(k);
      s.kept[i] = kept[k];
      s.discarded[i] = discarded[k];
      s.phiSrc[i] = phiSrc[k];
      s.phiSink[i] = phiSink[k];
      s.linkStart[i] = withLinks ? tr.linkStart(k) - e0 : 0;
    }
    s.linkStart[n] = e1 - e0;
    for (int e = e0; e < e1; e++) {
      s.dst[e - e0] = tr.linkDst(e);
      s.lcost[e - e0] = tr.linkCost(e);
      s.lcap[e - e0] = tr.linkCapacity(e);
      s.flow[e - e0] = flow[e];
    }
    return s;
  }

  int devices() {
    return present.length;
  }

  int links() {
    return dst.length;
  }

  /** Writes this slab's state into trace-local slot {@code tl} of the given state arrays. */
  void writeState(Trace tr, int tl, double[] kept, double[] discarded, double[] phiSrc,
      double[] phiSink, double[] flow) {
    int n = present.length;
    int k0 = (tl - 1) * n;
    System.arraycopy(this.kept, 0, kept, k0, n);
    System.arraycopy(this.discarded, 0, discarded, k0, n);
    System.arraycopy(this.phiSrc, 0, phiSrc, k0, n);
    System.arraycopy(this.phiSink, 0, phiSink, k0, n);
    int e0 = tr.linkStart(k0);
    int e1 = tr.linkEnd(k0 + n - 1);
    if (e1 - e0 != this.flow.length) {
      throw new IllegalStateException("slab of slot " + t + " has " + this.flow.length
          + " links, the block has " + (e1 - e0));
    }
    System.arraycopy(this.flow, 0, flow, e0, this.flow.length);
  }

  /** A trace over consecutive slabs (trace-local slots 1..size) with ids {@code ids}. */
  static Trace toTrace(String[] ids, List<Slab> slabs) {
    Trace.Builder b = Trace.builder(ids, slabs.size());
    for (int q = 0; q < slabs.size(); q++) {
      Slab s = slabs.get(q);
      for (int i = 0; i < s.present.length; i++) {
        if (s.present[i]) {
          b.device(i, q + 1, s.data[i], s.cap[i], s.pc[i], s.dc[i]);
        }
        for (int e = s.linkStart[i]; e < s.linkStart[i + 1]; e++) {
          b.link(i, s.dst[e], q + 1, s.lcap[e], s.lcost[e]);
        }
      }
    }
    return b.build();
  }
}
