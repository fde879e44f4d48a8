package org.foglab.network;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.foglab.network.io.HadoopConf;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.InputError;
import org.foglab.config.TraceSpec;
import org.foglab.network.graph.GraphGenerator;
import org.foglab.network.graph.HierarchicalGraphGenerator;
import org.foglab.network.io.CsvRecords;

/**
 * Generates a trace as Spark tables. Partitions own contiguous device ranges and compute their
 * devices' rows and owned edges from the same pure functions as {@link TraceGenerator}; nothing
 * proportional to the network passes through the driver (hierarchies rank devices with a
 * distributed sort, edge files are parsed in a task).
 */
public final class DistributedTraceGenerator {
  /** Device-slots per partition when the partition count is automatic. */
  public static final long DEVICE_SLOTS_PER_PARTITION = 250_000;

  /** Directed links of the base graph: ids and the keys their draws are seeded with. */
  public static final StructType PAIRS_SCHEMA = new StructType()
      .add("src", DataTypes.StringType, false)
      .add("dst", DataTypes.StringType, false)
      .add("src_key", DataTypes.LongType, false)
      .add("dst_key", DataTypes.LongType, false);

  /** Devices and the keys their draws are seeded with. */
  public static final StructType DEVICE_KEYS_SCHEMA = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("key", DataTypes.LongType, false);

  /**
   * The generated tables (lazy Datasets).
   *
   * @param devices trace devices table
   * @param links trace links table
   * @param pairs base graph's directed links (src, dst, src_key, dst_key)
   * @param deviceKeys every device (id, key)
   * @param devicesCount number of devices
   */
  public record Tables(Dataset<Row> devices, Dataset<Row> links, Dataset<Row> pairs,
      Dataset<Row> deviceKeys, long devicesCount) {}

  private DistributedTraceGenerator() {}

  /** Partitions used for n devices and T slots when {@code requested} is 0. */
  public static int partitions(SparkSession spark, long devices, int slots, int requested) {
    if (requested > 0) {
      return requested;
    }
    long bySize = (devices * (long) slots + DEVICE_SLOTS_PER_PARTITION - 1) / DEVICE_SLOTS_PER_PARTITION;
    int parallelism = spark.sparkContext().defaultParallelism();
    return (int) Math.max(1, Math.min(100_000, Math.max(parallelism, bySize)));
  }

  public static Tables generate(SparkSession spark, TraceSpec spec, int requestedPartitions) {
    Dataset<Row> deviceKeys;
    Dataset<Row> pairs;
    long n;
    int slots = spec.model().slots();
    if (spec.network().topology() == Topology.EDGES) {
      pairs = edgeFilePairs(spark, spec.network().edgesFile().orElseThrow(), spec.network().directed());
      pairs = pairs.cache();
      deviceKeys = pairs.select(functions.col("src").as("id"), functions.col("src_key").as("key"))
          .union(pairs.select(functions.col("dst").as("id"), functions.col("dst_key").as("key")))
          .distinct().cache();
      n = deviceKeys.count();
      if (n == 0) {
        throw new InputError(spec.network().edgesFile().get(), -1, null, "the edge file has no rows");
      }
      long keys = deviceKeys.select("key").distinct().count();
      if (keys != n) {
        throw new InputError(spec.network().edgesFile().get(), -1, null, "two device ids hash to the"
            + " same 64-bit key; rename one of them (this happens about once in 10^10 networks)");
      }
      int p = partitions(spark, n, slots, requestedPartitions);
      deviceKeys = deviceKeys.repartition(p, functions.col("id"));
    } else {
      n = spec.network().devices();
      int p = partitions(spark, n, slots, requestedPartitions);
      int width = DeviceIds.width(n);
      deviceKeys = spark.range(0, n, 1, p).map(
          (org.apache.spark.api.java.function.MapFunction<Long, Row>) i ->
              RowFactory.create(DeviceIds.id(i, width), i), Encoders.row(DEVICE_KEYS_SCHEMA));
      pairs = spec.network().topology() == Topology.HIERARCHICAL
          ? hierarchyPairs(spark, spec, p)
          : generatedPairs(spark, TraceGenerator.graph(spec), p);
    }
    SyntheticDraws draws = new SyntheticDraws(spec.seed(), spec.model(), n);
    Dataset<Row> devices = deviceKeys.mapPartitions(
        (MapPartitionsFunction<Row, Row>) it -> new DeviceRows(it, draws),
        Encoders.row(devicesSchema(spec)));
    Dataset<Row> links = pairs.mapPartitions(
        (MapPartitionsFunction<Row, Row>) it -> new LinkRows(it, draws),
        Encoders.row(TraceSchema.LINKS_SCHEMA));
    return new Tables(devices, links, pairs, deviceKeys, n);
  }

