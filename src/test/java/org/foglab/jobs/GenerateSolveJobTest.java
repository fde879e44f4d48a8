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

    Cli.Run s = Cli.run("solve", "--trace", trace.toString(), "--out", plan.toString(),
        "--method", "closed-form");
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

  /** Keys are checked while the solve walks the trace; errors still name the file and line. */
  @Test
  void solveReportsKeyErrorsWithFileAndLine() throws Exception {
    String devices = "device,t,data,capacity,process_cost,discard_cost\n"
        + "a,1,5,10,0.5,0.9\nb,1,3,,0.2,0.9\na,2,4,10,0.5,0.9\nb,2,1,8,0.1,0.3\n";
    String links = "src,dst,t,capacity,cost\na,b,1,2.5,0.01\nb,a,1,,0.02\n";
    String[][] cases = {
        {devices + "b,1,1,1,0.1,0.1\n", links, null,
            "devices.csv line 6, column t: duplicate device-slot (device b, t 1), first at line/row 3"},
        {devices, links + "a,b,1,1,0.1\n", null,
            "links.csv line 4, column t: duplicate link (src a, dst b, t 1), first at line/row 2"},
        {devices, links + "z,a,2,1,0.1\n", null, "links.csv line 4, column src: unknown device z"},
        {devices, links + "a,q,2,1,0.1\n", null, "links.csv line 4, column dst: unknown device q"},
        {devices + "a,3,1,1,0.1,0.1\n", links, "{\"slots\": 2}",
            "devices.csv line 6, column t: slot 3 is beyond the horizon of 2 slots in trace.json"},
    };
    int i = 0;
    for (String[] c : cases) {
      Path trace = dir.resolve("t" + i);
      Files.createDirectories(trace);
      Files.writeString(trace.resolve("devices.csv"), c[0]);
      Files.writeString(trace.resolve("links.csv"), c[1]);
      if (c[2] != null) {
        Files.writeString(trace.resolve("trace.json"), c[2]);
      }
      Path out = dir.resolve("o" + i++);
      Cli.Run r = Cli.run("solve", "--trace", trace.toString(), "--out", out.toString());
      assertEquals(3, r.code(), r.err());
      assertTrue(r.err().contains(c[3]), r.err());
      assertFalse(Files.exists(out));
    }
  }
}
