package org.foglab.optimize.exact;

import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.foglab.network.Trace;
import org.foglab.optimize.CapacityViolations;

/**
 * One time block of a distributed solve: the trace of its own slots {@code [a, b]} plus, unless
 * it is the last block, a halo slot {@code b + 1} holding only the receiving device-slots of the
 * links of slot {@code b}; and the flow state (plan and potentials) over them.
 *
 * <p>Immutable once built: updates return a new block sharing the trace.
 */
final class TraceBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final int id;
  final int a;
  final int b;
  final Trace trace;
  final double[] kept;
  final double[] discarded;
  final double[] phiSrc;
  final double[] phiSink;
  final double[] flow;
  final long searches;
  final long settled;
  /** Potentials of the halo sinks (slot b + 1) from the next block, after the exchange. */
  final double[] haloPhi;
  /** Data offloaded into this block's first slot by the previous block, after the exchange. */
  final double[] prevInflow;

  private TraceBlock(int id, int a, int b, Trace trace, double[] kept, double[] discarded,
      double[] phiSrc, double[] phiSink, double[] flow, long searches, long settled,
      double[] haloPhi, double[] prevInflow) {
    this.id = id;
    this.a = a;
    this.b = b;
    this.trace = trace;
    this.kept = kept;
    this.discarded = discarded;
    this.phiSrc = phiSrc;
    this.phiSink = phiSink;
    this.flow = flow;
    this.searches = searches;
    this.settled = settled;
    this.haloPhi = haloPhi;
    this.prevInflow = prevInflow;
  }

  int own() {
    return b - a + 1;
  }

  boolean hasHalo() {
    return trace.slots() > own();
  }

  /**
   * Phase one: solves the block on its own with the sources of its last slot held back (unless
   * it is the last block), so that the links crossing to the next block carry nothing yet. The
   * block's sinks then see no data from outside, which makes it a closed sub-problem.
   */
  static TraceBlock solveAlone(int id, int a, int b, Trace trace, boolean last) {
    FlowEngine eng = FlowEngine.linear(trace);
    int own = b - a + 1;
    eng.setPoppable(1, own, 1, own);
    eng.coldPrices();
    eng.placeSlots(1, last ? own : own - 1);
    if (eng.repair() != FlowEngine.Outcome.COMPLETE) {
      throw new IllegalStateException("block " + id + " left its own slots (internal error)");
    }
    return new TraceBlock(id, a, b, trace, eng.kept(), eng.discarded(), eng.phiSrc(),
        eng.phiSink(), eng.flow(), eng.searches(), eng.settledNodes(), null, null);
  }

  /** The slab of global slot {@code t} in {@code [a, b]}; links only if {@code withLinks}. */
  Slab slab(int t, boolean withLinks) {
    if (t < a || t > b) {
      throw new IllegalArgumentException("slot " + t + " is not in block [" + a + ", " + b + "]");
    }
    return Slab.cut(trace, t - a + 1, t, withLinks, kept, discarded, phiSrc, phiSink, flow);
  }

  /** A copy with the states of {@code slabs} (slots of this block) written in. */
  TraceBlock withSlabs(Iterable<Slab> slabs, long moreSearches, long moreSettled) {
    double[] k = kept.clone();
    double[] d = discarded.clone();
    double[] ps = phiSrc.clone();
    double[] pk = phiSink.clone();
    double[] f = flow.clone();
    for (Slab s : slabs) {
      s.writeState(trace, s.t - a + 1, k, d, ps, pk, f);
    }
    return new TraceBlock(id, a, b, trace, k, d, ps, pk, f, searches + moreSearches,
        settled + moreSettled, haloPhi, prevInflow);
  }

  /** Potentials of the sinks of the first own slot (the previous block's halo). */
  double[] firstSinkPhi() {
    int n = trace.devices();
    double[] out = new double[n];
    System.arraycopy(phiSink, 0, out, 0, n);
    return out;
  }

  /** Data offloaded over the links of slot {@code t - 1} (in this block) into slot t's sinks. */
  double[] inflowInto(int t) {
    int n = trace.devices();
    double[] in = new double[n];
    int tl = t - a + 1;
    if (tl < 2 || tl > trace.slots()) {
      throw new IllegalArgumentException("slot " + t + " is not fed from block [" + a + ", " + b
          + "]");
    }
    int base = (tl - 1) * n;
    for (int k = (tl - 2) * n; k < base; k++) {
      for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
        if (flow[e] != 0) {
          int r = trace.receiver(k, e);
          if (r >= base && r < base + n) {
            in[r - base] += flow[e];
          }
        }
      }
    }
    return in;
  }

  /** Data offloaded over the links of slot b into each halo device-slot. */
  double[] cutInflow() {
    int n = trace.devices();
    double[] in = new double[n];
    if (!hasHalo()) {
      return in;
    }
    int base = own() * n;
    for (int k = (own() - 1) * n; k < base; k++) {
      for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
        if (flow[e] != 0) {
          int r = trace.receiver(k, e);
          if (r >= base) {
            in[r - base] += flow[e];
          }
        }
      }
    }
    return in;
  }

  TraceBlock withHalo(double[] haloPhi, double[] prevInflow) {
    return new TraceBlock(id, a, b, trace, kept, discarded, phiSrc, phiSink, flow, searches,
        settled, haloPhi, prevInflow);
  }

  /** Linear multipliers {@code mu = c + p} of the own and halo sinks. */
  private double[] multipliers() {
    double[] phi = phiSink.clone();
    if (hasHalo()) {
      System.arraycopy(haloPhi, 0, phi, own() * trace.devices(), trace.devices());
    }
    return DualBound.linearMultipliers(trace, phi);
  }

  /** Costs, feasibility and Lagrangian bound of the own slots (needs the halo exchange). */
  BlockTotals totals() {
    int n = trace.devices();
    int ownCells = own() * n;
    double[] mu = multipliers();
    DualBound knap = new DualBound();
    Sum process = new Sum();
    Sum transfer = new Sum();
    Sum discard = new Sum();
    Sum bound = new Sum();
    BlockTotals out = new BlockTotals();
    double[] load = new double[ownCells];
    CapacityViolations.Accumulator cap = new CapacityViolations.Accumulator();
    for (int k = 0; k < ownCells; k++) {
      double sent = 0;
      for (int e = trace.linkStart(k); e < trace.linkEnd(k); e++) {
        double x = flow[e];
        if (x == 0) {
          continue;
        }
        int r = trace.receiver(k, e);
        if (r < 0 || x < 0) {
          out.invalid = Math.max(out.invalid, Math.abs(x));
          continue;
        }
        sent += x;
        transfer.add(x * trace.linkCost(e));
        process.add(x * trace.processCost(r));
        cap.link(x, trace.linkCapacity(e));
        if (r < ownCells) {
          load[r] += x;
        }
      }
      if (!trace.present(k)) {
        if (kept[k] != 0 || discarded[k] != 0 || sent != 0) {
          out.invalid = Math.max(out.invalid, Math.abs(kept[k]) + Math.abs(discarded[k]) + sent);
        }
        continue;
      }
      out.deviceSlots++;
      out.links += trace.linkEnd(k) - trace.linkStart(k);
      if (kept[k] < 0 || discarded[k] < 0) {
        out.invalid = Math.max(out.invalid, Math.max(-kept[k], -discarded[k]));
      }
      double d = trace.data(k);
      process.add(kept[k] * trace.processCost(k));
      discard.add(discarded[k] * trace.discardCost(k));
      load[k] += kept[k];
      out.totalData += d;
      out.keptData += kept[k];
      out.offloadedData += sent;
      out.discardedData += discarded[k];
      out.conservation = Math.max(out.conservation, Math.abs(kept[k] + sent + discarded[k] - d));
      bound.add(knap.sourceTerm(trace, k, mu, trace.discardCost(k)));
      bound.add(DualBound.linearSinkTerm(trace.processCost(k), trace.capacity(k), mu[k]));
    }
    if (prevInflow != null) {
      for (int i = 0; i < n; i++) {
        load[i] += prevInflow[i];
      }
    }
    for (int k = 0; k < ownCells; k++) {
      if (trace.present(k)) {
        cap.node(load[k], trace.capacity(k));
      }
    }
    out.process = process.value();
    out.transfer = transfer.value();
    out.discard = discard.value();
    Sum primal = new Sum();
    primal.add(out.process);
    primal.add(out.transfer);
    primal.add(out.discard);
    out.primal = primal.value();
    out.bound = bound.value();
    out.capacity = cap.result();
    out.searches = searches;
    out.settled = settled;
    return out;
  }

  /** The device ids, sorted (index i is device i). */
  String[] ids() {
    String[] ids = new String[trace.devices()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = trace.deviceId(i);
    }
    return ids;
  }

  /** Plan rows {@code (src, t, dst, amount)} of the own slots, positive amounts only, streamed. */
  Iterator<Row> planRows() {
    String[] ids = ids();
    int n = trace.devices();
    int cells = own() * n;
    return new Iterator<Row>() {
      private int k = -1;
      private int stage; // 0 kept, 1 links, 2 discarded, 3 next source
      private int e;
      private Row next = advance();

      private Row advance() {
        while (true) {
          if (k < 0 || stage == 3) {
            k++;
            while (k < cells && !trace.present(k)) {
              k++;
            }
            if (k >= cells) {
              return null;
            }
            stage = 0;
            e = trace.linkStart(k);
          }
          int i = k % n;
          int t = a + k / n;
          if (stage == 0) {
            stage = 1;
            if (kept[k] > 0) {
              return RowFactory.create(ids[i], t, ids[i], kept[k]);
            }
          }
          if (stage == 1) {
            while (e < trace.linkEnd(k)) {
              int q = e++;
              if (flow[q] > 0) {
                return RowFactory.create(ids[i], t, ids[trace.linkDst(q)], flow[q]);
              }
            }
            stage = 2;
          }
          if (stage == 2) {
            stage = 3;
            if (discarded[k] > 0) {
              return RowFactory.create(ids[i], t, null, discarded[k]);
            }
          }
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Row next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Row r = next;
        next = advance();
        return r;
      }
    };
  }
}
