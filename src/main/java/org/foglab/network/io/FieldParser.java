package org.foglab.network.io;

/** Strict parsing of numeric trace fields (no NaN, no infinities, no Java suffixes like "1d"). */
public final class FieldParser {
  private FieldParser() {}

  /** A finite decimal number, or null when the text is not one. */
  public static Double number(String s) {
    int n = s.length();
    if (n == 0 || n > 64) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!ok) {
        return null;
      }
    }
    double d;
    try {
      // Jackson's copy of FastDoubleParser: the same correctly rounded value as
      // Double.parseDouble (FieldParserTest compares them), without JDK 17's big-integer path.
      d = com.fasterxml.jackson.core.io.NumberInput.parseDouble(s, true);
    } catch (NumberFormatException e) {
      try {
        d = Double.parseDouble(s);
      } catch (NumberFormatException e2) {
        return null;
      }
    }
    return Double.isFinite(d) ? d : null;
  }

  /** A decimal integer in int range, or null. */
  public static Integer integer(String s) {
    int n = s.length();
    if (n == 0 || n > 11) {
      return null;
    }
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
