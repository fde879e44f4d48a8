package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solve} trusts a trace only while its files are the ones {@code generate} wrote: the
 * plan is the same with and without re-validation, and any edit brings full validation back.
 */
class TraceManifestTest {
  @TempDir
  Path dir;

  private Path generate(String name, String format) {
    Path out = dir.resolve(name);
    Cli.Run g = Cli.run("generate", "--topology", "scale-free", "--devices", "40", "--slots", "4",
        "--format", format, "--graph-stats", "false", "--out", out.toString());
    assertEquals(0, g.code(), g.err());
    return out;
  }

  private static Map<String, Object> summary(Path plan) throws Exception {
    return Json.readMap(Files.readString(plan.resolve("summary.json")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void matchingFilesSkipRevalidationAndGiveTheSamePlan() throws Exception {
    Path trace = generate("pq", "parquet");
    Map<String, Object> meta = Json.readMap(Files.readString(trace.resolve("trace.json")));
    Map<String, Object> manifest = (Map<String, Object>) meta.get("manifest");
    assertTrue(manifest.keySet().stream().anyMatch(k -> k.startsWith("devices/")), manifest.toString());
    assertTrue(manifest.keySet().stream().anyMatch(k -> k.startsWith("links/")), manifest.toString());
    Path auto = dir.resolve("auto");
    Path full = dir.resolve("full");
    Cli.Run a = Cli.run("solve", "--trace", trace.toString(), "--out", auto.toString(),
        "--method", "closed-form");
    Cli.Run f = Cli.run("solve", "--trace", trace.toString(), "--out", full.toString(),
        "--method", "closed-form", "--validation", "full");
    assertEquals(0, a.code(), a.err());
    assertEquals(0, f.code(), f.err());
    assertTrue(a.err().contains("match the checksums"), a.err());
    assertEquals("checksums matched generate's manifest", summary(auto).get("validation"));
    assertEquals("full", summary(full).get("validation"));
    for (String k : List.of("total_cost", "unit_cost", "offloaded_fraction", "status")) {
      assertEquals(summary(full).get(k), summary(auto).get(k), k);
    }
  }

  @Test
  void anEditedFileIsValidatedInFull() throws Exception {
    Path trace = generate("csv", "csv");
    Path part;
    try (Stream<Path> s = Files.list(trace.resolve("devices"))) {
      part = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().findFirst()
          .orElseThrow();
    }
    List<String> lines = Files.readAllLines(part);
    // Repeat the first data row: a duplicate device-slot the generator never writes.
    Files.writeString(part, String.join("\n", lines) + "\n" + lines.get(1) + "\n");
    Cli.Run r = Cli.run("solve", "--trace", trace.toString(), "--out",
        dir.resolve("bad").toString(), "--method", "closed-form");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("duplicate device-slot"), r.err());
    assertTrue(!Files.exists(dir.resolve("bad")));
  }
}