  /**
   * The generated devices table's schema: the trace columns, plus {@code service_rate} under the
   * straggler capacity model.
   */
  public static StructType devicesSchema(TraceSpec spec) {
    return spec.model().straggler() ? TraceSchema.DEVICES_WITH_SERVICE_RATE_SCHEMA
        : TraceSchema.DEVICES_SCHEMA;
  }

  /** Owned edges of each partition's device range, expanded to directed links. */
  static Dataset<Row> generatedPairs(SparkSession spark, GraphGenerator g, int partitions) {
    int width = DeviceIds.width(g.devices());
    boolean both = g.undirected();
    Dataset<Row> pairs = spark.range(0, g.devices(), 1, partitions).mapPartitions(
        (MapPartitionsFunction<Long, Row>) it -> {
          List<Row> out = new ArrayList<>();
          // One device at a time keeps memory at one device's edges, whatever the range size.
          return new FlatIterator<>(it, v -> {
            out.clear();
            int i = (int) (long) v;
            g.edges(i, i + 1, (a, b) -> {
              out.add(RowFactory.create(DeviceIds.id(a, width), DeviceIds.id(b, width), (long) a, (long) b));
              if (both) {
                out.add(RowFactory.create(DeviceIds.id(b, width), DeviceIds.id(a, width), (long) b, (long) a));
              }
            });
            return out.iterator();
          });
        }, Encoders.row(PAIRS_SCHEMA));
    return g.mayRepeat() ? pairs.distinct() : pairs;
  }

  /**
   * Hierarchy: rank devices by mean processing cost with a distributed sort, give each leaf its
   * parent ranks ({@link HierarchicalGraphGenerator#parentRanks}), and join ranks to parents.
   */
  static Dataset<Row> hierarchyPairs(SparkSession spark, TraceSpec spec, int partitions) {
    int n = spec.network().devices();
    int parents = HierarchicalGraphGenerator.parentCount(n);
    int perDevice = spec.network().parentsPerDevice();
    long seed = spec.seed();
    int width = DeviceIds.width(n);
    SyntheticDraws draws = new SyntheticDraws(seed, spec.model(), n);
    StructType meanSchema = new StructType().add("device", DataTypes.LongType, false)
        .add("mean", DataTypes.DoubleType, false);
    Dataset<Row> means = spark.range(0, n, 1, partitions).map(
        (org.apache.spark.api.java.function.MapFunction<Long, Row>) i ->
            RowFactory.create(i, draws.meanProcessCost(i)), Encoders.row(meanSchema));
    org.apache.spark.api.java.JavaPairRDD<Row, Long> ranked =
        means.orderBy("mean", "device").javaRDD().zipWithIndex();
    StructType rankSchema = new StructType().add("device", DataTypes.LongType, false)
        .add("rank", DataTypes.LongType, false);
    Dataset<Row> ranks = spark.createDataFrame(
        ranked.map(t -> RowFactory.create(t._1().getLong(0), t._2())), rankSchema).cache();
    Dataset<Row> parentRanks = ranks.filter(functions.col("rank").lt(parents))
        .select(functions.col("device").as("parent"), functions.col("rank").as("prank"));
    StructType leafSchema = new StructType().add("leaf", DataTypes.LongType, false)
        .add("prank", DataTypes.LongType, false);
    Dataset<Row> leafRanks = ranks.filter(functions.col("rank").geq(parents)).flatMap(
        (FlatMapFunction<Row, Row>) r -> {
          long leaf = r.getLong(0);
          List<Row> out = new ArrayList<>();
          for (int pr : HierarchicalGraphGenerator.parentRanks(seed, leaf, parents, perDevice)) {
            out.add(RowFactory.create(leaf, (long) pr));
          }
          return out.iterator();
        }, Encoders.row(leafSchema));
    Dataset<Row> edges = leafRanks.join(parentRanks, "prank").select("leaf", "parent");
    return edges.flatMap((FlatMapFunction<Row, Row>) r -> {
      long a = r.getLong(0);
      long b = r.getLong(1);
      String ia = DeviceIds.id(a, width);
      String ib = DeviceIds.id(b, width);
      return List.of(RowFactory.create(ia, ib, a, b), RowFactory.create(ib, ia, b, a)).iterator();
    }, Encoders.row(PAIRS_SCHEMA));
  }

