package org.foglab.learning.cost;

import java.io.Serializable;

/**
 * Rate, latency and transmit power of the link between two nodes. Implementations are pure
 * functions of their arguments (randomness only from a seed), so a transfer costs the same on
 * the driver and in any Spark task.
 *
 * <p>A transfer of {@code b} bytes takes {@code latency + 8 b / rate} seconds and costs the
 * sender {@code power x 8 b / rate} joules: only airtime draws transmit power, the propagation
 * and queueing in the latency do not.
 */
public interface LinkModel extends Serializable {
  /** Bits per second from {@code src} to {@code dst} in {@code round}; finite and positive. */
  double bitsPerSecond(Node src, Node dst, long round);

  /** One-way latency from {@code src} to {@code dst}, in seconds. */
  double latencySeconds(Node src, Node dst);

  /** Power the sender spends while transmitting to {@code dst}, in watts. */
  double transmitPowerWatts(Node src, Node dst);

  /**
   * Seconds to move {@code bytes} from src to dst in {@code round}: latency + 8 bytes / rate;
   * 0 for 0 bytes.
   */
  default double transferSeconds(Node src, Node dst, long round, double bytes) {
    if (Checks.nonNegative("bytes", bytes) == 0) {
      return 0;
    }
    return latencySeconds(src, dst) + airtimeSeconds(src, dst, round, bytes);
  }

  /** Seconds the sender transmits for {@code bytes}: 8 bytes / rate. */
  default double airtimeSeconds(Node src, Node dst, long round, double bytes) {
    if (Checks.nonNegative("bytes", bytes) == 0) {
      return 0;
    }
    return 8.0 * bytes / bitsPerSecond(src, dst, round);
  }

  /** Sender's joules for {@code bytes}: transmit power x airtime. */
  default double transferJoules(Node src, Node dst, long round, double bytes) {
    if (Checks.nonNegative("bytes", bytes) == 0) {
      return 0;
    }
    return transmitPowerWatts(src, dst) * airtimeSeconds(src, dst, round, bytes);
  }
}
