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
    } finally {
      SchemeFileSystem.unregister(driver);
    }
  }
}
