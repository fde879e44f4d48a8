package org.foglab.network;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.foglab.network.io.HadoopConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.foglab.network.graph.GraphGenerator;
import scala.Tuple2;

/**
 * {@link GraphStatistics} of a generated graph (devices 0..n-1, ids their zero-padded indices,
 * keys their indices), computed on int arrays per device range instead of DataFrames of string
 * ids: each range generates its edges once (cached), sends each endpoint to the range that owns
 * it (degrees) and its local union-find stars to one task, which labels every linked device
 * with its component's smallest index (weakly connected components, as
 * {@link ConnectedComponents} defines them) and sends the labels back to the owning ranges. The
 * tables and summary are those of {@link GraphStatistics#compute}; graphs with more devices than
 * one task should label go through that general path.
 */
public final class GeneratedGraphStatistics {
  private GeneratedGraphStatistics() {}

  static final StructType VERTICES = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("out_degree", DataTypes.LongType, false)
      .add("in_degree", DataTypes.LongType, false)
      .add("component", DataTypes.LongType, false);
  static final StructType DISTRIBUTION = new StructType()
      .add("degree", DataTypes.LongType, false)
      .add("out_devices", DataTypes.LongType, false)
      .add("in_devices", DataTypes.LongType, false);
  static final StructType COMPONENTS = new StructType()
      .add("component", DataTypes.LongType, false)
      .add("size", DataTypes.LongType, false);

  /** One device range's degrees and component labels. */
  public record Range(int from, int[] out, int[] in, int[] component) implements Serializable {}

  /** A range's counts for the summary and the degree distribution. */
  record Partial(long devices, long links, long maxOut, long maxIn, long isolated,
      Map<Long, Long> outHistogram, Map<Long, Long> inHistogram) implements Serializable {}

  /**
   * The statistics of the generator's graph over {@code partitions} device ranges, or null when
   * it has more devices than one task labels ({@link ConnectedComponents#ONE_TASK_EDGES}, the
   * general path's one-task limit; its union-find holds every linked device): then use
   * {@link GraphStatistics#compute}.
   */
  public static Stats compute(SparkSession spark, GraphGenerator g, int partitions) {
    return compute(spark, g, partitions, ConnectedComponents.ONE_TASK_EDGES);
  }

