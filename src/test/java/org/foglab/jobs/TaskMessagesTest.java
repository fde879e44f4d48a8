package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple2;
import scala.Tuple4;
import scala.collection.JavaConverters;

/** Progress lines of running tasks, passed on from executor heartbeats. */
class TaskMessagesTest {

  @Test
  void linesOfRunningTasksArriveInOrderWhileTheyRun() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<String> said = new CopyOnWriteArrayList<>();
    List<Integer> seenBeforeTheEnd = new CopyOnWriteArrayList<>();
    try (TaskMessages messages = new TaskMessages(jsc.sc(), said::add)) {
      TaskMessages.Latest lines = messages.accumulator();
      // Two tasks, each saying three lines 1.2 s apart (heartbeats every 300 ms in tests).
      List<Integer> done = jsc.parallelize(List.of(0, 1), 2).map(t -> {
        for (int step = 1; step <= 3; step++) {
          lines.add("task " + t + ": step " + step);
          Thread.sleep(1200);
        }
        return t;
      }).collect();
      seenBeforeTheEnd.add(said.size());
      assertEquals(List.of(0, 1), done);
    }
    // Every line was seen while its task ran (the job's end adds none), once, in order.
    for (int t = 0; t < 2; t++) {
      List<String> mine = new ArrayList<>();
      for (String s : said) {
        if (s.startsWith("task " + t + ":")) {
          mine.add(s);
        }
      }
      assertEquals(List.of("task " + t + ": step 1", "task " + t + ": step 2",
          "task " + t + ": step 3"), mine, "lines of task " + t + " among " + said);
    }
    assertEquals(6, said.size(), said.toString());
    assertTrue(seenBeforeTheEnd.get(0) >= 4, "lines seen before the job ended: " + said);
  }

  private static SparkListenerExecutorMetricsUpdate update(long accumulatorId, Object... tasks) {
    List<Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>>> updates =
        new ArrayList<>();
    for (int i = 0; i < tasks.length; i += 2) {
      AccumulableInfo info = new AccumulableInfo(accumulatorId, Option.apply("x"),
          Option.apply(tasks[i + 1]), Option.empty(), false, false, Option.empty());
      updates.add(new Tuple4<>(tasks[i], 3, 0,
          JavaConverters.asScalaBuffer(List.of(info)).toSeq()));
    }
    return new SparkListenerExecutorMetricsUpdate("1",
        JavaConverters.asScalaBuffer(updates).toSeq(),
        scala.collection.immutable.Map$.MODULE$.<Tuple2<Object, Object>, ExecutorMetrics>empty());
  }

  @Test
  void eachTasksLineIsSaidOnceWhenItChangesAndOtherAccumulatorsAreIgnored() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<String> said = new ArrayList<>();
    try (TaskMessages messages = new TaskMessages(jsc.sc(), said::add)) {
      long id = messages.accumulator().id();
      messages.onExecutorMetricsUpdate(update(id, 7L, "a: epoch 1", 8L, "b: epoch 1"));
      messages.onExecutorMetricsUpdate(update(id, 7L, "a: epoch 1", 8L, "b: epoch 2"));
      messages.onExecutorMetricsUpdate(update(id + 1, 7L, "someone else's"));
      messages.onExecutorMetricsUpdate(update(id, 7L, 42L));
      messages.onExecutorMetricsUpdate(update(id, 7L, "a: epoch 2", 8L, "b: epoch 2"));
      // Another task (a retry) repeating a line another task said is said again.
      messages.onExecutorMetricsUpdate(update(id, 9L, "a: epoch 2"));
    }
    assertEquals(List.of("a: epoch 1", "b: epoch 1", "b: epoch 2", "a: epoch 2", "a: epoch 2"),
        said);
  }
}
