package org.foglab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (LeCun et al.'s MNIST format): a big-endian header {@code 0x0000 type ndims}
 * followed by the dimension sizes and unsigned-byte data. Image files have magic
 * {@code 0x00000803} (count, rows, columns), label files {@code 0x00000801} (count). Files may
 * be gzip-compressed (detected from the content, not the name).
 *
 * <p>Every problem becomes a {@link DatasetException} naming the file: a missing file, a wrong
 * magic number, a header with non-positive sizes, fewer bytes than the header declares
 * (truncated) or more (trailing data).
 */
public final class IdxReader {
  /** Magic number of an idx3 unsigned-byte file (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an idx1 unsigned-byte file (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /**
   * The images of an idx3 file.
   *
   * @param count number of images
   * @param rows rows per image
   * @param columns columns per image
   * @param pixels {@code count * rows * columns} unsigned bytes, image-major then row-major
   */
  public record Images(int count, int rows, int columns, byte[] pixels) {
    public int pixelsPerImage() {
      return rows * columns;
    }
  }

  /** Reads an idx3 image file. */
  public static Images readImages(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = readHeaderInt(in, file);
      checkMagic(file, magic, IMAGES_MAGIC, "image (idx3)");
      int count = readHeaderInt(in, file);
      int rows = readHeaderInt(in, file);
      int cols = readHeaderInt(in, file);
      if (count < 0 || rows < 1 || cols < 1) {
        throw new DatasetException(file, file + " has an invalid idx3 header: " + count
            + " images of " + rows + "x" + cols + " pixels");
      }
      long bytes = (long) count * rows * cols;
      if (bytes > Integer.MAX_VALUE - 8) {
        throw new DatasetException(file, file + " declares " + count + " images of " + rows + "x"
            + cols + " pixels, more than one array can hold");
      }
      byte[] pixels = readBody(in, file, (int) bytes, count + " images of " + rows + "x" + cols);
      return new Images(count, rows, cols, pixels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** Reads an idx1 label file. */
  public static byte[] readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = readHeaderInt(in, file);
      checkMagic(file, magic, LABELS_MAGIC, "label (idx1)");
      int count = readHeaderInt(in, file);
      if (count < 0) {
        throw new DatasetException(file, file + " has an invalid idx1 header: " + count
            + " labels");
      }
      return readBody(in, file, count, count + " labels");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file, "IDX file " + file + " does not exist or is not a file");
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
      } catch (EOFException e) {
        raw.close();
        throw new DatasetException(file, file + " is a truncated gzip file", e);
      } catch (ZipException e) {
        raw.close();
        throw new DatasetException(file, file + " is not a valid gzip file: " + e.getMessage(), e);
      }
    }
    return new DataInputStream(raw);
  }

  private static int readHeaderInt(DataInputStream in, Path file) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DatasetException(file, file + " is truncated: it ends inside the IDX header", e);
    }
  }

  private static void checkMagic(Path file, int magic, int expected, String kind) {
    if (magic != expected) {
      throw new DatasetException(file, String.format(
          "%s is not an IDX %s file: magic number 0x%08X, expected 0x%08X", file, kind, magic,
          expected));
    }
  }

  private static byte[] readBody(DataInputStream in, Path file, int bytes, String declared)
      throws IOException {
    byte[] body = new byte[bytes];
    int got = 0;
    try {
      while (got < bytes) {
        int r = in.read(body, got, bytes - got);
        if (r < 0) {
          break;
        }
        got += r;
      }
    } catch (EOFException e) {
      // A gzip stream cut short throws instead of returning -1.
      throw new DatasetException(file, file + " is truncated: its header declares " + declared
          + " but the compressed data ends after " + got + " of " + bytes + " data bytes", e);
    }
    if (got < bytes) {
      throw new DatasetException(file, file + " is truncated: its header declares " + declared
          + " but only " + got + " of " + bytes + " data bytes follow");
    }
    boolean trailing;
    try {
      trailing = in.read() >= 0;
    } catch (EOFException e) {
      // The data are complete but the gzip trailer is missing.
      throw new DatasetException(file, file + " is a truncated gzip file: its trailer is missing",
          e);
    }
    if (trailing) {
      throw new DatasetException(file, file + " has more data than its header declares ("
          + declared + ")");
    }
    return body;
  }

  private static DatasetException unreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new DatasetException(file, "IDX file " + file + " does not exist", e);
    }
    if (e instanceof ZipException) {
      return new DatasetException(file, file + " is not a valid gzip file: " + e.getMessage(), e);
    }
    return new DatasetException(file, "could not read " + file + ": " + e.getMessage(), e);
  }
}
