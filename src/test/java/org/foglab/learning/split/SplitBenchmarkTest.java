package org.foglab.learning.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.cost.CostLedger;
import org.junit.jupiter.api.Test;

/** The benchmark compares like with like (no timing assertions). */
class SplitBenchmarkTest {
  /** p = 2 fog nodes, B = 10, 40 samples: 2 rounds per pass, 2 passes, 2 repeats. */
  static SplitBenchmark.Options tiny(ModelConfig model, String cut) {
    return new SplitBenchmark.Options(model.withLearningRate(0.1), cut, 2, 10, 40, 50, 2, 2, 3,
        true);
  }

  @Test
  void splitFitAndStepComputeTheSameSgdOnTheSameBatches() {
    for (Object[] c : new Object[][] {{ModelConfig.mnistMlp(), "output"},
        {ModelConfig.mnistCnn(), "dense"}}) {
      SplitBenchmark.Result r = SplitBenchmark.run(tiny((ModelConfig) c[0], (String) c[1]));
      assertEquals(4, r.rounds());
      assertEquals(4 * 2 * 10, r.samples());
      // Float32 round-off of summing each batch's gradient in another order, over 4 steps:
      // measured below 1e-6; one step moves parameters by about 1e-3 or more.
      assertTrue(r.maxParameterDifferenceToFit() < 1e-4, r.summary());
      assertTrue(r.maxParameterDifferenceToStep() < 1e-4, r.summary());
      // Equal parameters up to round-off: at most one of the 50 test samples may flip.
      assertEquals(r.fit().accuracy(), r.split().accuracy(), 1.0 / 50 + 1e-12, r.summary());
      assertEquals(r.step().accuracy(), r.split().accuracy(), 1.0 / 50 + 1e-12, r.summary());
      assertTrue(r.split().wallSeconds() > 0 && r.fit().wallSeconds() > 0
          && r.step().wallSeconds() > 0, r.summary());
      // Two repeats each; the figure is the best.
      assertEquals(2, r.split().repeatSeconds().size());
      assertEquals(2, r.fit().repeatSeconds().size());
      assertEquals(r.split().repeatSeconds().stream().mapToDouble(d -> d).min().orElseThrow(),
          r.split().wallSeconds(), 0);
      assertEquals(r.fit().wallSeconds() / r.split().wallSeconds(), r.splitOverFit(), 1e-12);
      assertEquals(r.samples() / r.split().wallSeconds(), r.splitSamplesPerSecond(), 1e-9);
      // Per round: activations, labels and parameters to or from each of the p = 2 nodes, a cut
      // gradient down and a local gradient up for each; compute: local forward and backward on
      // each node, one remote step.
      assertEquals(4 * 5 * 2, r.ledger().sends());
      assertEquals(4 * (2 * 2 + 1), r.ledger().computes());
      assertTrue(r.ledger().ledgerSeconds() > 0 && r.ledgerFraction() > 0, r.summary());
      assertTrue(r.summary().contains("split/fit"));
    }
  }

  @Test
  void theLedgerReplayMakesTheRunsCallsAgain() {
    CostLedger run = SplitStrategyTest.split(SplitStrategyTest.MLP, "output", 4, 0, 1).ledger();
    CostLedger again = SplitBenchmark.replay(run.models(), run.entries(), true);
    assertEquals(run.entries().size(), again.entries().size());
    for (int i = 0; i < run.entries().size(); i++) {
      CostLedger.Entry a = run.entries().get(i);
      CostLedger.Entry b = again.entries().get(i);
      assertEquals(a.count(), b.count());
      assertEquals(a.kind(), b.kind());
      assertEquals(a.src(), b.src());
      assertEquals(a.dst(), b.dst());
      assertEquals(a.round(), b.round());
      // Mean bytes and FLOPs per call times the count: the run's totals up to round-off.
      assertEquals(a.bytes(), b.bytes(), 1e-9 * Math.max(1, a.bytes()));
      assertEquals(a.flops(), b.flops(), 1e-9 * Math.max(1, a.flops()));
    }
  }

  @Test
  void badOptionsAreRejectedWithTheirNames() {
    String small = assertThrows(IllegalArgumentException.class, () -> new SplitBenchmark.Options(
        ModelConfig.mnistMlp(), "output", 4, 100, 300, 10, 1, 1, 1, false)).getMessage();
    assertTrue(small.contains("--samples 300") && small.contains("400"), small);
    String shape = assertThrows(IllegalArgumentException.class, () -> new SplitBenchmark.Options(
        ModelConfig.mlp(64, 4, List.of(16)), "output", 1, 1, 10, 10, 1, 1, 1, false))
        .getMessage();
    assertTrue(shape.contains("28x28"), shape);
    String repeats = assertThrows(IllegalArgumentException.class,
        () -> new SplitBenchmark.Options(ModelConfig.mnistMlp(), "output", 1, 1, 10, 10, 1, 0, 1,
            false)).getMessage();
    assertTrue(repeats.contains("--repeats"), repeats);
  }
}
