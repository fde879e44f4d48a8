package org.foglab.network;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Degree distribution and weakly connected components of a base graph, computed with
 * DataFrames and a star-contraction components algorithm ({@link ConnectedComponents}). Tables keep GraphFrames' conventions: vertices have {@code id}, so a
 * GraphFrames user can wrap {@code graph/vertices} with the trace's {@code links} (src, dst).
 */
public final class GraphStatistics {
  private GraphStatistics() {}

  /**
   * The statistics tables.
   *
   * @param vertices id, out_degree, in_degree, component (the smallest device key in the
   *     component: the device index for generated networks)
   * @param degreeDistribution degree, out_devices, in_devices
   * @param components component, size (largest first)
   * @param summary counts for graph.json
   */
  public record Result(Dataset<Row> vertices, Dataset<Row> degreeDistribution,
      Dataset<Row> components, Map<String, Object> summary) {}

  /**
   * @param deviceKeys (id string, key long) of every device
   * @param pairs directed links (src, dst, src_key, dst_key), no repeats
   */
  public static Result compute(SparkSession spark, Dataset<Row> deviceKeys, Dataset<Row> pairs,
      boolean undirected) {
    // The generator's pairs are computed once for the degrees and the components.
    Dataset<Row> keys = pairs.select("src_key", "dst_key").persist(StorageLevel.MEMORY_AND_DISK());
    // Both degrees in one aggregation (one shuffle, one join).
    Dataset<Row> degrees = keys.select(col("src_key").as("key"), lit(1L).as("o"), lit(0L).as("i"))
        .union(keys.select(col("dst_key").as("key"), lit(0L).as("o"), lit(1L).as("i")))
        .groupBy("key").agg(sum("o").as("out_degree"), sum("i").as("in_degree"));
    Dataset<Row> components = ConnectedComponents.run(keys);
    Dataset<Row> vertices = deviceKeys.join(degrees, "key", "left")
        .join(components, "key", "left")
        .select(col("id"),
            coalesce(col("out_degree"), lit(0L)).as("out_degree"),
            coalesce(col("in_degree"), lit(0L)).as("in_degree"),
            coalesce(col("component"), col("key")).as("component"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> outDist = vertices.groupBy(col("out_degree").as("degree"))
        .agg(count(lit(1)).as("out_devices"));
    Dataset<Row> inDist = vertices.groupBy(col("in_degree").as("degree"))
        .agg(count(lit(1)).as("in_devices"));
    Dataset<Row> dist = outDist.join(inDist, "degree", "full_outer")
        .select(col("degree"), coalesce(col("out_devices"), lit(0L)).as("out_devices"),
            coalesce(col("in_devices"), lit(0L)).as("in_devices"))
        .orderBy("degree");
    Dataset<Row> comps = vertices.groupBy("component").agg(count(lit(1)).as("size"))
        .orderBy(col("size").desc(), col("component")).persist(StorageLevel.MEMORY_AND_DISK());

    Row v = vertices.agg(count(lit(1)), sum("out_degree"), max("out_degree"), max("in_degree"),
        sum(org.apache.spark.sql.functions.when(col("out_degree").plus(col("in_degree")).equalTo(0), 1)
            .otherwise(0))).first();
    Row c = comps.agg(count(lit(1)), max("size")).first();
    long devices = v.getLong(0);
    long links = v.isNullAt(1) ? 0 : v.getLong(1);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("devices", devices);
    s.put("directed_links", links);
    s.put("undirected", undirected);
    s.put("mean_out_degree", devices == 0 ? 0.0 : (double) links / devices);
    s.put("max_out_degree", v.isNullAt(2) ? 0L : v.getLong(2));
    s.put("max_in_degree", v.isNullAt(3) ? 0L : v.getLong(3));
    s.put("isolated_devices", v.isNullAt(4) ? 0L : v.getLong(4));
    s.put("components", c.getLong(0));
    s.put("largest_component", c.isNullAt(1) ? 0L : c.getLong(1));
    return new Result(vertices, dist, comps, s);
  }

}
