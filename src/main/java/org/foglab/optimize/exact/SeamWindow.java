package org.foglab.optimize.exact;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.foglab.network.Trace;

/**
 * A window of slots around one or more block seams, in which the held-back sources of each seam
 * slot are placed and the resulting overloads repaired exactly.
 *
 * <p>Sources of slots {@code [lo, hi]} and sinks of slots {@code [lo + 1, hi]} (and of slot
 * {@code lo} when {@code lo = 1}) may be settled: all their residual arcs lie in the window. The
 * sinks of slots {@code lo} and {@code hi + 1} are the window's edge; they carry their potentials
 * but are never settled, so a search that needs them aborts and the window grows. Windows with
 * disjoint {@code [lo, hi]} share no arc between their settleable nodes, so they are solved
 * independently from the phase-one state and their results combine into one consistent state.
 *
 * @param id identifier within one solve
 * @param lo first source slot
 * @param hi last source slot
 * @param seams the held-back slots (last slots of blocks) inside the window
 * @param halfWidth slots on each side of a seam
 */
record SeamWindow(int id, int lo, int hi, int[] seams, int halfWidth) implements Serializable {

  /** The window around {@code seams} with half-width {@code w}, clipped to {@code [1, T]}. */
  static SeamWindow around(int id, int[] seams, int w, int slots) {
    int lo = Math.max(1, seams[0] - w + 1);
    int hi = Math.min(slots, seams[seams.length - 1] + w);
    return new SeamWindow(id, lo, hi, seams, w);
  }

  /** Last slot of the window's trace: the edge slot {@code hi + 1}, if inside the horizon. */
  int traceHi(int slots) {
    return Math.min(hi + 1, slots);
  }

  boolean overlaps(SeamWindow o) {
    return !(hi < o.lo || o.hi < lo);
  }

  /**
   * Merges windows whose slot ranges overlap until none do; untouched windows keep their ids,
   * merged ones get fresh ids from {@code nextId[0]}.
   */
  static List<SeamWindow> merge(List<SeamWindow> in, int slots, int[] nextId) {
    List<SeamWindow> cur = new ArrayList<>(in);
    boolean changed = true;
    while (changed) {
      changed = false;
      cur.sort((x, y) -> Integer.compare(x.lo, y.lo));
      List<SeamWindow> out = new ArrayList<>();
      for (SeamWindow w : cur) {
        SeamWindow p = out.isEmpty() ? null : out.get(out.size() - 1);
        if (p != null && p.overlaps(w)) {
          int[] seams = concat(p.seams, w.seams);
          int half = Math.max(p.halfWidth, w.halfWidth);
          SeamWindow a = around(nextId[0]++, seams, half, slots);
          out.set(out.size() - 1, new SeamWindow(a.id, Math.min(a.lo, Math.min(p.lo, w.lo)),
              Math.max(a.hi, Math.max(p.hi, w.hi)), seams, half));
          changed = true;
        } else {
          out.add(w);
        }
      }
      cur = out;
    }
    return cur;
  }

  private static int[] concat(int[] x, int[] y) {
    int[] r = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, r, x.length, y.length);
    Arrays.sort(r);
    return r;
  }

  /** Result of one window: updated slabs of slots {@code [lo, hi]}, or aborted. */
  record Result(int id, boolean aborted, List<Slab> slabs, long searches, long settled)
      implements Serializable {}

  /**
   * Places the seams' sources and repairs, on slabs {@code lo .. traceHi} in slot order;
   * {@code inflowIntoLo} is what the sources of slot {@code lo - 1} offload into the sinks of
   * slot {@code lo} (null when {@code lo = 1}), so that every sink's load is complete.
   */
  Result solve(String[] ids, int slots, List<Slab> slabs, double[] inflowIntoLo) {
    int expected = traceHi(slots) - lo + 1;
    if (slabs.size() != expected) {
      throw new IllegalStateException("window [" + lo + ", " + hi + "] got " + slabs.size()
          + " slabs, expected " + expected);
    }
    for (int q = 0; q < slabs.size(); q++) {
      if (slabs.get(q).t != lo + q) {
        throw new IllegalStateException("window slabs out of order at slot " + (lo + q));
      }
    }
    Trace tr = Slab.toTrace(ids, slabs);
    int n = ids.length;
    int m = tr.deviceSlots();
    double[] kept = new double[m];
    double[] discarded = new double[m];
    double[] phiSrc = new double[m];
    double[] phiSink = new double[m];
    double[] flow = new double[tr.links()];
    int eOff = 0;
    for (int q = 0; q < slabs.size(); q++) {
      Slab s = slabs.get(q);
      System.arraycopy(s.kept, 0, kept, q * n, n);
      System.arraycopy(s.discarded, 0, discarded, q * n, n);
      System.arraycopy(s.phiSrc, 0, phiSrc, q * n, n);
      System.arraycopy(s.phiSink, 0, phiSink, q * n, n);
      System.arraycopy(s.flow, 0, flow, eOff, s.flow.length);
      eOff += s.flow.length;
    }
    double[] external = null;
    if (inflowIntoLo != null) {
      external = new double[m];
      System.arraycopy(inflowIntoLo, 0, external, 0, n);
    }
    FlowEngine eng = FlowEngine.linear(tr);
    eng.importState(kept, discarded, flow, phiSrc, phiSink, external);
    int localHi = hi - lo + 1;
    eng.setPoppable(1, localHi, lo == 1 ? 1 : 2, localHi);
    for (int seam : seams) {
      eng.placeSlots(seam - lo + 1, seam - lo + 1);
    }
    if (eng.repair() == FlowEngine.Outcome.ABORTED) {
      return new Result(id, true, List.of(), eng.searches(), eng.settledNodes());
    }
    List<Slab> out = new ArrayList<>();
    for (int t = lo; t <= hi; t++) {
      out.add(Slab.cut(tr, t - lo + 1, t, true, eng.kept(), eng.discarded(), eng.phiSrc(),
          eng.phiSink(), eng.flow()));
    }
    return new Result(id, false, out, eng.searches(), eng.settledNodes());
  }
}
