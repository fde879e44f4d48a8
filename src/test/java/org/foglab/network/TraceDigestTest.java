package org.foglab.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.TraceSpec;
import org.foglab.testutil.SparkTestSession;
import org.foglab.testutil.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace identity is a property of the rows alone: the in-memory trace, the Spark tables in
 * any partitioning and order, and their CSV and Parquet copies all give one id; changing one
 * value, or dropping one link, gives another.
 */
class TraceDigestTest {
  @TempDir
  Path dir;

  @Test
  void oneIdForOneContentWhateverTheFormatOrderOrPartitioning() {
    SparkSession spark = SparkTestSession.get();
    TraceSpec spec = Specs.trace(Map.of("topology", "random", "devices", 30,
        "link-probability", 0.3, "slots", 4, "dynamics.link-up-probability", 0.8, "seed", 9));
    Trace memory = TraceGenerator.generate(spec);
    String id = TraceDigest.of(memory).id();
    DistributedTraceGenerator.Tables t = DistributedTraceGenerator.generate(spark, spec, 3);
    assertEquals(id, TraceDigest.of(t.devices(), t.links()).id(), "Spark tables");
    assertEquals(id, TraceDigest.of(t.devices().repartition(5).orderBy(col("t").desc()),
        t.links().repartition(2).orderBy(col("cost"))).id(), "reordered, repartitioned");
    String csv = dir.resolve("csv").toString();
    String parquet = dir.resolve("parquet").toString();
    t.devices().write().option("header", "true").csv(csv + "/devices");
    t.links().write().option("header", "true").csv(csv + "/links");
    t.devices().write().parquet(parquet + "/devices");
    t.links().write().parquet(parquet + "/links");
    for (String trace : new String[] {csv, parquet}) {
      TraceReader.Tables read = TraceReader.read(spark, trace);
      assertEquals(id, TraceDigest.of(read.devices(), read.links()).id(), trace);
      assertEquals(id, TraceDigest.of(TraceCollector.collect(read.devices(), read.links(),
          read.horizon())).id(), trace + " collected");
    }
    // One datapoint more on one device-slot, one link fewer, a capacity bounded: new ids.
    Set<String> ids = new HashSet<>();
    ids.add(id);
    Row first = t.devices().orderBy("device", "t").first();
    Dataset<Row> moreData = t.devices().withColumn("data", when(col("device")
        .equalTo(first.getString(0)).and(col("t").equalTo(first.getInt(1))),
        col("data").plus(1)).otherwise(col("data")));
    ids.add(TraceDigest.of(moreData, t.links()).id());
    Row link = t.links().orderBy("src", "dst", "t").first();
    ids.add(TraceDigest.of(t.devices(), t.links().filter(col("src").notEqual(link.getString(0))
        .or(col("dst").notEqual(link.getString(1))).or(col("t").notEqual(link.getInt(2)))))
        .id());
    ids.add(TraceDigest.of(t.devices().withColumn("capacity", when(col("device")
        .equalTo(first.getString(0)).and(col("t").equalTo(first.getInt(1))), null)
        .otherwise(col("capacity"))), t.links()).id());
    assertEquals(4, ids.size(), ids.toString());
    // Swapping two devices' roles (same multiset of values, other ids) changes the id too.
    Dataset<Row> swapped = t.links().withColumn("src2", col("dst")).withColumn("dst", col("src"))
        .drop("src").withColumnRenamed("src2", "src");
    assertNotEquals(id, TraceDigest.of(t.devices(), swapped).id());
  }
}
