package org.foglab.network;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.network.graph.FogD2dGraphGenerator;

/**
 * The fog tree's tables beside a trace, in GraphFrames' conventions: {@code tree/vertices}
 * ({@code id, layer, index, parent, cluster}; every node of every layer, {@code parent} null at
 * the root, {@code cluster} the bottom cluster of devices and layer-1 nodes), {@code tree/edges}
 * ({@code src} child, {@code dst} parent, {@code layer} of the child) and {@code tree/d2d}
 * ({@code src, dst, cluster}: the D2D graph, both directions). Every row is computed in the task
 * that owns its index range, from the tree's arithmetic and the seeded D2D generator.
 */
public final class FogTreeTables {
  public static final String VERTICES = "tree/vertices";
  public static final String EDGES = "tree/edges";
  public static final String D2D = "tree/d2d";

  public static final String ID = "id";
  public static final String LAYER = "layer";
  public static final String INDEX = "index";
  public static final String PARENT = "parent";
  public static final String CLUSTER = "cluster";

  public static final StructType VERTICES_SCHEMA = new StructType()
      .add(ID, DataTypes.StringType, false)
      .add(LAYER, DataTypes.IntegerType, false)
      .add(INDEX, DataTypes.IntegerType, false)
      .add(PARENT, DataTypes.StringType, true)
      .add(CLUSTER, DataTypes.IntegerType, true);

  public static final StructType EDGES_SCHEMA = new StructType()
      .add(TraceSchema.SRC, DataTypes.StringType, false)
      .add(TraceSchema.DST, DataTypes.StringType, false)
      .add(LAYER, DataTypes.IntegerType, false);

  public static final StructType D2D_SCHEMA = new StructType()
      .add(TraceSchema.SRC, DataTypes.StringType, false)
      .add(TraceSchema.DST, DataTypes.StringType, false)
      .add(CLUSTER, DataTypes.IntegerType, false);

  private FogTreeTables() {}

  /**
   * The tables (lazy).
   *
   * @param bridges D2D links added to connect clusters whose drawn graph was not connected
   */
  public record Tables(Dataset<Row> vertices, Dataset<Row> edges, Dataset<Row> d2d,
      Dataset<Long> bridges) {}

  public static Tables of(SparkSession spark, FogD2dGraphGenerator gen, int partitions) {
    FogTree tree = gen.tree();
    Dataset<Row> vertices = null;
    Dataset<Row> edges = null;
    for (int l = 0; l < tree.depth(); l++) {
      int layer = l;
      int p = Math.max(1, Math.min(partitions, tree.nodes(l) / 1000 + 1));
      Dataset<Long> idx = spark.range(0, tree.nodes(l), 1, p);
      Dataset<Row> v = idx.map((MapFunction<Long, Row>) j -> {
        int i = (int) (long) j;
        boolean root = layer == tree.depth() - 1;
        Integer cluster = null;
        if (layer <= 1) {
          cluster = layer == 0 ? tree.clusterOf(i) : i;
        }
        return RowFactory.create(tree.id(layer, i), layer, i,
            root ? null : tree.id(layer + 1, tree.parent(layer, i)), cluster);
      }, Encoders.row(VERTICES_SCHEMA));
      vertices = vertices == null ? v : vertices.union(v);
      if (layer + 1 < tree.depth()) {
        Dataset<Row> e = idx.map((MapFunction<Long, Row>) j -> {
          int i = (int) (long) j;
          return RowFactory.create(tree.id(layer, i), tree.id(layer + 1, tree.parent(layer, i)),
              layer);
        }, Encoders.row(EDGES_SCHEMA));
        edges = edges == null ? e : edges.union(e);
      }
    }
    Dataset<Long> clusters = spark.range(0, tree.clusters(), 1,
        Math.max(1, Math.min(partitions, tree.clusters())));
    Dataset<Row> d2d = clusters.flatMap((FlatMapFunction<Long, Row>) c -> {
      int cl = (int) (long) c;
      FogD2dGraphGenerator.Cluster g = gen.clusterGraph(cl);
      List<Row> out = new ArrayList<>();
      for (int a = 0; a < g.graph().size(); a++) {
        for (int k = 0; k < g.graph().degree(a); k++) {
          out.add(RowFactory.create(tree.id(0, g.first() + a),
              tree.id(0, g.first() + g.graph().neighbour(a, k)), cl));
        }
      }
      return out.iterator();
    }, Encoders.row(D2D_SCHEMA));
    Dataset<Long> bridges = clusters.map(
        (MapFunction<Long, Long>) c -> (long) gen.clusterGraph((int) (long) c).bridges(),
        Encoders.LONG());
    return new Tables(vertices, edges, d2d, bridges);
  }
}
