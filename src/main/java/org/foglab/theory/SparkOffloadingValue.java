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
import org.foglab.network.DeviceIds;

/**
 * Theorem 5 (value of offloading) over a distributed edge list: the Monte Carlo of
 * {@link OffloadingValue#monteCarlo} and the closed form from the graph's degree distribution,
 * in one pass over the edges.
 *
 * <p>The edges table has columns {@code src} and {@code dst} (both long/int or both string):
 * device i may offload to every {@code dst} of its {@code src = i} rows, so an undirected graph
 * lists both directions (as the foundation's pairs tables do) and a directed one its out-links,
 * whose count is then the degree k of the closed form. Repeats and self-loops are ignored. A
 * device's cost in a trial is a pure function of {@code (seed, trial, device key)}, the key being
 * a numeric id itself and a string id's {@link DeviceIds#key} (the foundation's keys of generated
 * and edge-file devices), so no cost table is built or joined: the rows are hash-partitioned by
 * {@code src} and sorted, and each partition walks its {@code src} groups, taking the minimum
 * neighbour cost of every trial (the groupBy over edges) and adding the device's saving to exact
 * 128-bit per-trial sums. The driver receives, per partition, those sums and the degree
 * histogram: its size is the number of distinct degrees, never proportional to the graph.
 * Results are identical for any number of partitions or executors, and equal the in-memory
 * computation on the same graph and seed.
 *
 * <p>Devices without out-links do not appear as {@code src}; give the network's device count with
 * {@link #totalDevices(long)} and the missing ones count as devices of degree 0 that save nothing.
 */
public final class SparkOffloadingValue {
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

  private final OffloadingValue.Options options;
  private long totalDevices = -1;
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

  /**
   * The number of devices of the network (default: those appearing as {@code src}); devices
   * beyond those in the edges have degree 0.
   */
  public SparkOffloadingValue totalDevices(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("totalDevices must be at least 1, got " + count);
    }
    this.totalDevices = count;
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

  /** Closed form and Monte Carlo at the options' cost range, over all trials. */
  public OffloadingValue.Result run(Dataset<Row> edges) {
    Scan s = scan(edges);
    return new OffloadingValue.Result(OffloadingValue.closedForm(s.degrees(), options.costRange()),
        s.estimate(options.costRange(), 0, options.trials()), s.devices(),
        s.degrees().maxDegree(), options.costRange());
  }

  /**
   * The exact totals of one pass.
   *
   * @param devices devices (isolated ones included)
   * @param degrees the degree distribution (device counts per degree)
   * @param savedUnits per trial, the exact sum over devices of the saving in cost units of
   *     {@code 2^-53} (as the nearest double), for costs {@code U(0, 1)}
   */
  public record Scan(long devices, DegreeDistribution.Empirical degrees, double[] savedUnits)
      implements Serializable {

    /** Trial values {@code from .. to-1}: mean saving per device at cost range {@code C}. */
    public double[] values(double costRange, int from, int to) {
      OffloadingValue.checkCostRange(costRange);
      if (from < 0 || to > savedUnits.length || from >= to) {
        throw new IllegalArgumentException("trials " + from + ".." + (to - 1) + " are not in 0.."
            + (savedUnits.length - 1));
      }
      double[] v = new double[to - from];
      for (int t = from; t < to; t++) {
        // The same expression as OffloadingValue.meanSaving, so the values are bitwise equal.
        v[t - from] = savedUnits[t] * TWO_POW_MINUS_53 * costRange / devices;
      }
      return v;
    }

    /** The Monte Carlo estimate over trials {@code from .. to-1} at cost range {@code C}. */
    public MonteCarloEstimate estimate(double costRange, int from, int to) {
      return MonteCarloEstimate.ofTrials(values(costRange, from, to));
    }
  }

  /** One pass over the edges: exact per-trial sums and the degree histogram. */
  public Scan scan(Dataset<Row> edges) {
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
    if (totalDevices >= 0) {
      if (total.devices > totalDevices) {
        throw new IllegalArgumentException("the edges name " + total.devices
            + " devices, more than the network's " + totalDevices);
      }
      if (totalDevices > total.devices) {
        total.histogram.merge(0L, totalDevices - total.devices, Long::sum);
        total.devices = totalDevices;
      }
    }
    if (total.devices == 0) {
      throw new IllegalArgumentException("the edges table has no devices");
    }
    double[] units = new double[trials];
    for (int t = 0; t < trials; t++) {
      units[t] = total.sums[t].toDouble();
    }
    return new Scan(total.devices, DegreeDistribution.Empirical.ofHistogram(total.histogram), units);
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
        srcKey = strings ? DeviceIds.key((String) s) : (Long) s;
        lastDst = null;
        degree = 0;
        java.util.Arrays.fill(best, Long.MAX_VALUE);
      }
      if (d.equals(s) || d.equals(lastDst)) {
        continue;
      }
      lastDst = d;
      degree++;
      long dstKey = strings ? DeviceIds.key((String) d) : (Long) d;
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
