package org.foglab.tables;

import java.io.InputStream;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identity of one job run, recorded in every result row and summary: a run id, the start time
 * and the git commit of the code (from the launcher's {@code FOGLAB_GIT_COMMIT}, the
 * {@code foglab.git.commit} system property, or "unknown").
 *
 * @param runId sortable id, e.g. {@code 20261121-101500-3f9a}
 * @param startedAt start time
 * @param gitCommit commit hash, with "-dirty" when the working tree had changes
 * @param version foglab version
 */
public record RunInfo(String runId, Instant startedAt, String gitCommit, String version)
    implements Serializable {

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  public static RunInfo start() {
    Instant now = Instant.now();
    String id = ID_TIME.format(now) + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    return new RunInfo(id, now, detectGitCommit(), detectVersion());
  }

  static String detectGitCommit() {
    String c = System.getenv("FOGLAB_GIT_COMMIT");
    if (c == null || c.isBlank()) {
      c = System.getProperty("foglab.git.commit");
    }
    return c == null || c.isBlank() ? "unknown" : c.trim();
  }

  static String detectVersion() {
    try (InputStream in = RunInfo.class.getResourceAsStream("/foglab-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (java.io.IOException ignored) {
      // fall through
    }
    return "unknown";
  }
}
