package org.foglab.network.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * A part file written row by row, one value per column and row (in column order), without
 * per-row objects; its length and CRC-32C are known once closed.
 */
public interface TableSink extends Closeable {
  /** A string value: UTF-8 bytes {@code b[off, off+len)}. */
  void string(int c, byte[] b, int off, int len) throws IOException;

  void int32(int c, int v) throws IOException;

  void int64(int c, long v) throws IOException;

  void float64(int c, double v) throws IOException;

  /** Null in a nullable column. */
  void nullValue(int c) throws IOException;

  /** Ends the current row. */
  void endRow() throws IOException;

  long rows();

  /** Bytes written, after close. */
  long length();

  /** CRC-32C of the bytes written, 8 hex digits, after close. */
  String crc32c();
}
