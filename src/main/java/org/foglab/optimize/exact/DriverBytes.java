package org.foglab.optimize.exact;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Tally of what {@link DistributedExactSolver} broadcasts from and collects into the driver, by
 * Java-serialized size: the measurable side of its promise that the driver holds nothing
 * proportional to the network (only O(blocks) and O(seams) quantities).
 */
final class DriverBytes {
  private long total;

  void broadcast(Object value) {
    total += size(value);
  }

  void collected(Object value) {
    total += size(value);
  }

  long total() {
    return total;
  }

  static long size(Object value) {
    long[] n = {0};
    OutputStream counter = new OutputStream() {
      @Override
      public void write(int b) {
        n[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        n[0] += len;
      }
    };
    try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n[0];
  }
}
