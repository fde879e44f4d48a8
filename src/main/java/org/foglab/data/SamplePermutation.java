package org.foglab.data;

import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * A pseudo-random permutation of {@code [0, size)} that is a pure function of (seed, size,
 * position): a six-round balanced Feistel network on the smallest even number of bits covering
 * {@code size}, with round functions from {@link Streams}, and cycle walking to stay inside the
 * range (Black and Rogaway, "Ciphers with arbitrary finite domains", CT-RSA 2002). Needs no
 * storage, so any partition can compute any position of a permutation of billions of ids.
 */
public final class SamplePermutation {
  private static final int ROUNDS = 6;

  private final long size;
  private final long seed;
  private final int half;
  private final long mask;

  public SamplePermutation(long size, long seed) {
    if (size < 1) {
      throw new IllegalArgumentException("a permutation needs at least one element, got " + size);
    }
    this.size = size;
    this.seed = seed;
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, size - 1));
    bits = Math.max(2, bits + (bits & 1));
    this.half = bits / 2;
    this.mask = (1L << half) - 1;
  }

  public long size() {
    return size;
  }

  /** The element at position {@code x} of the permutation. */
  public long apply(long x) {
    if (x < 0 || x >= size) {
      throw new IndexOutOfBoundsException("position " + x + " outside 0.." + (size - 1));
    }
    long y = encrypt(x);
    while (y >= size) {
      y = encrypt(y);
    }
    return y;
  }

  private long encrypt(long x) {
    long left = x >>> half;
    long right = x & mask;
    for (int r = 0; r < ROUNDS; r++) {
      long f = Streams.hash(seed, Purpose.SAMPLING, DataStreams.PERMUTATION, r, right) & mask;
      long next = left ^ f;
      left = right;
      right = next;
    }
    return (left << half) | right;
  }
}
