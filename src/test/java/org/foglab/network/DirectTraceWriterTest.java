package org.foglab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.foglab.config.TraceSpec;
import org.foglab.testutil.SparkTestSession;
import org.foglab.testutil.Specs;
import org.foglab.testutil.TraceRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part files written straight from the tasks hold exactly the rows of the Row-based tables
 * (Spark's reader, the in-memory generator), for any partition count, with the manifest a fresh
 * read of the files gives; a retried or failed attempt leaves one file or none.
 */
class DirectTraceWriterTest {
  @TempDir
  Path dir;

  private static final Map<String, Object> DYNAMIC = Map.of("slots", 4,
      "dynamics.active-probability", 0.8, "dynamics.link-up-probability", 0.7, "seed", 42);

  @Test
  void rowsEqualTheSparkTablesAndTheInMemoryTrace() {
    List<Map<String, Object>> cases = List.of(
        Map.of("topology", "full", "devices", 12),
        Map.of("topology", "random", "devices", 40, "link-probability", 0.2),
        Map.of("topology", "scale-free", "devices", 200, "attach", 2),
        Map.of("topology", "scale-free", "devices", 150, "attach", 3, "capacities.enabled", false),
        Map.of("topology", "scale-free", "devices", 90, "capacities.model", "straggler",
            "capacities.service-rate.min", 10, "capacities.service-rate.max", 100));
    SparkSession spark = SparkTestSession.get();
    int run = 0;
    for (Map<String, Object> c : cases) {
      Map<String, Object> all = new HashMap<>(DYNAMIC);
      all.putAll(c);
      TraceSpec spec = Specs.trace(all);
      assertTrue(DirectTraceWriter.supports(spec), c.toString());
      Trace memory = TraceGenerator.generate(spec);
      DistributedTraceGenerator.Tables rows = DistributedTraceGenerator.generate(spark, spec, 3);
      for (int partitions : new int[] {1, 3}) {
        String root = dir.resolve("t" + run++).toString();
        DirectTraceWriter.Result r = DirectTraceWriter.write(spark, spec, partitions, root,
            TableFormat.PARQUET);
        TraceReader.Located devices = locate(root, TraceSchema.DEVICES);
        TraceReader.Located links = locate(root, TraceSchema.LINKS);
        String what = c + " P=" + partitions;
        assertEquals(partitions, devices.files().size(), what);
        assertEquals(TableFormat.PARQUET, devices.format(), what);
        assertEquals(TraceRows.of(rows.devices()),
            TraceRows.of(spark.read().schema(rows.devices().schema()).parquet(root + "/devices")), what);
        assertEquals(TraceRows.of(rows.links()),
            TraceRows.of(spark.read().parquet(root + "/links")), what);
        if (!spec.model().straggler()) {
          assertEquals(TraceRows.devices(memory), TraceRows.of(spark.read().parquet(root + "/devices")),
              what);
        }
        assertEquals(TraceRows.links(memory), TraceRows.of(spark.read().parquet(root + "/links")), what);
        assertEquals(memory.links(), r.links(), what);
        assertEquals(rows.devices().count(), r.deviceSlots(), what);
        // The manifest taken while writing is the one a fresh read of the files gives.
        assertEquals(TraceManifest.compute(spark, root), r.manifest(), what);
        assertEquals(2 * partitions, r.manifest().size(), what);
      }
    }
  }

  @Test
  void csvPartsHoldTheSparkCsvWritersText() throws Exception {
    List<Map<String, Object>> cases = List.of(
        Map.of("topology", "scale-free", "devices", 120, "attach", 2),
        Map.of("topology", "random", "devices", 30, "link-probability", 0.3,
            "capacities.enabled", false),
        Map.of("topology", "scale-free", "devices", 40, "capacities.model", "straggler",
            "data.integer", true));
    SparkSession spark = SparkTestSession.get();
    int run = 0;
    for (Map<String, Object> c : cases) {
      Map<String, Object> all = new HashMap<>(DYNAMIC);
      all.putAll(c);
      TraceSpec spec = Specs.trace(all);
      DistributedTraceGenerator.Tables rows = DistributedTraceGenerator.generate(spark, spec, 2);
      Path sparkCsv = dir.resolve("spark" + run);
      org.foglab.jobs.TableIo.write(rows.devices(), sparkCsv.resolve("devices").toString(),
          TableFormat.CSV);
      org.foglab.jobs.TableIo.write(rows.links(), sparkCsv.resolve("links").toString(),
          TableFormat.CSV);
      String root = dir.resolve("direct" + run++).toString();
      DirectTraceWriter.Result r = DirectTraceWriter.write(spark, spec, 3, root, TableFormat.CSV);
      for (String table : List.of(TraceSchema.DEVICES, TraceSchema.LINKS)) {
        List<String> want = csvLines(sparkCsv.resolve(table));
        List<String> got = csvLines(Path.of(root, table));
        assertEquals(want.get(0), got.get(0), c + " " + table + " header");
        assertEquals(want.subList(1, want.size()), got.subList(1, got.size()), c + " " + table);
      }
      assertEquals(TableFormat.CSV, locate(root, TraceSchema.LINKS).format());
      assertEquals(TraceManifest.compute(spark, root), r.manifest(), c.toString());
    }
  }

  /** The header (checked the same in every part), then all data lines sorted. */
  private static List<String> csvLines(Path table) throws IOException {
    List<String> data = new java.util.ArrayList<>();
    String header = null;
    try (Stream<Path> s = Files.list(table)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        List<String> lines = Files.readAllLines(p);
        assertTrue(Files.readString(p).endsWith("\n"), p.toString());
        if (header == null) {
          header = lines.get(0);
        }
        assertEquals(header, lines.get(0), p.toString());
        data.addAll(lines.subList(1, lines.size()));
      }
    }
    java.util.Collections.sort(data);
    data.add(0, header);
    return data;
  }

  @Test
  void writtenTracesAreTrustedBySolve() throws Exception {
    TraceSpec spec = Specs.trace(Map.of("topology", "scale-free", "devices", 60, "slots", 3));
    String root = dir.resolve("trusted").toString();
    DirectTraceWriter.Result r = DirectTraceWriter.write(SparkTestSession.get(), spec, 2, root,
        TableFormat.PARQUET);
    FileSystem fs = FileSystem.getLocal(new Configuration());
    List<String> files = new java.util.ArrayList<>(locate(root, TraceSchema.DEVICES).files());
    files.addAll(locate(root, TraceSchema.LINKS).files());
    assertTrue(TraceManifest.matches(SparkTestSession.get(), fs, root, r.manifest(), files));
    // One byte changed in a part file and the manifest no longer matches.
    Path part = Path.of(java.net.URI.create(files.get(0)));
    byte[] b = Files.readAllBytes(part);
    b[b.length / 2] ^= 1;
    Files.write(part, b);
    assertFalse(TraceManifest.matches(SparkTestSession.get(), fs, root, r.manifest(), files));
  }

  @Test
  void aRetriedAttemptLeavesOneFileAndAFailedOneNone() throws Exception {
    TraceSpec spec = Specs.trace(Map.of("topology", "scale-free", "devices", 50, "slots", 2));
    SyntheticDraws draws = new SyntheticDraws(spec.seed(), spec.model(), 50);
    FileSystem fs = DirectTraceWriter.raw(FileSystem.getLocal(new Configuration()));
    Path table = dir.resolve("retry");
    String t = table.toString();
    DirectTraceWriter.Rows rows = w -> DirectTraceWriter.writeDevices(w, draws, 50, 0, 50);
    DirectTraceWriter.Part first = DirectTraceWriter.writePart(fs, t, "devices", 0, rows,
        TraceSchema.DEVICES_SCHEMA, TableFormat.PARQUET);
    byte[] firstBytes = Files.readAllBytes(table.resolve("part-00000.parquet"));
    // A second attempt of the same partition (a retry after a lost result): same file, same sum.
    DirectTraceWriter.Part second = DirectTraceWriter.writePart(fs, t, "devices", 0, rows,
        TraceSchema.DEVICES_SCHEMA, TableFormat.PARQUET);
    assertEquals(first, second);
    assertTrue(java.util.Arrays.equals(firstBytes, Files.readAllBytes(table.resolve("part-00000.parquet"))));
    // An attempt that fails half-way leaves neither its hidden file nor a part file.
    DirectTraceWriter.Rows failing = w -> {
      DirectTraceWriter.writeDevices(w, draws, 50, 0, 20);
      throw new IOException("disk full");
    };
    assertThrows(IOException.class, () -> DirectTraceWriter.writePart(fs, t, "devices", 1, failing,
        TraceSchema.DEVICES_SCHEMA, TableFormat.PARQUET));
    try (Stream<Path> s = Files.list(table)) {
      assertEquals(List.of("part-00000.parquet"), s.map(p -> p.getFileName().toString()).toList());
    }
    // A killed attempt's hidden leftover is removed with the job's other hidden files.
    Files.writeString(table.resolve(".part-00001.parquet.99.tmp"), "half");
    DirectTraceWriter.removeHidden(SparkTestSession.get(), t);
    try (Stream<Path> s = Files.list(table)) {
      assertEquals(List.of("part-00000.parquet"), s.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(first.rows(), SparkTestSession.get().read().parquet(t).count());
  }

  @Test
  void otherTopologiesGoThroughTheSparkWriter() {
    assertFalse(DirectTraceWriter.supports(Specs.trace(Map.of("topology", "hierarchical", "devices", 30))));
    assertFalse(DirectTraceWriter.supports(Specs.trace(Map.of("topology", "small-world", "devices", 30))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DirectTraceWriter.write(SparkTestSession.get(),
            Specs.trace(Map.of("topology", "small-world", "devices", 30)), 1, dir.toString(),
            TableFormat.PARQUET));
    assertTrue(e.getMessage().contains("small-world"), e.getMessage());
  }

  private static TraceReader.Located locate(String root, String table) {
    try {
      FileSystem fs = FileSystem.getLocal(new Configuration());
      return TraceReader.locate(fs, fs.makeQualified(new org.apache.hadoop.fs.Path(root)), table, true);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
