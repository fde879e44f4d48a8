package org.foglab.network.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a table as one CSV part file in the text Spark's CSV writer gives a trace table
 * ({@code TableIo}): a header row, comma-separated values, {@code \n} line ends, integers in
 * decimal, doubles as Jackson's shortest round-trip text ({@code TableIo.doubleText}), nulls as
 * empty fields. Strings are written unquoted, so values that would need quotes (a comma, a
 * quote, a line break, edge whitespace) are refused: generated device ids never have them.
 */
public final class CsvTableWriter implements TableSink {
  private final ChecksummedStream out;
  private final int columns;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private long rows;
  private int column;
  private boolean closed;

  public CsvTableWriter(OutputStream out, StructType table) throws IOException {
    this.out = new ChecksummedStream(out);
    this.columns = table.size();
    byte[] header = (String.join(",", table.fieldNames()) + "\n").getBytes(StandardCharsets.UTF_8);
    put(header, 0, header.length);
  }

  private void put(byte[] b, int off, int len) throws IOException {
    if (pos + len > buf.length) {
      flushBuffer();
      if (len > buf.length) {
        buf = new byte[Math.max(len, buf.length * 2)];
      }
    }
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  private void separator(int c) throws IOException {
    if (c != column) {
      throw new IllegalStateException("column " + c + " written where column " + column
          + " was due");
    }
    if (c > 0) {
      if (pos == buf.length) {
        flushBuffer();
      }
      buf[pos++] = ',';
    }
    column++;
  }

  private void flushBuffer() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }

  @Override
  public void string(int c, byte[] b, int off, int len) throws IOException {
    for (int k = off; k < off + len; k++) {
      byte x = b[k];
      if (x == ',' || x == '"' || x == '\n' || x == '\r' || x == '\\'
          || ((k == off || k == off + len - 1) && (x == ' ' || x == '\t'))) {
        throw new IllegalArgumentException("the CSV part writer does not quote, and column " + c
            + " has the value '" + new String(b, off, len, StandardCharsets.UTF_8) + "'");
      }
    }
    if (len == 0) {
      throw new IllegalArgumentException("the CSV part writer does not quote, and column " + c
          + " has an empty string");
    }
    separator(c);
    put(b, off, len);
  }

  private void text(int c, String s) throws IOException {
    separator(c);
    if (pos + s.length() > buf.length) {
      flushBuffer();
    }
    for (int k = 0; k < s.length(); k++) {
      buf[pos++] = (byte) s.charAt(k);
    }
  }

  @Override
  public void int32(int c, int v) throws IOException {
    text(c, Integer.toString(v));
  }

  @Override
  public void int64(int c, long v) throws IOException {
    text(c, Long.toString(v));
  }

  @Override
  public void float64(int c, double v) throws IOException {
    text(c, com.fasterxml.jackson.core.io.NumberOutput.toString(v, true));
  }

  @Override
  public void nullValue(int c) throws IOException {
    separator(c);
  }

  @Override
  public void endRow() throws IOException {
    if (column != columns) {
      throw new IllegalStateException("a row with " + column + " of " + columns + " columns");
    }
    if (pos == buf.length) {
      flushBuffer();
    }
    buf[pos++] = '\n';
    column = 0;
    rows++;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public long length() {
    return out.getPos();
  }

  @Override
  public String crc32c() {
    return out.crc32c();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }
}
