package org.foglab.network.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a byte stream with their byte positions, ended as {@link java.io.BufferedReader#readLine}
 * ends them: by {@code \n}, {@code \r\n} or a lone {@code \r}; a last line without an ending is a
 * line, an ending at the end of the stream starts none. Each line is decoded from UTF-8 on its own
 * (malformed bytes become U+FFFD, as a decoding reader makes them); an ending byte never occurs
 * inside a multi-byte UTF-8 sequence, so the text is the decoding reader's.
 *
 * <p>{@link #startsLine} and {@link #lineStarts} define where lines start in a file; the split
 * reader ({@link CsvSplits}) uses them so that every line belongs to exactly one byte range.
 */
public final class LineReader implements Closeable {
  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int lim;
  /** Byte position in the stream of {@code buf[0]}. */
  private long bufStart;
  private byte[] line = new byte[256];
  private long lineStart;
  private boolean eof;

  /**
   * @param in the stream, positioned at byte {@code position} of its file
   * @param position the file position of the stream's first byte
   */
  public LineReader(InputStream in, long position, int bufferBytes) {
    this.in = in;
    this.buf = new byte[bufferBytes];
    this.bufStart = position;
  }

  /** The file position of the next byte. */
  public long position() {
    return bufStart + pos;
  }

  /** The file position where the line last returned by {@link #readLine} starts. */
  public long lineStart() {
    return lineStart;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    bufStart += lim;
    pos = 0;
    lim = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    lim = n;
    return true;
  }

  /** The next byte without consuming it, or -1 at the end of the stream. */
  private int peek() throws IOException {
    if (pos >= lim && !fill()) {
      return -1;
    }
    return buf[pos] & 0xff;
  }

  /** The next line without its ending, or null at the end of the stream. */
  public String readLine() throws IOException {
    if (pos >= lim && !fill()) {
      return null;
    }
    lineStart = position();
    int len = 0;
    while (true) {
      if (pos >= lim && !fill()) {
        break;
      }
      int from = pos;
      int i = from;
      int end = lim;
      byte[] b = buf;
      while (i < end && b[i] != '\n' && b[i] != '\r') {
        i++;
      }
      int n = i - from;
      if (len == 0 && i < end) {
        // The whole line is in the buffer: decode it from there.
        pos = i;
        String s = new String(b, from, n, StandardCharsets.UTF_8);
        skipEnding();
        return s;
      }
      if (len + n > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, len + n));
      }
      System.arraycopy(b, from, line, len, n);
      len += n;
      pos = i;
      if (i < end) {
        skipEnding();
        break;
      }
    }
    return new String(line, 0, len, StandardCharsets.UTF_8);
  }

  /** Consumes the line ending at the current position (\n, \r\n or \r). */
  private void skipEnding() throws IOException {
    byte c = buf[pos++];
    if (c == '\r' && peek() == '\n') {
      pos++;
    }
  }

  /**
   * Skips to the first line start at or after the current position, given the byte just before
   * it ({@code before}, -1 at the start of the file): the current position starts a line when
   * the byte before ends one.
   */
  public void skipToLineStart(int before) throws IOException {
    int c = before;
    while (true) {
      if (c == '\n' || c == -1) {
        return;
      }
      int next = peek();
      if (c == '\r') {
        if (next == '\n') {
          pos++; // the \n ends the line; the next byte starts one
        }
        return;
      }
      if (next == -1) {
        return;
      }
      pos++;
      c = next;
    }
  }

  /**
   * Whether position p of a file starts a line, from the bytes at p - 1 and p (-1 when absent):
   * p = 0, or the byte before ends a line (a \n, or a \r not followed by \n).
   */
  public static boolean startsLine(int before, int at) {
    return before == -1 || before == '\n' || (before == '\r' && at != '\n');
  }

  /**
   * The number of line starts at positions in [from, to) of a file of {@code fileLength} bytes,
   * reading its bytes from {@code max(0, from - 1)} to {@code to - 1}; {@code in} is positioned at
   * {@code max(0, from - 1)}. Position p starts a line when p = 0 or {@link #startsLine} holds
   * for the bytes at p - 1 and p; the end of the file starts none.
   */
  public static long lineStarts(InputStream in, long from, long to, long fileLength)
      throws IOException {
    long end = Math.min(to, fileLength);
    if (from >= end) {
      return 0;
    }
    long count = from == 0 ? 1 : 0;
    long p = Math.max(0, from - 1); // position of the next byte read
    int prev = -2; // the byte at p - 1; -2 before the first byte read
    byte[] b = new byte[1 << 16];
    while (p < end) {
      int n = in.read(b, 0, (int) Math.min(b.length, end - p));
      if (n < 0) {
        throw new java.io.EOFException("the file ended at byte " + p + " of " + fileLength);
      }
      for (int i = 0; i < n; i++, p++) {
        int c = b[i];
        if ((prev == '\n' || (prev == '\r' && c != '\n')) && p >= from) {
          count++;
        }
        prev = c;
      }
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
