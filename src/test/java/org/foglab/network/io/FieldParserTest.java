package org.foglab.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.foglab.jobs.TableIo;
import org.junit.jupiter.api.Test;

/**
 * The fast number parsing and writing against the JDK's: {@link FieldParser#number} accepts
 * exactly what {@link Double#parseDouble} accepts among number-like texts, with the same value to
 * the bit, and {@link TableIo#doubleText} reads back to the same double.
 */
class FieldParserTest {
  private static Double reference(String s) {
    for (char c : s.toCharArray()) {
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return null;
      }
    }
    if (s.isEmpty() || s.length() > 64) {
      return null;
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Test
  void randomNumberLikeTextsParseAsTheJdkParsesThem() {
    Random r = new Random(11);
    String alphabet = "0123456789.-+eE";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + r.nextInt(8);
      for (int k = 0; k < n; k++) {
        b.append(alphabet.charAt(r.nextInt(r.nextInt(4) == 0 ? alphabet.length() : 11)));
      }
      String s = b.toString();
      Double want = reference(s);
      Double got = FieldParser.number(s);
      if (want == null) {
        assertNull(got, s);
      } else {
        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), s);
      }
    }
  }

  @Test
  void writtenDoublesReadBackToTheSameBits() {
    Random r = new Random(12);
    for (int i = 0; i < 200_000; i++) {
      double d = switch (i % 4) {
        case 0 -> r.nextDouble();
        case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
        case 2 -> Double.longBitsToDouble(r.nextLong() & Long.MAX_VALUE);
        default -> r.nextInt(1000) / 8.0;
      };
      if (!Double.isFinite(d)) {
        continue;
      }
      String text = TableIo.doubleText(d);
      assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
      assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(FieldParser.number(text)), text);
      // Java's notation: scientific exactly where Double.toString uses it.
      assertEquals(Double.toString(d).contains("E"), text.contains("E"), text);
    }
    assertNull(TableIo.doubleText(null));
    assertEquals("0.0", TableIo.doubleText(0.0));
    assertEquals("1.0E-5", TableIo.doubleText(1e-5));
    assertEquals("123.5", TableIo.doubleText(123.5));
  }
}
