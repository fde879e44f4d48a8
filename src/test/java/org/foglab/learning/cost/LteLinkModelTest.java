package org.foglab.learning.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LteLinkModelTest {
  private static final Node FOG = new Node("fog-0", Tier.FOG);
  private static final Node CLOUD = new Node("cloud", Tier.CLOUD);

  /** Seed 004's equation (3) written out from the paper's constants, for one radio link. */
  private static double referenceRate(double blocks, double distanceMeters, double powerDbm) {
    double d = Math.max(distanceMeters, 35.0);
    double gain = Math.pow(10, -(128.1 + 37.6 * Math.log10(d / 1000.0)) / 10.0);
    double noise = Math.pow(10, (-174.0 - 30.0) / 10.0) * 180e3;
    double p = Math.pow(10, (powerDbm - 30.0) / 10.0);
    return blocks * 180e3 * Math.log(1 + p * gain / noise) / Math.log(2);
  }

  @Test
  void rateAtAStatedDistanceMatchesAHandComputation() {
    LteLinkModel lte = LteLinkModel.builder(1).fading(false).build();
    // UE 10 dBm at 250 m, 100 blocks of 180 kHz, N0 = -174 dBm/Hz, I = 0, o = 1:
    // python3: pl=128.1+37.6*math.log10(0.25); P=1e-2; g=10**(-pl/10); N=10**((-174-30)/10)*180e3
    //          100*180e3*math.log2(1+P*g/N)  -> 155440309.38052577 (SNR 396.7, 26.0 dB)
    assertEquals(155440309.38052577, lte.radioBitsPerSecond(250, 0.01, 1), 1e-6 * 155440309);
    // eNB 30 dBm at 400 m over 10 blocks:
    // python3: g=10**(-(128.1+37.6*math.log10(0.4))/10); 10*180e3*math.log2(1+1.0*g/N)
    //          -> 22907626.899445053 (SNR 6776)
    LteLinkModel tenBlocks = LteLinkModel.builder(1).fading(false).resourceBlocks(10).build();
    assertEquals(22907626.899445053, tenBlocks.radioBitsPerSecond(400, 1.0, 1),
        1e-6 * 22907626);
  }

  @Test
  void nodeLinksUseTheirDistanceAndTheSendersPower() {
    LteLinkModel lte = LteLinkModel.builder(5).fading(false).build();
    for (int i = 0; i < 50; i++) {
      Node dev = new Node("d" + i, Tier.DEVICE);
      double d = lte.distanceMeters(dev, FOG);
      assertEquals(referenceRate(100, d, 10), lte.bitsPerSecond(dev, FOG, 3), 1e-9 * 1e8);
      assertEquals(referenceRate(100, d, 30), lte.bitsPerSecond(FOG, dev, 3), 1e-9 * 1e9);
      Node other = new Node("e" + i, Tier.DEVICE);
      assertEquals(referenceRate(100, lte.distanceMeters(dev, other), 10),
          lte.bitsPerSecond(dev, other, 0), 1e-9 * 1e9);
    }
  }

  @Test
  void rateDecreasesWithDistanceAndIsFlatInsideTheMinimumDistance() {
    LteLinkModel lte = LteLinkModel.withSeed(2);
    double prev = Double.POSITIVE_INFINITY;
    for (double d = 35; d <= 1000; d += 5) {
      double r = lte.radioBitsPerSecond(d, 0.01, 1);
      assertTrue(r < prev, "rate must fall with distance at " + d + " m");
      prev = r;
    }
    assertEquals(lte.radioBitsPerSecond(35, 0.01, 1), lte.radioBitsPerSecond(1, 0.01, 1));
    assertEquals(lte.radioBitsPerSecond(35, 0.01, 1), lte.radioBitsPerSecond(0, 0.01, 1));
  }

  @Test
  void meanFadedSpectralEfficiencyMatchesTheRayleighIntegral() {
    LteLinkModel lte = LteLinkModel.withSeed(11);
    Node dev = new Node("phone-7", Tier.DEVICE);
    double d = lte.distanceMeters(dev, FOG);
    // SNR without fading, from the paper's constants.
    double snr = Math.pow(2, referenceRate(1, d, 10) / 180e3) - 1;
    int rounds = 200_000;
    double sum = 0;
    double gains = 0;
    for (long r = 0; r < rounds; r++) {
      sum += lte.bitsPerSecond(dev, FOG, r) / (100 * 180e3);
      gains += lte.fadingGain(dev, FOG, r);
    }
    // Reference: integral of log2(1 + S x) e^-x over [0, 60] by the trapezoid rule, h = 1e-5
    // (the tail beyond 60 weighs below e^-60 x log2(S x)).
    double h = 1e-5;
    double integral = 0;
    int steps = (int) Math.round(60 / h);
    for (int k = 0; k <= steps; k++) {
      double x = k * h;
      double f = Math.log(1 + snr * x) / Math.log(2) * Math.exp(-x);
      integral += (k == 0 || k == steps) ? f / 2 : f;
    }
    integral *= h;
    // log2(1 + S o) has standard deviation about pi/sqrt(6)/ln 2 = 1.85 bits; the standard
    // error of the mean of 2e5 rounds is 0.0041 bits: tolerance 0.02 bits (about 5 sigma).
    assertEquals(integral, sum / rounds, 0.02, "SNR " + snr);
    // Fading is a power gain of mean 1 (Exp(1)): standard error 1/sqrt(2e5) = 0.0022.
    assertEquals(1.0, gains / rounds, 0.012);
    // Jensen: the faded mean lies below the paper's log2 E(1 + S o) = log2(1 + S).
    assertTrue(sum / rounds < Math.log(1 + snr) / Math.log(2));
  }

  @Test
  void drawsArePureFunctionsOfSeedIdsAndRound() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      nodes.add(new Node("d" + i, Tier.DEVICE));
    }
    nodes.add(FOG);
    nodes.add(CLOUD);
    List<long[]> calls = new ArrayList<>();
    for (int a = 0; a < nodes.size(); a++) {
      for (int b = 0; b < nodes.size(); b++) {
        for (long r = 0; r < 5; r++) {
          if (a != b) {
            calls.add(new long[] {a, b, r});
          }
        }
      }
    }
    LteLinkModel one = LteLinkModel.withSeed(42);
    List<Double> forward = new ArrayList<>();
    for (long[] c : calls) {
      forward.add(one.bitsPerSecond(nodes.get((int) c[0]), nodes.get((int) c[1]), c[2]));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(3));
    LteLinkModel two = LteLinkModel.withSeed(42);
    for (int i : order) {
      long[] c = calls.get(i);
      assertEquals(forward.get(i),
          two.bitsPerSecond(nodes.get((int) c[0]), nodes.get((int) c[1]), c[2]),
          "same seed, ids and round give the same rate in any call order");
    }
    Node a = nodes.get(0);
    Node b = nodes.get(1);
    assertNotEquals(one.fadingGain(a, FOG, 0), one.fadingGain(a, FOG, 1), "rounds differ");
    assertNotEquals(one.fadingGain(a, b, 0), one.fadingGain(b, a, 0), "directions differ");
    assertNotEquals(one.fadingGain(a, FOG, 0), LteLinkModel.withSeed(43).fadingGain(a, FOG, 0));
    assertNotEquals(one.positionMeters(a)[0], LteLinkModel.withSeed(43).positionMeters(a)[0]);
    assertEquals(one, two);
  }

  @Test
  void devicesAreUniformInTheDisk() {
    LteLinkModel lte = LteLinkModel.withSeed(9);
    int n = 20_000;
    double radius = 500;
    double sumDistance = 0;
    double sumX = 0;
    double sumY = 0;
    int inner = 0;
    for (int i = 0; i < n; i++) {
      Node dev = new Node("device-" + i, Tier.DEVICE);
      double[] p = lte.positionMeters(dev);
      double d = lte.distanceMeters(dev, LteLinkModel.ACCESS_SITE);
      assertTrue(d <= radius, "inside the disk");
      sumDistance += d;
      sumX += p[0];
      sumY += p[1];
      inner += d <= radius / 2 ? 1 : 0;
    }
    // Uniform in a disk: E[d] = 2R/3 = 333.33 m, sd R/sqrt(18) = 117.9 m, standard error
    // 0.83 m over 2e4 nodes: tolerance 4 m.
    assertEquals(2 * radius / 3, sumDistance / n, 4.0);
    // P(d <= R/2) = 1/4, standard error sqrt(3/16/2e4) = 0.0031: tolerance 0.015.
    assertEquals(0.25, inner / (double) n, 0.015);
    // E[x] = E[y] = 0, sd R/2 = 250 m, standard error 1.8 m: tolerance 9 m.
    assertEquals(0, sumX / n, 9.0);
    assertEquals(0, sumY / n, 9.0);
    assertEquals(0, lte.distanceMeters(FOG, CLOUD), "non-devices sit at the eNB");
  }

  @Test
  void deviceLinksBeyondTheENodeBAddTheBackhaulHop() {
    ConstantLinkModel slowBackhaul = ConstantLinkModel.uniform(1e6, 0.002, 2.0);
    LteLinkModel lte = LteLinkModel.builder(4).fading(false).backhaul(slowBackhaul).build();
    Node dev = new Node("d1", Tier.DEVICE);
    Node cloudlet = new Node("cl", Tier.CLOUDLET);
    // Radio hop (5 ms) then the backhaul's 2 ms; the 1 Mb/s backhaul is the bottleneck.
    assertEquals(0.007, lte.latencySeconds(dev, CLOUD), 1e-15);
    assertEquals(1e6, lte.bitsPerSecond(dev, CLOUD, 0));
    assertEquals(1e6, lte.bitsPerSecond(CLOUD, dev, 0));
    // A fog node sits at the eNB: radio hop only.
    assertEquals(0.005, lte.latencySeconds(dev, FOG), 1e-15);
    assertTrue(lte.bitsPerSecond(dev, FOG, 0) > 1e6);
    // Radio senders: UE 10 dBm = 0.01 W up, eNB 30 dBm = 1 W down; non-devices: backhaul.
    assertEquals(0.01, lte.transmitPowerWatts(dev, CLOUD), 1e-15);
    assertEquals(1.0, lte.transmitPowerWatts(CLOUD, dev), 1e-15);
    assertEquals(2.0, lte.transmitPowerWatts(cloudlet, CLOUD));
    assertEquals(0.002, lte.latencySeconds(cloudlet, CLOUD));
    // 1e5 bytes device -> cloud: 0.007 s + 8e5 b / 1e6 b/s = 0.807 s; 0.01 W x 0.8 s = 0.008 J.
    assertEquals(0.807, lte.transferSeconds(dev, CLOUD, 0, 1e5), 1e-12);
    assertEquals(0.008, lte.transferJoules(dev, CLOUD, 0, 1e5), 1e-15);
    // Default backhaul: cloud one-way 4.5 ms after the 5 ms radio hop.
    assertEquals(0.0095, LteLinkModel.withSeed(4).latencySeconds(dev, CLOUD), 1e-15);
  }

  @Test
  void badOptionsAreRejectedNamingTheOption() {
    var b = LteLinkModel.builder(1);
    assertMessage(() -> b.resourceBlocks(0), "resourceBlocks");
    assertMessage(() -> b.radiusMeters(-5), "radiusMeters");
    assertMessage(() -> b.resourceBlockHertz(Double.NaN), "resourceBlockHertz");
    assertMessage(() -> b.interferenceWatts(-1), "interferenceWatts");
    assertMessage(() -> b.minDistanceMeters(0), "minDistanceMeters");
    assertMessage(() -> b.ueTransmitPowerDbm(Double.POSITIVE_INFINITY), "ueTransmitPowerDbm");
    assertThrows(NullPointerException.class, () -> b.backhaul(null));
  }

  static void assertMessage(org.junit.jupiter.api.function.Executable call, String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(name), "message names " + name + ": " + e.getMessage());
  }
}
