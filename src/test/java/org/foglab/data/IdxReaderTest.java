package org.foglab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IDX and MNIST reading on tiny fixtures written by the test (plain and gzip). */
class IdxReaderTest {
  @TempDir
  Path dir;

  private void writePair(String prefix, boolean gzip) throws IOException {
    String ext = gzip ? ".gz" : "";
    IdxFixtures.write(dir.resolve(prefix + "-images-idx3-ubyte" + ext),
        IdxFixtures.images(3, 2, 3, IdxFixtures.PIXELS), gzip);
    IdxFixtures.write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext),
        IdxFixtures.labels(IdxFixtures.LABELS), gzip);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsImagesAndLabelsPlainAndGzip(boolean gzip) throws IOException {
    writePair("t10k", gzip);
    String ext = gzip ? ".gz" : "";
    IdxReader.Images img = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte" + ext));
    assertEquals(3, img.count());
    assertEquals(2, img.rows());
    assertEquals(3, img.columns());
    assertArrayEquals(IdxFixtures.PIXELS, img.pixels());
    assertArrayEquals(IdxFixtures.LABELS,
        IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte" + ext)));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void mnistScalesPixelsAndFindsThePairInAnyDirectory(boolean gzip) throws IOException {
    writePair("mine", gzip);
    ArrayDataset d = Mnist.readDirectory(dir);
    assertEquals(3, d.size());
    assertEquals(6, d.featureCount());
    assertEquals(10, d.classCount());
    assertEquals(7, d.label(0));
    assertEquals(9, d.label(2));
    // Unsigned bytes: 200 + 20 + 5 = 225 (negative as a signed byte).
    assertEquals(225 / 255f, d.feature(2, 5), 0f);
    assertEquals(13 / 255f, d.feature(1, 3), 0f);
    assertEquals(d, Mnist.readDirectory(dir, "mine"));
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("nope-images-idx3-ubyte.gz");
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertEquals(f, e.file());
    DatasetException d = assertThrows(DatasetException.class,
        () -> Mnist.readDirectory(dir.resolve("absent")));
    assertTrue(d.getMessage().contains("does not exist"), d.getMessage());
  }

  @Test
  void wrongMagicIsReported() throws IOException {
    Path f = IdxFixtures.write(dir.resolve("x-images-idx3-ubyte"),
        IdxFixtures.labels(IdxFixtures.LABELS), false);
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("magic number 0x00000801, expected 0x00000803"),
        e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void truncatedFilesAreReported(boolean gzip) throws IOException {
    byte[] full = IdxFixtures.images(3, 2, 3, IdxFixtures.PIXELS);
    byte[] cut = Arrays.copyOf(full, full.length - 4);
    Path f = IdxFixtures.write(dir.resolve("t-images-idx3-ubyte"), cut, gzip);
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()));
    // A header cut short.
    Path h = IdxFixtures.write(dir.resolve("h-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0},
        gzip);
    DatasetException eh = assertThrows(DatasetException.class, () -> IdxReader.readLabels(h));
    assertTrue(eh.getMessage().contains("truncated"), eh.getMessage());
  }

  @Test
  void gzipStreamCutShortIsReported() throws IOException {
    byte[] gz = IdxFixtures.gzip(IdxFixtures.images(3, 2, 3, IdxFixtures.PIXELS));
    Path f = dir.resolve("g-images-idx3-ubyte.gz");
    Files.write(f, Arrays.copyOf(gz, gz.length - 12));
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void trailingBytesAreReported() throws IOException {
    byte[] full = IdxFixtures.labels(IdxFixtures.LABELS);
    Path f = IdxFixtures.write(dir.resolve("x-labels-idx1-ubyte"), Arrays.copyOf(full,
        full.length + 1), false);
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readLabels(f));
    assertTrue(e.getMessage().contains("more data than its header declares"), e.getMessage());
  }

  @Test
  void countMismatchNamesBothFiles() throws IOException {
    Path img = IdxFixtures.write(dir.resolve("a-images-idx3-ubyte"),
        IdxFixtures.images(3, 2, 3, IdxFixtures.PIXELS), false);
    Path lab = IdxFixtures.write(dir.resolve("a-labels-idx1-ubyte"),
        IdxFixtures.labels(new byte[] {1, 2}), false);
    DatasetException e = assertThrows(DatasetException.class, () -> Mnist.read(img, lab));
    assertEquals(img + " has 3 images but " + lab + " has 2 labels", e.getMessage());
  }

  @Test
  void labelsOutsideDigitsAreRejected() throws IOException {
    Path img = IdxFixtures.write(dir.resolve("a-images-idx3-ubyte"),
        IdxFixtures.images(3, 2, 3, IdxFixtures.PIXELS), false);
    Path lab = IdxFixtures.write(dir.resolve("a-labels-idx1-ubyte"),
        IdxFixtures.labels(new byte[] {1, 12, 3}), false);
    DatasetException e = assertThrows(DatasetException.class, () -> Mnist.read(img, lab));
    assertTrue(e.getMessage().contains("label 12 at position 1"), e.getMessage());
  }

  @Test
  void severalSetsNeedAPrefix() throws IOException {
    writePair("train", false);
    writePair("t10k", true);
    DatasetException e = assertThrows(DatasetException.class, () -> Mnist.readDirectory(dir));
    assertTrue(e.getMessage().contains("[t10k, train]"), e.getMessage());
    assertEquals(3, Mnist.readDirectory(dir, "train").size());
    assertThrows(DatasetException.class, () -> Mnist.readDirectory(dir, "other"));
  }

  @Test
  void labelsWithoutImagesAreReported() throws IOException {
    IdxFixtures.write(dir.resolve("z-labels-idx1-ubyte"), IdxFixtures.labels(IdxFixtures.LABELS),
        false);
    DatasetException e = assertThrows(DatasetException.class, () -> Mnist.readDirectory(dir));
    assertTrue(e.getMessage().contains("no z-images-idx3-ubyte"), e.getMessage());
  }
}
