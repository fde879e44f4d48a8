package org.foglab.optimize.exact;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.network.Trace;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * The benchmark instance of the exact solver: a Barabasi-Albert scale-free topology (Barabasi and
 * Albert, Science 1999; each new device attaches to {@code attach} distinct earlier devices with
 * probability proportional to their degree, starting from a star on {@code attach + 1} devices)
 * whose links exist in both directions in every slot, with the synthetic parameters of Section
 * V-A of Tu et al.: {@code c_i(t) ~ U(0, 1)}, {@code c_ij(t) ~ U(0, 1/n)},
 * {@code D_i(t) ~ U(0, Dmax)}, discard cost {@code f_i(t) ~ U(0, 1)},
 * {@code C_i(t) ~ U(0, 4 Dmax)}, {@code C_ij(t) ~ U(0, 4 Dmax / n)}, where {@code n} is
 * {@code linkDivisor} (the paper's number of devices by default).
 *
 * <p>Every value is a counter-based draw of {@link Streams} keyed by (seed, purpose, device(s),
 * slot), so the in-memory trace and the Spark tables hold identical numbers whatever the
 * partitioning. Stands in until the project's trace generator is merged.
 *
 * @param devices number of devices {@code n}
 * @param slots horizon {@code T}
 * @param attach edges each new device brings (Barabasi-Albert {@code m})
 * @param seed root seed
 * @param dmax largest datapoints per device-slot
 * @param linkDivisor the {@code n} in the link cost and capacity ranges
 */
public record ScaleFreeInstance(int devices, int slots, int attach, long seed, double dmax,
    double linkDivisor) implements Serializable {

  public ScaleFreeInstance {
    if (attach < 1) {
      throw new IllegalArgumentException("attach must be at least 1, got " + attach);
    }
    if (devices < attach + 1) {
      throw new IllegalArgumentException("devices must exceed attach (" + attach + "), got "
          + devices);
    }
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
    if (!(dmax > 0) || !(linkDivisor > 0)) {
      throw new IllegalArgumentException("dmax and linkDivisor must be positive");
    }
  }

  /** The Section V-A instance: {@code Dmax = 100}, link ranges divided by the device count. */
  public static ScaleFreeInstance of(int devices, int slots, int attach, long seed) {
    return new ScaleFreeInstance(devices, slots, attach, seed, 100, devices);
  }

  /** Device ids "d" + zero-padded index: string order equals index order. */
  public String[] deviceIds() {
    int width = Integer.toString(devices - 1).length();
    String[] ids = new String[devices];
    for (int i = 0; i < devices; i++) {
      ids[i] = "d" + String.format("%0" + width + "d", i);
    }
    return ids;
  }

  /**
   * The directed links: {@code [0]} sources, {@code [1]} destinations, sorted by (source,
   * destination); each undirected Barabasi-Albert edge appears in both directions.
   */
  public int[][] directedLinks() {
    int n = devices;
    int m = attach;
    // Edges of the initial star on nodes 0..m, then m per new node.
    long edges = m + (long) (n - m - 1) * m;
    if (2 * edges > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many links for one array: " + 2 * edges);
    }
    long[] und = new long[(int) edges];
    int ec = 0;
    int[] repeated = new int[2 * und.length];
    int rc = 0;
    for (int j = 1; j <= m; j++) {
      und[ec++] = pack(0, j);
      repeated[rc++] = 0;
      repeated[rc++] = j;
    }
    int[] targets = new int[m];
    for (int v = m + 1; v < n; v++) {
      int got = 0;
      for (int attempt = 0; got < m; attempt++) {
        int cand = repeated[(int) Streams.below(
            Streams.hash(seed, Purpose.TOPOLOGY, v, attempt), rc)];
        boolean dup = false;
        for (int q = 0; q < got; q++) {
          dup |= targets[q] == cand;
        }
        if (!dup) {
          targets[got++] = cand;
        }
      }
      for (int q = 0; q < m; q++) {
        und[ec++] = pack(targets[q], v);
        repeated[rc++] = targets[q];
        repeated[rc++] = v;
      }
    }
    long[] dir = new long[2 * ec];
    for (int q = 0; q < ec; q++) {
      int a = (int) (und[q] >>> 32);
      int b = (int) und[q];
      dir[2 * q] = pack(a, b);
      dir[2 * q + 1] = pack(b, a);
    }
    Arrays.sort(dir);
    int[][] out = new int[2][dir.length];
    for (int q = 0; q < dir.length; q++) {
      out[0][q] = (int) (dir[q] >>> 32);
      out[1][q] = (int) dir[q];
    }
    return out;
  }

  private static long pack(int a, int b) {
    return ((long) a << 32) | (b & 0xFFFFFFFFL);
  }

  public double data(int i, int t) {
    return Streams.uniform(Streams.hash(seed, Purpose.DATA, i, t), 0, dmax);
  }

  public double capacity(int i, int t) {
    return Streams.uniform(Streams.hash(seed, Purpose.NODE_CAPACITY, i, t), 0, 4 * dmax);
  }

  public double processCost(int i, int t) {
    return Streams.unit(Streams.hash(seed, Purpose.PROCESS_COST, i, t));
  }

  public double discardCost(int i, int t) {
    return Streams.unit(Streams.hash(seed, Purpose.DISCARD_COST, i, t));
  }

  public double linkCost(int i, int j, int t) {
    return Streams.uniform(Streams.hash(seed, Purpose.LINK_COST, i, j, t), 0, 1 / linkDivisor);
  }

  public double linkCapacity(int i, int j, int t) {
    return Streams.uniform(Streams.hash(seed, Purpose.LINK_CAPACITY, i, j, t), 0,
        4 * dmax / linkDivisor);
  }

  /** The in-memory trace. */
  public Trace toTrace() {
    Trace.Builder b = Trace.builder(deviceIds(), slots);
    int[][] l = directedLinks();
    for (int t = 1; t <= slots; t++) {
      for (int i = 0; i < devices; i++) {
        b.device(i, t, data(i, t), capacity(i, t), processCost(i, t), discardCost(i, t));
      }
      for (int q = 0; q < l[0].length; q++) {
        int i = l[0][q];
        int j = l[1][q];
        b.link(i, j, t, linkCapacity(i, j, t), linkCost(i, j, t));
      }
    }
    return b.build();
  }

  /** Schema of the devices table of {@code model.md}. */
  public static final StructType DEVICES_SCHEMA = new StructType()
      .add("device", DataTypes.StringType, false)
      .add("t", DataTypes.IntegerType, false)
      .add("data", DataTypes.DoubleType, false)
      .add("capacity", DataTypes.DoubleType, true)
      .add("process_cost", DataTypes.DoubleType, false)
      .add("discard_cost", DataTypes.DoubleType, false);

  /** Schema of the links table of {@code model.md}. */
  public static final StructType LINKS_SCHEMA = new StructType()
      .add("src", DataTypes.StringType, false)
      .add("dst", DataTypes.StringType, false)
      .add("t", DataTypes.IntegerType, false)
      .add("capacity", DataTypes.DoubleType, true)
      .add("cost", DataTypes.DoubleType, false);

  /** The devices table, generated on the executors in {@code partitions} parts. */
  public Dataset<Row> devicesFrame(SparkSession spark, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<String[]> ids = jsc.broadcast(deviceIds());
    ScaleFreeInstance self = this;
    long total = (long) devices * slots;
    JavaRDD<Row> rows = jsc.parallelize(ranges(total, partitions), partitions)
        .flatMap(r -> new Iterator<Row>() {
          long k = r[0];

          @Override
          public boolean hasNext() {
            return k < r[1];
          }

          @Override
          public Row next() {
            int i = (int) (k % self.devices);
            int t = (int) (k / self.devices) + 1;
            k++;
            return RowFactory.create(ids.value()[i], t, self.data(i, t), self.capacity(i, t),
                self.processCost(i, t), self.discardCost(i, t));
          }
        });
    return spark.createDataFrame(rows, DEVICES_SCHEMA);
  }

  /** The links table (every directed link in every slot), generated on the executors. */
  public Dataset<Row> linksFrame(SparkSession spark, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<String[]> ids = jsc.broadcast(deviceIds());
    Broadcast<int[][]> links = jsc.broadcast(directedLinks());
    ScaleFreeInstance self = this;
    long total = (long) links.value()[0].length * slots;
    JavaRDD<Row> rows = jsc.parallelize(ranges(total, partitions), partitions)
        .flatMap(r -> new Iterator<Row>() {
          long q = r[0];
          final int count = links.value()[0].length;

          @Override
          public boolean hasNext() {
            return q < r[1];
          }

          @Override
          public Row next() {
            int e = (int) (q % count);
            int t = (int) (q / count) + 1;
            q++;
            int i = links.value()[0][e];
            int j = links.value()[1][e];
            String[] id = ids.value();
            return RowFactory.create(id[i], id[j], t, self.linkCapacity(i, j, t),
                self.linkCost(i, j, t));
          }
        });
    return spark.createDataFrame(rows, LINKS_SCHEMA);
  }

  private static List<long[]> ranges(long total, int parts) {
    List<long[]> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      out.add(new long[] {total * p / parts, total * (p + 1) / parts});
    }
    return out;
  }
}
