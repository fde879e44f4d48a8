package org.foglab.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.AccumulatorV2;
import scala.Tuple4;
import scala.collection.Iterator;
import scala.collection.Seq;

/**
 * Progress lines from inside running Spark tasks, for tasks that run for minutes (a training
 * sweep's scenarios, one task each). A task {@linkplain Latest#add adds} its latest line to an
 * accumulator; executors report the accumulators of their running tasks with every heartbeat
 * ({@code spark.executor.heartbeatInterval}, 10 s by default, local mode included), and this
 * listener passes each task's line on when it has changed. Lines arrive late by up to one
 * heartbeat and a line replaced within one heartbeat is never seen: this is progress, not a log.
 */
final class TaskMessages extends SparkListener implements AutoCloseable {
  /** The latest line a task added (tasks report their own copy; merging keeps any line). */
  static final class Latest extends AccumulatorV2<String, String> {
    private static final long serialVersionUID = 1L;
    private volatile String line;

    @Override
    public boolean isZero() {
      return line == null;
    }

    @Override
    public Latest copy() {
      Latest c = new Latest();
      c.line = line;
      return c;
    }

    @Override
    public void reset() {
      line = null;
    }

    @Override
    public void add(String v) {
      line = v;
    }

    @Override
    public void merge(AccumulatorV2<String, String> other) {
      String o = other.value();
      if (o != null) {
        line = o;
      }
    }

    @Override
    public String value() {
      return line;
    }
  }

  private final SparkContext sc;
  private final Latest latest = new Latest();
  private final Consumer<String> out;
  private final Map<Long, String> shown = new ConcurrentHashMap<>();

  /**
   * Registers the accumulator with {@code sc} and listens until closed.
   *
   * @param out called with each new line, on Spark's listener thread
   */
  TaskMessages(SparkContext sc, Consumer<String> out) {
    this.sc = sc;
    this.out = out;
    sc.register(latest, "foglab task progress");
    sc.addSparkListener(this);
  }

  /** The accumulator tasks add their lines to (capture it in the task's closure). */
  Latest accumulator() {
    return latest;
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    Iterator<Tuple4<Object, Object, Object, Seq<AccumulableInfo>>> tasks =
        update.accumUpdates().iterator();
    while (tasks.hasNext()) {
      Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task = tasks.next();
      Iterator<AccumulableInfo> infos = task._4().iterator();
      while (infos.hasNext()) {
        AccumulableInfo info = infos.next();
        if (info.id() == latest.id() && info.update().isDefined()
            && info.update().get() instanceof String line) {
          Long taskId = (Long) task._1();
          if (!line.equals(shown.put(taskId, line))) {
            out.accept(line);
          }
        }
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    shown.remove(end.taskInfo().taskId());
  }

  @Override
  public void close() {
    sc.removeSparkListener(this);
  }
}
