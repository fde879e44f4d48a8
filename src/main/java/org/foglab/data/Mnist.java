package org.foglab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * MNIST-format datasets (LeCun, Cortes and Burges): an idx3 image file and an idx1 label file
 * with the same count, labels 0-9. Pixels become features in [0, 1] (value / 255), row-major.
 *
 * <p>Files may come from any directory; {@link #readDirectory(Path)} finds a pair named
 * {@code <prefix>-images-idx3-ubyte} / {@code <prefix>-labels-idx1-ubyte} (a dot may replace
 * the dash before {@code idx}; {@code .gz} optional), as distributed for {@code train} and
 * {@code t10k}.
 */
public final class Mnist {
  /** Number of classes (digits). */
  public static final int CLASSES = 10;

  private static final Pattern IMAGES = Pattern.compile("(.+)-images[-.]idx3-ubyte(\\.gz)?");
  private static final Pattern LABELS = Pattern.compile("(.+)-labels[-.]idx1-ubyte(\\.gz)?");

  private Mnist() {}

  /** Reads an image file and its label file; their counts must agree. */
  public static ArrayDataset read(Path images, Path labels) {
    IdxReader.Images img = IdxReader.readImages(images);
    byte[] lab = IdxReader.readLabels(labels);
    if (img.count() != lab.length) {
      throw new DatasetException(labels, images + " has " + img.count() + " images but "
          + labels + " has " + lab.length + " labels");
    }
    for (int i = 0; i < lab.length; i++) {
      if (lab[i] < 0 || lab[i] >= CLASSES) {
        throw new DatasetException(labels, labels + " has label " + (lab[i] & 0xff)
            + " at position " + i + ", but MNIST labels are digits 0-9");
      }
    }
    byte[] px = img.pixels();
    float[] features = new float[px.length];
    for (int i = 0; i < px.length; i++) {
      features[i] = (px[i] & 0xff) / 255f;
    }
    return new ArrayDataset(img.pixelsPerImage(), CLASSES, features, lab);
  }

  /** Reads the only MNIST pair in {@code dir}; several pairs need {@link #readDirectory(Path, String)}. */
  public static ArrayDataset readDirectory(Path dir) {
    TreeMap<String, Path[]> pairs = pairs(dir);
    if (pairs.size() > 1) {
      throw new DatasetException(dir, dir + " holds several MNIST sets " + pairs.keySet()
          + ": choose one by its prefix");
    }
    Path[] p = pairs.firstEntry().getValue();
    return read(p[0], p[1]);
  }

  /**
   * Reads the pair with {@code prefix} when {@code dir} holds several MNIST sets, else its only
   * set (so a directory with just the training or just the test set works too).
   */
  public static ArrayDataset readPreferring(Path dir, String prefix) {
    TreeMap<String, Path[]> pairs = pairs(dir);
    Path[] p = pairs.size() == 1 ? pairs.firstEntry().getValue() : pairs.get(prefix);
    if (p == null) {
      throw new DatasetException(dir, dir + " holds several MNIST sets " + pairs.keySet()
          + " and none with prefix \"" + prefix + "\"; keep one set in the directory");
    }
    return read(p[0], p[1]);
  }

  /** Reads the pair {@code <prefix>-images...} / {@code <prefix>-labels...} in {@code dir}. */
  public static ArrayDataset readDirectory(Path dir, String prefix) {
    TreeMap<String, Path[]> pairs = pairs(dir);
    Path[] p = pairs.get(prefix);
    if (p == null) {
      throw new DatasetException(dir, dir + " has no MNIST set with prefix \"" + prefix
          + "\"; it has " + pairs.keySet());
    }
    return read(p[0], p[1]);
  }

  private static TreeMap<String, Path[]> pairs(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(dir, "MNIST directory " + dir + " does not exist");
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.sorted().forEach(files::add);
    } catch (IOException e) {
      throw new DatasetException(dir, "could not list " + dir + ": " + e.getMessage(), e);
    }
    TreeMap<String, Path[]> pairs = new TreeMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      Matcher mi = IMAGES.matcher(name);
      Matcher ml = LABELS.matcher(name);
      if (mi.matches()) {
        pairs.computeIfAbsent(mi.group(1), k -> new Path[2])[0] = f;
      } else if (ml.matches()) {
        pairs.computeIfAbsent(ml.group(1), k -> new Path[2])[1] = f;
      }
    }
    if (pairs.isEmpty()) {
      throw new DatasetException(dir, dir + " has no MNIST files named like "
          + "t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz]");
    }
    for (var e : pairs.entrySet()) {
      if (e.getValue()[0] == null) {
        throw new DatasetException(dir, dir + " has a label file for \"" + e.getKey()
            + "\" but no " + e.getKey() + "-images-idx3-ubyte[.gz]");
      }
      if (e.getValue()[1] == null) {
        throw new DatasetException(dir, dir + " has an image file for \"" + e.getKey()
            + "\" but no " + e.getKey() + "-labels-idx1-ubyte[.gz]");
      }
    }
    return pairs;
  }
}
