package org.foglab.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where foglab's own files are found: the installation directory ({@code foglab.home}, which the
 * launcher sets from {@code $FOGLAB_HOME}) holds the shipped MNIST set and the default warehouse,
 * so the defaults work from any working directory.
 */
public final class Installation {
  private Installation() {}

  /**
   * A dataset with a relative {@code mnist:DIR} that is not a directory under the working
   * directory but is one under {@code home}, made to name that directory; anything else as given.
   * So the default {@code mnist:data/mnist} and the shipped specs find the shipped set from
   * anywhere, while a directory the user names relative to where they stand keeps its meaning.
   */
  public static String dataset(String dataset, String home) {
    if (!dataset.startsWith("mnist:")) {
      return dataset;
    }
    try {
      Path dir = Path.of(dataset.substring("mnist:".length()));
      if (dir.isAbsolute() || Files.isDirectory(dir)) {
        return dataset;
      }
      Path installed = Path.of(home).resolve(dir);
      return Files.isDirectory(installed) ? "mnist:" + installed.toAbsolutePath().normalize() : dataset;
    } catch (InvalidPathException e) {
      // Not a local path: the dataset reader reports it.
      return dataset;
    }
  }
}
