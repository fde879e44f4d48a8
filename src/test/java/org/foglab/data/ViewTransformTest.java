package org.foglab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each view on a hand-computed tiny example; views as pure functions of the sample id. */
class ViewTransformTest {
  /** 1 2 3 / 4 5 6 / 7 8 9. */
  static final float[] P = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void flipsOfA3x3Pattern() {
    assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, ViewTransform.hflip(P, 3, 3));
    assertArrayEquals(new float[] {7, 8, 9, 4, 5, 6, 1, 2, 3}, ViewTransform.vflip(P, 3, 3));
    assertArrayEquals(ViewTransform.hflip(P, 3, 3), ViewTransform.HFLIP.apply(P, 3, 3, 42));
    assertArrayEquals(ViewTransform.vflip(P, 3, 3), ViewTransform.VFLIP.apply(P, 3, 3, 42));
  }

  @Test
  void shiftAndErase() {
    // out[i][j] = x[i+1][j-1]: rows move up, columns right, zeros enter.
    assertArrayEquals(new float[] {0, 4, 5, 0, 7, 8, 0, 0, 0}, ViewTransform.shift(P, 3, 3, 1, -1));
    assertArrayEquals(new float[] {1, 2, 3, 4, 0, 0, 7, 0, 0},
        ViewTransform.erase(P, 3, 3, 1, 1, 2, 2));
  }

  @Test
  void blurOfAnImpulseIsTheKernel() {
    int n = 9;
    float[] x = new float[n * n];
    x[4 * n + 4] = 1f;
    float[] y = ViewTransform.blur(x, n, n, ViewTransform.kernel(1.0, 2));
    double[] k1 = ViewTransform.kernel(1.0, 2);
    // exp(-i^2/2) for i = -2..2, normalised by their sum.
    double z = 1 + 2 * Math.exp(-0.5) + 2 * Math.exp(-2);
    assertEquals(Math.exp(-0.5) / z, k1[1], 1e-15);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int di = i - 4;
        int dj = j - 4;
        double want = Math.abs(di) <= 2 && Math.abs(dj) <= 2 ? k1[di + 2] * k1[dj + 2] : 0;
        assertEquals(want, y[i * n + j], 1e-7, "pixel " + i + "," + j);
      }
    }
    assertArrayEquals(y, ViewTransform.BLUR.apply(x, n, n, 7));
  }

  @Test
  void randomViewsStayInShape() {
    float[] x = new float[28 * 28];
    Arrays.fill(x, 1f);
    for (long h = 1; h < 50; h++) {
      float[] e = ViewTransform.ERASE.apply(x, 28, 28, h * 0x9E3779B97F4A7C15L);
      int zeros = 0;
      for (float v : e) {
        zeros += v == 0 ? 1 : 0;
      }
      // h/4..h/2 rows by w/4..w/2 columns: 7x7 to 14x14.
      assertTrue(zeros >= 49 && zeros <= 196, "erased " + zeros);
      float[] c = ViewTransform.CROP.apply(x, 28, 28, h * 0x9E3779B97F4A7C15L);
      int ones = 0;
      for (float v : c) {
        ones += v == 1 ? 1 : 0;
      }
      // A shift of at most 4 each way keeps at least 24 x 24 pixels.
      assertTrue(ones >= 24 * 24, "kept " + ones);
    }
  }

  @Test
  void viewsArePureFunctionsOfTheId() {
    SyntheticSpec spec = new SyntheticSpec(10, 784, 40, 10, 3, 3.0, 1.0);
    ArrayDataset base = ArrayDataset.copyOf(spec.train());
    ViewSource a = new ViewSource(base, ViewTransform.ERASE, 2, 0.1, 0.2, 5);
    ViewSource b = new ViewSource(base, ViewTransform.ERASE, 2, 0.1, 0.2, 5);
    ViewSource other = new ViewSource(base, ViewTransform.ERASE, 3, 0.1, 0.2, 5);
    float[] x = new float[784];
    float[] y = new float[784];
    float[] z = new float[784];
    a.copyFeatures(7, x, 0);
    b.copyFeatures(7, y, 0);
    other.copyFeatures(7, z, 0);
    assertArrayEquals(x, y);
    assertNotEquals(Arrays.toString(x), Arrays.toString(z));
    assertEquals(base.label(7), a.label(7));
    for (float v : x) {
      assertTrue(v >= 0 && v <= 1);
    }
    assertThrows(IllegalArgumentException.class,
        () -> new ViewSource(base, ViewTransform.BLUR, 0, 0, 1.0, 1));
  }

  @Test
  void missingFractionIsRoughlyRight() {
    ArrayDataset ones = new ArrayDataset(784, 2, filled(200 * 784), new byte[200]);
    ViewSource v = new ViewSource(ones, ViewTransform.IDENTITY, 0, 0, 0.3, 9);
    float[] x = new float[784];
    long lost = 0;
    for (int id = 0; id < 200; id++) {
      v.copyFeatures(id, x, 0);
      for (float f : x) {
        lost += f == 0 ? 1 : 0;
      }
    }
    // 156,800 Bernoulli(0.3) draws: standard deviation 0.0012, so 0.3 +- 0.01 is ~8 sigma.
    assertEquals(0.3, lost / (200.0 * 784), 0.01);
  }

  @Test
  void threeWaySplitOfMultiViewData() {
    SyntheticSpec spec = new SyntheticSpec(10, 784, 100, 10, 3, 3.0, 1.0);
    ArrayDataset all = ArrayDataset.copyOf(spec.train());
    MultiViewData d = MultiViewData.of(all, 70, 10, 20,
        ViewTransform.PAPER.stream().map(MultiViewData.View::of).toList(), 4);
    assertEquals(5, d.views());
    assertEquals(70, d.train().get(0).size());
    assertEquals(10, d.validation().get(4).size());
    assertEquals(20, d.test().get(2).size());
    for (int id = 0; id < 20; id++) {
      assertEquals(d.test().get(0).label(id), d.test().get(3).label(id));
    }
    MultiViewData again = MultiViewData.of(all, 70, 10, 20,
        List.of(MultiViewData.View.of(ViewTransform.BLUR)), 4);
    float[] x = new float[784];
    float[] y = new float[784];
    d.train().get(0).copyFeatures(5, x, 0);
    again.train().get(0).copyFeatures(5, y, 0);
    assertArrayEquals(x, y);
  }

  private static float[] filled(int n) {
    float[] f = new float[n];
    Arrays.fill(f, 1f);
    return f;
  }
}
