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

  /**
   * A master that cannot be reached: the standalone client's three warnings (each with a stack
   * trace) are kept, not printed, and the job's failure, whatever Spark says when the job next
   * touches the stopped context, becomes one sentence with the backend's reason and the
   * connection failure.
   */
  @Test
  void anUnreachableMasterIsOneSentence() {
    ClusterEnd.watch();
    ClusterEnd.reset();
    boolean[] stopped = {false};
    ClusterEnd.context(() -> stopped[0]);
    org.apache.logging.log4j.Logger client =
        LogManager.getLogger("org.apache.spark.deploy.client.StandaloneAppClient$ClientEndpoint");
    Exception refused = new org.apache.spark.SparkException("Exception thrown in awaitResult: ",
        new java.io.IOException("Failed to connect to /127.0.0.1:7999",
            new java.net.ConnectException("Connection refused")));
    client.warn("Failed to connect to master 127.0.0.1:7999", refused);
    RuntimeException later = new RuntimeException("[INTERNAL_ERROR] Undefined error message "
        + "parameter for error class: '_LEGACY_ERROR_TEMP_1055'");
    // The client's warnings alone (its retries may yet succeed) and a live context: no sentence.
    assertNull(ClusterEnd.sentence(later));
    LogManager.getLogger("org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend")
        .error("Application has been killed. Reason: All masters are unresponsive! Giving up.");
    assertNull(ClusterEnd.sentence(later), "the context is still running");
    stopped[0] = true;
    assertEquals("the cluster ended the application before the job finished: All masters are "
        + "unresponsive! Giving up. Failed to connect to master 127.0.0.1:7999 (Connection "
        + "refused)", ClusterEnd.sentence(later));
    ClusterEnd.reset();
  }
}
