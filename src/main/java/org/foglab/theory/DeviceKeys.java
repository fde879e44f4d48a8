package org.foglab.theory;

import org.foglab.random.Streams;

/**
 * The 64-bit key under which a device's random draws are made, so a device gets the same cost
 * in the in-memory and the Spark computations, whatever partition holds it. A numeric id is its
 * own key; a string id is hashed (FNV-1a over its UTF-16 code units, then SplitMix64's
 * finaliser). Two distinct strings share a key with probability about {@code n^2 / 2^65}, which
 * is negligible for any graph that fits a machine (and only makes two costs equal).
 */
public final class DeviceKeys {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private DeviceKeys() {}

  public static long of(long id) {
    return id;
  }

  public static long of(String id) {
    long h = FNV_OFFSET;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= FNV_PRIME;
    }
    return Streams.mix(h);
  }
}
