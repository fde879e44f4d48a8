package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed inputs, one case each: traces (CSV and Parquet), edge lists, CLI options,
 * HOCON files and --set values, sweep specs and MNIST files. Every case must end with one located
 * sentence (the file and line or row, or the option or key), a non-zero exit, no stack trace and
 * nothing written. Valid but unusual traces (BOM, CRLF, quoted fields, reordered columns) must
 * give the plain trace's plan exactly.
 */
class MalformedInputCorpusTest {
  @TempDir
  static Path root;

  static final String DEVICES = "device,t,data,capacity,process_cost,discard_cost\n"
      + "a,1,5,,1.0,3.0\n"
      + "b,1,2,10,2.0,3.0\n"
      + "a,2,4,,1.5,2.0\n"
      + "b,2,3,10,0.5,2.5\n";
  static final String LINKS = "src,dst,t,capacity,cost\n"
      + "a,b,1,,0.1\n"
      + "b,a,1,,0.2\n"
      + "a,b,2,5,0.1\n";

  /**
   * One malformed input.
   *
   * @param name what is wrong
   * @param setup writes the case's files into its directory
   * @param args the command line; "@" is replaced by the case's directory
   * @param located substrings the error sentence must hold (file and line, or option or key)
   */
  record Case(String name, Setup setup, List<String> args, List<String> located) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Setup {
    void write(Path dir) throws Exception;
  }

  private static Case c(String name, Setup setup, String args, String... located) {
    return new Case(name, setup, Arrays.asList(args.split(" ")), List.of(located));
  }

  // ---- trace builders ----

  /** A CSV trace with devices.csv replaced by {@code devices} (null: the plain one). */
  static Setup csvTrace(String devices, String links) {
    return d -> {
      Path t = Files.createDirectories(d.resolve("trace"));
      if (devices != null) {
        Files.writeString(t.resolve("devices.csv"), devices);
      }
      if (links != null) {
        Files.writeString(t.resolve("links.csv"), links);
      }
    };
  }

  static Setup devicesLine(int line, String text) {
    return csvTrace(replaceLine(DEVICES, line, text), LINKS);
  }

  static Setup linksLine(int line, String text) {
    return csvTrace(DEVICES, replaceLine(LINKS, line, text));
  }

  static Setup rawDevices(byte[] devices) {
    return d -> {
      Path t = Files.createDirectories(d.resolve("trace"));
      Files.write(t.resolve("devices.csv"), devices);
      Files.writeString(t.resolve("links.csv"), LINKS);
    };
  }

  /** Replaces line {@code line} (1 = header) of a CSV text. */
  static String replaceLine(String csv, int line, String text) {
    List<String> lines = new ArrayList<>(Arrays.asList(csv.split("\n")));
    lines.set(line - 1, text);
    return String.join("\n", lines) + "\n";
  }

  static final String SOLVE = "solve --trace @/trace --out @/out";

  /** A Parquet devices table with the given column types and one row of values. */
  static Setup parquetDevices(String[] names, DataType[] types, Object[]... rows) {
    return d -> {
      StructType schema = new StructType();
      for (int i = 0; i < names.length; i++) {
        schema = schema.add(names[i], types[i], true);
      }
      List<Row> rs = new ArrayList<>();
      for (Object[] r : rows) {
        rs.add(RowFactory.create(r));
      }
      Path t = Files.createDirectories(d.resolve("trace"));
      SparkTestSession.get().createDataFrame(rs, schema).coalesce(1).write()
          .parquet(t.resolve("devices").toString());
      Files.writeString(t.resolve("links.csv"), LINKS);
    };
  }

  static final String[] DEV_COLS = {"device", "t", "data", "capacity", "process_cost", "discard_cost"};

  static DataType[] types(DataType t, DataType data) {
    return new DataType[] {DataTypes.StringType, t, data, DataTypes.DoubleType,
        DataTypes.DoubleType, DataTypes.DoubleType};
  }

  // ---- other inputs ----

  static Setup file(String name, String content) {
    return d -> {
      Files.createDirectories(d.resolve(name).getParent());
      Files.writeString(d.resolve(name), content);
    };
  }

  static Setup bytes(String name, byte[] content) {
    return d -> Files.write(d.resolve(name), content);
  }

  static Setup both(Setup a, Setup b) {
    return d -> {
      a.write(d);
      b.write(d);
    };
  }

  static final String EDGES = "generate --topology edges --edges @/e.csv --slots 2 --out @/out";

