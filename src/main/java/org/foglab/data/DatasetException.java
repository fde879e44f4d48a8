package org.foglab.data;

import java.nio.file.Path;

/**
 * A dataset could not be read or built: a missing or malformed file, or parameters that do not
 * fit the data. The message is one sentence that names the file or parameter to fix.
 */
public final class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public DatasetException(String message) {
    super(message);
    this.file = null;
  }

  public DatasetException(Path file, String message) {
    super(message);
    this.file = file;
  }

  public DatasetException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The offending file, or null when the problem is not tied to one file. */
  public Path file() {
    return file;
  }
}
