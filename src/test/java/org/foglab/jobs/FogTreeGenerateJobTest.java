package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate --topology fog-tree: tables, determinism across partitions, bad layer lists. */
class FogTreeGenerateJobTest {
  @TempDir
  Path dir;

  @Test
  void fogTreeTablesAreAPureFunctionOfTheSeed() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    for (Object[] run : new Object[][] {{a, "1"}, {b, "3"}}) {
      Cli.Run g = Cli.run("generate", "--topology", "fog-tree", "--layers", "60,12,3,1",
          "--d2d-graph", "er", "--d2d-density", "0.3", "--slots", "2", "--seed", "5",
          "--graph-stats", "false", "--partitions", (String) run[1], "--out", run[0].toString());
      assertEquals(0, g.code(), g.err());
    }
    for (String table : List.of("devices", "links", "tree/vertices", "tree/edges", "tree/d2d")) {
      assertEquals(rows(a.resolve(table)), rows(b.resolve(table)), table);
    }
    List<String> vertices = rows(a.resolve("tree/vertices"));
    assertEquals(60 + 12 + 3 + 1, vertices.size());
    assertTrue(vertices.contains("L3-0,3,0,,"), "root without parent: " + vertices);
    assertTrue(vertices.contains("59,0,59,L1-11,11"), "last device in the last cluster");
    assertEquals(60 + 12 + 3, rows(a.resolve("tree/edges")).size());
    List<String> d2d = rows(a.resolve("tree/d2d"));
    for (String e : d2d) {
      String[] f = e.split(",");
      int s = Integer.parseInt(f[0]);
      int t = Integer.parseInt(f[1]);
      assertEquals(s / 5, t / 5, "D2D links stay inside clusters of 5: " + e);
      assertEquals(s / 5, Integer.parseInt(f[2]));
    }
    Map<String, Object> meta = Json.readMap(Files.readString(a.resolve("trace.json")));
    @SuppressWarnings("unchecked")
    Map<String, Object> fog = (Map<String, Object>) meta.get("fog_tree");
    assertEquals(List.of(60, 12, 3, 1), fog.get("layers"));
    assertEquals((long) d2d.size() / 2, ((Number) fog.get("d2d_links")).longValue());
    assertEquals(60L, ((Number) meta.get("devices")).longValue());
  }

  @Test
  void badLayerListsExitTwoWithOneSentence() {
    Path out = dir.resolve("bad");
    Cli.Run r = Cli.run("generate", "--topology", "fog-tree", "--layers", "625,125,25,5",
        "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("must end in 1"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
    assertFalse(Files.exists(out), "nothing written");
    Cli.Run missing = Cli.run("generate", "--topology", "fog-tree", "--out", out.toString());
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("layers"), missing.err());
  }

  private static List<String> rows(Path table) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(table)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted()
          .toList()) {
        List<String> lines = Files.readAllLines(f);
        out.addAll(lines.subList(1, lines.size()));
      }
    }
    out.sort(null);
    return out;
  }
}
