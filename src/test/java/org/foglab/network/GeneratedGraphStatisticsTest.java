package org.foglab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.TraceSpec;
import org.foglab.testutil.SparkTestSession;
import org.foglab.testutil.Specs;
import org.foglab.testutil.TraceRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The array-based statistics of generated graphs equal the DataFrame path's
 * ({@link GraphStatistics#compute} over the generator's pairs) table by table, summary and
 * components order included, for connected, fragmented (isolated devices) and directed graphs
 * and any partition count; the Parquet tables written from the tasks hold the same rows.
 */
class GeneratedGraphStatisticsTest {
  @TempDir
  Path dir;

  @Test
  void equalTheDataFramePath() {
    List<Map<String, Object>> cases = List.of(
        Map.of("topology", "scale-free", "devices", 300, "attach", 2),
        // Sparse: many components and isolated devices, directed links.
        Map.of("topology", "random", "devices", 120, "link-probability", 0.01),
        Map.of("topology", "full", "devices", 9),
        Map.of("topology", "fog-tree", "layers", List.of(40, 8, 2, 1), "slots", 1));
    SparkSession spark = SparkTestSession.get();
    int run = 0;
    for (Map<String, Object> c : cases) {
      TraceSpec spec = Specs.trace(c);
      DistributedTraceGenerator.Tables t = DistributedTraceGenerator.generate(spark, spec, 2);
      boolean undirected = TraceGenerator.graph(spec).undirected();
      GraphStatistics.Result want = GraphStatistics.compute(spark, t.deviceKeys(), t.pairs(),
          undirected);
      for (int p : new int[] {1, 4}) {
        String what = c + " P=" + p;
        GeneratedGraphStatistics.Stats got = GeneratedGraphStatistics.compute(spark,
            TraceGenerator.graph(spec), p);
        assertEquals(want.summary(), got.result().summary(), what);
        assertEquals(TraceRows.of(want.vertices()), TraceRows.of(got.result().vertices()), what);
        assertEquals(TraceRows.of(want.degreeDistribution()),
            TraceRows.of(got.result().degreeDistribution()), what);
        // Components in the same order: largest first, then by label.
        assertEquals(ordered(want.components()), ordered(got.result().components()), what);
        String graph = dir.resolve("g" + run++).toString();
        got.write(spark, graph, TableFormat.PARQUET);
        assertEquals(TraceRows.of(want.vertices()),
            TraceRows.of(spark.read().parquet(graph + "/vertices")), what);
        assertEquals(TraceRows.of(want.degreeDistribution()),
            TraceRows.of(spark.read().parquet(graph + "/degree_distribution")), what);
        assertEquals(TraceRows.of(want.components()),
            TraceRows.of(spark.read().parquet(graph + "/components")), what);
      }
    }
  }

  @Test
  void graphsAboveTheOneTaskLimitTakeTheGeneralPath() {
    TraceSpec spec = Specs.trace(Map.of("topology", "scale-free", "devices", 100));
    assertNull(GeneratedGraphStatistics.compute(SparkTestSession.get(), TraceGenerator.graph(spec),
        2, 99));
  }

  @Test
  void rangesAreThoseOfSparkRange() {
    for (int n : new int[] {1, 7, 100, 1_000_003}) {
      for (int p : new int[] {1, 3, 8, 40}) {
        for (int v = 0; v < n; v += Math.max(1, n / 997)) {
          int r = GeneratedGraphStatistics.owner(v, n, p);
          assertEquals(true, GeneratedGraphStatistics.from(r, n, p) <= v
              && v < GeneratedGraphStatistics.from(r + 1, n, p), "n=" + n + " p=" + p + " v=" + v);
        }
        assertEquals(n, GeneratedGraphStatistics.from(p, n, p));
      }
    }
    // The same boundaries as spark.range(0, n, 1, p).
    List<Long> firsts = SparkTestSession.get().range(0, 1000, 1, 7).javaRDD()
        .mapPartitions(it -> it.hasNext() ? List.of(it.next()).iterator()
            : java.util.Collections.<Long>emptyIterator()).collect();
    List<Long> mine = new ArrayList<>();
    for (int r = 0; r < 7; r++) {
      mine.add((long) GeneratedGraphStatistics.from(r, 1000, 7));
    }
    assertEquals(mine, firsts);
  }

  private static List<String> ordered(Dataset<Row> components) {
    List<String> out = new ArrayList<>();
    for (Row r : components.collectAsList()) {
      out.add(r.getLong(0) + ":" + r.getLong(1));
    }
    return out;
  }
}
