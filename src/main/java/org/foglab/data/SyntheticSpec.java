package org.foglab.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gaussian class clusters, every sample a pure function of (seed, sample id), so arbitrarily
 * large datasets need no storage. Written as a spec string such as
 * {@code synthetic:classes=10,features=784,samples=100000,seed=1} (any subset of the keys below,
 * the rest defaulted).
 *
 * <p>Sample {@code g} (training ids {@code 0 .. samples-1}, test ids continuing after them) has
 * label {@code Streams.below(hash(seed, DATASET, 2, g), classes)} and features
 * {@code x_j = mu_{label, j} + noise * e_j}. The class centres have independent entries
 * {@code N(0, separation^2 / (2 features))}, so two centres lie about {@code separation} apart
 * whatever the dimension; {@code e_j} is an Irwin-Hall sum of four uniforms scaled to mean 0
 * and variance 1 (close to a standard normal, cheap enough to generate on the fly).
 *
 * @param classes number of classes (2..127)
 * @param features feature vector length
 * @param samples training samples
 * @param testSamples test samples (ids {@code samples .. samples+testSamples-1} of the generator)
 * @param seed root seed
 * @param separation typical distance between two class centres, in noise standard deviations
 * @param noise per-feature noise standard deviation
 */
public record SyntheticSpec(int classes, int features, int samples, int testSamples, long seed,
    double separation, double noise) implements java.io.Serializable {

  /** The prefix of a synthetic spec string. */
  public static final String PREFIX = "synthetic:";

  public SyntheticSpec {
    if (classes < 2 || classes > 127) {
      throw new IllegalArgumentException("synthetic classes must be in 2..127, got " + classes);
    }
    if (features < 1) {
      throw new IllegalArgumentException("synthetic features must be at least 1, got " + features);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("synthetic samples must be at least 1, got " + samples);
    }
    if (testSamples < 0 || (long) samples + testSamples > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("synthetic test samples must be non-negative and "
          + "samples + test must stay below 2^31, got test=" + testSamples);
    }
    if (!(separation >= 0) || Double.isInfinite(separation)) {
      throw new IllegalArgumentException("synthetic separation must be finite and non-negative, "
          + "got " + separation);
    }
    if (!(noise > 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("synthetic noise must be finite and positive, got "
          + noise);
    }
  }

  /** Defaults: 10 classes, 784 features, 10,000 + 2,000 samples, seed 1, separation 6, noise 1. */
  public static SyntheticSpec defaults() {
    return new SyntheticSpec(10, 784, 10_000, 2_000, 1, 6.0, 1.0);
  }

  /** Whether {@code text} is a synthetic spec (starts with {@value #PREFIX}). */
  public static boolean isSpec(String text) {
    return text != null && text.startsWith(PREFIX);
  }

  /**
   * Parses {@code synthetic:key=value,...} with keys {@code classes, features, samples, test,
   * seed, separation, noise}.
   */
  public static SyntheticSpec parse(String text) {
    if (!isSpec(text)) {
      throw new IllegalArgumentException("a synthetic dataset spec starts with \"" + PREFIX
          + "\", got \"" + text + "\"");
    }
    SyntheticSpec d = defaults();
    Map<String, String> kv = new LinkedHashMap<>();
    String body = text.substring(PREFIX.length()).trim();
    if (!body.isEmpty()) {
      for (String part : body.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("synthetic spec entry \"" + part.trim()
              + "\" is not key=value");
        }
        String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (kv.put(key, part.substring(eq + 1).trim()) != null) {
          throw new IllegalArgumentException("synthetic spec sets \"" + key + "\" twice");
        }
      }
    }
    int classes = d.classes;
    int features = d.features;
    int samples = d.samples;
    int test = d.testSamples;
    long seed = d.seed;
    double separation = d.separation;
    double noise = d.noise;
    for (var e : kv.entrySet()) {
      String v = e.getValue();
      try {
        switch (e.getKey()) {
          case "classes" -> classes = Integer.parseInt(v);
          case "features" -> features = Integer.parseInt(v);
          case "samples" -> samples = Integer.parseInt(v);
          case "test" -> test = Integer.parseInt(v);
          case "seed" -> seed = Long.parseLong(v);
          case "separation" -> separation = Double.parseDouble(v);
          case "noise" -> noise = Double.parseDouble(v);
          default -> throw new IllegalArgumentException("unknown synthetic spec key \"" + e.getKey()
              + "\"; use classes, features, samples, test, seed, separation or noise");
        }
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("synthetic spec value " + e.getKey() + "=" + v
            + " is not a number", ex);
      }
    }
    return new SyntheticSpec(classes, features, samples, test, seed, separation, noise);
  }

  /** The canonical spec string (parses back to an equal record). */
  public String toSpecString() {
    return PREFIX + "classes=" + classes + ",features=" + features + ",samples=" + samples
        + ",test=" + testSamples + ",seed=" + seed + ",separation=" + separation + ",noise="
        + noise;
  }

  /** The training samples, ids {@code 0 .. samples-1}. */
  public SyntheticDataset train() {
    return new SyntheticDataset(this, 0, samples);
  }

  /** The test samples (the generator's ids after the training ones), renumbered from 0. */
  public SyntheticDataset test() {
    return new SyntheticDataset(this, samples, testSamples);
  }
}
