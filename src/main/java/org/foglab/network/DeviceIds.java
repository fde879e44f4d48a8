package org.foglab.network;

/**
 * Ids of generated devices: decimal indices zero-padded to a common width ({@code 007} of
 * 1,000 devices), so string order equals index order in every table and tool.
 */
public final class DeviceIds {
  private DeviceIds() {}

  /** Digits needed for indices 0 .. n-1. */
  public static int width(long n) {
    return Long.toString(Math.max(0, n - 1)).length();
  }

  public static String id(long index, int width) {
    String s = Long.toString(index);
    if (s.length() >= width) {
      return s;
    }
    StringBuilder b = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s).toString();
  }

  /** All ids of a network of n devices. */
  public static String[] all(int n) {
    int w = width(n);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = id(i, w);
    }
    return ids;
  }

  /**
   * A stable 64-bit key of a user-given id (FNV-1a over UTF-16 units, then mixed), used to seed
   * the draws of devices named in an edge file so they do not change when devices are added.
   */
  public static long key(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    return org.foglab.random.Streams.mix(h);
  }
}
