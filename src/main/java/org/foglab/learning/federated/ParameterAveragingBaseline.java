package org.foglab.learning.federated;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.foglab.data.SampleSource;
import org.foglab.learning.ModelConfig;
import org.foglab.learning.NetworkFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The baseline a DL4J user would compare foglab's federated trainer with: DL4J Spark's
 * {@link SparkDl4jMultiLayer} with a {@link ParameterAveragingTrainingMaster}, one pass over
 * exactly the samples the federated run processes (the schedule's batches in order, cut into
 * {@link DataSet}s of the mean batch size), the same model and initial weights, parameters
 * averaged every {@code tau} minibatches. The batches are built and cached
 * on the executors before the clock starts, as a DL4J user's cached {@code RDD<DataSet>} would be.
 */
public final class ParameterAveragingBaseline {
  private ParameterAveragingBaseline() {}

  /**
   * @param wallSeconds wall time of {@code fit}
   * @param samples samples in the training RDD (= the federated run's)
   * @param workers DL4J workers (Spark partitions)
   * @param batchSize DL4J's minibatch size per worker
   */
  public record Result(double wallSeconds, long samples, int workers, int batchSize) {}

  /** Trains on every batch of {@code schedule}; {@code workers} partitions of DL4J workers. */
  public static Result run(JavaSparkContext jsc, ModelConfig model, SampleSource train,
      TrainingSchedule schedule, int tau, int workers) {
    int[] order = new int[Math.toIntExact(schedule.totalProcessed())];
    int filled = 0;
    int nonEmpty = 0;
    for (int k = 0; k < schedule.devices() * schedule.slots(); k++) {
      int[] b = schedule.batch(k);
      System.arraycopy(b, 0, order, filled, b.length);
      filled += b.length;
      nonEmpty += b.length > 0 ? 1 : 0;
    }
    long samples = filled;
    if (samples == 0) {
      throw new IllegalArgumentException("the schedule processes no samples");
    }
    int batchSize = (int) Math.max(1, Math.round((double) samples / nonEmpty));
    // The schedule's samples in its order, cut into DataSets of DL4J's minibatch size: DL4J's
    // worker iterator then never has to split a DataSet (which fails in DL4J 1.0.0-M2.1).
    List<int[]> batches = new ArrayList<>();
    for (int from = 0; from < filled; from += batchSize) {
      batches.add(java.util.Arrays.copyOfRange(order, from, Math.min(filled, from + batchSize)));
    }
    int features = train.featureCount();
    int classes = train.classCount();
    JavaRDD<DataSet> data = jsc.parallelize(batches, workers).map(ids -> {
      float[] x = new float[ids.length * features];
      float[] y = new float[ids.length * classes];
      for (int p = 0; p < ids.length; p++) {
        train.copyFeatures(ids[p], x, p * features);
        y[p * classes + train.label(ids[p])] = 1f;
      }
      return new DataSet(Nd4j.create(x, new long[] {ids.length, features}, DataType.FLOAT),
          Nd4j.create(y, new long[] {ids.length, classes}, DataType.FLOAT));
    }).persist(StorageLevel.MEMORY_ONLY());
    try {
      long cached = data.map(d -> (long) d.numExamples()).reduce(Long::sum);
      if (cached != samples) {
        throw new IllegalStateException("the baseline holds " + cached + " samples, the schedule "
            + samples);
      }
      ParameterAveragingTrainingMaster tm = new ParameterAveragingTrainingMaster.Builder(workers,
          batchSize)
          .batchSizePerWorker(batchSize)
          .averagingFrequency(tau)
          .rddTrainingApproach(RDDTrainingApproach.Direct)
          .storageLevel(StorageLevel.MEMORY_ONLY())
          .repartionData(org.deeplearning4j.spark.api.Repartition.Never)
          .collectTrainingStats(false)
          .build();
      MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configuration(model));
      net.init();
      SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(jsc, net, tm);
      long begin = System.nanoTime();
      spark.fit(data);
      double wall = (System.nanoTime() - begin) / 1e9;
      tm.deleteTempFiles(jsc);
      return new Result(wall, samples, workers, batchSize);
    } finally {
      data.unpersist(false);
    }
  }
}
