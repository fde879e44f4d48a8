package org.foglab.jobs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the tasks of one job group's Spark jobs as they succeed, for progress inside a long
 * job whose result arrives only at its end (a sweep batch's scenarios, one task each). Spark's
 * listener bus is asynchronous: a count may lag the job by a moment, never lead it; a retried task
 * counts once, when it succeeds.
 */
final class TaskProgress extends SparkListener implements AutoCloseable {
  private final SparkContext sc;
  private final String group;
  private final IntConsumer onTask;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final AtomicInteger succeeded = new AtomicInteger();

  /**
   * Listens to {@code sc} until closed.
   *
   * @param group the job group id ({@code spark.jobGroup.id}) whose tasks count
   * @param onTask called with the count after each success, on Spark's listener thread
   */
  TaskProgress(SparkContext sc, String group, IntConsumer onTask) {
    this.sc = sc;
    this.group = group;
    this.onTask = onTask;
    sc.addSparkListener(this);
  }

  /** Tasks of the group that have succeeded so far (as the listener bus has delivered them). */
  int succeeded() {
    return succeeded.get();
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    if (job.properties() != null
        && group.equals(job.properties().getProperty("spark.jobGroup.id"))) {
      scala.collection.Iterator<Object> it = job.stageIds().iterator();
      while (it.hasNext()) {
        stages.add((Integer) it.next());
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (stages.contains(end.stageId()) && end.reason() == Success$.MODULE$) {
      onTask.accept(succeeded.incrementAndGet());
    }
  }

  @Override
  public void close() {
    sc.removeSparkListener(this);
  }
}
