package org.foglab.jobs;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.foglab.InputError;

/**
 * Checks, in a job's {@code configure} (before Spark starts), that the files and directories it
 * reads exist and have the right kind; their contents are validated where they are read, with
 * file and line. Paths on file systems that cannot be reached from here are left to the reader.
 */
final class InputPaths {
  private InputPaths() {}

  /** A file the job reads ({@code --edges FILE}); null skips the check. */
  static void file(String path, String option) {
    FileStatus st = status(path);
    if (path == null || st == NOT_CHECKED) {
      return;
    }
    if (st == null) {
      throw new InputError(path, -1, null, "no such file (" + option + ")");
    }
    if (st.isDirectory()) {
      throw new InputError(path, -1, null, "is a directory; " + option + " takes a file");
    }
  }

  /** A directory the job reads ({@code --trace DIR}). */
  static void directory(String path, String option, String what) {
    FileStatus st = status(path);
    if (path == null || st == NOT_CHECKED) {
      return;
    }
    if (st == null) {
      throw new InputError(path, -1, null, "no such " + what + " directory (" + option + ")");
    }
    if (!st.isDirectory()) {
      throw new InputError(path, -1, null, "is a file; " + option + " takes a " + what + " directory");
    }
  }

  private static final FileStatus NOT_CHECKED = new FileStatus();

  private static FileStatus status(String path) {
    if (path == null) {
      return NOT_CHECKED;
    }
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(new Configuration());
      return fs.exists(p) ? fs.getFileStatus(p) : null;
    } catch (IOException | IllegalArgumentException e) {
      return NOT_CHECKED;
    }
  }
}
