package org.foglab.testutil;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code foglabtest://}, known only to a Hadoop
 * configuration that names it ({@code fs.foglabtest.impl}) as a {@code spark.hadoop.*} setting
 * would: code that opens files with {@code new Configuration()} cannot open these paths. Every
 * path it hands out keeps the scheme, so readers never fall back to {@code file:}.
 */
public final class SchemeFileSystem extends FileSystem {
  public static final String SCHEME = "foglabtest";
  private final RawLocalFileSystem local = new RawLocalFileSystem();
  private Path working = new Path(SCHEME + ":///");

  /** Registers the scheme in a configuration (uncached, so each lookup reads that configuration). */
  public static void register(Configuration c) {
    c.set("fs." + SCHEME + ".impl", SchemeFileSystem.class.getName());
    c.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
  }

  public static void unregister(Configuration c) {
    c.unset("fs." + SCHEME + ".impl");
    c.unset("fs." + SCHEME + ".impl.disable.cache");
  }

  /** The foglabtest:// URI of a local path. */
  public static String uri(java.nio.file.Path p) {
    return SCHEME + "://" + p.toAbsolutePath();
  }

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    super.initialize(name, conf);
    local.initialize(URI.create("file:///"), conf);
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  private static Path toLocal(Path p) {
    return new Path("file", null, p.toUri().getPath());
  }

  private static FileStatus toScheme(FileStatus s) {
    s.setPath(new Path(SCHEME, null, s.getPath().toUri().getPath()));
    return s;
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    return local.open(toLocal(f), bufferSize);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite,
      int bufferSize, short replication, long blockSize, Progressable progress) throws IOException {
    return local.create(toLocal(f), permission, overwrite, bufferSize, replication, blockSize,
        progress);
  }

  @Override
  public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) throws IOException {
    return local.append(toLocal(f), bufferSize, progress);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    return local.rename(toLocal(src), toLocal(dst));
  }

  @Override
  public boolean delete(Path f, boolean recursive) throws IOException {
    return local.delete(toLocal(f), recursive);
  }

  @Override
  public FileStatus[] listStatus(Path f) throws FileNotFoundException, IOException {
    FileStatus[] all = local.listStatus(toLocal(f));
    for (FileStatus s : all) {
      toScheme(s);
    }
    return all;
  }

  @Override
  public void setWorkingDirectory(Path dir) {
    working = dir;
  }

  @Override
  public Path getWorkingDirectory() {
    return working;
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    return local.mkdirs(toLocal(f), permission);
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    return toScheme(local.getFileStatus(toLocal(f)));
  }
}
