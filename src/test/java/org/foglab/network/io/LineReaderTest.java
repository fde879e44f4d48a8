package org.foglab.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lines and line starts against {@link BufferedReader#readLine}, the sequential reference: on
 * random texts of separators, CR, LF and non-ASCII characters, a whole-stream read gives the
 * reference's lines, and cutting the bytes into ranges anywhere (every cut owning the lines that
 * start inside it) gives every line exactly once, numbered as the reference numbers it.
 */
class LineReaderTest {
  private static final String[] PIECES = {"a", "bc", ",", "\n", "\r", "\r\n", "\u00e9", "\"", " ",
      "\u20ac"};

  private static String randomText(Random r, int pieces) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      b.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static List<String> reference(String text) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new StringReader(text))) {
      for (String s = in.readLine(); s != null; s = in.readLine()) {
        lines.add(s);
      }
    }
    return lines;
  }

  /** The lines of range [start, end), each with its line number, read as a split task reads. */
  private static List<String> rangeLines(byte[] bytes, long start, long end, long linesBefore)
      throws IOException {
    List<String> out = new ArrayList<>();
    int before = start == 0 ? -1 : bytes[(int) start - 1];
    LineReader r = new LineReader(new ByteArrayInputStream(bytes, (int) start,
        bytes.length - (int) start), start, 7);
    r.skipToLineStart(before);
    long line = linesBefore;
    while (r.position() < end) {
      String s = r.readLine();
      if (s == null) {
        break;
      }
      out.add(++line + ":" + s);
    }
    return out;
  }

  @Test
  void wholeReadsAndEveryCutAgreeWithBufferedReader() throws IOException {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      String text = randomText(rnd, rnd.nextInt(40));
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      List<String> ref = reference(new String(bytes, StandardCharsets.UTF_8));
      List<String> numbered = new ArrayList<>();
      for (int i = 0; i < ref.size(); i++) {
        numbered.add((i + 1) + ":" + ref.get(i));
      }
      assertEquals(numbered, rangeLines(bytes, 0, bytes.length, 0), text);
      for (int size = 1; size <= bytes.length + 1; size++) {
        List<String> all = new ArrayList<>();
        long before = 0;
        for (long start = 0; start < Math.max(1, bytes.length); start += size) {
          long end = Math.min(bytes.length, start + size);
          long starts = LineReader.lineStarts(new ByteArrayInputStream(bytes,
              (int) Math.max(0, start - 1), bytes.length), start, end, bytes.length);
          List<String> got = rangeLines(bytes, start, end, before);
          assertEquals(starts, got.size(), "range " + start + ".." + end + " of " + text);
          all.addAll(got);
          before += starts;
        }
        assertEquals(numbered, all, "ranges of " + size + " bytes of " + escape(text));
      }
    }
  }

  @Test
  void malformedUtf8BecomesReplacementCharactersAsInADecodingReader() throws IOException {
    byte[] bytes = {'a', (byte) 0xC3, '\n', (byte) 0xFF, 'b', '\r', '\n', (byte) 0xE2, (byte) 0x82};
    List<String> ref = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
      for (String s = in.readLine(); s != null; s = in.readLine()) {
        ref.add(s.contains("\uFFFD") ? "bad" : s);
      }
    }
    List<String> got = new ArrayList<>();
    LineReader r = new LineReader(new ByteArrayInputStream(bytes), 0, 3);
    for (String s = r.readLine(); s != null; s = r.readLine()) {
      got.add(s.contains("\uFFFD") ? "bad" : s);
    }
    assertEquals(ref, got);
  }

  private static String escape(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
