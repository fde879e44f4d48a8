package org.foglab.network;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The checksums of a trace's table files, recorded by {@code generate} in {@code trace.json}:
 * every part file's path relative to the trace, its length and its CRC-32C. A trace whose files
 * all still match was written by the generator, whose rows and keys are valid by construction,
 * so {@code solve} may skip re-validating them ({@code solve.validation = auto}); one changed,
 * added or missing byte and the trace is validated in full. Checksums are computed by a Spark
 * job, one task per file, so nothing proportional to the trace passes through the driver.
 */
public final class TraceManifest {
  private TraceManifest() {}

  /** Key of the manifest in {@code trace.json}. */
  public static final String KEY = "manifest";

  /** The manifest of the table files under {@code root}: relative path to [length, crc32c]. */
  public static Map<String, Object> compute(SparkSession spark, String root) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Path base = new Path(root);
    try {
      FileSystem fs = base.getFileSystem(jsc.hadoopConfiguration());
      String prefix = fs.makeQualified(base).toString();
      List<String> files = new ArrayList<>();
      for (String table : List.of(TraceSchema.DEVICES, TraceSchema.LINKS)) {
        TraceReader.Located at = TraceReader.locate(fs, base, table, false);
        if (at != null) {
          files.addAll(at.files());
        }
      }
      Map<String, Object> out = new TreeMap<>();
      if (files.isEmpty() || files.stream().anyMatch(f -> f.contains(","))) {
        return out; // nothing to record (a comma cannot pass through binaryFiles' path list)
      }
      Map<String, String> crc = checksums(jsc, files);
      for (String f : files) {
        Path p = fs.makeQualified(new Path(f));
        FileStatus st = fs.getFileStatus(p);
        String sum = crc.get(p.toString());
        if (sum == null) {
          return new TreeMap<>(); // no checksum for a file: record none, so solve validates
        }
        out.put(relative(prefix, p.toString()), List.of(st.getLen(), sum));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot checksum the trace's files: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code files} (the located table files of the trace at {@code root}) are exactly the
   * ones {@code manifest} lists, with the same lengths and checksums.
   */
  static boolean matches(SparkSession spark, FileSystem fs, String root, Object manifest,
      List<String> files) throws IOException {
    if (!(manifest instanceof Map<?, ?> recorded) || recorded.size() != files.size()
        || files.isEmpty() || files.stream().anyMatch(f -> f.contains(","))) {
      return false;
    }
    String prefix = fs.makeQualified(new Path(root)).toString();
    List<String> qualified = new ArrayList<>();
    for (String f : files) {
      Path p = fs.makeQualified(new Path(f));
      Object entry = recorded.get(relative(prefix, p.toString()));
      if (!(entry instanceof List<?> e) || e.size() != 2 || !(e.get(0) instanceof Number len)
          || fs.getFileStatus(p).getLen() != len.longValue()) {
        return false;
      }
      qualified.add(p.toString());
    }
    Map<String, String> crc = checksums(JavaSparkContext.fromSparkContext(spark.sparkContext()),
        qualified);
    for (String q : qualified) {
      List<?> e = (List<?>) recorded.get(relative(prefix, q));
      if (!String.valueOf(e.get(1)).equals(crc.get(q))) {
        return false;
      }
    }
    return true;
  }

  private static String relative(String prefix, String path) {
    return path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : path;
  }

  /**
   * CRC-32C of each file, qualified path to hex, one task per file (a file the job does not
   * report has no entry, so it matches nothing).
   */
  static Map<String, String> checksums(JavaSparkContext jsc, List<String> files) {
    Map<String, String> out = new TreeMap<>();
    List<Tuple2<String, String>> sums = jsc.binaryFiles(String.join(",", files), files.size())
        .mapValues(TraceManifest::crc32c).collect();
    for (Tuple2<String, String> s : sums) {
      out.put(s._1(), s._2());
    }
    return out;
  }

  private static String crc32c(PortableDataStream stream) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = stream.open()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        crc.update(buf, 0, n);
      }
    }
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }
}
