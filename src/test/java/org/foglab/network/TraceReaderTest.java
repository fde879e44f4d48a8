package org.foglab.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.InputError;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every trace error of model.md names the file, the line (or row) and the column. */
class TraceReaderTest {
  @TempDir
  Path dir;

  static final String DEVICES = "device,t,data,capacity,process_cost,discard_cost\n"
      + "a,1,5,10,0.5,0.9\n"
      + "b,1,3,,0.2,0.9\n"
      + "a,2,4,10,0.5,0.9\n"
      + "b,2,0,8,0.1,0.3\n";
  static final String LINKS = "src,dst,t,capacity,cost\n"
      + "a,b,1,2.5,0.01\n"
      + "b,a,1,,0.02\n";

  private Path trace(String name, String devices, String links) throws Exception {
    Path t = dir.resolve(name);
    Files.createDirectories(t);
    Files.writeString(t.resolve("devices.csv"), devices);
    if (links != null) {
      Files.writeString(t.resolve("links.csv"), links);
    }
    return t;
  }

  private InputError error(String name, String devices, String links) throws Exception {
    Path t = trace(name, devices, links);
    return assertThrows(InputError.class, () -> TraceReader.read(SparkTestSession.get(), t.toString()));
  }

  @Test
  void aValidTraceReadsWithUnboundedCapacitiesAsNull() throws Exception {
    Path t = trace("ok", DEVICES, LINKS);
    TraceReader.Tables tables = TraceReader.read(SparkTestSession.get(), t.toString());
    assertEquals(2, tables.horizon());
    assertEquals(4, tables.devices().count());
    assertEquals(2, tables.links().count());
    Row b1 = tables.devices().filter("device = 'b' AND t = 1").first();
    assertTrue(b1.isNullAt(3));
    assertEquals(List.of("device", "t", "data", "capacity", "process_cost", "discard_cost"),
        List.of(tables.devices().columns()));
  }

  @Test
  void aTraceWithoutLinksHasNoLinks() throws Exception {
    Path t = trace("nolinks", DEVICES, null);
    assertEquals(0, TraceReader.read(SparkTestSession.get(), t.toString()).links().count());
  }

  @Test
  void rowErrorsNameFileLineAndColumn() throws Exception {
    String[][] cases = {
        {"negative data", "device,t,data,capacity,process_cost,discard_cost\na,1,5,10,0.5,0.9\na,2,-1,10,0.5,0.9\n",
            "line 3, column data: -1 is negative"},
        {"negative cost", "device,t,data,capacity,process_cost,discard_cost\na,1,5,10,-0.5,0.9\n",
            "line 2, column process_cost: -0.5 is negative"},
        {"negative capacity", "device,t,data,capacity,process_cost,discard_cost\na,1,5,-10,0.5,0.9\n",
            "line 2, column capacity: -10 is negative"},
        {"non-numeric", "device,t,data,capacity,process_cost,discard_cost\na,1,five,10,0.5,0.9\n",
            "line 2, column data: \"five\" is not a number"},
        {"nan", "device,t,data,capacity,process_cost,discard_cost\na,1,NaN,10,0.5,0.9\n",
            "line 2, column data: \"NaN\" is not a number"},
        {"bad slot", "device,t,data,capacity,process_cost,discard_cost\na,0,1,10,0.5,0.9\n",
            "line 2, column t: slot 0 is below 1"},
        {"fractional slot", "device,t,data,capacity,process_cost,discard_cost\na,1.5,1,10,0.5,0.9\n",
            "line 2, column t: \"1.5\" is not an integer slot"},
        {"missing value", "device,t,data,capacity,process_cost,discard_cost\na,1,1,10,,0.9\n",
            "line 2, column process_cost: missing value"},
        {"missing column", "device,t,data,process_cost,discard_cost\na,1,1,0.5,0.9\n",
            "line 1, column capacity: missing column capacity"},
        {"field count", "device,t,data,capacity,process_cost,discard_cost\na,1,1,10,0.5\n",
            "line 2: expected 6 fields"},
        {"empty file", "", "devices.csv: the file is empty"},
    };
    for (String[] c : cases) {
      InputError e = error(c[0].replace(' ', '-'), c[1], LINKS);
      assertTrue(e.getMessage().contains("devices.csv"), c[0] + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(c[2]), c[0] + ": " + e.getMessage());
    }
  }

  @Test
  void duplicateDeviceSlotsAndLinksAreErrors() throws Exception {
    InputError d = error("dup-device", DEVICES + "a,2,1,1,0.1,0.1\n", LINKS);
    assertTrue(d.getMessage().contains("devices.csv line 6, column t: duplicate device-slot (device a, t 2), first at line/row 4"),
        d.getMessage());
    InputError l = error("dup-link", DEVICES, LINKS + "a,b,1,3,0.01\n");
    assertTrue(l.getMessage().contains("links.csv line 4, column t: duplicate link (src a, dst b, t 1), first at line/row 2"),
        l.getMessage());
  }

