package org.foglab.theory;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;
import scala.Tuple2;

/**
 * Preferential-attachment (Barabasi-Albert) edges in the copy-model formulation of Batagelj and
 * Brandes ("Efficient generation of large random networks", Phys. Rev. E 71, 2005), made
 * resolvable in parallel: every edge is a pure function of {@code (seed, edge index)}.
 *
 * <p>Device {@code v >= 1} adds {@code m} edges {@code e = v m .. v m + m - 1}. The endpoint list
 * is {@code M[2e] = e / m} and {@code M[2e+1] = M[r_e]} with {@code r_e} uniform on
 * {@code [0, 2e)}, a pure function of {@code (seed, e)}; picking a uniform earlier entry of the
 * endpoint list picks a device with probability proportional to its degree so far. For device 0
 * the entries are {@code M[2e] = M[2e+1] = 0} (it has no one to attach to). Resolving
 * {@code M[2e+1]} follows {@code r_e} until an even position: each step lands on an odd position
 * with probability about 1/2, so the expected chain length is 2 and no shared state is needed.
 * Self-loops and repeated edges (a device drawing the same or itself) are dropped by the
 * consumers, so the mean degree is slightly below {@code 2m}; the degree tail is the BA power law
 * {@code P(k) ~ k^-3}.
 */
public final class ScaleFreeEdges {
  private ScaleFreeEdges() {}

  private static void check(long devices, int m) {
    if (devices < 2) {
      throw new IllegalArgumentException("devices must be at least 2, got " + devices);
    }
    if (m < 1) {
      throw new IllegalArgumentException("edgesPerDevice must be at least 1, got " + m);
    }
    if (devices > Long.MAX_VALUE / (4L * m)) {
      throw new IllegalArgumentException("devices x edgesPerDevice too large: " + devices);
    }
  }

  /** The device at the far end of edge {@code e} (the near end is {@code e / m}). */
  public static long target(long seed, int m, long e) {
    long pos = 2 * e + 1;
    while ((pos & 1) == 1) {
      long edge = pos >>> 1;
      if (edge < m) {
        return 0;
      }
      pos = Streams.below(Streams.hash(seed, Purpose.TOPOLOGY, edge), 2 * edge);
    }
    return (pos >>> 1) / m;
  }

  /** The number of edge indices, {@code devices * m} (those of device 0 are self-loops). */
  public static long edgeCount(long devices, int m) {
    check(devices, m);
    return devices * m;
  }

  /** The graph in memory (devices keyed by index). */
  public static SimpleGraph graph(int devices, int m, long seed) {
    check(devices, m);
    long total = (long) devices * m;
    if (total - m > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many edges for an in-memory graph: " + total);
    }
    int count = (int) (total - m);
    int[] a = new int[count];
    int[] b = new int[count];
    for (long e = m; e < total; e++) {
      a[(int) (e - m)] = (int) (e / m);
      b[(int) (e - m)] = (int) target(seed, m, e);
    }
    return SimpleGraph.fromEdges(devices, a, b);
  }

  /**
   * The edges as a DataFrame {@code (src long, dst long)} with both directions of every edge (as
   * the Spark Monte Carlo expects), computed in {@code partitions} partitions with no shuffle.
   * Repeated edges and self-loops are left in; consumers ignore them.
   */
  public static Dataset<Row> dataFrame(SparkSession spark, long devices, int m, long seed,
      int partitions) {
    check(devices, m);
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    long total = devices * m;
    FlatMapFunction<Long, Tuple2<Long, Long>> both = e -> {
      long u = e / m;
      long w = target(seed, m, e);
      List<Tuple2<Long, Long>> out = new ArrayList<>(2);
      if (u != w) {
        out.add(new Tuple2<>(u, w));
        out.add(new Tuple2<>(w, u));
      }
      return out.iterator();
    };
    return spark.range(m, total, 1, partitions)
        .flatMap(both, Encoders.tuple(Encoders.LONG(), Encoders.LONG()))
        .toDF("src", "dst");
  }
}
