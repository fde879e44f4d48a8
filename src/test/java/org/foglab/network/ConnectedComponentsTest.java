package org.foglab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;

/** Components equal a breadth-first search's, also when partitions split every component. */
class ConnectedComponentsTest {

  static Map<Long, Long> bfsLabels(int n, List<long[]> edges) {
    List<List<Integer>> adj = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      adj.add(new ArrayList<>());
    }
    for (long[] e : edges) {
      adj.get((int) e[0]).add((int) e[1]);
      adj.get((int) e[1]).add((int) e[0]);
    }
    Map<Long, Long> label = new HashMap<>();
    for (int s = 0; s < n; s++) {
      if (label.containsKey((long) s) || adj.get(s).isEmpty()) {
        continue;
      }
      ArrayDeque<Integer> q = new ArrayDeque<>(List.of(s));
      label.put((long) s, (long) s);
      while (!q.isEmpty()) {
        int v = q.poll();
        for (int u : adj.get(v)) {
          if (!label.containsKey((long) u)) {
            label.put((long) u, (long) s);
            q.add(u);
          }
        }
      }
    }
    return label;
  }

  static Map<Long, Long> sparkLabels(List<long[]> edges, int partitions) {
    Map<Long, Long> oneTask = sparkLabels(edges, partitions, ConnectedComponents.ONE_TASK_EDGES);
    Map<Long, Long> rounds = sparkLabels(edges, partitions, 0);
    assertEquals(oneTask, rounds, "the one-task finish and the star rounds agree");
    return oneTask;
  }

  static Map<Long, Long> sparkLabels(List<long[]> edges, int partitions, long oneTaskEdges) {
    SparkSession spark = SparkTestSession.get();
    List<Row> rows = new ArrayList<>();
    for (long[] e : edges) {
      rows.add(RowFactory.create(e[0], e[1]));
    }
    Dataset<Row> df = spark.createDataFrame(rows, ConnectedComponents.EDGES).repartition(partitions);
    Map<Long, Long> out = new HashMap<>();
    for (Row r : ConnectedComponents.run(df, oneTaskEdges).collectAsList()) {
      Long previous = out.put(r.getLong(0), r.getLong(1));
      assertEquals(null, previous, "one label per vertex");
    }
    return out;
  }

  @Test
  void sparseRandomGraphWithManyComponents() {
    int n = 3000;
    List<long[]> edges = new ArrayList<>();
    for (int i = 0; i < 1400; i++) {
      long a = Streams.below(Streams.hash(1, Purpose.SIMULATION, i, 0), n);
      long b = Streams.below(Streams.hash(1, Purpose.SIMULATION, i, 1), n);
      edges.add(new long[] {a, b});
    }
    assertEquals(bfsLabels(n, edges), sparkLabels(edges, 5));
  }

  /** A long path, shuffled over partitions: local union-find can do little, the stars finish. */
  @Test
  void longPathAcrossPartitions() {
    int n = 1000;
    List<long[]> edges = new ArrayList<>();
    for (int i = 0; i + 1 < n; i++) {
      // Relabel so the path's order is unrelated to vertex ids.
      long a = (i * 7919L) % n;
      long b = ((i + 1) * 7919L) % n;
      edges.add(new long[] {a, b});
    }
    edges.add(new long[] {n + 5L, n + 6L});
    Map<Long, Long> labels = sparkLabels(edges, 7);
    assertEquals(bfsLabels(n + 7, edges), labels);
    assertEquals(2, labels.values().stream().distinct().count());
  }
}
