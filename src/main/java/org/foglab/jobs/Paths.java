package org.foglab.jobs;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.foglab.config.ConfigError;

/**
 * Checks of a job's input and output directories that run in {@code configure}, before Spark
 * starts: an input must exist, an output must not be a file, must be empty unless
 * {@code --overwrite true}, and must neither be, contain, nor sit inside one of the job's
 * inputs (so {@code --overwrite} can never delete what the job reads).
 */
final class Paths {
  private Paths() {}

  /** Refuses a missing input directory ({@code dir} null = not given). */
  static void requireDirectory(String dir, String option) {
    if (dir == null) {
      return;
    }
    try {
      Path p = new Path(dir);
      FileSystem fs = p.getFileSystem(new Configuration());
      if (!fs.exists(p)) {
        throw new ConfigError(null, option + " " + dir + ": no such directory");
      }
      if (!fs.getFileStatus(p).isDirectory()) {
        throw new ConfigError(null, option + " " + dir + " is a file; give a directory");
      }
    } catch (IOException e) {
      throw new ConfigError(null, option + " " + dir + " cannot be read: " + e.getMessage());
    }
  }

  /** Checks an output directory against its state on disk and the job's inputs. */
  static void checkOutput(String out, boolean overwrite, String option, String... inputs) {
    for (String in : inputs) {
      if (in != null && overlap(out, in)) {
        throw new ConfigError(null, option + " " + out + " overlaps the input " + in
            + "; an output may not be, contain or sit inside what the job reads");
      }
    }
    try {
      Path p = new Path(out);
      FileSystem fs = p.getFileSystem(new Configuration());
      if (fs.exists(p)) {
        FileStatus st = fs.getFileStatus(p);
        if (!st.isDirectory()) {
          throw new ConfigError(null, option + " " + out + " is a file; give a directory path");
        }
        if (!overwrite && fs.listStatus(p).length > 0) {
          throw new ConfigError(null, option + " " + out + " already exists and is not empty; "
              + "choose another directory or pass --overwrite true");
        }
      }
    } catch (IOException e) {
      throw new ConfigError(null, option + " " + out + " cannot be checked: " + e.getMessage());
    }
  }

  /** Whether one path is the other or lies inside it (after making both absolute). */
  static boolean overlap(String a, String b) {
    URI x = absolute(a);
    URI y = absolute(b);
    if (!java.util.Objects.equals(x.getScheme(), y.getScheme())
        || !java.util.Objects.equals(x.getAuthority(), y.getAuthority())) {
      return false;
    }
    String px = x.getPath().endsWith("/") ? x.getPath() : x.getPath() + "/";
    String py = y.getPath().endsWith("/") ? y.getPath() : y.getPath() + "/";
    return px.startsWith(py) || py.startsWith(px);
  }

  private static URI absolute(String p) {
    Path path = new Path(p);
    if (path.toUri().getScheme() == null) {
      return java.nio.file.Path.of(path.toUri().getPath()).toAbsolutePath().normalize().toUri();
    }
    return path.toUri().normalize();
  }
}