  /** An edge file parsed in one task (for line numbers), expanded and deduplicated. */
  static Dataset<Row> edgeFilePairs(SparkSession spark, String path, boolean directed) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> hadoop = HadoopConf.broadcast(spark);
    JavaRDD<Row> rows = jsc.parallelize(Collections.singletonList(path), 1).flatMap(p -> {
      Path file = new Path(p);
      FileSystem fs = file.getFileSystem(hadoop.value().value());
      if (!fs.exists(file)) {
        throw new InputError(p, -1, null, "no such edge file");
      }
      if (fs.getFileStatus(file).isDirectory()) {
        throw new InputError(p, -1, null, "is a directory; --edges takes one CSV file with columns src,dst");
      }
      List<Row> out = new ArrayList<>();
      try (CsvRecords r = new CsvRecords(new BufferedReader(new InputStreamReader(fs.open(file),
          StandardCharsets.UTF_8)), p, EdgeList.COLUMNS)) {
        int cs = r.column("src");
        int cd = r.column("dst");
        while (r.next()) {
          String a = r.field(cs).trim();
          String b = r.field(cd).trim();
          if (a.isEmpty()) {
            throw r.error("src", "empty device id");
          }
          if (b.isEmpty()) {
            throw r.error("dst", "empty device id");
          }
          if (a.equals(b)) {
            throw r.error("dst", "device " + a + " links to itself; links join two different devices");
          }
          long ka = DeviceIds.key(a);
          long kb = DeviceIds.key(b);
          out.add(RowFactory.create(a, b, ka, kb));
          if (!directed) {
            out.add(RowFactory.create(b, a, kb, ka));
          }
        }
      }
      return out.iterator();
    });
    return spark.createDataFrame(rows, PAIRS_SCHEMA).distinct();
  }

  /** Device rows of (id, key) rows: one per active slot. */
  static final class DeviceRows implements Iterator<Row> {
    private final Iterator<Row> keys;
    private final SyntheticDraws draws;
    private String id;
    private long key;
    private int t;
    private Row next;

    DeviceRows(Iterator<Row> keys, SyntheticDraws draws) {
      this.keys = keys;
      this.draws = draws;
      this.t = draws.slots() + 1;
      advance();
    }

    private void advance() {
      next = null;
      while (next == null) {
        if (t > draws.slots()) {
          if (!keys.hasNext()) {
            return;
          }
          Row r = keys.next();
          id = r.getString(0);
          key = r.getLong(1);
          t = 1;
        }
        int s = t++;
        if (draws.active(key, s)) {
          Double capacity = TraceSchema.storedCapacity(draws.capacity(key, s));
          next = draws.model().straggler()
              ? RowFactory.create(id, s, draws.data(key, s), capacity, draws.processCost(key, s),
                  draws.discardCost(key, s), draws.serviceRate(key))
              : RowFactory.create(id, s, draws.data(key, s), capacity, draws.processCost(key, s),
                  draws.discardCost(key, s));
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Row next() {
      Row r = next;
      advance();
      return r;
    }
  }

  /** Link rows of base-graph pairs: one per slot where the link is present. */
  static final class LinkRows implements Iterator<Row> {
    private final Iterator<Row> pairs;
    private final SyntheticDraws draws;
    private String src;
    private String dst;
    private long srcKey;
    private long dstKey;
    private int t;
    private Row next;

    LinkRows(Iterator<Row> pairs, SyntheticDraws draws) {
      this.pairs = pairs;
      this.draws = draws;
      this.t = draws.slots() + 1;
      advance();
    }

    private void advance() {
      next = null;
      while (next == null) {
        if (t > draws.slots()) {
          if (!pairs.hasNext()) {
            return;
          }
          Row r = pairs.next();
          src = r.getString(0);
          dst = r.getString(1);
          srcKey = r.getLong(2);
          dstKey = r.getLong(3);
          t = 1;
        }
        int s = t++;
        if (draws.linkPresent(srcKey, dstKey, s)) {
          next = RowFactory.create(src, dst, s,
              TraceSchema.storedCapacity(draws.linkCapacity(srcKey, dstKey, s)),
              draws.linkCost(srcKey, dstKey, s));
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Row next() {
      Row r = next;
      advance();
      return r;
    }
  }

  /** Flattens an iterator through a function returning iterators, lazily. */
  static final class FlatIterator<A, B> implements Iterator<B> {
    private final Iterator<A> in;
    private final java.util.function.Function<A, Iterator<B>> f;
    private Iterator<B> cur = Collections.emptyIterator();

    FlatIterator(Iterator<A> in, java.util.function.Function<A, Iterator<B>> f) {
      this.in = in;
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      while (!cur.hasNext()) {
        if (!in.hasNext()) {
          return false;
        }
        cur = f.apply(in.next());
      }
      return true;
    }

    @Override
    public B next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return cur.next();
    }
  }
}
