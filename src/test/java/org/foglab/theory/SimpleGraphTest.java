package org.foglab.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.foglab.network.DeviceIds;
import org.foglab.network.EdgeList;
import org.foglab.network.graph.BarabasiAlbertGraphGenerator;
import org.foglab.network.graph.CompleteGraphGenerator;
import org.foglab.network.graph.GnpGraphGenerator;
import org.foglab.network.graph.WattsStrogatzGraphGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory graph of the theory computations, built from the foundation's generators. */
class SimpleGraphTest {

  @Test
  void generatorsGiveTheSameUndirectedEdgesAsTheirOwnOutput() {
    for (var g : new org.foglab.network.graph.GraphGenerator[] {
        new BarabasiAlbertGraphGenerator(500, 3, 2), new WattsStrogatzGraphGenerator(300, 6, 0.3, 4)}) {
      Set<Long> pairs = new HashSet<>();
      g.edges(0, g.devices(), (a, b) -> pairs.add(((long) Math.min(a, b) << 32) | Math.max(a, b)));
      SimpleGraph s = SimpleGraph.of(g);
      assertEquals(g.devices(), s.vertices());
      assertEquals(pairs.size(), s.edges());
      for (long p : pairs) {
        assertTrue(s.adjacent((int) (p >>> 32), (int) p));
        assertTrue(s.adjacent((int) p, (int) (p >>> 32)));
      }
      assertEquals(17, s.key(17), "generated devices are keyed by index");
    }
  }

  @Test
  void directedGeneratorsMustBeSymmetric() {
    SimpleGraph full = SimpleGraph.of(new CompleteGraphGenerator(6));
    assertEquals(15, full.edges());
    var e = assertThrows(IllegalArgumentException.class,
        () -> SimpleGraph.of(new GnpGraphGenerator(40, 0.2, 1)));
    assertTrue(e.getMessage().contains("has no reverse link"), e.getMessage());
  }

  @Test
  void edgeFilesAreKeyedByTheFoundationsKeyOfTheirIds(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("e.csv");
    Files.writeString(f, "src,dst\nb,a\nc,a\nb,a\n");
    SimpleGraph g = SimpleGraph.of(EdgeList.read(f.toString(), false));
    assertEquals(3, g.vertices());
    assertEquals(2, g.edges());
    assertEquals(DeviceIds.key("a"), g.key(0));
    assertEquals(2, g.degree(0));
    var e = assertThrows(IllegalArgumentException.class,
        () -> SimpleGraph.of(EdgeList.read(f.toString(), true)));
    assertTrue(e.getMessage().contains("b -> a has no reverse link"), e.getMessage());
  }
}
