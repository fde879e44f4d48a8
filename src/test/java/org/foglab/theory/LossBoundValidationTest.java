package org.foglab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foglab.theory.LossBoundValidation.Scenario;
import org.foglab.theory.LossBoundValidation.Settings;
import org.junit.jupiter.api.Test;

class LossBoundValidationTest {

  private static void assertTheoryHolds(LossBoundValidation.Report r) {
    // The drift lemma and Wang et al.'s h are proved inequalities with our constants: they
    // must hold up to rounding.
    assertTrue(r.maxLemmaRatio() <= 1 + 1e-9, "lemma ratio " + r.maxLemmaRatio());
    assertTrue(r.maxAverageDriftRatio() <= 1 + 1e-9, "h ratio " + r.maxAverageDriftRatio());
    assertEquals(0, r.boundViolations(), "bound (10) violated, max ratio " + r.maxBoundRatio());
    assertTrue(r.stepAssumptionHolds());
    assertTrue(r.optimumGradientNorm() <= 1e-12);
  }

  @Test
  void nonIidDataMovedByTheClosedFormPlan() {
    var r = new Scenario(5, 100, 3, 1.5, new Settings(5, 200, 1.0, 0.05), 2).run();
    assertTheoryHolds(r);
    assertTrue(r.devices() >= 2, "the plan should leave data at several devices");
    assertTrue(r.delta() > 0.1, "non-i.i.d. devices diverge: delta " + r.delta());
    // With eta beta = 1 and tau = 5 the bound holds but is far above the initial excess.
    assertEquals(0, r.nontrivialFraction());
    assertTrue(r.epsilon0PrintedFinal() < r.epsilon0Final(), "the printed form drops rho > 1");
  }

  @Test
  void boundIsInformativeForSmallStepsAndShortPeriods() {
    var tauOne = new Scenario(5, 100, 3, 1.5, new Settings(1, 300, 1.0, 0.05), 2).run();
    assertTheoryHolds(tauOne);
    assertTrue(tauOne.nontrivialFraction() > 0.9, "tau = 1: " + tauOne.nontrivialFraction());
    var nearIid = new Scenario(5, 100, 3, 0.0, new Settings(2, 1000, 0.1, 0.05), 2).run();
    assertTheoryHolds(nearIid);
    assertTrue(nearIid.nontrivialFraction() > 0.5, "tau = 2: " + nearIid.nontrivialFraction());
  }

  @Test
  void runsBelowEpsilon0AreOutsideTheProofsAssumption() {
    var r = new Scenario(4, 80, 2, 1.0, new Settings(1, 400, 1.0, 0.05), 5).run();
    assertTheoryHolds(r);
    assertTrue(r.finalExcess() < r.epsilon0Final());
    assertFalse(r.excessAssumptionHolds());
  }

  @Test
  void badSettingsAreNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Settings(0, 10, 1, 0.1));
    assertTrue(e.getMessage().startsWith("tau"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Settings(1, 10, 2, 0.1));
    assertTrue(e.getMessage().startsWith("stepFraction"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Scenario(1, 10, 2, 1, new Settings(1, 10, 1, 0.1), 1));
    assertTrue(e.getMessage().startsWith("devices"), e.getMessage());
  }
}
