package org.foglab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticSpecTest {
  @Test
  void parsesWithDefaultsAndRoundTrips() {
    SyntheticSpec s = SyntheticSpec.parse("synthetic:classes=10,features=784,samples=100000,seed=1");
    assertEquals(10, s.classes());
    assertEquals(784, s.features());
    assertEquals(100_000, s.samples());
    assertEquals(2000, s.testSamples());
    assertEquals(1, s.seed());
    assertEquals(s, SyntheticSpec.parse(s.toSpecString()));
    assertEquals(SyntheticSpec.defaults(), SyntheticSpec.parse("synthetic:"));
  }

  @Test
  void badSpecsNameTheProblem() {
    assertEquals("unknown synthetic spec key \"colour\"; use classes, features, samples, test, "
            + "seed, separation or noise",
        assertThrows(IllegalArgumentException.class,
            () -> SyntheticSpec.parse("synthetic:colour=3")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> SyntheticSpec.parse("synthetic:samples=x")).getMessage().contains("samples=x"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> SyntheticSpec.parse("synthetic:classes=1")).getMessage().contains("classes"));
    assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse("mnist:x"));
  }

  @Test
  void samplesArePureFunctionsOfSeedAndId() {
    SyntheticSpec s = SyntheticSpec.parse("synthetic:classes=4,features=50,samples=100,test=20");
    SyntheticDataset a = s.train();
    SyntheticDataset b = SyntheticSpec.parse(s.toSpecString()).train();
    float[] x = new float[50];
    float[] y = new float[50];
    for (int id : new int[] {0, 17, 99}) {
      a.copyFeatures(id, x, 0);
      b.copyFeatures(id, y, 0);
      assertArrayEquals(x, y);
      assertEquals(a.label(id), b.label(id));
    }
    // Test ids continue the generator after the training ids.
    SyntheticDataset big = new SyntheticSpec(4, 50, 120, 0, 1, 6.0, 1.0).train();
    s.test().copyFeatures(3, x, 0);
    big.copyFeatures(103, y, 0);
    assertArrayEquals(x, y);
    assertThrows(IndexOutOfBoundsException.class, () -> a.label(100));
  }

  @Test
  void noiseIsStandardAndCentresAreSeparationApart() {
    SyntheticSpec s = new SyntheticSpec(3, 2000, 300, 0, 5, 6.0, 1.0);
    SyntheticDataset d = s.train();
    float[] x = new float[2000];
    double sum = 0;
    double sq = 0;
    long n = 0;
    int[] perClass = new int[3];
    for (int id = 0; id < 300; id++) {
      d.copyFeatures(id, x, 0);
      int c = d.label(id);
      perClass[c]++;
      for (int j = 0; j < 2000; j++) {
        double e = x[j] - d.centre(c, j);
        sum += e;
        sq += e * e;
        n++;
      }
    }
    // 600,000 draws: the mean's standard error is 0.0013, the variance's about 0.0016.
    assertEquals(0, sum / n, 0.01);
    assertEquals(1, sq / n - (sum / n) * (sum / n), 0.01);
    for (int c = 0; c < 3; c++) {
      assertTrue(perClass[c] > 60, "class " + c + " drawn " + perClass[c] + " times of 300");
      for (int k = c + 1; k < 3; k++) {
        double dist = 0;
        for (int j = 0; j < 2000; j++) {
          double diff = d.centre(c, j) - d.centre(k, j);
          dist += diff * diff;
        }
        // The distance of two centres is separation * chi(2000) / sqrt(2000): within 5%.
        assertEquals(6.0, Math.sqrt(dist), 0.3);
      }
    }
  }
}
