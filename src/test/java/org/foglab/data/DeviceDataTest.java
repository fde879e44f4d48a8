package org.foglab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.foglab.network.Trace;
import org.junit.jupiter.api.Test;

class DeviceDataTest {
  private static final SyntheticDataset TRAIN =
      new SyntheticSpec(10, 4, 8000, 0, 3, 6.0, 1.0).train();

  @Test
  void countsAreUniformOnZeroToMax() {
    int[] c = DeviceData.uniformCounts(10, 100, 8000, 1);
    assertEquals(1000, c.length);
    int[] hist = new int[9];
    long sum = 0;
    for (int x : c) {
      assertTrue(x >= 0 && x <= 8, "count " + x);
      hist[x]++;
      sum += x;
    }
    for (int v = 0; v <= 8; v++) {
      // 1000 draws over 9 values: 111 expected each, sd about 10.
      assertTrue(hist[v] > 70 && hist[v] < 155, "value " + v + " drawn " + hist[v] + " times");
    }
    assertEquals(4.0, sum / 1000.0, 0.25);
    assertArrayEquals(c, DeviceData.uniformCounts(10, 100, 8000, 1));
    assertEquals("a training set of 999 samples gives 10 devices x 100 slots less than one "
            + "datapoint each (|D_V| / (n T) < 1); use more samples, devices or slots to match",
        assertThrows(DatasetException.class, () -> DeviceData.uniformCounts(10, 100, 999, 1))
            .getMessage());
  }

  @Test
  void iidIdsAreDrawnWithoutReplacementAndSorted() {
    DeviceData d = DeviceData.generate(10, 100, TRAIN, 1, Sampling.iid());
    assertArrayEquals(DeviceData.uniformCounts(10, 100, 8000, 1), d.counts());
    boolean[] seen = new boolean[8000];
    for (int k = 0; k < d.deviceSlots(); k++) {
      int[] s = d.samples(k);
      for (int j = 0; j < s.length; j++) {
        assertTrue(!seen[s[j]], "sample " + s[j] + " drawn twice");
        seen[s[j]] = true;
        if (j > 0) {
          assertTrue(s[j - 1] < s[j]);
        }
      }
    }
    DeviceData again = DeviceData.generate(10, 100, TRAIN, 1, Sampling.iid());
    assertArrayEquals(d.allSamples(), again.allSamples());
    // From the sizes alone: the same streams.
    assertArrayEquals(d.allSamples(), DeviceData.iid(10, 100, 8000, 1).allSamples());
    assertArrayEquals(d.counts(), DeviceData.iid(10, 100, 8000, 1).counts());
  }

  @Test
  void labelSkewConcentratesClassesPerDevice() {
    DeviceData iid = DeviceData.generate(10, 100, TRAIN, 2, Sampling.iid());
    DeviceData skew = DeviceData.generate(10, 100, TRAIN, 2, Sampling.labelSkew(0.1));
    double iidShare = meanTopClassShare(iid);
    double skewShare = meanTopClassShare(skew);
    // IID: about 400 points per device over 10 classes, top class near 0.13. Dirichlet(0.1):
    // most mass on one or two classes.
    assertTrue(iidShare < 0.2, "iid top-class share " + iidShare);
    assertTrue(skewShare > 0.5, "skewed top-class share " + skewShare);
    boolean[] seen = new boolean[8000];
    for (int id : skew.allSamples()) {
      assertTrue(!seen[id], "sample drawn twice under label skew");
      seen[id] = true;
    }
    assertArrayEquals(iid.counts(), skew.counts());
  }

  private static double meanTopClassShare(DeviceData d) {
    double share = 0;
    for (int i = 0; i < d.devices(); i++) {
      int[] c = new int[10];
      int total = 0;
      for (int t = 1; t <= d.slots(); t++) {
        for (int id : d.samples(d.index(i, t))) {
          c[TRAIN.label(id)]++;
          total++;
        }
      }
      int max = 0;
      for (int x : c) {
        max = Math.max(max, x);
      }
      share += (double) max / total;
    }
    return share / d.devices();
  }

  @Test
  void gammaDrawsHaveMeanAlpha() {
    for (double alpha : new double[] {0.3, 1.0, 4.0}) {
      double sum = 0;
      int n = 20_000;
      for (int r = 0; r < n; r++) {
        sum += Math.exp(DeviceData.logGamma(alpha, org.foglab.random.Streams.mix(r)));
      }
      // Standard error sqrt(alpha / n) <= 0.015; tolerance 4 standard errors.
      assertEquals(alpha, sum / n, 4 * Math.sqrt(alpha / n), "alpha " + alpha);
    }
  }

  @Test
  void traceCountsMustBeWholeAndMatch() {
    Trace.Builder b = Trace.builder(new String[] {"a", "b"}, 2);
    b.device(0, 1, 3, Double.POSITIVE_INFINITY, 0.1, 0.2);
    b.device(1, 1, 2, Double.POSITIVE_INFINITY, 0.1, 0.2);
    b.device(0, 2, 0, Double.POSITIVE_INFINITY, 0.1, 0.2);
    Trace tr = b.build();
    DeviceData d = DeviceData.forTrace(tr, TRAIN, 1, Sampling.iid());
    assertArrayEquals(new int[] {3, 2, 0, 0}, d.counts());
    d.requireConsistent(tr);
    DeviceData other = DeviceData.forCounts(2, 2, new int[] {3, 1, 0, 0}, TRAIN, 1, Sampling.iid());
    assertEquals("trace data of device b in slot 1 is 2.0 but its data stream holds 1 samples",
        assertThrows(DatasetException.class, () -> other.requireConsistent(tr)).getMessage());
    Trace frac = Trace.builder(new String[] {"a"}, 1)
        .device(0, 1, 2.5, Double.POSITIVE_INFINITY, 0.1, 0.2).build();
    assertTrue(assertThrows(DatasetException.class,
        () -> DeviceData.forTrace(frac, TRAIN, 1, Sampling.iid())).getMessage()
        .contains("whole datapoints"));
    assertThrows(DatasetException.class,
        () -> DeviceData.forCounts(1, 1, new int[] {8001}, TRAIN, 1, Sampling.iid()));
  }
}
