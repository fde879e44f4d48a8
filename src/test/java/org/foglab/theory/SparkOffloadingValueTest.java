package org.foglab.theory;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.foglab.network.DistributedTraceGenerator;
import org.foglab.testutil.SparkTestSession;
import org.foglab.testutil.Specs;
import org.junit.jupiter.api.Test;

class SparkOffloadingValueTest {
  private final SparkSession spark = SparkTestSession.get();
  private final OffloadingValue.Options options = new OffloadingValue.Options(2.0, 12, 7);

  /** The foundation's pairs table of a generated scale-free network (src, dst, src_key, dst_key). */
  private Dataset<Row> scaleFreePairs(int n, int m, long seed, int partitions) {
    var spec = Specs.trace(Map.of("topology", "scale-free", "devices", n, "attach", m, "seed", seed,
        "slots", 1));
    return DistributedTraceGenerator.generate(spark, spec, partitions).pairs();
  }

  @Test
  void matchesTheInMemoryComputationExactlyForAnyPartitioning() {
    int n = 3000;
    Dataset<Row> edges = scaleFreePairs(n, 2, 1, 3)
        .select(col("src_key").as("src"), col("dst_key").as("dst")).cache();
    var local = OffloadingValue.onGraph(GraphFixtures.scaleFree(n, 2, 1), options);
    var one = SparkOffloadingValue.of(options).partitions(1).run(edges);
    var five = SparkOffloadingValue.of(options).partitions(5).run(edges);
    for (var r : List.of(one, five)) {
      assertEquals(local.devices(), r.devices());
      assertEquals(local.maxDegree(), r.maxDegree());
      assertEquals(local.closedForm(), r.closedForm(), 1e-15);
      assertEquals(local.monteCarlo(), r.monteCarlo(), "bitwise-equal Monte Carlo");
    }
    assertTrue(one.monteCarlo().covers(one.closedForm()), one.monteCarlo() + " vs "
        + one.closedForm());
    // A scan's trials split into independent groups, each scaled by its own cost range.
    var scan = SparkOffloadingValue.of(new OffloadingValue.Options(1.0, 24, 7)).scan(edges);
    assertEquals(options.costRange() * scan.estimate(1.0, 0, 12).mean(), one.monteCarlo().mean(),
        1e-15 * one.monteCarlo().mean());
    assertEquals(4 * scan.estimate(1.0, 12, 24).mean(), scan.estimate(4.0, 12, 24).mean(),
        1e-15);
    assertThrows(IllegalArgumentException.class, () -> scan.estimate(1.0, 12, 25));
    edges.unpersist();
  }

  @Test
  void stringIdsAreKeyedLikeTheFoundationAndMissingDevicesAreIsolated() {
    // Generated ids are zero-padded strings; keyed by DeviceIds.key, as edge-file devices are.
    Dataset<Row> edges = scaleFreePairs(400, 1, 4, 2).select("src", "dst");
    List<Row> rows = edges.collectAsList();
    String[] src = new String[rows.size()];
    String[] dst = new String[rows.size()];
    for (int i = 0; i < src.length; i++) {
      src[i] = rows.get(i).getString(0);
      dst[i] = rows.get(i).getString(1);
    }
    var local = OffloadingValue.onGraph(SimpleGraph.fromStringEdges(src, dst), options);
    var r = SparkOffloadingValue.of(options).run(edges);
    assertEquals(local.monteCarlo(), r.monteCarlo());
    assertEquals(local.closedForm(), r.closedForm(), 1e-15);
    var withIsolated = SparkOffloadingValue.of(options).totalDevices(500).run(edges);
    assertEquals(500, withIsolated.devices());
    assertEquals(r.closedForm() * 400 / 500, withIsolated.closedForm(), 1e-15);
    assertEquals(r.monteCarlo().mean() * 400 / 500, withIsolated.monteCarlo().mean(), 1e-15);
    var e = assertThrows(IllegalArgumentException.class,
        () -> SparkOffloadingValue.of(options).totalDevices(300).run(edges));
    assertTrue(e.getMessage().contains("more than the network's 300"), e.getMessage());
  }

  @Test
  void repeatsAndSelfLoopsAreIgnored() {
    Dataset<Row> edges = spark.createDataFrame(List.of(
        new Edge(1, 2), new Edge(2, 1), new Edge(1, 2), new Edge(2, 1), new Edge(3, 3),
        new Edge(2, 3), new Edge(3, 2)), Edge.class);
    var r = SparkOffloadingValue.of(options).run(edges);
    var local = OffloadingValue.onGraph(
        SimpleGraph.fromIdEdges(new long[] {1, 2}, new long[] {2, 3}, new long[0]), options);
    assertEquals(3, r.devices());
    assertEquals(2, r.maxDegree());
    assertEquals(local.monteCarlo(), r.monteCarlo());
  }

  @Test
  void badTablesAreRejectedWithTheColumnName() {
    Dataset<Row> noDst = spark.range(3).toDF("src");
    var e = assertThrows(IllegalArgumentException.class,
        () -> SparkOffloadingValue.of(options).run(noDst));
    assertTrue(e.getMessage().contains("dst"), e.getMessage());
    Dataset<Row> mixed = spark.range(3).toDF("src")
        .withColumn("dst", col("src").cast(DataTypes.StringType));
    e = assertThrows(IllegalArgumentException.class,
        () -> SparkOffloadingValue.of(options).run(mixed));
    assertTrue(e.getMessage().startsWith("src and dst"), e.getMessage());
  }

  /** A bean for small literal edge tables. */
  public static final class Edge implements java.io.Serializable {
    private long src;
    private long dst;

    public Edge() {}

    Edge(long src, long dst) {
      this.src = src;
      this.dst = dst;
    }

    public long getSrc() {
      return src;
    }

    public void setSrc(long src) {
      this.src = src;
    }

    public long getDst() {
      return dst;
    }

    public void setDst(long dst) {
      this.dst = dst;
    }
  }
}
