package org.foglab.data;

import java.util.List;
import org.foglab.config.Choice;
import org.foglab.random.Streams;

/**
 * How one data source sees an image: the five views of Malandrino and Chiasserini (seed 004,
 * Fig. 4) of a {@code height x width} single-channel image (row major, values in [0, 1]), plus
 * the identity. Randomised views draw from one 64-bit hash per (seed, source, sample), so a view
 * is a pure function of the sample id.
 */
public enum ViewTransform implements Choice {
  /** The image unchanged. */
  IDENTITY,
  /** Gaussian blur, sigma {@link #BLUR_SIGMA}, radius {@link #BLUR_RADIUS}, zero outside. */
  BLUR,
  /**
   * Random erasure: a rectangle of {@code h/4 .. h/2} rows by {@code w/4 .. w/2} columns at a
   * uniform position set to 0 (the shape of torchvision's RandomErasing, sizes fixed).
   */
  ERASE,
  /** Horizontal flip: column {@code c} becomes {@code w - 1 - c}. */
  HFLIP,
  /** Vertical flip: row {@code r} becomes {@code h - 1 - r}. */
  VFLIP,
  /**
   * Random crop: pad by {@link #CROP_PADDING} zeros on every side and crop back to {@code h x w}
   * at a uniform offset (torchvision's RandomCrop(size, padding)), a shift of up to
   * {@link #CROP_PADDING} pixels each way.
   */
  CROP;

  /** Standard deviation of the blur kernel, pixels. */
  public static final double BLUR_SIGMA = 1.0;
  /** Half-width of the blur kernel, pixels (a 5x5 kernel). */
  public static final int BLUR_RADIUS = 2;
  /** Zero padding of the random crop, pixels. */
  public static final int CROP_PADDING = 4;

  /** The paper's five views, in its order. */
  public static final List<ViewTransform> PAPER =
      List.of(BLUR, ERASE, HFLIP, VFLIP, CROP);

  /** The view of {@code image} ({@code h x w}, row major) drawn from {@code hash}; a new array. */
  public float[] apply(float[] image, int h, int w, long hash) {
    if (image.length != h * w) {
      throw new IllegalArgumentException("a " + h + "x" + w + " image has " + h * w
          + " values, got " + image.length);
    }
    switch (this) {
      case IDENTITY:
        return image.clone();
      case BLUR:
        return blur(image, h, w, kernel(BLUR_SIGMA, BLUR_RADIUS));
      case ERASE: {
        int eh = Math.max(1, h / 4) + (int) Streams.below(hash,
            Math.max(1, h / 2 - h / 4 + 1));
        long h2 = Streams.mix(hash);
        int ew = Math.max(1, w / 4) + (int) Streams.below(h2,
            Math.max(1, w / 2 - w / 4 + 1));
        long h3 = Streams.mix(h2);
        int top = (int) Streams.below(h3, h - Math.min(eh, h) + 1);
        int left = (int) Streams.below(Streams.mix(h3),
            w - Math.min(ew, w) + 1);
        return erase(image, h, w, top, left, eh, ew);
      }
      case HFLIP:
        return hflip(image, h, w);
      case VFLIP:
        return vflip(image, h, w);
      default: {
        int span = 2 * CROP_PADDING + 1;
        int dy = (int) Streams.below(hash, span) - CROP_PADDING;
        int dx = (int) Streams.below(Streams.mix(hash), span)
            - CROP_PADDING;
        return shift(image, h, w, dy, dx);
      }
    }
  }

  /** The normalised 1-D Gaussian kernel of {@code 2 radius + 1} taps. */
  public static double[] kernel(double sigma, int radius) {
    double[] k = new double[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      k[i + radius] = Math.exp(-(double) i * i / (2 * sigma * sigma));
      sum += k[i + radius];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    return k;
  }

  /** Separable convolution with {@code k} along rows then columns, zero outside the image. */
  public static float[] blur(float[] x, int h, int w, double[] k) {
    int r = k.length / 2;
    double[] tmp = new double[h * w];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        double s = 0;
        for (int t = -r; t <= r; t++) {
          int jj = j + t;
          if (jj >= 0 && jj < w) {
            s += k[t + r] * x[i * w + jj];
          }
        }
        tmp[i * w + j] = s;
      }
    }
    float[] out = new float[h * w];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        double s = 0;
        for (int t = -r; t <= r; t++) {
          int ii = i + t;
          if (ii >= 0 && ii < h) {
            s += k[t + r] * tmp[ii * w + j];
          }
        }
        out[i * w + j] = (float) s;
      }
    }
    return out;
  }

  /** The image with rows {@code top .. top+eh-1}, columns {@code left .. left+ew-1} set to 0. */
  public static float[] erase(float[] x, int h, int w, int top, int left, int eh, int ew) {
    float[] out = x.clone();
    for (int i = top; i < Math.min(h, top + eh); i++) {
      for (int j = left; j < Math.min(w, left + ew); j++) {
        out[i * w + j] = 0f;
      }
    }
    return out;
  }

  public static float[] hflip(float[] x, int h, int w) {
    float[] out = new float[h * w];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        out[i * w + j] = x[i * w + (w - 1 - j)];
      }
    }
    return out;
  }

  public static float[] vflip(float[] x, int h, int w) {
    float[] out = new float[h * w];
    for (int i = 0; i < h; i++) {
      System.arraycopy(x, (h - 1 - i) * w, out, i * w, w);
    }
    return out;
  }

  /**
   * The crop of the zero-padded image whose top-left corner is {@code (dy, dx)} away from the
   * original's: {@code out[i][j] = x[i + dy][j + dx]}, 0 outside.
   */
  public static float[] shift(float[] x, int h, int w, int dy, int dx) {
    float[] out = new float[h * w];
    for (int i = 0; i < h; i++) {
      int ii = i + dy;
      if (ii < 0 || ii >= h) {
        continue;
      }
      for (int j = 0; j < w; j++) {
        int jj = j + dx;
        if (jj >= 0 && jj < w) {
          out[i * w + j] = x[ii * w + jj];
        }
      }
    }
    return out;
  }

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
