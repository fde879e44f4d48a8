package org.foglab.network.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import scala.Option;
import scala.Tuple2;

/**
 * The Hadoop configuration file systems are opened with. Spark puts {@code spark.hadoop.*}
 * (credentials, S3A and HDFS settings) into the driver's configuration only; an executor that
 * builds {@code new Configuration()} sees none of it. Executor code therefore opens files with
 * the driver's configuration, shipped once per job as a broadcast.
 */
public final class HadoopConf {
  private HadoopConf() {}

  /** The driver's configuration, shipped to executors; read it there with {@code .value().value()}. */
  public static Broadcast<SerializableConfiguration> broadcast(SparkSession spark) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
  }

  /**
   * The configuration for driver code: the running session's when there is one, else a new one
   * with the {@code spark.hadoop.*} properties spark-submit passed (as Spark itself would build).
   */
  public static Configuration driver() {
    Option<SparkSession> s = SparkSession.getActiveSession();
    if (s.isEmpty()) {
      s = SparkSession.getDefaultSession();
    }
    if (s.isDefined()) {
      return s.get().sparkContext().hadoopConfiguration();
    }
    Configuration c = new Configuration();
    for (Tuple2<String, String> kv : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
      c.set(kv._1(), kv._2());
    }
    return c;
  }
}
