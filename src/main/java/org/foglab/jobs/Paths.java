package org.foglab.jobs;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.foglab.config.ConfigError;

/**
 * Checks of a job's input directories that run in {@code configure}, before Spark starts: an
 * input must exist. Outputs are checked against the inputs by {@link OutputDirectory#check}.
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
