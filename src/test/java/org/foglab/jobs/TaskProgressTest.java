package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.JavaSparkContext;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;

/** Sweep progress: the successful tasks of one job group's jobs, each counted once. */
class TaskProgressTest {

  @Test
  void countsEachSucceededTaskOfItsGroupAndNoOther() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<Integer> said = new CopyOnWriteArrayList<>();
    try (TaskProgress tp = new TaskProgress(jsc.sc(), "tp-group", said::add)) {
      // Another group's job and an ungrouped job, before and after: not counted.
      jsc.setJobGroup("tp-other", "other", false);
      jsc.parallelize(List.of(1, 2, 3, 4), 4).count();
      jsc.clearJobGroup();
      jsc.setJobGroup("tp-group", "counted", false);
      // Two jobs of the group: 5 tasks, then 2.
      assertEquals(5, jsc.parallelize(List.of(1, 2, 3, 4, 5), 5).count());
      assertEquals(2, jsc.parallelize(List.of(1, 2), 2).count());
      jsc.clearJobGroup();
      jsc.parallelize(List.of(1, 2, 3), 3).count();
      // The listener bus is asynchronous: wait for the count, then long enough for the
      // ungrouped job's task ends to have been delivered as well.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (tp.succeeded() < 7 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(500);
      assertEquals(7, tp.succeeded());
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), said);
    } finally {
      jsc.clearJobGroup();
    }
  }
}
