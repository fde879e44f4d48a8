package org.foglab.learning.cost;

import static org.foglab.learning.cost.LteLinkModelTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ConstantLinkModelTest {
  private static final Node PHONE = new Node("phone", Tier.DEVICE);
  private static final Node FOG = new Node("fog", Tier.FOG);
  private static final Node CLOUD = new Node("cloud", Tier.CLOUD);

  @Test
  void defaultTransfersByHand() {
    ConstantLinkModel m = ConstantLinkModel.defaults();
    // 1 MB phone -> cloud: LTE hop 5 ms + cloud half-ping 4.5 ms + 8e6 b / 10 Mb/s = 0.8095 s;
    // the UE's 10 dBm = 0.01 W for 0.8 s of airtime = 0.008 J (latency draws no power).
    assertEquals(0.8095, m.transferSeconds(PHONE, CLOUD, 0, 1e6), 1e-12);
    assertEquals(0.008, m.transferJoules(PHONE, CLOUD, 0, 1e6), 1e-15);
    assertEquals(0.8095, m.transferSeconds(CLOUD, PHONE, 7, 1e6), 1e-12);
    // 1 MB fog -> cloud: 4.5 ms + 8e6 b / 1 Gb/s = 0.0125 s; 1 W x 0.008 s = 0.008 J.
    assertEquals(0.0125, m.transferSeconds(FOG, CLOUD, 0, 1e6), 1e-12);
    assertEquals(0.008, m.transferJoules(FOG, CLOUD, 0, 1e6), 1e-15);
    // Nothing sent, nothing spent.
    assertEquals(0, m.transferSeconds(PHONE, CLOUD, 0, 0));
    assertEquals(0, m.transferJoules(PHONE, CLOUD, 0, 0));
  }

  @Test
  void pairsAreUnorderedAndWithChangesOnlyItsPair() {
    ConstantLinkModel m = ConstantLinkModel.defaults();
    for (Tier a : Tier.values()) {
      for (Tier b : Tier.values()) {
        assertEquals(m.bitsPerSecond(a, b), m.bitsPerSecond(b, a));
        assertEquals(m.latencySeconds(a, b), m.latencySeconds(b, a));
        assertEquals(m.transmitPowerWatts(a, b), m.transmitPowerWatts(b, a));
      }
    }
    ConstantLinkModel n = m.with(Tier.CLOUD, Tier.FOG, 5e6, 0.25, 3);
    // 2000 bytes fog -> cloud: 0.25 s + 16000 b / 5e6 b/s = 0.2532 s; 3 W x 0.0032 s = 0.0096 J.
    assertEquals(0.2532, n.transferSeconds(FOG, CLOUD, 0, 2000), 1e-12);
    assertEquals(0.0096, n.transferJoules(CLOUD, FOG, 0, 2000), 1e-15);
    for (Tier a : Tier.values()) {
      for (Tier b : Tier.values()) {
        boolean pair = (a == Tier.FOG && b == Tier.CLOUD) || (a == Tier.CLOUD && b == Tier.FOG);
        if (!pair) {
          assertEquals(m.bitsPerSecond(a, b), n.bitsPerSecond(a, b));
          assertEquals(m.latencySeconds(a, b), n.latencySeconds(a, b));
        }
      }
    }
    assertNotEquals(m, n);
    assertEquals(m, ConstantLinkModel.defaults());
  }

  @Test
  void badValuesAreRejectedNamingThem() {
    assertMessage(() -> ConstantLinkModel.uniform(0, 0, 0), "bitsPerSecond");
    assertMessage(() -> ConstantLinkModel.uniform(1e6, -1, 0), "latencySeconds");
    assertMessage(() -> ConstantLinkModel.uniform(1e6, 0, Double.NaN), "transmitPowerWatts");
    assertMessage(() -> ConstantLinkModel.defaults().transferSeconds(PHONE, FOG, 0, -1), "bytes");
    assertMessage(() -> ConstantLinkModel.defaults()
        .transferSeconds(PHONE, FOG, 0, Double.POSITIVE_INFINITY), "bytes");
  }
}
