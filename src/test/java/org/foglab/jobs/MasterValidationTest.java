package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.foglab.Foglab;
import org.foglab.config.SparkSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad --master is one sentence and exit 2 before any Spark starts; every form Spark accepts
 * passes.
 */
class MasterValidationTest {
  @TempDir
  Path dir;

  @Test
  void sparkFormsPass() {
    for (String m : new String[] {"local", "local[1]", "local[*]", "local[4,2]", "local[*,3]",
        "local-cluster[2,1,1024]", "spark://head:7077", "spark://a:7077,b:7077", "yarn",
        "k8s://https://api.example:6443", "mesos://zk:5050"}) {
      assertNull(SparkSettings.masterProblem(m), m);
    }
  }

  @Test
  void badMastersAreOneSentenceBeforeSparkStarts() {
    String[][] cases = {
        {"local[0]", "--master 'local[0]' needs a positive thread count or * inside local[...]"},
        {"local[two]", "--master 'local[two]' needs a positive thread count"},
        {"local[]", "--master 'local[]' needs a positive thread count"},
        {"local[2,0]", "--master 'local[2,0]' needs a positive number of task attempts"},
        {"local[99999999999]", "--master 'local[99999999999]' needs a positive thread count"},
        {"local-cluster[2,1]", "must be local-cluster[workers,cores,memoryMB]"},
        {"garbage://x", "--master 'garbage://x' is not a Spark master; use local[*], local[N], spark://host:port"},
        {"spark:/head:7077", "is not a Spark master"},
        {"localhost", "is not a Spark master"},
        {"", "--master must not be empty"},
    };
    for (String[] c : cases) {
      Path out = dir.resolve("never");
      AtomicBoolean started = new AtomicBoolean();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Foglab.run(new String[] {"generate", "--master", c[0], "--devices", "5",
          "--slots", "2", "--out", out.toString()},
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), s -> {
            started.set(true);
            throw new AssertionError("Spark must not start for --master " + c[0]);
          });
      String e = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, c[0] + ": " + e);
      assertTrue(e.contains(c[1]), c[0] + ": " + e);
      assertEquals(1, e.strip().lines().count(), "one line: " + e);
      assertFalse(started.get(), c[0]);
      assertFalse(Files.exists(out), c[0]);
    }
  }
}
