package org.foglab.learning.engine;

import java.util.Arrays;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/** Seeded orders of sample ids, the same on every machine and for any partitioning. */
public final class Shuffle {
  /** SAMPLING sub-stream of the centralized shuffle (data's sub-streams use keys below 100). */
  public static final long CENTRALIZED_STREAM = 101;

  private Shuffle() {}

  /** {@code ids} in the order of {@code hash(seed, SAMPLING, stream, round, id)}. */
  public static int[] shuffled(int[] ids, long seed, long stream, long round) {
    long[] keyed = new long[ids.length];
    for (int p = 0; p < ids.length; p++) {
      long h = Streams.hash(seed, Purpose.SAMPLING, stream, round, ids[p]);
      // 33 hash bits above the 31-bit id: sorting the packed keys sorts by hash, ties by id.
      keyed[p] = ((h >>> 31) << 31) | ids[p];
    }
    Arrays.sort(keyed);
    int[] out = new int[ids.length];
    for (int p = 0; p < out.length; p++) {
      out[p] = (int) (keyed[p] & 0x7FFFFFFFL);
    }
    return out;
  }

  /** The centralized mode's order for {@code pass}. */
  public static int[] centralized(int[] ids, long seed, int pass) {
    return shuffled(ids, seed, CENTRALIZED_STREAM, pass);
  }
}
