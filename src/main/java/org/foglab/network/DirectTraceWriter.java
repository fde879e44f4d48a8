package org.foglab.network;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.foglab.config.TraceSpec;
import org.foglab.network.graph.GraphGenerator;
import org.foglab.network.io.HadoopConf;
import org.foglab.network.io.CsvTableWriter;
import org.foglab.network.io.ParquetTableWriter;
import org.foglab.network.io.TableSink;

/**
 * Writes a generated trace's devices and links tables (Parquet or CSV) straight from the tasks
 * that compute them: one Spark job, one task per device range writing that range's devices part file
 * and links part file, with the same rows, columns and types as the Spark writer of
 * {@link DistributedTraceGenerator}'s tables (read back unchanged by Spark and
 * {@code TraceReader}; CSV files hold the Spark CSV writer's text), and with each file's length and CRC-32C taken while writing, so the
 * manifest in {@code trace.json} costs no second read. Covers the generated topologies whose
 * edges are owned by one device each and never repeat (the others go through the Spark writer).
 *
 * <p>Task retries are safe: an attempt writes a hidden file named by its attempt and renames it
 * to the partition's part file only when complete; the contents are a pure function of the
 * seed, so whichever attempt's rename lands, the file is the same. A failed attempt deletes its
 * file; leftovers of killed attempts are removed when the job ends.
 */
public final class DirectTraceWriter {
  private DirectTraceWriter() {}

  /** One part file written: its table, name, length, CRC-32C (hex) and rows. */
  public record Part(String table, String name, long length, String crc32c, long rows)
      implements Serializable {}

  /**
   * What was written.
   *
   * @param deviceSlots rows of the devices table
   * @param links rows of the links table
   * @param manifest relative path to [length, crc32c] of every part file, as
   *     {@link TraceManifest#compute} records it
   * @param partitions device ranges (tasks)
   */
  public record Result(long deviceSlots, long links, Map<String, Object> manifest, int partitions) {}

  /** Whether the trace's devices and links can be written directly. */
  public static boolean supports(TraceSpec spec) {
    Topology t = spec.network().topology();
    if (t == Topology.EDGES || t == Topology.HIERARCHICAL) {
      return false;
    }
    return !TraceGenerator.graph(spec).mayRepeat();
  }

  /**
   * Writes {@code root/devices/part-NNNNN.parquet} and {@code root/links/part-NNNNN.parquet} (or
   * {@code .csv}), one pair per device range (the ranges of {@code spark.range(0, n, 1, p)}).
   */
  public static Result write(SparkSession spark, TraceSpec spec, int requestedPartitions,
      String root, TableFormat format) {
    if (!supports(spec)) {
      throw new IllegalArgumentException("topology " + spec.network().topology().configName()
          + " is written through Spark's writer");
    }
    if (format != TableFormat.CSV && format != TableFormat.PARQUET) {
      throw new IllegalArgumentException("table format " + format + " has no part writer");
    }
    GraphGenerator g = TraceGenerator.graph(spec);
    int n = g.devices();
    int p = DistributedTraceGenerator.partitions(spark, n, spec.model().slots(),
        requestedPartitions);
    SyntheticDraws draws = new SyntheticDraws(spec.seed(), spec.model(), n);
    StructType devicesSchema = DistributedTraceGenerator.devicesSchema(spec);
    Broadcast<SerializableConfiguration> hadoop = HadoopConf.broadcast(spark);
    Path base = new Path(root);
    String devicesDir = new Path(base, TraceSchema.DEVICES).toString();
    String linksDir = new Path(base, TraceSchema.LINKS).toString();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> ranges = IntStream.range(0, p).boxed().collect(Collectors.toList());
    List<Part> parts;
    try {
      parts = jsc.parallelize(ranges, p).map(i -> {
        long from = (long) i * n / p;
        long to = (long) (i + 1) * n / p;
        FileSystem fs = raw(new Path(devicesDir).getFileSystem(hadoop.value().value()));
        List<Part> out = new ArrayList<>(2);
        out.add(writePart(fs, devicesDir, TraceSchema.DEVICES, i,
            w -> writeDevices(w, draws, n, from, to), devicesSchema, format));
        out.add(writePart(fs, linksDir, TraceSchema.LINKS, i,
            w -> writeLinks(w, draws, g, n, from, to), TraceSchema.LINKS_SCHEMA, format));
        return out;
      }).collect().stream().flatMap(List::stream).toList();
    } finally {
      hadoop.destroy();
    }
    try {
      FileSystem fs = base.getFileSystem(jsc.hadoopConfiguration());
      Map<String, Object> manifest = new TreeMap<>();
      long deviceSlots = 0;
      long links = 0;
      Map<String, Part> byName = new HashMap<>();
      for (Part part : parts) {
        byName.put(part.table() + "/" + part.name(), part);
        manifest.put(part.table() + "/" + part.name(), List.of(part.length(), part.crc32c()));
        if (part.table().equals(TraceSchema.DEVICES)) {
          deviceSlots += part.rows();
        } else {
          links += part.rows();
        }
      }
      // The tables hold exactly the parts reported (killed attempts' hidden files go), with the
      // reported lengths; otherwise the manifest is taken from the files themselves.
      boolean exact = true;
      for (String table : List.of(TraceSchema.DEVICES, TraceSchema.LINKS)) {
        FileSystem rawFs = raw(fs);
        for (FileStatus st : rawFs.listStatus(new Path(base, table))) {
          String name = st.getPath().getName();
          if (name.startsWith(".")) {
            rawFs.delete(st.getPath(), false);
            continue;
          }
          Part part = byName.remove(table + "/" + name);
          if (part == null || part.length() != st.getLen()) {
            exact = false;
          }
        }
      }
      if (!exact || !byName.isEmpty()) {
        manifest = TraceManifest.compute(spark, root);
      }
      return new Result(deviceSlots, links, manifest, p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the written trace " + root + ": "
          + e.getMessage(), e);
    }
  }

