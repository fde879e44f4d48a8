package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.foglab.network.Trace;
import org.foglab.network.TraceGenerator;
import org.foglab.optimize.ClosedForm;
import org.foglab.optimize.PlanEvaluation;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.foglab.testutil.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate then solve through the command line, checked against the in-memory path. */
class GenerateSolveJobTest {
  @TempDir
  Path dir;

  @Test
  void generateThenSolveMatchesTheInMemoryClosedForm() throws Exception {
    Path trace = dir.resolve("trace");
    Path plan = dir.resolve("plan");
    Cli.Run g = Cli.run("generate", "--topology", "scale-free", "--devices", "60", "--slots", "4",
        "--attach", "2", "--seed", "9", "--format", "parquet", "--out", trace.toString());
    assertEquals(0, g.code(), g.err());
    assertTrue(g.out().contains("60 devices, 4 slots, 240 device-slots"), g.out());
    Map<String, Object> meta = Json.readMap(Files.readString(trace.resolve("trace.json")));
    assertEquals(4, meta.get("slots"));
    @SuppressWarnings("unchecked")
    Map<String, Object> graph = (Map<String, Object>) meta.get("graph");
    assertEquals(1, ((Number) graph.get("components")).intValue());
    try (Stream<Path> files = Files.walk(trace)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".crc")
          || p.getFileName().toString().equals("_SUCCESS")), "no Spark side files");
    }

    Cli.Run s = Cli.run("solve", "--trace", trace.toString(), "--out", plan.toString());
    assertEquals(0, s.code(), s.err());
    Map<String, Object> summary = Json.readMap(Files.readString(plan.resolve("summary.json")));
    Trace tr = TraceGenerator.generate(Specs.trace(Map.of("topology", "scale-free", "devices", 60,
        "slots", 4, "attach", 2, "seed", 9)));
    PlanEvaluation e = PlanEvaluation.of(ClosedForm.solve(tr));
    @SuppressWarnings("unchecked")
    Map<String, Object> cost = (Map<String, Object>) summary.get("cost");
    assertEquals(e.totalCost(), ((Number) cost.get("total")).doubleValue(), 1e-9 * e.totalCost());
    assertEquals(e.unitCost(), ((Number) summary.get("unit_cost")).doubleValue(), 1e-9);
    assertEquals(e.capacity().any() ? "capacity-violated" : "optimal", summary.get("status"));
    assertEquals("closed-form", summary.get("method"));
    assertTrue(Files.list(plan.resolve("plan")).anyMatch(p -> p.toString().endsWith(".csv")));

    // Existing output is refused unless --overwrite true.
    Cli.Run again = Cli.run("solve", "--trace", trace.toString(), "--out", plan.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("already exists and is not empty"), again.err());
    assertEquals(0, Cli.run("solve", "--trace", trace.toString(), "--out", plan.toString(),
        "--overwrite", "true").code());
  }

  @Test
  void anInvalidTraceExitsWithThreeAndWritesNothing() throws Exception {
    Path trace = dir.resolve("bad");
    Files.createDirectories(trace);
    Files.writeString(trace.resolve("devices.csv"),
        "device,t,data,capacity,process_cost,discard_cost\na,1,1,1,0.1,x\n");
    Path out = dir.resolve("out");
    Cli.Run r = Cli.run("solve", "--trace", trace.toString(), "--out", out.toString());
    assertEquals(3, r.code());
    assertTrue(r.err().contains("devices.csv line 2, column discard_cost: \"x\" is not a number"), r.err());
    // Progress lines come first; the error is one line, the last.
    List<String> lines = r.err().strip().lines().toList();
    assertEquals(1, lines.stream().filter(l -> l.startsWith("foglab ")).count(), r.err());
    assertTrue(lines.get(lines.size() - 1).startsWith("foglab solve: "), r.err());
    assertFalse(Files.exists(out));
    try (Stream<Path> leftovers = Files.list(dir)) {
      assertEquals(List.of("bad"), leftovers.map(p -> p.getFileName().toString()).sorted().toList(),
          "no staging directory left behind");
    }
  }
}
