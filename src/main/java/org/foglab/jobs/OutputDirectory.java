package org.foglab.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.foglab.config.ConfigError;

/**
 * An output directory written all-or-nothing: a job writes into a hidden staging directory
 * beside the target and {@link #commit()} renames it into place, so a failed or killed job
 * leaves no half-written output under the name the user asked for. Works on any Hadoop file
 * system (local, HDFS; on object stores the final rename is a copy).
 */
public final class OutputDirectory implements AutoCloseable {
  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private final boolean overwrite;
  private boolean committed;

  private OutputDirectory(FileSystem fs, Path target, Path staging, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
    this.overwrite = overwrite;
  }

  /**
   * Checks an output directory against the job's inputs before anything runs (jobs call this in
   * {@code configure}, before Spark starts): the output may not be a file, may not be a non-empty
   * directory unless {@code overwrite}, and may never be, contain or sit inside an input, so
   * {@code --overwrite} can never replace or delete what the job reads. Paths are compared after
   * resolving symbolic links (local files) and qualifying them (any Hadoop file system).
   *
   * @param optionName how errors name the output, e.g. {@code --out}
   * @param inputs how errors name each input (e.g. {@code --trace}) and its path; null paths and
   *     non-path values are skipped
   */
  public static void check(String dir, boolean overwrite, String optionName,
      java.util.Map<String, String> inputs) {
    check(dir, overwrite, optionName, inputs, new Configuration());
  }

  static void check(String dir, boolean overwrite, String optionName,
      java.util.Map<String, String> inputs, Configuration hadoop) {
    Path target;
    FileSystem fs;
    try {
      target = new Path(dir);
      fs = target.getFileSystem(hadoop);
      target = fs.makeQualified(target);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigError(null, optionName + " " + dir + " is not a usable path: " + e.getMessage());
    }
    String out = canonical(target);
    for (java.util.Map.Entry<String, String> in : inputs.entrySet()) {
      if (in.getValue() == null || in.getValue().isBlank()) {
        continue;
      }
      String input;
      try {
        Path p = new Path(in.getValue());
        input = canonical(p.getFileSystem(hadoop).makeQualified(p));
      } catch (IOException | IllegalArgumentException e) {
        continue;
      }
      String why = out.equals(input) ? "is the input " : inside(input, out) ? "contains the input "
          : inside(out, input) ? "sits inside the input " : null;
      if (why != null) {
        throw new ConfigError(null, optionName + " " + dir + " " + why + in.getKey() + " "
            + in.getValue() + "; write the output elsewhere (an output never replaces or deletes "
            + "what a job reads)");
      }
    }
    try {
      checkTarget(fs, target, dir, overwrite, optionName);
    } catch (IOException e) {
      throw new ConfigError(null, optionName + " " + dir + " cannot be checked: " + e.getMessage());
    }
  }

  /** The output may not be a file, nor a non-empty directory unless {@code overwrite}. */
  private static void checkTarget(FileSystem fs, Path target, String dir, boolean overwrite,
      String optionName) throws IOException {
    if (fs.exists(target)) {
      FileStatus st = fs.getFileStatus(target);
      if (!st.isDirectory()) {
        throw new ConfigError(null, optionName + " " + dir + " is a file; give a directory path");
      }
      if (!overwrite && fs.listStatus(target).length > 0) {
        throw new ConfigError(null, optionName + " " + dir
            + " already exists and is not empty; choose another directory or pass --overwrite true");
      }
    }
  }