  /** Deletes hidden files (killed attempts' leftovers) directly under {@code dir}. */
  public static void removeHidden(SparkSession spark, String dir) {
    try {
      Path d = new Path(dir);
      FileSystem fs = raw(d.getFileSystem(spark.sparkContext().hadoopConfiguration()));
      for (FileStatus st : fs.listStatus(d)) {
        if (st.getPath().getName().startsWith(".")) {
          fs.delete(st.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file system without Hadoop's checksum side files (the local file system's .crc files,
   * which the output step deletes anyway).
   */
  public static FileSystem raw(FileSystem fs) {
    return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
  }

  /** Rows of one part file. */
  public interface Rows {
    void write(TableSink w) throws IOException;
  }

  /**
   * Writes a part file under a name of this task attempt, then renames it into place; an
   * attempt that fails removes its file.
   */
  public static Part writePart(FileSystem fs, String dir, String table, int partition, Rows rows,
      StructType schema, TableFormat format) throws IOException {
    String name = String.format(java.util.Locale.ROOT, "part-%05d.%s", partition,
        format == TableFormat.CSV ? "csv" : "parquet");
    TaskContext task = TaskContext.get();
    long attempt = task == null ? System.nanoTime() : task.taskAttemptId();
    Path tmp = new Path(dir, "." + name + "." + attempt + ".tmp");
    Path target = new Path(dir, name);
    boolean done = false;
    try {
      TableSink w = format == TableFormat.CSV ? new CsvTableWriter(fs.create(tmp, false), schema)
          : new ParquetTableWriter(fs.create(tmp, false), schema);
      try {
        rows.write(w);
      } finally {
        w.close();
      }
      if (!fs.rename(tmp, target)) {
        // Another attempt of this partition got there first: its file has the same bytes.
        if (!fs.exists(target) || fs.getFileStatus(target).getLen() != w.length()) {
          throw new IOException("cannot rename " + tmp + " to " + target);
        }
        fs.delete(tmp, false);
      }
      done = true;
      return new Part(table, name, w.length(), w.crc32c(), w.rows());
    } finally {
      if (!done) {
        try {
          fs.delete(tmp, false);
        } catch (IOException ignored) {
          // The job's end removes hidden leftovers; the original failure is what to report.
        }
      }
    }
  }

  /** Zero-padded decimal digits of v into b (its length is the id width). */
  static void digits(long v, byte[] b) {
    for (int k = b.length - 1; k >= 0; k--) {
      b[k] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
  }

  /** Devices table rows of devices from .. to-1, in device then slot order. */
  static void writeDevices(TableSink w, SyntheticDraws draws, long n, long from,
      long to) throws IOException {
    byte[] id = new byte[DeviceIds.width(n)];
    boolean straggler = draws.model().straggler();
    int slots = draws.slots();
    for (long v = from; v < to; v++) {
      digits(v, id);
      for (int t = 1; t <= slots; t++) {
        if (!draws.active(v, t)) {
          continue;
        }
        w.string(0, id, 0, id.length);
        w.int32(1, t);
        w.float64(2, draws.data(v, t));
        double c = draws.capacity(v, t);
        if (c == Double.POSITIVE_INFINITY) {
          w.nullValue(3);
        } else {
          w.float64(3, c);
        }
        w.float64(4, draws.processCost(v, t));
        w.float64(5, draws.discardCost(v, t));
        if (straggler) {
          w.float64(6, draws.serviceRate(v));
        }
        w.endRow();
      }
    }
  }

  /**
   * Links table rows of the edges owned by devices from .. to-1, in the order the generator
   * emits them (each undirected edge as (a, b) then (b, a)), then by slot.
   */
  static void writeLinks(TableSink w, SyntheticDraws draws, GraphGenerator g, long n,
      long from, long to) throws IOException {
    int width = DeviceIds.width(n);
    byte[] a = new byte[width];
    byte[] b = new byte[width];
    boolean both = g.undirected();
    long[] edges = new long[64];
    for (long v = from; v < to; v++) {
      int[] count = {0};
      long[][] buf = {edges};
      g.edges((int) v, (int) v + 1, (x, y) -> {
        if (count[0] + 2 > buf[0].length) {
          buf[0] = java.util.Arrays.copyOf(buf[0], buf[0].length * 2);
        }
        buf[0][count[0]++] = x;
        buf[0][count[0]++] = y;
      });
      edges = buf[0];
      for (int e = 0; e < count[0]; e += 2) {
        long x = edges[e];
        long y = edges[e + 1];
        digits(x, a);
        digits(y, b);
        links(w, draws, x, y, a, b);
        if (both) {
          links(w, draws, y, x, b, a);
        }
      }
    }
  }

  private static void links(TableSink w, SyntheticDraws draws, long src, long dst,
      byte[] s, byte[] d) throws IOException {
    int slots = draws.slots();
    for (int t = 1; t <= slots; t++) {
      if (!draws.linkPresent(src, dst, t)) {
        continue;
      }
      w.string(0, s, 0, s.length);
      w.string(1, d, 0, d.length);
      w.int32(2, t);
      double c = draws.linkCapacity(src, dst, t);
      if (c == Double.POSITIVE_INFINITY) {
        w.nullValue(3);
      } else {
        w.float64(3, c);
      }
      w.float64(4, draws.linkCost(src, dst, t));
      w.endRow();
    }
  }
}