  /**
   * The key checks' other paths: ids too many to broadcast (a shuffled anti join) and more hash
   * candidates than are checked one by one (an exact grouping of all links) find the same
   * problems as the default paths, and a valid trace has none on any path.
   */
  @Test
  void keyChecksAgreeOnEveryPath() throws Exception {
    String unknown = LINKS + "a,q,2,1,0.1\nz,a,1,1,0.1\n";
    for (long broadcastIds : new long[] {0, TraceReader.BROADCAST_IDS}) {
      for (int candidates : new int[] {1, TraceReader.HASH_CANDIDATES}) {
        String at = "broadcast " + broadcastIds + ", candidates " + candidates;
        TraceReader.Tables ok = TraceReader.read(SparkTestSession.get(),
            trace("ok-" + broadcastIds + "-" + candidates, DEVICES, LINKS).toString());
        assertEquals(null, TraceReader.keyProblem(ok, true, broadcastIds, candidates), at);
        TraceReader.Tables dup = TraceReader.read(SparkTestSession.get(),
            trace("dup-" + broadcastIds + "-" + candidates, DEVICES, LINKS).toString(),
            TraceReader.Checks.ROWS);
        TraceReader.Tables dups = new TraceReader.Tables(dup.devices(),
            dup.links().union(dup.links()), dup.horizon(), dup.format(), dup.metadata(),
            dup.devicesLocated(), dup.linksLocated(), dup.deviceRows(), false);
        TraceProblem p = TraceReader.keyProblem(dups, true, broadcastIds, candidates);
        assertEquals(TraceProblem.Kind.DUPLICATE_LINK, p.kind(), at);
        assertEquals(java.util.List.of("a", "b", 1), p.key(), at + ": the smallest duplicate");
        TraceReader.Tables un = TraceReader.read(SparkTestSession.get(),
            trace("unknown-" + broadcastIds + "-" + candidates, DEVICES, unknown).toString(),
            TraceReader.Checks.ROWS);
        TraceProblem u = TraceReader.keyProblem(un, true, broadcastIds, candidates);
        assertEquals(TraceProblem.Kind.UNKNOWN_SRC, u.kind(), at + ": sources first");
        assertEquals(java.util.List.of("z"), u.key(), at);
      }
    }
  }

  @Test
  void linksMustNameKnownDevices() throws Exception {
    InputError s = error("unknown-src", DEVICES, LINKS + "z,a,1,1,0.1\n");
    assertTrue(s.getMessage().contains("links.csv line 4, column src: unknown device z"), s.getMessage());
    InputError d = error("unknown-dst", DEVICES, LINKS + "a,q,2,1,0.1\n");
    assertTrue(d.getMessage().contains("links.csv line 4, column dst: unknown device q"), d.getMessage());
    InputError self = error("self-link", DEVICES, LINKS + "a,a,2,1,0.1\n");
    assertTrue(self.getMessage().contains("links.csv line 4, column dst: link from device a to itself"),
        self.getMessage());
  }

  @Test
  void missingTablesAndDirectoriesAreNamed() throws Exception {
    InputError none = assertThrows(InputError.class,
        () -> TraceReader.read(SparkTestSession.get(), dir.resolve("nowhere").toString()));
    assertTrue(none.getMessage().contains("no such trace directory"), none.getMessage());
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    InputError noDevices = assertThrows(InputError.class,
        () -> TraceReader.read(SparkTestSession.get(), empty.toString()));
    assertTrue(noDevices.getMessage().contains("has no devices table"), noDevices.getMessage());
  }

  @Test
  void parquetRowsAreCheckedWithTheirRowNumber() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Path t = dir.resolve("pq");
    StructType schema = TraceSchema.DEVICES_SCHEMA;
    List<Row> rows = List.of(RowFactory.create("a", 1, 5.0, 10.0, 0.5, 0.9),
        RowFactory.create("a", 2, 4.0, null, -0.5, 0.9));
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(t.resolve("devices").toString());
    InputError e = assertThrows(InputError.class, () -> TraceReader.read(spark, t.toString()));
    assertTrue(e.getMessage().matches(".*part-.*\\.parquet row 2, column process_cost: negative value.*"),
        e.getMessage());

    Path u = dir.resolve("pq2");
    StructType wrong = new StructType().add("device", DataTypes.StringType).add("t", DataTypes.IntegerType)
        .add("data", DataTypes.StringType).add("capacity", DataTypes.DoubleType)
        .add("process_cost", DataTypes.DoubleType).add("discard_cost", DataTypes.DoubleType);
    spark.createDataFrame(List.of(RowFactory.create("a", 1, "x", 1.0, 0.1, 0.1)), wrong)
        .write().parquet(u.resolve("devices").toString());
    InputError w = assertThrows(InputError.class, () -> TraceReader.read(spark, u.toString()));
    assertTrue(w.getMessage().contains("column data: column data has type string; expected a number"),
        w.getMessage());
  }
}