  /**
   * A bench command's work directory (it holds the bench's own traces and bench.json, replaced
   * run by run): checked before Spark starts, it may not be a file.
   */
  public static String workDir(String dir) {
    if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of(dir))) {
      throw new ConfigError(null, "--work-dir " + dir + " is a file; give a directory path");
    }
    return dir;
  }

  /** Whether {@code child} is strictly below {@code parent} (both canonical URIs). */
  private static boolean inside(String child, String parent) {
    String p = parent.endsWith("/") ? parent : parent + "/";
    return child.startsWith(p);
  }

  /** A qualified path as a string, symbolic links resolved for local files (existing prefix). */
  private static String canonical(Path qualified) {
    String s = qualified.toString();
    if (!"file".equals(qualified.toUri().getScheme())) {
      return trimSlash(s);
    }
    java.nio.file.Path p = java.nio.file.Paths.get(qualified.toUri()).toAbsolutePath().normalize();
    java.nio.file.Path rest = null;
    while (p != null && !java.nio.file.Files.exists(p)) {
      rest = rest == null ? p.getFileName() : p.getFileName().resolve(rest);
      p = p.getParent();
    }
    if (p == null) {
      return trimSlash(s);
    }
    try {
      java.nio.file.Path real = p.toRealPath();
      return trimSlash("file:" + (rest == null ? real : real.resolve(rest)).toString());
    } catch (IOException e) {
      return trimSlash(s);
    }
  }

  private static String trimSlash(String s) {
    return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** {@link #open(String, boolean, String, Configuration, String)} after checking against inputs. */
  public static OutputDirectory open(String dir, boolean overwrite, String runId,
      Configuration hadoop, String optionName, java.util.Map<String, String> inputs) {
    check(dir, overwrite, optionName, inputs, hadoop);
    return open(dir, overwrite, runId, hadoop, optionName);
  }

  /**
   * Checks the target and creates the staging directory.
   *
   * @param optionName how errors name the setting, e.g. {@code --out}
   */
  public static OutputDirectory open(String dir, boolean overwrite, String runId,
      Configuration hadoop, String optionName) {
    try {
      Path target = new Path(dir);
      FileSystem fs = target.getFileSystem(hadoop);
      target = fs.makeQualified(target);
      checkTarget(fs, target, dir, overwrite, optionName);
      Path parent = target.getParent();
      if (parent != null && !fs.exists(parent)) {
        fs.mkdirs(parent);
      }
      Path staging = new Path(parent, "." + target.getName() + ".foglab-" + runId);
      fs.delete(staging, true);
      fs.mkdirs(staging);
      return new OutputDirectory(fs, target, staging, overwrite);
    } catch (IOException e) {
      throw new ConfigError(null, optionName + " " + dir + " cannot be prepared: " + e.getMessage());
    }
  }

  /** The staging directory itself, as a string (the trace root before commit). */
  public String stagingPath() {
    return staging.toString();
  }

  /** Path of an entry inside the staging directory, as a string for Spark writers. */
  public String path(String name) {
    return new Path(staging, name).toString();
  }

  public Path target() {
    return target;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** Writes a small text file (JSON summaries) into the staging directory. */
  public void writeText(String name, String text) {
    try (OutputStream out = fs.create(new Path(staging, name), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + name + ": " + e.getMessage(), e);
    }
  }

  /** Writes a small binary file (a chart) into the staging directory. */
  public void writeBytes(String name, byte[] bytes) {
    try (OutputStream out = fs.create(new Path(staging, name), true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + name + ": " + e.getMessage(), e);
    }
  }

  /** Moves the staging directory into place, replacing an existing target if allowed. */
  public void commit() {
    try {
      removeSparkMarkers(staging);
      Path old = null;
      if (fs.exists(target)) {
        if (!overwrite && fs.listStatus(target).length > 0) {
          throw new ConfigError(null, target + " appeared while the job ran; output left in " + staging);
        }
        old = new Path(target.getParent(), "." + target.getName() + ".foglab-replaced-" + System.nanoTime());
        if (!fs.rename(target, old)) {
          throw new IOException("cannot move " + target + " aside");
        }
      }
      if (!fs.rename(staging, target)) {
        if (old != null) {
          fs.rename(old, target);
        }
        throw new IOException("cannot rename " + staging + " to " + target);
      }
      if (old != null) {
        fs.delete(old, true);
      }
      committed = true;
    } catch (IOException e) {
      throw new IllegalStateException("cannot commit output " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Spark's _SUCCESS markers and the local file system's .crc side files are noise in a user's
   * output. Checksum file systems hide .crc files from listings, so list the raw one.
   */
  private void removeSparkMarkers(Path dir) throws IOException {
    FileSystem raw = fs instanceof org.apache.hadoop.fs.ChecksumFileSystem c ? c.getRawFileSystem() : fs;
    for (FileStatus st : raw.listStatus(dir)) {
      String name = st.getPath().getName();
      if (st.isDirectory()) {
        removeSparkMarkers(st.getPath());
      } else if (name.equals("_SUCCESS") || (name.startsWith(".") && name.endsWith(".crc"))) {
        raw.delete(st.getPath(), false);
      }
    }
  }

  /** Removes the staging directory unless committed. */
  @Override
  public void close() {
    if (!committed) {
      try {
        fs.delete(staging, true);
      } catch (IOException ignored) {
        // Best effort: a leftover hidden staging directory is harmless and named by run id.
      }
    }
  }
}