  static Setup mnist(byte[] images, byte[] labels) {
    return d -> {
      Path m = Files.createDirectories(d.resolve("mnist"));
      Files.write(m.resolve("t10k-images-idx3-ubyte"), images);
      Files.write(m.resolve("t10k-labels-idx1-ubyte"), labels);
    };
  }

  static byte[] idx(int magic, int... dims) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(magic);
    long payload = 1;
    for (int x : dims) {
      out.writeInt(x);
      payload *= x;
    }
    out.write(new byte[(int) payload]);
    return b.toByteArray();
  }

  static byte[] cut(byte[] a, int n) {
    return Arrays.copyOf(a, n);
  }

  static final String TRAIN = "train --dataset mnist:@/mnist --devices 2 --out @/out";

  static String spec(String body) {
    return "sweep { name = corpus, table = runs,\n"
        + " settings { generate { topology = full, slots = 2, capacities.enabled = false } }\n"
        + body + " }\n";
  }

  static final String SWEEP = "sweep --spec @/s.conf --warehouse @/wh";

  static Stream<Case> cases() throws IOException {
    byte[] images = idx(2051, 20, 2, 2);
    byte[] labels = idx(2049, 20);
    return Stream.of(
        // CSV traces: values
        c("data not a number", devicesLine(2, "a,1,five,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("data NaN", devicesLine(3, "b,1,NaN,10,2.0,3.0"), SOLVE, "devices.csv", "line 3"),
        c("data Infinity", devicesLine(3, "b,1,Infinity,10,2.0,3.0"), SOLVE, "devices.csv", "line 3"),
        c("data negative", devicesLine(4, "a,2,-4,,1.5,2.0"), SOLVE, "devices.csv", "line 4"),
        c("capacity negative", devicesLine(3, "b,1,2,-10,2.0,3.0"), SOLVE, "devices.csv", "line 3"),
        c("process cost negative", devicesLine(5, "b,2,3,10,-0.5,2.5"), SOLVE, "devices.csv", "line 5"),
        c("discard cost empty", devicesLine(5, "b,2,3,10,0.5,"), SOLVE, "devices.csv", "line 5"),
        c("data with a Java suffix", devicesLine(2, "a,1,5d,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("data in hex", devicesLine(2, "a,1,0x10,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("data with a decimal comma", devicesLine(2, "a,1,\"5,5\",,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("slot fractional", devicesLine(2, "a,1.5,5,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("slot zero", devicesLine(2, "a,0,5,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("slot negative", devicesLine(2, "a,-1,5,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("slot beyond int", devicesLine(2, "a,4294967298,5,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("slot empty", devicesLine(2, "a,,5,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("device id empty", devicesLine(2, ",1,5,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        c("duplicate device-slot", devicesLine(4, "a,1,4,,1.5,2.0"), SOLVE, "devices.csv", "line"),
        c("huge exponent", devicesLine(2, "a,1,1e400,,1.0,3.0"), SOLVE, "devices.csv", "line 2"),
        // CSV traces: layout
        c("missing column", csvTrace(DEVICES.replace(",discard_cost", "").replace(",3.0\n", "\n")
            .replace(",2.0\n", "\n").replace(",2.5\n", "\n"), LINKS), SOLVE, "devices.csv", "discard_cost"),
        c("header named twice", devicesLine(1, "device,t,data,capacity,process_cost,discard_cost,data"),
            SOLVE, "devices.csv", "line 1"),
        c("too few fields", devicesLine(3, "b,1,2,10,2.0"), SOLVE, "devices.csv", "line 3"),
        c("too many fields", devicesLine(3, "b,1,2,10,2.0,3.0,9"), SOLVE, "devices.csv", "line 3"),
        c("truncated last line", csvTrace(DEVICES + "a,3,1", LINKS), SOLVE, "devices.csv", "line 6"),
        c("unterminated quote", devicesLine(3, "\"b,1,2,10,2.0,3.0"), SOLVE, "devices.csv", "line 3"),
        c("empty devices file", csvTrace("", LINKS), SOLVE, "devices.csv"),
        c("header only, no rows", csvTrace("device,t,data,capacity,process_cost,discard_cost\n", LINKS),
            SOLVE, "devices"),
        c("non-UTF-8 bytes", rawDevices(latin1()), SOLVE, "devices.csv", "line 3"),
        c("UTF-16 file", rawDevices(DEVICES.getBytes(StandardCharsets.UTF_16)), SOLVE, "devices.csv"),
        c("no devices table", csvTrace(null, LINKS), SOLVE, "devices"),
        c("trace directory missing", d -> { }, SOLVE, "trace"),
        // CSV traces: links
        c("link to an unknown device", linksLine(2, "a,zz,1,,0.1"), SOLVE, "links.csv", "line 2"),
        c("link to itself", linksLine(3, "b,b,1,,0.2"), SOLVE, "links.csv", "line 3"),
        c("duplicate link", linksLine(3, "a,b,1,,0.3"), SOLVE, "links.csv", "line"),
        c("link cost NaN", linksLine(2, "a,b,1,,NaN"), SOLVE, "links.csv", "line 2"),
        c("link cost negative", linksLine(2, "a,b,1,,-0.1"), SOLVE, "links.csv", "line 2"),
        c("link slot text", linksLine(4, "a,b,two,5,0.1"), SOLVE, "links.csv", "line 4"),
        c("links missing dst", csvTrace(DEVICES, "src,t,capacity,cost\na,1,,0.1\n"), SOLVE, "links.csv", "dst"),
        // Parquet traces
        c("parquet t as double 2.5", parquetDevices(DEV_COLS, types(DataTypes.DoubleType, DataTypes.DoubleType),
            new Object[] {"a", 1.0, 5.0, null, 1.0, 3.0}, new Object[] {"b", 2.5, 2.0, 10.0, 2.0, 3.0}),
            SOLVE, "devices", "row 2", "t"),
        c("parquet t as bigint 2^32+2", parquetDevices(DEV_COLS, types(DataTypes.LongType, DataTypes.DoubleType),
            new Object[] {"a", 1L, 5.0, null, 1.0, 3.0}, new Object[] {"b", 4294967298L, 2.0, 10.0, 2.0, 3.0}),
            SOLVE, "devices", "row 2", "t"),
        c("parquet data NaN", parquetDevices(DEV_COLS, types(DataTypes.IntegerType, DataTypes.DoubleType),
            new Object[] {"a", 1, Double.NaN, null, 1.0, 3.0}), SOLVE, "devices", "row 1", "data"),
        c("parquet data -Infinity", parquetDevices(DEV_COLS, types(DataTypes.IntegerType, DataTypes.DoubleType),
            new Object[] {"a", 1, 1.0, null, 1.0, 3.0}, new Object[] {"b", 1, Double.NEGATIVE_INFINITY, null, 1.0, 3.0}),
            SOLVE, "devices", "row 2", "data"),
        c("parquet data negative", parquetDevices(DEV_COLS, types(DataTypes.IntegerType, DataTypes.DoubleType),
            new Object[] {"a", 1, -1.0, null, 1.0, 3.0}), SOLVE, "devices", "row 1", "data"),
        c("parquet data as string", parquetDevices(DEV_COLS, new DataType[] {DataTypes.StringType,
            DataTypes.IntegerType, DataTypes.StringType, DataTypes.DoubleType, DataTypes.DoubleType,
            DataTypes.DoubleType}, new Object[] {"a", 1, "5", null, 1.0, 3.0}), SOLVE, "devices", "data"),
        c("parquet device as int", parquetDevices(DEV_COLS, new DataType[] {DataTypes.IntegerType,
            DataTypes.IntegerType, DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.DoubleType,
            DataTypes.DoubleType}, new Object[] {7, 1, 5.0, null, 1.0, 3.0}), SOLVE, "devices", "device"),
        c("parquet missing column", parquetDevices(Arrays.copyOf(DEV_COLS, 5),
            Arrays.copyOf(types(DataTypes.IntegerType, DataTypes.DoubleType), 5),
            new Object[] {"a", 1, 5.0, null, 1.0}), SOLVE, "devices", "discard_cost"),
        c("parquet t null", parquetDevices(DEV_COLS, types(DataTypes.IntegerType, DataTypes.DoubleType),
            new Object[] {"a", null, 5.0, null, 1.0, 3.0}), SOLVE, "devices", "row 1", "t"),
        c("parquet not parquet", d -> {
          Path t = Files.createDirectories(d.resolve("trace"));
          Files.writeString(t.resolve("devices.parquet"), "not parquet at all");
          Files.writeString(t.resolve("links.csv"), LINKS);
        }, SOLVE, "devices.parquet"),
        // Edge lists
        c("edge self-loop", file("e.csv", "src,dst\na,b\nc,c\n"), EDGES, "e.csv", "line 3"),
        c("edge empty id", file("e.csv", "src,dst\na,b\n,c\n"), EDGES, "e.csv", "line 3"),
        c("edge missing dst column", file("e.csv", "src,to\na,b\n"), EDGES, "e.csv", "dst"),
        c("edge empty file", file("e.csv", ""), EDGES, "e.csv"),
        c("edge too many fields", file("e.csv", "src,dst\na,b,c\n"), EDGES, "e.csv", "line 2"),
        c("edge non-UTF-8", bytes("e.csv", new byte[] {'s', 'r', 'c', ',', 'd', 's', 't', '\n',
            'a', ',', (byte) 0xE9, '\n'}), EDGES, "e.csv", "line 2"),
        c("edge unterminated quote", file("e.csv", "src,dst\n\"a,b\n"), EDGES, "e.csv", "line 2"),
        c("edge file missing", d -> { }, EDGES, "e.csv"),
        c("edge path is a directory", d -> Files.createDirectories(d.resolve("e.csv")), EDGES, "e.csv"),
        // CLI options
        c("unknown option", d -> { }, "solve --trace @/trace --out @/out --methd exact", "--methd"),
        c("option without value", d -> { }, "generate --out @/out --devices", "--devices"),
        c("integer option given text", d -> { }, "generate --out @/out --slots many", "--slots"),
        c("integer option given 2.5", d -> { }, "generate --out @/out --slots 2.5", "--slots"),
        c("integer option beyond int", d -> { }, "generate --out @/out --devices 99999999999", "--devices"),
        c("choice option misspelt", d -> { }, "generate --out @/out --topology scale_free", "--topology"),
        c("probability NaN", d -> { }, "generate --out @/out --link-probability NaN", "--link-probability"),
        c("number option Infinity", d -> { }, "generate --out @/out --data-total Infinity", "--data-total"),
        c("boolean option yes", d -> { }, "generate --out @/out --capacities yes", "--capacities"),
        c("min above max", d -> { }, "generate --out @/out --process-cost-min 5 --process-cost-max 1",
            "process-cost"),
        c("unknown command", d -> { }, "solv --trace @/trace", "solv"),
        c("output is a file", both(csvTrace(DEVICES, LINKS), file("out", "x")), SOLVE, "--out", "is a file"),
        c("output not empty", both(csvTrace(DEVICES, LINKS), file("out/keep.txt", "x")), SOLVE, "--out",
            "not empty"),
        c("output is the trace", csvTrace(DEVICES, LINKS),
            "solve --trace @/trace --out @/trace --overwrite true", "--out", "--trace"),
        c("output inside the trace", csvTrace(DEVICES, LINKS),
            "solve --trace @/trace --out @/trace/plan --overwrite true", "--out", "--trace"),
        c("output contains the trace", d -> csvTrace(DEVICES, LINKS).write(d.resolve("big")),
            "solve --trace @/big/trace --out @/big --overwrite true", "--out", "--trace"),
        c("generate output is its edge file", file("e.csv", "src,dst\na,b\n"),
            "generate --topology edges --edges @/e.csv --out @/e.csv --overwrite true", "--out", "--edges"),
        c("train output contains its dataset", mnist(images, labels),
            "train --dataset mnist:@/mnist --out @ --overwrite true", "--out", "--dataset"),
        c("theory output is its edge file", file("e.csv", "src,dst\na,b\n"),
            "theory violations --edges @/e.csv --out @/e.csv --overwrite true", "--out", "--edges"),
        // HOCON files and --set values
        c("--set unknown key", d -> { }, "generate --out @/out --set foglab.generate.devicez=3", "devicez"),
        c("--set wrong type", d -> { }, "generate --out @/out --set foglab.generate.devices=ten", "devices"),
        c("--set not key=value", d -> { }, "generate --out @/out --set foglab.generate.devices", "--set"),
        c("--set bad HOCON", d -> { }, "generate --out @/out --set foglab.generate.devices={", "--set"),
        c("--conf missing file", d -> { }, "generate --out @/out --conf @/none.conf", "none.conf"),
        c("--conf bad syntax", file("c.conf", "foglab { generate { devices = 3 \n"),
            "generate --out @/out --conf @/c.conf", "c.conf"),
        c("--conf unknown key", file("c.conf", "foglab.generate.slotz = 3\n"),
            "generate --out @/out --conf @/c.conf", "slotz"),
        c("--conf wrong type", file("c.conf", "foglab.generate.slots = [1, 2]\n"),
            "generate --out @/out --conf @/c.conf", "slots"),
        c("--conf out of range", file("c.conf", "foglab.generate.rewire = 2\n"),
            "generate --out @/out --conf @/c.conf", "rewire"),
        // Sweep specs
        c("sweep seed outside grid", file("s.conf", spec(" seed = [1, 2]\n grid { generate.devices = [3] }")),
            SWEEP, "s.conf", "seed"),
        c("sweep unknown grid key", file("s.conf", spec(" grid { generate.devicez = [3] }")), SWEEP,
            "s.conf", "devicez"),
        c("sweep grid value not a list", file("s.conf", spec(" grid { generate.devices = 3 }")), SWEEP,
            "s.conf", "generate.devices"),
        c("sweep empty grid list", file("s.conf", spec(" grid { generate.devices = [] }")), SWEEP,
            "s.conf", "generate.devices"),
        c("sweep grid value out of range", file("s.conf", spec(" grid { generate.devices = [3, 0] }")),
            SWEEP, "s.conf", "devices"),
        c("sweep bad HOCON", file("s.conf", "sweep { name = x, grid { seed = [1 }\n"), SWEEP, "s.conf"),
        c("sweep spec missing", d -> { }, SWEEP, "s.conf"),
        c("sweep without a name", file("s.conf", "sweep { grid { seed = [1] } }\n"), SWEEP, "s.conf", "name"),
        c("sweep bad edge file", both(file("bad.csv", "src,dst\na,a\n"), d -> Files.writeString(
            d.resolve("s.conf"), "sweep { name = e, table = runs, settings { generate { topology = edges, "
                + "slots = 2 } }, grid { generate.edges = [\"" + d.resolve("bad.csv") + "\"] } }\n")),
            SWEEP, "bad.csv", "line 2"),
        c("sweep missing dataset", file("s.conf", "sweep { name = m, kind = train, table = runs, settings { "
            + "train { dataset = \"mnist:/nonexistent/mnist\" } }, "
            + "grid { seed = [1] } }\n"), SWEEP, "nonexistent"),
        // MNIST files
        c("mnist bad image magic", mnist(withMagic(images, 2049), labels), TRAIN, "images"),
        c("mnist bad label magic", mnist(images, withMagic(labels, 2051)), TRAIN, "labels"),
        c("mnist truncated images", mnist(cut(images, images.length - 7), labels), TRAIN, "images"),
        c("mnist truncated header", mnist(cut(images, 6), labels), TRAIN, "images"),
        c("mnist counts differ", mnist(images, idx(2049, 19)), TRAIN, "labels"),
        c("mnist directory missing", d -> { }, TRAIN, "mnist"),
        c("mnist empty file", mnist(new byte[0], labels), TRAIN, "images"));
  }

  static byte[] withMagic(byte[] a, int magic) {
    byte[] b = a.clone();
    b[0] = (byte) (magic >>> 24);
    b[1] = (byte) (magic >>> 16);
    b[2] = (byte) (magic >>> 8);
    b[3] = (byte) magic;
    return b;
  }

  static byte[] latin1() {
    return replaceLine(DEVICES, 3, "b\u00e9,1,2,10,2.0,3.0").getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int counter;

  @BeforeAll
  static void session() {
    SparkTestSession.get();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void malformedInputEndsInOneLocatedSentence(Case k) throws Exception {
    Path d = Files.createDirectories(root.resolve("case" + (++counter)));
    k.setup().write(d);
    List<String> before = listing(d);
    String[] args = k.args().stream().map(a -> a.replace("@", d.toString())).toArray(String[]::new);
    Cli.Run r = Cli.run(withWarehouse(d, args));
    String err = r.err().strip();
    assertNotEquals(0, r.code(), k.name() + ": exit 0; out " + r.out() + " err " + err);
    assertTrue(r.code() == 2 || r.code() == 3, k.name() + ": exit " + r.code() + ": " + err);
    String last = err.lines().reduce((a, b) -> b).orElse("");
    System.out.println("corpus | " + k.name() + " | exit " + r.code() + " | " + last.replace(d.toString(), "@"));
    assertTrue(last.startsWith("foglab"), k.name() + ": " + err);
    for (String l : k.located()) {
      assertTrue(last.contains(l.replace("@", d.toString())), k.name() + ": no '" + l + "' in: " + last);
    }
    assertFalse(err.contains("\tat ") || err.contains("internal error") || err.contains("Exception:"),
        k.name() + ": stack trace or internal error: " + err);
    // Progress lines ("[solve 0.1s] ...") may precede the error; nothing else may.
    List<String> lines = err.lines().toList();
    for (String line : lines.subList(0, lines.size() - 1)) {
      assertTrue(line.matches("\\[[a-z -]+ [0-9.]+s\\] .*"), k.name() + ": not a progress line: " + line);
    }
    assertFalse(Files.exists(d.resolve("out")) && !before.contains("out"),
        k.name() + ": output written");
    assertEquals(before, listing(d), k.name() + ": the case's directory changed");
  }

  /** Sweeps and train write their tables to a warehouse inside the case's directory. */
  private static String[] withWarehouse(Path d, String[] args) {
    if (Arrays.asList(args).contains("--warehouse")) {
      return args;
    }
    List<String> a = new ArrayList<>(Arrays.asList(args));
    a.add("--set");
    a.add("foglab.warehouse.path=" + d.resolve("wh"));
    return a.toArray(new String[0]);
  }

  /**
   * Every path under a directory (hidden staging directories and the warehouse included),
   * relative, sorted.
   */
  private static List<String> listing(Path d) throws IOException {
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(p -> !p.equals(d)).map(p -> d.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void theCorpusHasAtLeastSixtyCases() throws IOException {
    assertTrue(cases().count() >= 60, "cases: " + cases().count());
  }

  // ---- valid but unusual inputs ----

  static Stream<Case> unusual() {
    String crlf = DEVICES.replace("\n", "\r\n");
    String quoted = DEVICES.replace("a,1,5,,1.0,3.0", "\"a\",\"1\",\"5\",\"\",\"1.0\",\"3.0\"");
    String reordered = "discard_cost,device,process_cost,t,capacity,data\n"
        + "3.0,a,1.0,1,,5\n3.0,b,2.0,1,10,2\n2.0,a,1.5,2,,4\n2.5,b,0.5,2,10,3\n";
    String blank = DEVICES.replace("b,1,2,10,2.0,3.0\n", "b,1,2,10,2.0,3.0\n\n");
    String spaces = DEVICES.replace("a,1,5,,1.0,3.0", "a,1,5,,1.0,3.0");
    return Stream.of(
        c("UTF-8 BOM", rawDevices(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            DEVICES.getBytes(StandardCharsets.UTF_8))), SOLVE),
        c("CRLF line ends", csvTrace(crlf, LINKS.replace("\n", "\r\n")), SOLVE),
        c("quoted fields", csvTrace(quoted, LINKS.replace("a,b,1,,0.1", "\"a\",\"b\",1,,0.1")), SOLVE),
        c("reordered columns", csvTrace(reordered, "cost,t,dst,src,capacity\n0.1,1,b,a,\n"
            + "0.2,1,a,b,\n0.1,2,b,a,5\n"), SOLVE),
        c("blank line", csvTrace(blank, LINKS), SOLVE),
        c("no final newline", csvTrace(spaces.substring(0, spaces.length() - 1), LINKS), SOLVE),
        c("BOM and CRLF", rawDevices(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            crlf.getBytes(StandardCharsets.UTF_8))), SOLVE));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static List<String> plainPlan;

  private static List<String> solve(Path d) throws IOException {
    String[] args = SOLVE.replace("@", d.toString()).split(" ");
    Cli.Run r = Cli.run(withWarehouse(d, args));
    assertEquals(0, r.code(), r.err());
    List<String> rows = new ArrayList<>();
    try (Stream<Path> parts = Files.list(d.resolve("out/plan"))) {
      for (Path p : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        List<String> lines = Files.readAllLines(p);
        rows.addAll(lines.subList(1, lines.size()));
      }
    }
    rows.sort(null);
    String summary = Files.readString(d.resolve("out/summary.json"));
    rows.add(summary.replaceAll("\"(run_id|trace|[a-z_]*seconds|git_commit)\"\\s*:\\s*[^,}]*", ""));
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusual")
  void validButUnusualTracesGiveThePlainTracesPlan(Case k) throws Exception {
    synchronized (MalformedInputCorpusTest.class) {
      if (plainPlan == null) {
        Path plain = Files.createDirectories(root.resolve("plain"));
        csvTrace(DEVICES, LINKS).write(plain);
        plainPlan = solve(plain);
      }
    }
    Path d = Files.createDirectories(root.resolve("unusual" + (++counter)));
    k.setup().write(d);
    assertEquals(plainPlan, solve(d), k.name());
  }
}
