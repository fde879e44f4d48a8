package org.foglab.theory;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Theorem 5 (value of offloading) over a distributed edge list: the Monte Carlo of
 * {@link OffloadingValue#monteCarlo} and the closed form from the graph's degree distribution,
 * in one pass over the edges.
 *
 * <p>The edges table has columns {@code src} and {@code dst} (both long/int or both string),
 * undirected with both directions present; repeats and self-loops are ignored. A device's cost
 * in a trial is a pure function of {@code (seed, trial, device key)} ({@link DeviceKeys}), so no
 * cost table is built or joined: the rows are hash-partitioned by {@code src} and sorted, and
 * each partition walks its {@code src} groups, taking the minimum neighbour cost of every trial
 * (the groupBy over edges) and adding the device's saving to exact 128-bit per-trial sums. The
 * driver receives, per partition, those sums and the degree histogram: its size is the number
 * of distinct degrees, never proportional to the graph. Results are identical for any number of
 * partitions or executors, and equal the in-memory computation on the same graph and seed.
 *
 * <p>Isolated devices do not appear in an edge list; pass their number in
 * {@link #isolatedDevices(long)}: they count as devices of degree 0 that save nothing.
 */
public final class SparkOffloadingValue {
  private final OffloadingValue.Options options;
  private long isolatedDevices;
  private int partitions;

  private SparkOffloadingValue(OffloadingValue.Options options) {
    this.options = options;
  }

  public static SparkOffloadingValue of(OffloadingValue.Options options) {
    if (options == null) {
      throw new IllegalArgumentException("options must be given");
    }
    return new SparkOffloadingValue(options);
  }

  /** Devices with no edges, counted with degree 0 (default 0). */
  public SparkOffloadingValue isolatedDevices(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("isolatedDevices must be non-negative, got " + count);
    }
    this.isolatedDevices = count;
    return this;
  }

  /** Partitions of the shuffle by {@code src} (default: {@code spark.sql.shuffle.partitions}). */
  public SparkOffloadingValue partitions(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + count);
    }
    this.partitions = count;
    return this;
  }

  public OffloadingValue.Result run(Dataset<Row> edges) {
    DataType srcType = columnType(edges, "src");
    DataType dstType = columnType(edges, "dst");
    boolean stringIds = srcType.equals(DataTypes.StringType);
    if (stringIds != dstType.equals(DataTypes.StringType)) {
      throw new IllegalArgumentException(
          "src and dst must have the same kind of id (both numeric or both string), got "
              + srcType.simpleString() + " and " + dstType.simpleString());
    }
    Dataset<Row> e = edges.select(col("src"), col("dst"))
        .where(col("src").isNotNull().and(col("dst").isNotNull()));
    if (!stringIds) {
      e = e.select(col("src").cast(DataTypes.LongType).as("src"),
          col("dst").cast(DataTypes.LongType).as("dst"));
    }
    Dataset<Row> grouped = partitions > 0
        ? e.repartition(partitions, col("src")) : e.repartition(col("src"));
    JavaRDD<Row> rows = grouped.sortWithinPartitions(col("src"), col("dst")).javaRDD();
    final int trials = options.trials();
    final long seed = options.seed();
    final boolean strings = stringIds;
    Partial total = rows.mapPartitions(
        (Iterator<Row> it) -> List.of(scan(it, trials, seed, strings)).iterator())
        .reduce(Partial::merge);
    if (isolatedDevices > 0) {
      total.histogram.merge(0L, isolatedDevices, Long::sum);
      total.devices += isolatedDevices;
    }
    if (total.devices == 0) {
      throw new IllegalArgumentException("the edges table has no devices");
    }
    double[] values = new double[trials];
    for (int t = 0; t < trials; t++) {
      values[t] = OffloadingValue.meanSaving(total.sums[t], total.devices, options.costRange());
    }
    var n = DegreeDistribution.Empirical.ofHistogram(total.histogram);
    return new OffloadingValue.Result(OffloadingValue.closedForm(n, options.costRange()),
        MonteCarloEstimate.ofTrials(values), total.devices, n.maxDegree(), options.costRange());
  }

  private static DataType columnType(Dataset<Row> edges, String name) {
    for (var f : edges.schema().fields()) {
      if (f.name().equals(name)) {
        DataType t = f.dataType();
        if (t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType)
            || t.equals(DataTypes.StringType)) {
          return t;
        }
        throw new IllegalArgumentException("column " + name
            + " must be long, int or string, got " + t.simpleString());
      }
    }
    throw new IllegalArgumentException("the edges table needs a column " + name);
  }

  /** Walks the {@code src} groups of one sorted partition. */
  private static Partial scan(Iterator<Row> it, int trials, long seed, boolean strings) {
    Partial p = new Partial(trials);
    long[] best = new long[trials];
    boolean open = false;
    Object src = null;
    long srcKey = 0;
    Object lastDst = null;
    long degree = 0;
    while (it.hasNext()) {
      Row r = it.next();
      Object s = r.get(0);
      Object d = r.get(1);
      if (!open || !s.equals(src)) {
        if (open) {
          p.close(srcKey, degree, best, seed);
        }
        open = true;
        src = s;
        srcKey = strings ? DeviceKeys.of((String) s) : DeviceKeys.of((Long) s);
        lastDst = null;
        degree = 0;
        java.util.Arrays.fill(best, Long.MAX_VALUE);
      }
      if (d.equals(s) || d.equals(lastDst)) {
        continue;
      }
      lastDst = d;
      degree++;
      long dstKey = strings ? DeviceKeys.of((String) d) : DeviceKeys.of((Long) d);
      for (int t = 0; t < trials; t++) {
        long u = OffloadingValue.costUnits(seed, t, dstKey);
        if (u < best[t]) {
          best[t] = u;
        }
      }
    }
    if (open) {
      p.close(srcKey, degree, best, seed);
    }
    return p;
  }

  /** Per-partition exact sums of savings per trial, device count and degree histogram. */
  private static final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;
    final Int128[] sums;
    final Map<Long, Long> histogram = new HashMap<>();
    long devices;

    Partial(int trials) {
      sums = new Int128[trials];
      for (int t = 0; t < trials; t++) {
        sums[t] = new Int128();
      }
    }

    void close(long key, long degree, long[] best, long seed) {
      devices++;
      histogram.merge(degree, 1L, Long::sum);
      for (int t = 0; t < sums.length; t++) {
        long own = OffloadingValue.costUnits(seed, t, key);
        sums[t].add(own - Math.min(own, best[t]));
      }
    }

    Partial merge(Partial o) {
      for (int t = 0; t < sums.length; t++) {
        sums[t].add(o.sums[t]);
      }
      o.histogram.forEach((k, v) -> histogram.merge(k, v, Long::sum));
      devices += o.devices;
      return this;
    }
  }
}
