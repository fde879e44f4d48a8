package org.foglab.optimize.convex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foglab.network.Trace;
import org.foglab.optimize.Plan;
import org.foglab.optimize.PlanEvaluation;
import org.foglab.optimize.exact.ExactStatus;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;
import org.junit.jupiter.api.Test;

class ConvexSolverTest {

  /** Tiny traces with binding capacities, a missing link and an absent device-slot. */
  static Trace tiny(long seed) {
    int n = 3;
    int slots = 2;
    Trace.Builder b = Trace.builder(new String[] {"a", "b", "c"}, slots);
    for (int t = 1; t <= slots; t++) {
      for (int i = 0; i < n; i++) {
        if (seed % 4 == 0 && i == 2 && t == 2) {
          continue; // absent device-slot
        }
        double d = Streams.uniform(Streams.hash(seed, Purpose.DATA, i, t), 1, 10);
        double cu = Streams.unit(Streams.hash(seed, Purpose.NODE_CAPACITY, i, t, 1));
        double cap = cu < 0.3 ? Double.POSITIVE_INFINITY
            : Streams.uniform(Streams.hash(seed, Purpose.NODE_CAPACITY, i, t), 0.5, 8);
        double c = Streams.uniform(Streams.hash(seed, Purpose.PROCESS_COST, i, t), 0.05, 1);
        double f = Streams.uniform(Streams.hash(seed, Purpose.DISCARD_COST, i, t), 1, 20);
        b.device(i, t, d, cap, c, f);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && Streams.unit(Streams.hash(seed, Purpose.LINK_UP, i, j)) < 0.7) {
          double lc = Streams.unit(Streams.hash(seed, Purpose.LINK_CAPACITY, i, j, 1));
          b.link(i, j, 1, lc < 0.3 ? Double.POSITIVE_INFINITY
              : Streams.uniform(Streams.hash(seed, Purpose.LINK_CAPACITY, i, j), 0.2, 5),
              Streams.uniform(Streams.hash(seed, Purpose.LINK_COST, i, j), 0, 0.3));
        }
      }
    }
    return b.build();
  }

  @Test
  void matchesBarrierReferenceOnTinyInstances() {
    for (long seed = 1; seed <= 16; seed++) {
      Trace tr = tiny(seed);
      ConvexResult r = ConvexSolver.builder().gapTolerance(1e-9).build().solve(tr);
      BarrierReference ref = new BarrierReference(tr);
      double refObj = ref.objective(ref.solve());
      String what = "seed " + seed + " " + r;
      assertEquals(ExactStatus.OPTIMAL, r.status(), what);
      assertTrue(r.gap() <= 1e-9, what);
      assertEquals(refObj, r.primal(), 1e-7 * refObj, what + " reference " + refObj);
      assertTrue(r.bound() <= refObj + 1e-9 * refObj, "the bound is below the optimum, " + what);
      PlanEvaluation ev = PlanEvaluation.of(r.plan());
      assertTrue(ev.isFeasible(), what);
      assertEquals(r.primal(), SqrtErrorModel.evaluate(r.plan()).total(), 1e-12 * r.primal());
    }
  }

  @Test
  void defaultToleranceCertifiesOneInAMillion() {
    for (long seed = 20; seed <= 25; seed++) {
      ConvexResult r = ConvexSolver.builder().build().solve(tiny(seed));
      assertEquals(ExactStatus.OPTIMAL, r.status());
      assertTrue(r.gap() <= 1e-6 && r.gap() >= -1e-12, r.toString());
    }
  }

  /**
   * Theorem 4 (re-derived): n devices with data D, cost c, error gamma / sqrt(G) offload over
   * links of cost c_t to a server of cost c_s < c. Minimising n (1-r-s) D c + n s D (c_s + c_t)
   * + n gamma / sqrt((1-r-s) D) + gamma / sqrt(s n D) gives (1-r-s) D = (gamma / 2c)^(2/3) (13)
   * and s n D = (gamma / (2 (c_s + c_t)))^(2/3) (14). In the trace model offloaded data is
   * processed one slot later, so the exact counterpart is a two-slot trace: the devices collect
   * in slot 1 and link to the server in slot 1; the server is present only in slot 2 (no data
   * of its own); the devices are absent in slot 2. Its objective is exactly the expression above.
   */
  @Test
  void agreesWithTheorem4OnTheOneServerHierarchy() {
    int n = 4;
    double d = 1000;
    double c = 0.5;
    double gamma = 50;
    double cs = 0.1;
    double ct = 0.05;
    String[] ids = new String[n + 1];
    for (int i = 0; i < n; i++) {
      ids[i] = "d" + i;
    }
    ids[n] = "s";
    Trace.Builder b = Trace.builder(ids, 2);
    for (int i = 0; i < n; i++) {
      b.device(i, 1, d, Double.POSITIVE_INFINITY, c, gamma);
      b.link(i, n, 1, Double.POSITIVE_INFINITY, ct);
    }
    b.device(n, 2, 0, Double.POSITIVE_INFINITY, cs, gamma);
    Trace tr = b.build();
    ConvexResult r = ConvexSolver.builder().gapTolerance(1e-12).build().solve(tr);
    assertEquals(ExactStatus.OPTIMAL, r.status(), r.toString());

    double kept = Math.pow(gamma / (2 * c), 2.0 / 3);
    double offloadTotal = Math.pow(gamma / (2 * (cs + ct)), 2.0 / 3);
    double sStar = offloadTotal / (n * d);
    double rStar = 1 - kept / d - sStar;
    Plan p = r.plan();
    double off = 0;
    double disc = 0;
    for (int i = 0; i < n; i++) {
      int k = tr.index(i, 1);
      assertEquals(kept, p.kept(k), 1e-5 * kept, "kept by device " + i);
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        off += p.offloaded(e);
      }
      disc += p.discarded(k);
    }
    assertEquals(sStar, off / (n * d), 1e-5 * sStar, "s* (14)");
    assertEquals(rStar, disc / (n * d), 1e-7, "r*(s*) (13)");
    double cost = n * kept * c + offloadTotal * (cs + ct) + n * gamma / Math.sqrt(kept)
        + gamma / Math.sqrt(offloadTotal);
    assertEquals(cost, r.primal(), 1e-10 * cost);
  }

  @Test
  void edgeCasesForcedZeroLoadsZeroErrorWeightAndAbsentSlots() {
    Trace.Builder b = Trace.builder(new String[] {"a", "b", "c"}, 2);
    b.device(0, 1, 5, 0, 0.3, 4);                          // capacity 0: load forced to 0
    b.device(1, 1, 5, Double.POSITIVE_INFINITY, 0.2, 0);   // f = 0: no error term
    b.device(2, 1, 0, Double.POSITIVE_INFINITY, 0.1, 9);   // no data, no feeder: forced to 0
    b.device(0, 2, 3, 2, 0.4, 6);
    b.device(1, 2, 0, 10, 0.1, 3);                         // fed only by a link from slot 1
    b.link(0, 1, 1, 1.5, 0.05);
    Trace tr = b.build();
    double[] u = SqrtErrorModel.maxLoad(tr);
    assertEquals(0, u[tr.index(0, 1)]);
    assertEquals(0, u[tr.index(2, 1)]);
    assertEquals(1.5, u[tr.index(1, 2)]);
    assertEquals(0, u[tr.index(2, 2)]); // absent
    ConvexResult r = ConvexSolver.builder().gapTolerance(1e-10).build().solve(tr);
    assertEquals(ExactStatus.OPTIMAL, r.status(), r.toString());
    BarrierReference ref = new BarrierReference(tr);
    double refObj = ref.objective(ref.solve());
    assertEquals(refObj, r.primal(), 1e-8 * refObj);
    // f = 0 with a positive processing cost: nothing is worth processing there.
    assertEquals(0, r.loads()[tr.index(1, 1)], 1e-12);
    // The link-fed device-slot gets data (its error term has unbounded slope at 0).
    assertTrue(r.loads()[tr.index(1, 2)] > 0);
  }

  @Test
  void noErrorWeightMeansNothingIsProcessed() {
    Trace.Builder b = Trace.builder(new String[] {"a", "b"}, 1);
    b.device(0, 1, 5, 3, 0.3, 0);
    b.device(1, 1, 2, Double.POSITIVE_INFINITY, 0.0, 0);
    ConvexResult r = ConvexSolver.builder().build().solve(b.build());
    assertEquals(0, r.primal(), 0);
    assertEquals(0, r.gap(), 0);
    assertEquals(ExactStatus.OPTIMAL, r.status());
  }
}
