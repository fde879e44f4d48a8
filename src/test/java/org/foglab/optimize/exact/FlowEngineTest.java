package org.foglab.optimize.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foglab.network.Trace;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;
import org.junit.jupiter.api.Test;

class FlowEngineTest {
  private static final double TOL = 1e-9;
  /** Amounts below this are rounding residues (data is at most 10 here). */
  private static final double NOISE = 1e-12;

  /**
   * Complementary slackness of the linear program (5)-(9) at the engine's flows and potentials:
   * every residual arc has a non-negative reduced cost. Together with a feasible flow this is
   * LP optimality, checked independently of the solver's bookkeeping.
   */
  static void assertOptimalityConditions(Trace tr, FlowEngine eng) {
    double[] kept = eng.kept();
    double[] disc = eng.discarded();
    double[] flow = eng.flow();
    double[] ps = eng.phiSrc();
    double[] pk = eng.phiSink();
    double[] load = kept.clone();
    for (int k = 0; k < tr.deviceSlots(); k++) {
      if (!tr.present(k)) {
        continue;
      }
      double sent = 0;
      double rcp = ps[k] - pk[k];
      assertTrue(rcp >= -TOL, "process arc " + k);
      if (kept[k] > NOISE) {
        assertTrue(rcp <= TOL, "used process arc " + k + " rc " + rcp);
      }
      double rcd = tr.discardCost(k) + ps[k];
      assertTrue(rcd >= -TOL, "discard " + k);
      if (disc[k] > NOISE) {
        assertTrue(rcd <= TOL, "used discard " + k + " rc " + rcd);
      }
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        int r = tr.receiver(k, e);
        if (r < 0) {
          assertEquals(0, flow[e], 0);
          continue;
        }
        double rc = tr.linkCost(e) + ps[k] - pk[r];
        if (flow[e] < tr.linkCapacity(e)) {
          assertTrue(rc >= -TOL, "link " + e + " rc " + rc);
        }
        if (flow[e] > NOISE) {
          assertTrue(rc <= TOL, "used link " + e + " rc " + rc);
        }
        assertTrue(flow[e] >= 0 && flow[e] <= tr.linkCapacity(e));
        sent += flow[e];
        load[r] += flow[e];
      }
      assertEquals(tr.data(k), kept[k] + sent + disc[k], TOL * Math.max(1, tr.data(k)));
    }
    for (int s = 0; s < tr.deviceSlots(); s++) {
      if (!tr.present(s)) {
        continue;
      }
      double c = tr.capacity(s);
      assertTrue(load[s] <= c + TOL * Math.max(1, c), "capacity of " + s);
      double rc = tr.processCost(s) + pk[s];
      if (load[s] < c - TOL * Math.max(1, c)) {
        assertTrue(rc >= -TOL, "sink with slack must have price 0: " + s + " rc " + rc);
      }
      if (load[s] > NOISE) {
        assertTrue(rc <= TOL, "loaded sink " + s + " rc " + rc);
      }
    }
  }

  @Test
  void coldStartSatisfiesComplementarySlackness() {
    for (long seed = 1; seed <= 30; seed++) {
      Trace tr = TraceFixtures.random(seed, 12, 4, 0.4, seed % 2 == 0 ? 0.3 : 1.2);
      FlowEngine eng = FlowEngine.linear(tr);
      eng.coldPrices();
      eng.placeSlots(1, tr.slots());
      assertEquals(FlowEngine.Outcome.COMPLETE, eng.repair());
      assertOptimalityConditions(tr, eng);
    }
  }

  /** Arbitrary warm prices create excesses and deficits; the repair still ends optimal. */
  @Test
  void warmPricesWithExcessesAndDeficitsEndOptimal() {
    int withDeficits = 0;
    for (long seed = 1; seed <= 30; seed++) {
      Trace tr = TraceFixtures.random(seed, 12, 4, 0.4, 0.6);
      double opt = ExactSolver.builder().build().solve(tr).primal();
      double[] pi = new double[tr.deviceSlots()];
      for (int s = 0; s < pi.length; s++) {
        // Prices below, at and above the processing cost.
        pi[s] = tr.processCost(s)
            + Streams.uniform(Streams.hash(seed, Purpose.SIMULATION, s), -0.3, 0.8);
      }
      FlowEngine eng = FlowEngine.linear(tr);
      eng.setPrices(pi);
      eng.placeSlots(1, tr.slots());
      for (int s = 0; s < pi.length; s++) {
        if (tr.present(s) && eng.deficit(s) > 1e-9) {
          withDeficits++;
          break;
        }
      }
      assertEquals(FlowEngine.Outcome.COMPLETE, eng.repair());
      assertOptimalityConditions(tr, eng);
      double cost = ExactSolver.primal(new org.foglab.optimize.Plan(tr, eng.kept(),
          eng.discarded(), eng.flow()));
      assertEquals(opt, cost, 1e-9 * Math.max(1, opt), "seed " + seed);
    }
    assertTrue(withDeficits > 20, "deficits were exercised only " + withDeficits + " times");
  }

  /** A search that needs a node outside the window aborts and leaves a consistent state. */
  @Test
  void confinedSearchAbortsConsistently() {
    int aborted = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Trace tr = TraceFixtures.random(seed, 10, 3, 0.6, 0.3);
      FlowEngine eng = FlowEngine.linear(tr);
      eng.setPoppable(1, 3, 2, 3); // sinks of slot 1 may not be settled
      eng.coldPrices();
      eng.placeSlots(1, tr.slots());
      if (eng.repair() == FlowEngine.Outcome.ABORTED) {
        aborted++;
        // Whatever was done before the abort kept every reduced cost non-negative.
        eng.setPoppable(1, 3, 1, 3);
        assertEquals(FlowEngine.Outcome.COMPLETE, eng.repair());
        assertOptimalityConditions(tr, eng);
      }
    }
    assertTrue(aborted > 5, "aborts were exercised only " + aborted + " times");
  }

  /** Weak duality: the Lagrangian at any prices is below the optimum. */
  @Test
  void lagrangianIsALowerBoundAtAnyPrices() {
    for (long seed = 1; seed <= 20; seed++) {
      Trace tr = TraceFixtures.random(seed, 8, 3, 0.5, 0.5);
      ExactResult r = ExactSolver.builder().build().solve(tr);
      for (int rep = 0; rep < 5; rep++) {
        double[] mu = new double[tr.deviceSlots()];
        for (int s = 0; s < mu.length; s++) {
          double p = Streams.uniform(Streams.hash(seed, Purpose.SAMPLING, s, rep), 0, 1);
          mu[s] = tr.processCost(s) + (tr.capacity(s) == Double.POSITIVE_INFINITY ? 0 : p);
        }
        double b = DualBound.linear(tr, mu);
        assertTrue(b <= r.primal() + 1e-9 * r.primal(), "bound " + b + " above " + r.primal());
      }
      // and tight at the solver's prices
      double[] mu = new double[tr.deviceSlots()];
      for (int s = 0; s < mu.length; s++) {
        mu[s] = tr.processCost(s) + r.sinkPrices()[s];
      }
      assertEquals(r.primal(), DualBound.linear(tr, mu), 1e-9 * r.primal());
    }
  }
}
