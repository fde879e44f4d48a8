package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.foglab.Foglab;
import org.junit.jupiter.api.Test;

/**
 * A job whose SparkContext the cluster stopped ends with one sentence carrying the reason the
 * scheduler backend logged (as Spark's standalone backend does when the master removes the
 * application), not Spark's stopped-context exception and its stack trace.
 */
class ClusterEndTest {
  @Test
  void theBackendsReasonBecomesTheSentence() {
    ClusterEnd.watch();
    ClusterEnd.reset();
    IllegalStateException stopped = new IllegalStateException("Cannot call methods on a stopped "
        + "SparkContext.\nThis stopped SparkContext was created at: ...");
    assertTrue(ClusterEnd.sentence(stopped).contains("gave no reason"));
    LogManager.getLogger("org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend")
        .error("Application has been killed. Reason: Master removed our application: FAILED");
    assertEquals("the cluster ended the application before the job finished: Master removed our "
        + "application: FAILED", ClusterEnd.sentence(new RuntimeException("wrapped", stopped)));
    assertNull(ClusterEnd.sentence(new IllegalStateException("something else")));

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Foglab.run(new String[] {"generate", "--devices", "5", "--slots", "2", "--out",
        System.getProperty("java.io.tmpdir") + "/foglab-cluster-end-never"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), s -> {
          throw new RuntimeException(new org.apache.spark.SparkException(
              "Job 0 cancelled because SparkContext was shut down"));
        });
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, e);
    assertEquals("foglab generate: the cluster ended the application before the job finished: "
        + "Master removed our application: FAILED", e.strip());
    ClusterEnd.reset();
  }
}