  static Stats compute(SparkSession spark, GraphGenerator g, int partitions,
      long oneTaskDevices) {
    int n = g.devices();
    if (n > oneTaskDevices) {
      return null;
    }
    int p = partitions;
    boolean undirected = g.undirected();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> ranges = IntStream.range(0, p).boxed().collect(Collectors.toList());
    JavaRDD<int[]> edges = jsc.parallelize(ranges, p).map(i -> {
      IntList e = new IntList();
      g.edges(from(i, n, p), from(i + 1, n, p), (a, b) -> {
        e.add(a);
        e.add(b);
      });
      return e.toArray();
    }).persist(StorageLevel.MEMORY_AND_DISK());
    // Endpoints to their ranges: an undirected edge adds 1 to both degrees of both ends, a
    // directed one to its source's out-degree (index) and its target's in-degree (~index).
    JavaPairRDD<Integer, int[]> ends = edges.flatMapToPair(e -> {
      IntList[] to = new IntList[p];
      for (int k = 0; k < e.length; k += 2) {
        int a = e[k];
        int b = e[k + 1];
        add(to, owner(a, n, p), a);
        add(to, owner(b, n, p), undirected ? b : ~b);
      }
      List<Tuple2<Integer, int[]>> out = new ArrayList<>();
      for (int r = 0; r < p; r++) {
        if (to[r] != null) {
          out.add(new Tuple2<>(r, to[r].toArray()));
        }
      }
      return out.iterator();
    }).partitionBy(new HashPartitioner(p));
    // One task joins the ranges' stars: (device, component) of every linked device, and the
    // linked components by size (largest first, then by label) with their sizes.
    JavaRDD<Labels> labels = edges.mapToPair(e -> new Tuple2<>(0, ConnectedComponents.LocalUnionFind.stars(e)))
        .partitionBy(new HashPartitioner(1)).values()
        .mapPartitions((Iterator<int[]> it) -> List.of(Labels.of(it, n)).iterator())
        .persist(StorageLevel.MEMORY_AND_DISK());
    JavaPairRDD<Integer, int[]> labelsByRange = labels.flatMapToPair(l -> {
      int[] s = l.stars();
      IntList[] to = new IntList[p];
      for (int k = 0; k < s.length; k += 2) {
        int r = owner(s[k], n, p);
        add(to, r, s[k]);
        to[r].add(s[k + 1]);
      }
      List<Tuple2<Integer, int[]>> out = new ArrayList<>();
      for (int r = 0; r < p; r++) {
        if (to[r] != null) {
          out.add(new Tuple2<>(r, to[r].toArray()));
        }
      }
      return out.iterator();
    }).partitionBy(new HashPartitioner(p));
    JavaRDD<Range> vertexRanges = ends.cogroup(labelsByRange).mapPartitionsWithIndex(
        (r, it) -> {
          int from = from(r, n, p);
          int size = from(r + 1, n, p) - from;
          int[] out = new int[size];
          int[] in = new int[size];
          int[] comp = new int[size];
          for (int v = 0; v < size; v++) {
            comp[v] = from + v;
          }
          while (it.hasNext()) {
            Tuple2<Iterable<int[]>, Iterable<int[]>> t = it.next()._2();
            for (int[] e : t._1()) {
              for (int x : e) {
                if (x >= 0) {
                  out[x - from]++;
                  if (undirected) {
                    in[x - from]++;
                  }
                } else {
                  in[~x - from]++;
                }
              }
            }
            for (int[] s : t._2()) {
              for (int k = 0; k < s.length; k += 2) {
                comp[s[k] - from] = s[k + 1];
              }
            }
          }
          return List.of(new Range(from, out, in, comp)).iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
    List<Partial> partials = vertexRanges.map(GeneratedGraphStatistics::partial).collect();
    edges.unpersist(false);

    int width = DeviceIds.width(n);
    Dataset<Row> vertices = spark.createDataFrame(vertexRanges.flatMap(rg -> {
      List<Row> rows = new ArrayList<>(rg.out().length);
      for (int v = 0; v < rg.out().length; v++) {
        rows.add(RowFactory.create(DeviceIds.id(rg.from() + v, width), (long) rg.out()[v],
            (long) rg.in()[v], (long) rg.component()[v]));
      }
      return rows.iterator();
    }), VERTICES);

    long devices = 0;
    long links = 0;
    long maxOut = 0;
    long maxIn = 0;
    long isolated = 0;
    Map<Long, long[]> histogram = new TreeMap<>();
    for (Partial q : partials) {
      devices += q.devices();
      links += q.links();
      maxOut = Math.max(maxOut, q.maxOut());
      maxIn = Math.max(maxIn, q.maxIn());
      isolated += q.isolated();
      q.outHistogram().forEach((d, c) -> histogram.computeIfAbsent(d, k -> new long[2])[0] += c);
      q.inHistogram().forEach((d, c) -> histogram.computeIfAbsent(d, k -> new long[2])[1] += c);
    }
    List<Row> dist = new ArrayList<>();
    histogram.forEach((d, c) -> dist.add(RowFactory.create(d, c[0], c[1])));
    Dataset<Row> degreeDistribution = spark.createDataFrame(dist, DISTRIBUTION);

    // Components: the linked ones, then every isolated device alone (size 1, in index order):
    // already the order of size descending, then label.
    long linkedComponents = 0;
    long largest = isolated > 0 ? 1 : 0;
    for (long[] c : labels.map(l -> new long[] {l.components().length / 2,
        l.components().length == 0 ? 0 : l.components()[1]}).collect()) {
      linkedComponents += c[0];
      largest = Math.max(largest, c[1]);
    }
    JavaRDD<long[]> componentRows = labels.map(Labels::components).union(vertexRanges.map(rg -> {
      GeneratedGraphStatistics.LongList rows = new GeneratedGraphStatistics.LongList();
      for (int v = 0; v < rg.out().length; v++) {
        if (rg.out()[v] + rg.in()[v] == 0) {
          rows.add(rg.from() + v);
          rows.add(1);
        }
      }
      return rows.toArray();
    }));
    Dataset<Row> components = spark.createDataFrame(componentRows.flatMap(c -> {
      List<Row> rows = new ArrayList<>(c.length / 2);
      for (int k = 0; k < c.length; k += 2) {
        rows.add(RowFactory.create(c[k], c[k + 1]));
      }
      return rows.iterator();
    }), COMPONENTS);

    Map<String, Object> s = new LinkedHashMap<>();
    s.put("devices", devices);
    s.put("directed_links", links);
    s.put("undirected", undirected);
    s.put("mean_out_degree", devices == 0 ? 0.0 : (double) links / devices);
    s.put("max_out_degree", maxOut);
    s.put("max_in_degree", maxIn);
    s.put("isolated_devices", isolated);
    s.put("components", linkedComponents + isolated);
    s.put("largest_component", largest);
    return new Stats(new GraphStatistics.Result(vertices, degreeDistribution, components, s),
        vertexRanges, n, dist, componentRows, labels);
  }

  /**
   * The statistics, and the device ranges behind their vertices table (cached), which
   * {@link #write} writes without Rows.
   */
  public record Stats(GraphStatistics.Result result, JavaRDD<Range> ranges, int devices,
      List<Row> distribution, JavaRDD<long[]> componentRows, JavaRDD<Labels> labels) {
    /**
     * Writes {@code graph/vertices}, {@code graph/degree_distribution} and
     * {@code graph/components} under {@code graphDir} as part files (Parquet or CSV), from the tasks
     * holding them (the distribution, a few rows, from the driver), and releases the cached
     * ranges.
     */
    public void write(SparkSession spark, String graphDir, TableFormat format) {
      try {
        writeVertices(spark, graphDir + "/vertices", format);
        try {
          Path dir = new Path(graphDir, "degree_distribution");
          FileSystem fs = DirectTraceWriter.raw(dir.getFileSystem(
              spark.sparkContext().hadoopConfiguration()));
          fs.mkdirs(dir);
          DirectTraceWriter.writePart(fs, dir.toString(), "degree_distribution", 0, w -> {
            for (Row r : distribution) {
              w.int64(0, r.getLong(0));
              w.int64(1, r.getLong(1));
              w.int64(2, r.getLong(2));
              w.endRow();
            }
          }, DISTRIBUTION, format);
        } catch (java.io.IOException e) {
          throw new IllegalStateException("cannot write the degree distribution: "
              + e.getMessage(), e);
        }
        String components = graphDir + "/components";
        Broadcast<SerializableConfiguration> hadoop = HadoopConf.broadcast(spark);
        try {
          componentRows.mapPartitionsWithIndex((r, it) -> {
            List<DirectTraceWriter.Part> out = new ArrayList<>();
            List<long[]> rows = new ArrayList<>();
            it.forEachRemaining(rows::add);
            if (r == 0 || rows.stream().anyMatch(c -> c.length > 0)) {
              FileSystem fs = DirectTraceWriter.raw(new Path(components).getFileSystem(
                  hadoop.value().value()));
              out.add(DirectTraceWriter.writePart(fs, components, "components", r, w -> {
                for (long[] c : rows) {
                  for (int k = 0; k < c.length; k += 2) {
                    w.int64(0, c[k]);
                    w.int64(1, c[k + 1]);
                    w.endRow();
                  }
                }
              }, COMPONENTS, format));
            }
            return out.iterator();
          }, false).collect();
          DirectTraceWriter.removeHidden(spark, components);
        } finally {
          hadoop.destroy();
        }
      } finally {
        release();
      }
    }

    /** Drops the cached ranges and labels. */
    public void release() {
      ranges.unpersist(false);
      labels.unpersist(false);
    }

    /** Writes the vertices table as part files under {@code dir}, one per range. */
    public long writeVertices(SparkSession spark, String dir, TableFormat format) {
      int width = DeviceIds.width(devices);
      Broadcast<SerializableConfiguration> hadoop = HadoopConf.broadcast(spark);
      try {
        List<DirectTraceWriter.Part> parts = ranges.mapPartitionsWithIndex((r, it) -> {
          FileSystem fs = DirectTraceWriter.raw(new Path(dir).getFileSystem(
              hadoop.value().value()));
          List<DirectTraceWriter.Part> out = new ArrayList<>();
          while (it.hasNext()) {
            Range rg = it.next();
            out.add(DirectTraceWriter.writePart(fs, dir, "vertices", r, w -> {
              byte[] id = new byte[width];
              for (int v = 0; v < rg.out().length; v++) {
                DirectTraceWriter.digits(rg.from() + v, id);
                w.string(0, id, 0, width);
                w.int64(1, rg.out()[v]);
                w.int64(2, rg.in()[v]);
                w.int64(3, rg.component()[v]);
                w.endRow();
              }
            }, VERTICES, format));
          }
          return out.iterator();
        }, false).collect();
        DirectTraceWriter.removeHidden(spark, dir);
        return parts.stream().mapToLong(DirectTraceWriter.Part::rows).sum();
      } finally {
        hadoop.destroy();
      }
    }
  }

  /** First device of range i of p over n devices (the ranges of {@code spark.range}). */
  static int from(int i, int n, int p) {
    return (int) ((long) i * n / p);
  }

  /** The range owning device v. */
  static int owner(int v, int n, int p) {
    int r = (int) (((long) v * p) / n);
    // Integer division can land one range off at boundaries: settle it exactly.
    while (r > 0 && from(r, n, p) > v) {
      r--;
    }
    while (r + 1 < p && from(r + 1, n, p) <= v) {
      r++;
    }
    return r;
  }

  private static void add(IntList[] to, int r, int x) {
    if (to[r] == null) {
      to[r] = new IntList();
    }
    to[r].add(x);
  }

  private static Partial partial(Range rg) {
    long links = 0;
    long maxOut = 0;
    long maxIn = 0;
    long isolated = 0;
    Map<Long, Long> outH = new TreeMap<>();
    Map<Long, Long> inH = new TreeMap<>();
    for (int v = 0; v < rg.out().length; v++) {
      long o = rg.out()[v];
      long i = rg.in()[v];
      links += o;
      maxOut = Math.max(maxOut, o);
      maxIn = Math.max(maxIn, i);
      if (o + i == 0) {
        isolated++;
      }
      outH.merge(o, 1L, Long::sum);
      inH.merge(i, 1L, Long::sum);
    }
    return new Partial(rg.out().length, links, maxOut, maxIn, isolated, outH, inH);
  }

  /**
   * The one labelling task's result: (device, component) pairs of every linked device, and
   * (component, size) pairs of the linked components, largest first, then by label.
   */
  public record Labels(int[] stars, long[] components) implements Serializable {
    /** Union-find over all ranges' stars, on arrays indexed by device (n devices). */
    static Labels of(Iterator<int[]> stars, int n) {
      int[] parent = new int[n];
      boolean[] seen = new boolean[n];
      for (int v = 0; v < n; v++) {
        parent[v] = v;
      }
      while (stars.hasNext()) {
        int[] s = stars.next();
        for (int k = 0; k < s.length; k += 2) {
          int a = s[k];
          int b = s[k + 1];
          seen[a] = true;
          seen[b] = true;
          // The smaller root wins, so every root is its set's smallest device.
          ConnectedComponents.LocalUnionFind.union(parent, a, b);
        }
      }
      IntList out = new IntList();
      int[] size = new int[n];
      for (int v = 0; v < n; v++) {
        if (seen[v]) {
          int root = ConnectedComponents.LocalUnionFind.find(parent, v);
          out.add(v);
          out.add(root);
          size[root]++;
        }
      }
      LongList order = new LongList();
      for (int v = 0; v < n; v++) {
        if (size[v] > 0) {
          // Sorting (Integer.MAX_VALUE - size, label) puts larger components first.
          order.add(((long) (Integer.MAX_VALUE - size[v]) << 32) | v);
        }
      }
      long[] keys = order.toArray();
      Arrays.sort(keys);
      long[] comps = new long[2 * keys.length];
      for (int k = 0; k < keys.length; k++) {
        int v = (int) keys[k];
        comps[2 * k] = v;
        comps[2 * k + 1] = size[v];
      }
      return new Labels(out.toArray(), comps);
    }
  }

  /** A growable long array. */
  static final class LongList {
    private long[] a = new long[16];
    private int size;

    void add(long x) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      a[size++] = x;
    }

    long[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  /** A growable int array. */
  static final class IntList {
    private int[] a = new int[16];
    private int size;

    void add(int x) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      a[size++] = x;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }
}
