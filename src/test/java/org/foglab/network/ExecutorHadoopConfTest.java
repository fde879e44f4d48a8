package org.foglab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.foglab.testutil.SchemeFileSystem;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executor code opens files with the driver's Hadoop configuration, where Spark puts
 * {@code spark.hadoop.*}: a file system known only to that configuration (as an S3A or HDFS
 * setting would be) is readable by the tasks that parse trace CSV files and edge files.
 */
class ExecutorHadoopConfTest {
  @TempDir
  Path dir;

  @Test
  void tasksOpenFilesWithTheDriversHadoopConfiguration() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Path t = dir.resolve("trace");
    Files.createDirectories(t);
    Files.writeString(t.resolve("devices.csv"), TraceReaderTest.DEVICES);
    Files.writeString(t.resolve("links.csv"), TraceReaderTest.LINKS);
    Path edges = dir.resolve("edges.csv");
    Files.writeString(edges, "src,dst\na,b\nb,c\n");
    // Without the setting, the scheme is unknown anywhere: the test's premise.
    assertThrows(Exception.class, () -> new org.apache.hadoop.fs.Path(SchemeFileSystem.uri(edges))
        .getFileSystem(new Configuration()));
    Configuration driver = spark.sparkContext().hadoopConfiguration();
    SchemeFileSystem.register(driver);
    try {
      TraceReader.Tables tables = TraceReader.read(spark, SchemeFileSystem.uri(t));
      assertEquals(4, tables.devices().count());
      assertEquals(2, tables.links().count());
      // Undirected: each of the two rows gives both directions.
      assertEquals(4, DistributedTraceGenerator.edgeFilePairs(spark, SchemeFileSystem.uri(edges),
          false).count());
      assertEquals(2, EdgeList.read(SchemeFileSystem.uri(edges), true).src().length,
          "driver code uses the session's configuration");
      // Part files written by the generating tasks, and the graph tables.
      org.foglab.config.TraceSpec spec = org.foglab.testutil.Specs.trace(java.util.Map.of(
          "topology", "scale-free", "devices", 30, "slots", 2));
      String gen = SchemeFileSystem.uri(dir.resolve("gen"));
      DirectTraceWriter.Result r = DirectTraceWriter.write(spark, spec, 2, gen, TableFormat.PARQUET);
      assertEquals(60, r.deviceSlots());
      assertEquals(4, r.manifest().size());
      GeneratedGraphStatistics.compute(spark, TraceGenerator.graph(spec), 2)
          .write(spark, gen + "/graph", TableFormat.CSV);
      assertEquals(60, spark.read().parquet(gen + "/devices").count());
      assertEquals(30, spark.read().option("header", "true").csv(gen + "/graph/vertices").count());
    } finally {
      SchemeFileSystem.unregister(driver);
    }
  }
}
