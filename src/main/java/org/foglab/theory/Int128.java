package org.foglab.theory;

import java.io.Serializable;
import java.math.BigInteger;

/** A non-negative 128-bit integer accumulator, for exact order-independent sums of longs. */
final class Int128 implements Serializable {
  private static final long serialVersionUID = 1L;
  private long high;
  private long low;

  /** Adds a non-negative {@code v}. */
  void add(long v) {
    long s = low + v;
    if (Long.compareUnsigned(s, low) < 0) {
      high++;
    }
    low = s;
  }

  void add(Int128 o) {
    long s = low + o.low;
    high += o.high;
    if (Long.compareUnsigned(s, low) < 0) {
      high++;
    }
    low = s;
  }

  BigInteger toBigInteger() {
    BigInteger lo = new BigInteger(Long.toUnsignedString(low));
    return BigInteger.valueOf(high).shiftLeft(64).add(lo);
  }

  double toDouble() {
    return toBigInteger().doubleValue();
  }
}
