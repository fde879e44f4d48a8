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
 * exactly the samples the federated run processes (every device-slot batch of the schedule, as
 * one {@link DataSet} each), the same model and initial weights, re-batched by DL4J to the mean
 * batch size, parameters averaged every {@code tau} minibatches. The batches are built and cached
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
    List<int[]> batches = new ArrayList<>();
    long samples = 0;
    for (int k = 0; k < schedule.devices() * schedule.slots(); k++) {
      if (schedule.processed(k) > 0) {
        batches.add(schedule.batch(k));
        samples += schedule.processed(k);
      }
    }
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("the schedule processes no samples");
    }
    int batchSize = (int) Math.max(1, Math.round((double) samples / batches.size()));
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
