package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row error found inside a Spark task reaches the user as foglab's one located sentence, with
 * no Spark executor stack trace before it: the command runs in a fresh JVM with the shipped
 * log4j2.properties (not the tests' configuration), as the launcher runs it.
 */
class QuietErrorsTest {
  @TempDir
  Path dir;

  private record Result(int code, String err) {}

  private Result foglab(String... args) throws Exception {
    URL log4j = ClassLoader.getSystemResource("log4j2.properties");
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized")
          || a.startsWith("-Djdk.reflect")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx1g");
    cmd.add("-Dlog4j2.configurationFile=" + Paths.get(log4j.toURI()));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.foglab.Foglab");
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--master", "local[2]", "--set", "foglab.warehouse.path=" + dir.resolve("wh")));
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(err.toFile()).directory(dir.toFile()).start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished");
    return new Result(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
  }

  private void assertQuiet(Result r, String located) {
    assertEquals(3, r.code(), r.err());
    List<String> lines = r.err().strip().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("foglab solve: ") && last.contains(located), r.err());
    for (String line : lines) {
      assertFalse(line.matches("\\s+at .*") || line.contains("Exception") || line.contains(" ERROR ")
          || line.contains("TaskSetManager") || line.contains("Executor:"),
          "a Spark report in stderr: " + line + "\n" + r.err());
    }
  }

  @Test
  void aBadCsvRowIsOneSentenceWithoutExecutorStackTraces() throws Exception {
    Path trace = Files.createDirectories(dir.resolve("trace"));
    Files.writeString(trace.resolve("devices.csv"),
        "device,t,data,capacity,process_cost,discard_cost\na,1,5,,1,3\nb,1,five,,1,3\n");
    Files.writeString(trace.resolve("links.csv"), "src,dst,t,capacity,cost\na,b,1,,0.1\n");
    Result r = foglab("solve", "--trace", trace.toString(), "--out", dir.resolve("out").toString());
    assertQuiet(r, "devices.csv line 3");
    assertFalse(new File(dir.toFile(), "out").exists());
  }

  @Test
  void anUnknownDeviceInTheLinksIsOneSentenceWithoutExecutorStackTraces() throws Exception {
    Path trace = Files.createDirectories(dir.resolve("trace"));
    Files.writeString(trace.resolve("devices.csv"),
        "device,t,data,capacity,process_cost,discard_cost\na,1,5,,1,3\nb,1,2,,1,3\n");
    Files.writeString(trace.resolve("links.csv"), "src,dst,t,capacity,cost\na,b,1,,0.1\na,zz,1,,0.1\n");
    Result r = foglab("solve", "--trace", trace.toString(), "--out", dir.resolve("out").toString(),
        "--method", "exact");
    assertQuiet(r, "links.csv line 3");
    assertFalse(new File(dir.toFile(), "out").exists());
  }
}
