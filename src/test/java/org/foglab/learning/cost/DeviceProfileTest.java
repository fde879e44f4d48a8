package org.foglab.learning.cost;

import static org.foglab.learning.cost.LteLinkModelTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeviceProfileTest {
  // 1 GFLOP/s, 10 W active, 2 W idle, 10 ms per batch, 1000 bytes of memory.
  private static final DeviceProfile P = new DeviceProfile(1e9, 10, 2, 0.01, 1000);

  @Test
  void secondsAndJoulesByHand() {
    // 5e9 FLOPs within memory: 0.01 s + 5e9 / 1e9 = 5.01 s; 10 W x 5.01 s = 50.1 J.
    assertEquals(5.01, P.computeSeconds(5e9, 500), 1e-12);
    assertEquals(5.01, P.computeSeconds(5e9, 1000), 1e-12);
    assertEquals(50.1, P.computeJoules(P.computeSeconds(5e9, 500)), 1e-12);
    // Working set 3000 bytes = 3x memory: slowdown 1 + 10 (3 - 1) = 21, 5.01 x 21 = 105.21 s,
    // 1052.1 J.
    assertEquals(105.21, P.computeSeconds(5e9, 3000), 1e-9);
    assertEquals(1052.1, P.computeJoules(P.computeSeconds(5e9, 3000)), 1e-8);
    // 1500 bytes: 1 + 10 x 0.5 = 6; no FLOPs still pays the overhead: 0.01 x 6 = 0.06 s.
    assertEquals(0.06, P.computeSeconds(0, 1500), 1e-15);
    // Idle: 2 W x 4 s.
    assertEquals(8, P.idleJoules(4), 1e-15);
    DeviceProfile unlimited = new DeviceProfile(1e9, 10, 2, 0, Double.POSITIVE_INFINITY);
    assertEquals(2.0, unlimited.computeSeconds(2e9, 1e15), 1e-15);
  }

  @Test
  void defaultsFollowTheSeedPapers() {
    // Seed 003 Table I peaks x 0.05 achieved: 22 TOPS -> 1.1e12, 130 TOPS -> 6.5e12 FLOP/s.
    assertEquals(1.1e12, DeviceProfile.of(Tier.CLOUDLET).flopsPerSecond(), 1);
    assertEquals(6.5e12, DeviceProfile.of(Tier.CLOUD).flopsPerSecond(), 1);
    // Seed 003 Figure 7: cloudlet base ~10 W, about twice under load.
    assertEquals(10, DeviceProfile.of(Tier.CLOUDLET).idlePowerWatts());
    assertEquals(20, DeviceProfile.of(Tier.CLOUDLET).activePowerWatts());
    double prev = 0;
    for (Tier t : Tier.values()) {
      double f = DeviceProfile.of(t).flopsPerSecond();
      assertEquals(true, f > prev, "tiers get faster towards the cloud: " + t);
      prev = f;
    }
  }

  @Test
  void badParametersAreRejectedNamingThem() {
    assertMessage(() -> new DeviceProfile(0, 1, 1, 0, 1), "flopsPerSecond");
    assertMessage(() -> new DeviceProfile(Double.NaN, 1, 1, 0, 1), "flopsPerSecond");
    assertMessage(() -> new DeviceProfile(Double.POSITIVE_INFINITY, 1, 1, 0, 1), "flopsPerSecond");
    assertMessage(() -> new DeviceProfile(1, -1, 1, 0, 1), "activePowerWatts");
    assertMessage(() -> new DeviceProfile(1, 1, Double.NaN, 0, 1), "idlePowerWatts");
    assertMessage(() -> new DeviceProfile(1, 1, 1, -0.5, 1), "perBatchOverheadSeconds");
    assertMessage(() -> new DeviceProfile(1, 1, 1, 0, 0), "memoryBytes");
    assertMessage(() -> new DeviceProfile(1, 1, 1, 0, Double.NaN), "memoryBytes");
    assertMessage(() -> P.computeSeconds(-1, 0), "flops");
    assertMessage(() -> P.computeSeconds(1, Double.NaN), "workingSetBytes");
    assertMessage(() -> new CarbonModel(-0.1), "kgPerKwh");
  }
}
