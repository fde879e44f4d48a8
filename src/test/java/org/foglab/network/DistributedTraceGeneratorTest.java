package org.foglab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.TraceSpec;
import org.foglab.testutil.SparkTestSession;
import org.foglab.testutil.Specs;
import org.foglab.testutil.TraceRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark generator produces exactly the rows of the in-memory generator, for 1 and 4
 * partitions, for every topology, with capacities, inactive devices and links down.
 */
class DistributedTraceGeneratorTest {
  @TempDir
  Path dir;

  private static final Map<String, Object> DYNAMIC = Map.of(
      "slots", 4, "dynamics.active-probability", 0.8, "dynamics.link-up-probability", 0.7,
      "seed", 42);

  @Test
  void sparkRowsEqualInMemoryRowsForEveryTopology() throws Exception {
    Path edges = dir.resolve("edges.csv");
    Files.writeString(edges, "src,dst\nalpha,beta\nbeta,gamma\n\"de,lta\",alpha\ngamma,alpha\nbeta,alpha\n");
    List<Map<String, Object>> cases = List.of(
        Map.of("topology", "full", "devices", 12),
        Map.of("topology", "random", "devices", 40, "link-probability", 0.2),
        Map.of("topology", "small-world", "devices", 40, "neighbors", 6, "rewire", 0.3),
        Map.of("topology", "scale-free", "devices", 200, "attach", 2),
        Map.of("topology", "hierarchical", "devices", 31),
        Map.of("topology", "edges", "edges", edges.toString()),
        Map.of("topology", "edges", "edges", edges.toString(), "directed", true));
    SparkSession spark = SparkTestSession.get();
    for (Map<String, Object> c : cases) {
      java.util.Map<String, Object> all = new java.util.HashMap<>(DYNAMIC);
      all.putAll(c);
      TraceSpec spec = Specs.trace(all);
      Trace memory = TraceGenerator.generate(spec);
      for (int partitions : new int[] {1, 4}) {
        DistributedTraceGenerator.Tables t = DistributedTraceGenerator.generate(spark, spec, partitions);
        assertEquals(TraceRows.devices(memory), TraceRows.of(t.devices()), c + " devices, P=" + partitions);
        assertEquals(TraceRows.links(memory), TraceRows.of(t.links()), c + " links, P=" + partitions);
      }
      assertTrue(memory.links() > 0, c + " has links");
    }
  }

  @Test
  void hierarchyParentsAreTheCheapestThird() {
    TraceSpec spec = Specs.trace(Map.of("topology", "hierarchical", "devices", 30, "slots", 5));
    int[] parents = TraceGenerator.parentsByRank(spec);
    assertEquals(10, parents.length);
    SyntheticDraws d = new SyntheticDraws(spec.seed(), spec.model(), 30);
    double worstParent = 0;
    java.util.Set<Integer> set = new java.util.HashSet<>();
    for (int p : parents) {
      worstParent = Math.max(worstParent, d.meanProcessCost(p));
      set.add(p);
    }
    for (int i = 0; i < 30; i++) {
      if (!set.contains(i)) {
        assertTrue(d.meanProcessCost(i) >= worstParent, "leaf " + i + " cheaper than a parent");
      }
    }
  }

  @Test
  void syntheticDrawsFollowTheModelRanges() {
    TraceSpec spec = Specs.trace(Map.of("devices", 20, "slots", 50, "data.total", 10_000));
    Trace tr = TraceGenerator.generate(spec);
    double dmax = 10_000.0 / (20 * 50);
    double sumData = 0;
    for (int k = 0; k < tr.deviceSlots(); k++) {
      assertTrue(tr.present(k));
      assertTrue(tr.data(k) >= 0 && tr.data(k) < dmax);
      assertTrue(tr.capacity(k) >= 0 && tr.capacity(k) < 4 * dmax);
      assertTrue(tr.processCost(k) >= 0 && tr.processCost(k) < 1);
      sumData += tr.data(k);
      for (int e = tr.linkStart(k); e < tr.linkEnd(k); e++) {
        assertTrue(tr.linkCost(e) >= 0 && tr.linkCost(e) < 1.0 / 20);
        assertTrue(tr.linkCapacity(e) >= 0 && tr.linkCapacity(e) < 4 * dmax / 20);
      }
    }
    // E[sum D] = |D_V| / 2; sd of the sum = dmax * sqrt(n T / 12) ~ 91: 5 sd.
    assertEquals(5000, sumData, 460);
    Trace integer = TraceGenerator.generate(Specs.trace(Map.of("devices", 20, "slots", 50,
        "data.total", 10_000, "data.integer", true)));
    for (int k = 0; k < integer.deviceSlots(); k++) {
      double x = integer.data(k);
      assertTrue(x == Math.rint(x) && x >= 0 && x <= 10, "integer data " + x);
    }
  }
}
