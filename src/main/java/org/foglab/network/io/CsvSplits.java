package org.foglab.network.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.foglab.InputError;

/**
 * Byte ranges of CSV files read by separate tasks, with exact line numbers. As Hadoop's line
 * reader does it, a range owns the lines that start inside it (lines end as {@link LineReader}
 * ends them), so every line is read by exactly one task. A first pass counts the line starts of
 * every range (bytes only, no parsing), so each range knows the number of its first line before
 * it is parsed, and rows and errors carry the line a sequential reader gives them. Files no
 * larger than one range are read whole, without the counting pass.
 *
 * <p>Records never span lines (a quoted field may not hold a line break: the record's line is
 * an unterminated quoted field), so a range's lines parse the same as in a whole-file read.
 */
public final class CsvSplits {
  private CsvSplits() {}

  /** Smallest range when the size is automatic: files up to this size are one task. */
  public static final long MIN_SPLIT_BYTES = 32L << 20;

  /**
   * The automatic range size for files of {@code totalBytes} on {@code parallelism} cores: about
   * four ranges per core, at least {@link #MIN_SPLIT_BYTES} (many part files need no cutting).
   */
  public static long automaticSplitBytes(long totalBytes, int parallelism) {
    long perTask = (totalBytes + 4L * parallelism - 1) / (4L * Math.max(1, parallelism));
    return Math.max(MIN_SPLIT_BYTES, perTask);
  }

  /**
   * One task's byte range of a file.
   *
   * @param file the file, as errors name it
   * @param start first byte position owned (lines starting in [start, end) are read)
   * @param end end of the range (exclusive)
   * @param length the file's length
   * @param index the range's index within its file (0 reads the header as its line 1)
   * @param linesBefore lines starting before {@code start}: the first line read is number
   *     linesBefore + 1
   */
  public record Split(String file, long start, long end, long length, int index, long linesBefore)
      implements Serializable {
    Split withLinesBefore(long n) {
      return new Split(file, start, end, length, index, n);
    }

    /** Whether this range is its whole file. */
    public boolean whole() {
      return start == 0 && end >= length;
    }
  }

  /**
   * The ranges of {@code files} (in order), at most {@code splitBytes} bytes each (0:
   * {@link #automaticSplitBytes}), with the lines before each range counted by a Spark job over
   * the files that have more than one range.
   */
  public static List<Split> plan(JavaSparkContext jsc, Broadcast<SerializableConfiguration> hadoop,
      List<String> files, long splitBytes) {
    if (splitBytes < 0) {
      throw new IllegalArgumentException("split bytes must be at least 0, got " + splitBytes);
    }
    List<Split> splits = new ArrayList<>();
    Configuration conf = hadoop.value().value();
    List<Long> lengths = new ArrayList<>();
    long total = 0;
    for (String f : files) {
      try {
        Path p = new Path(f);
        lengths.add(p.getFileSystem(conf).getFileStatus(p).getLen());
        total += lengths.get(lengths.size() - 1);
      } catch (IOException e) {
        throw new InputError(f, -1, null, "cannot read: " + e.getMessage());
      }
    }
    if (splitBytes == 0) {
      splitBytes = automaticSplitBytes(total, jsc.defaultParallelism());
    }
    for (int i = 0; i < files.size(); i++) {
      String f = files.get(i);
      long len = lengths.get(i);
      if (len <= splitBytes) {
        splits.add(new Split(f, 0, len, len, 0, 0));
        continue;
      }
      long n = (len + splitBytes - 1) / splitBytes;
      for (long k = 0; k < n; k++) {
        splits.add(new Split(f, k * splitBytes, Math.min(len, (k + 1) * splitBytes), len, (int) k, -1));
      }
    }
    List<Split> toCount = splits.stream().filter(s -> !s.whole()).toList();
    if (toCount.isEmpty()) {
      return splits;
    }
    List<Long> counts = jsc.parallelize(toCount, toCount.size())
        .map(s -> countLineStarts(s, hadoop.value().value())).collect();
    List<Split> out = new ArrayList<>();
    String file = null;
    long before = 0;
    int c = 0;
    for (Split s : splits) {
      if (s.whole()) {
        out.add(s);
        continue;
      }
      if (!s.file().equals(file)) {
        file = s.file();
        before = 0;
      }
      out.add(s.withLinesBefore(before));
      before += counts.get(c++);
    }
    return out;
  }

  /** Line starts inside a range, from its bytes only. */
  static long countLineStarts(Split s, Configuration conf) throws IOException {
    Path p = new Path(s.file());
    try (FSDataInputStream in = p.getFileSystem(conf).open(p)) {
      in.seek(Math.max(0, s.start() - 1));
      return LineReader.lineStarts(in, s.start(), s.end(), s.length());
    }
  }

  /**
   * Opens a range for parsing: the header from the file's first line, then the range's own
   * lines numbered from {@code linesBefore + 1} (range 0 reads the header as its line 1).
   */
  public static CsvRecords open(Split s, Configuration conf, List<String> required)
      throws IOException {
    Path p = new Path(s.file());
    FileSystem fs = p.getFileSystem(conf);
    if (s.index() == 0) {
      FSDataInputStream in = fs.open(p);
      LineReader lines = new LineReader(in, 0, 1 << 16);
      return new CsvRecords(bounded(lines, s.end()), lines, s.file(), required);
    }
    String header;
    try (BufferedReader h = new BufferedReader(new InputStreamReader(fs.open(p),
        StandardCharsets.UTF_8))) {
      header = h.readLine();
    }
    FSDataInputStream in = fs.open(p);
    in.seek(s.start() - 1);
    int before = in.read();
    LineReader lines = new LineReader(in, s.start(), 1 << 16);
    lines.skipToLineStart(before);
    return CsvRecords.continuing(header, bounded(lines, s.end()), lines, s.linesBefore(),
        s.file(), required);
  }

  /** The lines of a reader that start before {@code end}. */
  private static CsvRecords.Lines bounded(LineReader r, long end) {
    return () -> r.position() < end ? r.readLine() : null;
  }
}
