package org.foglab.theory;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** An exact rational number in lowest terms with a positive denominator. */
public record Rational(BigInteger numerator, BigInteger denominator) implements Serializable {
  public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);

  public Rational {
    if (denominator.signum() == 0) {
      throw new ArithmeticException("zero denominator");
    }
    if (denominator.signum() < 0) {
      numerator = numerator.negate();
      denominator = denominator.negate();
    }
    BigInteger g = numerator.gcd(denominator);
    if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
      numerator = numerator.divide(g);
      denominator = denominator.divide(g);
    }
    if (numerator.signum() == 0) {
      denominator = BigInteger.ONE;
    }
  }

  public static Rational of(long num, long den) {
    return new Rational(BigInteger.valueOf(num), BigInteger.valueOf(den));
  }

  public Rational plus(Rational o) {
    return new Rational(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
        denominator.multiply(o.denominator));
  }

  public Rational minus(Rational o) {
    return plus(o.negate());
  }

  public Rational times(Rational o) {
    return new Rational(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
  }

  public Rational negate() {
    return new Rational(numerator.negate(), denominator);
  }

  /** The nearest double (via a 40-digit decimal). */
  public double toDouble() {
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), new MathContext(40))
        .doubleValue();
  }
}
