package org.foglab.network.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A part file's output stream that counts and checksums (CRC-32C) every byte on its way to the
 * file, so a writer knows its file's length and checksum without reading it back.
 */
final class ChecksummedStream extends PositionOutputStream {
  private final OutputStream out;
  private final CRC32C crc = new CRC32C();
  private long pos;

  ChecksummedStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public long getPos() {
    return pos;
  }

  /** CRC-32C of the bytes written so far, as 8 hex digits (as TraceManifest records it). */
  String crc32c() {
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    crc.update(b);
    pos++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    crc.update(b, off, len);
    pos += len;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
