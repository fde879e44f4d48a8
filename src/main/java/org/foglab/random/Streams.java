package org.foglab.random;

/**
 * Counter-based random numbers: every draw is a pure function of (root seed, purpose, keys).
 *
 * <p>Generators never carry a mutable {@code Random} across devices, so a device's data, costs
 * and links are the same whichever partition, executor or thread computes them. The mixing
 * function is SplitMix64's finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014), applied to each key in turn.
 */
public final class Streams {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

  private Streams() {}

  /** SplitMix64's bijective finaliser. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A 64-bit hash of the seed, a purpose tag and up to four keys. */
  public static long hash(long seed, Purpose purpose, long a) {
    return mix(start(seed, purpose) + GOLDEN * (a + 1));
  }

  public static long hash(long seed, Purpose purpose, long a, long b) {
    return mix(hash(seed, purpose, a) + GOLDEN * (b + 1));
  }

  public static long hash(long seed, Purpose purpose, long a, long b, long c) {
    return mix(hash(seed, purpose, a, b) + GOLDEN * (c + 1));
  }

  public static long hash(long seed, Purpose purpose, long a, long b, long c, long d) {
    return mix(hash(seed, purpose, a, b, c) + GOLDEN * (d + 1));
  }

  private static long start(long seed, Purpose purpose) {
    return mix(mix(seed) + GOLDEN * (purpose.tag() + 1));
  }

  /** A uniform double in [0, 1) from the top 53 bits of a hash. */
  public static double unit(long hash) {
    return (hash >>> 11) * TWO_POW_MINUS_53;
  }

  /** A uniform double in (0, 1], for logarithms. */
  public static double unitOpen(long hash) {
    return ((hash >>> 11) + 1) * TWO_POW_MINUS_53;
  }

  /** A uniform long in [0, bound): the high word of the unsigned product hash * bound (Lemire). */
  public static long below(long hash, long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return Math.multiplyHigh(hash, bound) + ((hash >> 63) & bound);
  }

  /** Uniform in [lo, hi). */
  public static double uniform(long hash, double lo, double hi) {
    return lo + (hi - lo) * unit(hash);
  }
}
