package org.foglab.network;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.broadcast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.foglab.network.io.HadoopConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.foglab.InputError;
import org.foglab.network.io.CsvRecords;
import org.foglab.network.io.CsvSplits;
import org.foglab.network.io.FieldParser;

/**
 * Reads and validates a trace directory (docs/formats.md) into Spark tables. Each table is one file
 * ({@code devices.csv}, {@code devices.parquet}) or a directory of part files; CSV files are
 * parsed in tasks that keep line numbers, Parquet rows are checked with their file and row
 * index. Every error is an {@link InputError} naming the file, the line (or row) and the column:
 * a missing column, an empty file, non-numeric values, negative data, costs or capacities,
 * slots below 1, duplicate keys, and links naming unknown devices.
 */
public final class TraceReader {
  /** Hidden columns carried for error messages: file and line (CSV) or row (Parquet). */
  static final String FILE = "_file";
  static final String LINE = "_line";

  private TraceReader() {}

  /** How much validation {@link #read} does itself. */
  public enum Checks {
    /** Rows, plus duplicate keys and unknown devices (aggregations over key columns only). */
    FULL,
    /**
     * Rows only (during parsing, or one scan for Parquet); the caller's distributed passes check
     * keys and throw {@link TraceProblem.Found}, which {@link Tables#locate} turns into an error
     * with file and line.
     */
    ROWS,
    /**
     * As {@link #FULL}, unless the table files match the checksums {@code generate} recorded in
     * trace.json ({@link TraceManifest}): then the rows and keys are the generator's, valid by
     * construction, and only the horizon is checked.
     */
    VERIFIED
  }

  /**
   * A trace's tables.
   *
   * @param devices devices table in {@link TraceSchema#DEVICES_SCHEMA}
   * @param links links table in {@link TraceSchema#LINKS_SCHEMA} (empty when the trace has none)
   * @param horizon T: the trace.json slots, else the largest slot with a device row
   * @param format the devices table's format
   * @param metadata trace.json when present, else empty
   * @param devicesLocated devices with the hidden file and line columns
   * @param linksLocated links with the hidden file and line columns
   * @param deviceRows rows of the devices table, or -1 when the read did not count them
   * @param verified whether the files matched generate's checksums, so rows and keys were not
   *     re-checked ({@link Checks#VERIFIED})
   */
  public record Tables(Dataset<Row> devices, Dataset<Row> links, int horizon, TableFormat format,
      Map<String, Object> metadata, Dataset<Row> devicesLocated, Dataset<Row> linksLocated,
      long deviceRows, boolean verified) {

    /** The error, with file, line and column, of a problem a distributed pass found. */
    public InputError locate(TraceProblem problem) {
      List<Object> k = problem.key();
      switch (problem.kind()) {
        case DUPLICATE_DEVICE_SLOT: {
          Column match = col(TraceSchema.DEVICE).equalTo(k.get(0)).and(col(TraceSchema.T).equalTo(k.get(1)));
          return duplicate(devicesLocated, match, "device-slot (device " + k.get(0) + ", t " + k.get(1) + ")");
        }
        case DUPLICATE_LINK: {
          Column match = col(TraceSchema.SRC).equalTo(k.get(0)).and(col(TraceSchema.DST).equalTo(k.get(1)))
              .and(col(TraceSchema.T).equalTo(k.get(2)));
          return duplicate(linksLocated, match, "link (src " + k.get(0) + ", dst " + k.get(1) + ", t " + k.get(2) + ")");
        }
        case UNKNOWN_SRC:
        case UNKNOWN_DST: {
          String end = problem.kind() == TraceProblem.Kind.UNKNOWN_SRC ? TraceSchema.SRC : TraceSchema.DST;
          Row r = first(linksLocated.filter(col(end).equalTo(k.get(0))));
          return located(r, end, "unknown device " + k.get(0) + " (it has no row in the devices table)");
        }
        default: {
          Row r = first(devicesLocated.filter(col(TraceSchema.DEVICE).equalTo(k.get(0))
              .and(col(TraceSchema.T).equalTo(k.get(1)))));
          return located(r, TraceSchema.T, "slot " + k.get(1) + " is beyond the horizon of " + horizon
              + " slots in trace.json");
        }
      }
    }

    private static InputError duplicate(Dataset<Row> table, Column match, String what) {
      List<Row> rows = table.filter(match).orderBy(FILE, LINE).limit(2).collectAsList();
      Row first = rows.get(0);
      Row second = rows.get(rows.size() - 1);
      String firstAt = first.getString(first.fieldIndex(FILE)).equals(second.getString(second.fieldIndex(FILE)))
          ? "line/row " + first.getLong(first.fieldIndex(LINE))
          : first.getString(first.fieldIndex(FILE)) + " line/row " + first.getLong(first.fieldIndex(LINE));
      return located(second, TraceSchema.T, "duplicate " + what + ", first at " + firstAt);
    }

    private static Row first(Dataset<Row> rows) {
      return rows.orderBy(FILE, LINE).first();
    }
  }

  /** Reads a trace and validates all of it: rows, duplicate keys and unknown devices. */
  public static Tables read(SparkSession spark, String dir) {
    return read(spark, dir, Checks.FULL);
  }

  /** Reads a trace with the given validation. */
  public static Tables read(SparkSession spark, String dir, Checks checks) {
    return read(spark, dir, checks, false);
  }

  /**
   * Reads a trace with the given validation; with {@code serviceRate} the devices table must
   * have the {@link TraceSchema#SERVICE_RATE} column (Theorem 2's mu_i, validated like a
   * capacity: a non-negative number, empty = instant service), and {@link Tables#devices} carries
   * it as its last column ({@link TraceSchema#DEVICES_WITH_SERVICE_RATE_SCHEMA}).
   */
  public static Tables read(SparkSession spark, String dir, Checks checks, boolean serviceRate) {
    try {
      return readValidated(spark, dir, checks, serviceRate);
    } catch (Exception e) {
      throw org.foglab.FoglabError.unwrap(e);
    }
  }

  private static Tables readValidated(SparkSession spark, String dir, Checks checks,
      boolean serviceRate) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path root = new Path(dir);
    FileSystem fs;
    try {
      fs = root.getFileSystem(hadoop);
      if (!fs.exists(root)) {
        throw new InputError(dir, -1, null, "no such trace directory");
      }
      if (!fs.getFileStatus(root).isDirectory()) {
        throw new InputError(dir, -1, null, "a trace is a directory holding devices and links tables");
      }
    } catch (IOException e) {
      throw new InputError(dir, -1, null, "cannot read the trace: " + e.getMessage());
    }
    Map<String, Object> metadata = readMetadata(fs, root);
    Located devicesAt = locate(fs, root, TraceSchema.DEVICES, true);
    Located linksAt = locate(fs, root, TraceSchema.LINKS, false);
    if (serviceRate) {
      requireServiceRate(fs, devicesAt);
    }
    boolean trusted = false;
    if (checks == Checks.VERIFIED && metadata.containsKey(TraceManifest.KEY)) {
      List<String> files = new ArrayList<>(devicesAt.files());
      if (linksAt != null) {
        files.addAll(linksAt.files());
      }
      try {
        trusted = TraceManifest.matches(spark, fs, dir, metadata.get(TraceManifest.KEY), files);
      } catch (IOException e) {
        trusted = false; // unreadable checksums: validate in full
      }
    }
    Dataset<Row> devices = load(spark, devicesAt, serviceRate
        ? TraceSchema.DEVICES_WITH_SERVICE_RATE_SCHEMA : TraceSchema.DEVICES_SCHEMA, !trusted);
    Dataset<Row> links = linksAt == null
        ? spark.createDataFrame(new ArrayList<Row>(), withLocation(TraceSchema.LINKS_SCHEMA))
        : load(spark, linksAt, TraceSchema.LINKS_SCHEMA, !trusted);
    Dataset<Row> devicesPlain = strip(devices);
    Dataset<Row> linksPlain = strip(links);
    if (devicesAt.format == TableFormat.CSV) {
      // Validation and the job read the devices more than once: parse them once, and cache them
      // without the location columns (errors found later re-read the located rows). Links are
      // read more than once only by the key checks, the exact solver and the in-memory path; a
      // trace that matched its checksums goes to the closed form, which scans them once.
      devicesPlain = devicesPlain.cache();
      if (!trusted) {
        linksPlain = linksPlain.cache();
      }
    }
    int horizon;
    long deviceRows = -1;
    Object slots = metadata.get("slots");
    if (slots instanceof Number s && checks == Checks.ROWS) {
      // The walks check that no row lies beyond it.
      horizon = s.intValue();
    } else if (trusted && slots instanceof Number s
        && metadata.get("device_slots") instanceof Number rows && rows.longValue() > 0) {
      // The generator's files, unchanged: trace.json counts their rows and slots.
      horizon = s.intValue();
      deviceRows = rows.longValue();
    } else {
      Row bounds = devicesPlain.agg(max(col(TraceSchema.T)), count(lit(1))).first();
      if (bounds.getLong(1) == 0) {
        throw new InputError(devicesAt.display, -1, null, "the devices table has no rows");
      }
      int maxSlot = bounds.getInt(0);
      deviceRows = bounds.getLong(1);
      horizon = maxSlot;
      if (slots instanceof Number s) {
        horizon = s.intValue();
        if (maxSlot > horizon) {
          Row r = devices.filter(col(TraceSchema.T).gt(horizon)).orderBy(FILE, LINE).first();
          throw located(r, TraceSchema.T, "slot " + r.getInt(1) + " is beyond the horizon of "
              + horizon + " slots in trace.json");
        }
      }
    }
    Tables tables = new Tables(devicesPlain, linksPlain, horizon, devicesAt.format, metadata,
        devices, links, deviceRows, trusted);
    if (checks == Checks.FULL || (checks == Checks.VERIFIED && !trusted)) {
      TraceProblem problem = keyProblem(tables, linksAt != null);
      if (problem != null) {
        throw tables.locate(problem);
      }
    }
    return tables;
  }

  private static Dataset<Row> strip(Dataset<Row> withLocation) {
    return withLocation.drop(FILE, LINE);
  }

  static StructType withLocation(StructType s) {
    return s.add(FILE, DataTypes.StringType, false).add(LINE, DataTypes.LongType, false);
  }

  /** The sentence for a devices table without the service-rate column. */
  static InputError noServiceRate(String file, String columns) {
    return new InputError(file, -1, TraceSchema.SERVICE_RATE, "the devices table has no "
        + TraceSchema.SERVICE_RATE + " column (columns are " + columns + "), which --capacity-model "
        + "straggler needs to derive capacities; generate the trace with --capacity-model straggler "
        + "or add the column (service rate mu_i in datapoints per slot)");
  }

  /** Checks the first CSV file's header on the driver, so a missing column is one clear error. */
  private static void requireServiceRate(FileSystem fs, Located at) {
    if (at.format() != TableFormat.CSV) {
      return; // loadParquet checks the schema on the driver
    }
    String first = at.files().get(0);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(new Path(first)),
        StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (header == null) {
        return; // the parse reports the empty file
      }
      if (!header.isEmpty() && header.charAt(0) == '\uFEFF') {
        header = header.substring(1);
      }
      for (String c : header.split(",")) {
        if (c.trim().replace("\"", "").equals(TraceSchema.SERVICE_RATE)) {
          return;
        }
      }
      throw noServiceRate(first, header);
    } catch (IOException e) {
      throw new InputError(first, -1, null, "cannot read: " + e.getMessage());
    }
  }

  private static Map<String, Object> readMetadata(FileSystem fs, Path root) {
    Path meta = new Path(root, TraceSchema.METADATA);
    try {
      if (!fs.exists(meta)) {
        return Map.of();
      }
      try (var in = fs.open(meta)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return org.foglab.tables.Json.readMap(text);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InputError(meta.toString(), -1, null, "is not valid JSON: " + e.getMessage());
    }
  }

  /** Where a table lives: its files and format. */
  record Located(String display, List<String> files, TableFormat format) implements java.io.Serializable {}

  static Located locate(FileSystem fs, Path root, String table, boolean required) {
    try {
      Path csv = new Path(root, table + ".csv");
      Path parquet = new Path(root, table + ".parquet");
      Path dir = new Path(root, table);
      List<Located> found = new ArrayList<>();
      if (fs.isFile(csv)) {
        found.add(new Located(csv.toString(), List.of(csv.toString()), TableFormat.CSV));
      }
      if (fs.isFile(parquet)) {
        found.add(new Located(parquet.toString(), List.of(parquet.toString()), TableFormat.PARQUET));
      }
      if (fs.isDirectory(dir)) {
        List<FileStatus> parts = new ArrayList<>();
        for (FileStatus st : fs.listStatus(dir)) {
          String name = st.getPath().getName();
          if (st.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
            parts.add(st);
          }
        }
        parts.sort(Comparator.comparing(st -> st.getPath().getName()));
        boolean anyCsv = parts.stream().anyMatch(st -> st.getPath().getName().endsWith(".csv"));
        boolean anyParquet = parts.stream().anyMatch(st -> st.getPath().getName().endsWith(".parquet"));
        if (anyCsv && anyParquet) {
          throw new InputError(dir.toString(), -1, null, "mixes .csv and .parquet part files");
        }
        if (parts.isEmpty()) {
          throw new InputError(dir.toString(), -1, null, "holds no part files");
        }
        List<String> files = parts.stream().map(st -> st.getPath().toString()).toList();
        found.add(new Located(dir.toString(), files, anyParquet ? TableFormat.PARQUET : TableFormat.CSV));
      }
      if (found.size() > 1) {
        throw new InputError(root.toString(), -1, null, "holds more than one " + table
            + " table (" + String.join(", ", found.stream().map(Located::display).toList())
            + "); keep one");
      }
      if (found.isEmpty()) {
        if (required) {
          throw new InputError(root.toString(), -1, null, "has no " + table + " table (expected "
              + table + ".csv, " + table + ".parquet or a " + table + "/ directory of part files)");
        }
        return null;
      }
      return found.get(0);
    } catch (IOException e) {
      throw new InputError(root.toString(), -1, null, "cannot list the trace: " + e.getMessage());
    }
  }

  static Dataset<Row> load(SparkSession spark, Located at, StructType schema) {
    return load(spark, at, schema, true);
  }

  /** With {@code checkRows} false a Parquet table's rows are not scanned for bad values. */
  static Dataset<Row> load(SparkSession spark, Located at, StructType schema, boolean checkRows) {
    return at.format == TableFormat.CSV ? loadCsv(spark, at, schema)
        : loadParquet(spark, at, schema, checkRows);
  }

  /**
   * CSV files in byte ranges ({@link CsvSplits#automaticSplitBytes}), one task each, every row
   * with its file's line number ({@link CsvSplits}).
   */
  static Dataset<Row> loadCsv(SparkSession spark, Located at, StructType schema) {
    return loadCsv(spark, at, schema, 0);
  }

  /** {@link #loadCsv(SparkSession, Located, StructType)} with its range size (tests). */
  static Dataset<Row> loadCsv(SparkSession spark, Located at, StructType schema, long splitBytes) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> columns = Arrays.asList(schema.fieldNames());
    boolean isDevices = schema.fieldNames()[0].equals(TraceSchema.DEVICE);
    Broadcast<SerializableConfiguration> hadoop = HadoopConf.broadcast(spark);
    List<CsvSplits.Split> splits = CsvSplits.plan(jsc, hadoop, at.files(), splitBytes);
    JavaRDD<Row> rows = jsc.parallelize(splits, Math.max(1, splits.size())).mapPartitions(
        s -> new CsvRowIterator(s, columns, isDevices, hadoop.value().value()));
    return spark.createDataFrame(rows, withLocation(schema));
  }

  /** Parses the CSV ranges of one task lazily. */
  static final class CsvRowIterator implements Iterator<Row> {
    private final Iterator<CsvSplits.Split> splits;
    private final List<String> columns;
    private final boolean devices;
    private final Configuration hadoop;
    private CsvRecords current;
    private String file;
    private int[] pos;
    private Row next;

    CsvRowIterator(Iterator<CsvSplits.Split> splits, List<String> columns, boolean devices,
        Configuration hadoop) {
      this.hadoop = hadoop;
      this.splits = splits;
      this.columns = columns;
      this.devices = devices;
    }

    @Override
    public boolean hasNext() {
      try {
        while (next == null) {
          if (current == null) {
            if (!splits.hasNext()) {
              return false;
            }
            CsvSplits.Split s = splits.next();
            file = s.file();
            current = CsvSplits.open(s, hadoop, columns);
            pos = new int[columns.size()];
            for (int c = 0; c < pos.length; c++) {
              pos[c] = current.column(columns.get(c));
            }
          }
          if (current.next()) {
            next = devices ? deviceRow(current, pos) : linkRow(current, pos);
          } else {
            current.close();
            current = null;
          }
        }
        return true;
      } catch (IOException e) {
        throw new InputError(file, -1, null, "cannot read: " + e.getMessage());
      }
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }
  }

  static Row deviceRow(CsvRecords r, int[] pos) {
    String device = id(r, pos[0], TraceSchema.DEVICE);
    int t = slot(r, pos[1]);
    double data = nonNegative(r, pos[2], TraceSchema.DATA, false);
    double capacity = nonNegative(r, pos[3], TraceSchema.CAPACITY, true);
    double pc = nonNegative(r, pos[4], TraceSchema.PROCESS_COST, false);
    double dc = nonNegative(r, pos[5], TraceSchema.DISCARD_COST, false);
    if (pos.length > 6) {
      double mu = nonNegative(r, pos[6], TraceSchema.SERVICE_RATE, true);
      return RowFactory.create(device, t, data, Double.isNaN(capacity) ? null : capacity, pc, dc,
          Double.isNaN(mu) ? null : mu, r.file(), r.line());
    }
    return RowFactory.create(device, t, data, Double.isNaN(capacity) ? null : capacity, pc, dc,
        r.file(), r.line());
  }

  static Row linkRow(CsvRecords r, int[] pos) {
    String src = id(r, pos[0], TraceSchema.SRC);
    String dst = id(r, pos[1], TraceSchema.DST);
    if (src.equals(dst)) {
      throw r.error(TraceSchema.DST, "link from device " + src + " to itself; links join two different devices");
    }
    int t = slot(r, pos[2]);
    double capacity = nonNegative(r, pos[3], TraceSchema.CAPACITY, true);
    double cost = nonNegative(r, pos[4], TraceSchema.COST, false);
    return RowFactory.create(src, dst, t, Double.isNaN(capacity) ? null : capacity, cost,
        r.file(), r.line());
  }

  private static String id(CsvRecords r, int c, String name) {
    String s = r.field(c).trim();
    if (s.isEmpty()) {
      throw r.error(name, "missing device id");
    }
    return s;
  }

  private static int slot(CsvRecords r, int c) {
    String s = r.field(c).trim();
    Integer t = FieldParser.integer(s);
    if (t == null) {
      throw r.error(TraceSchema.T, s.isEmpty() ? "missing slot" : "\"" + s + "\" is not an integer slot");
    }
    if (t < 1) {
      throw r.error(TraceSchema.T, "slot " + t + " is below 1 (slots count from 1)");
    }
    return t;
  }

  /** A non-negative number; empty gives NaN where allowed (unbounded capacity). */
  private static double nonNegative(CsvRecords r, int c, String name, boolean emptyAllowed) {
    String s = r.field(c).trim();
    if (s.isEmpty()) {
      if (emptyAllowed) {
        return Double.NaN;
      }
      throw r.error(name, "missing value");
    }
    Double d = FieldParser.number(s);
    if (d == null) {
      throw r.error(name, "\"" + s + "\" is not a number" + (!emptyAllowed ? ""
          : name.equals(TraceSchema.SERVICE_RATE) ? " (leave it empty for instant service)"
          : " (leave it empty for an unbounded capacity)"));
    }
    if (d < 0) {
      throw r.error(name, s + " is negative");
    }
    return d;
  }

  /** Parquet: check columns and types, then find the first invalid row with file and row index. */
  static Dataset<Row> loadParquet(SparkSession spark, Located at, StructType schema) {
    return loadParquet(spark, at, schema, true);
  }

  static Dataset<Row> loadParquet(SparkSession spark, Located at, StructType schema,
      boolean checkRows) {
    Dataset<Row> raw;
    try {
      raw = spark.read().parquet(at.files().toArray(new String[0]));
    } catch (Exception e) {
      // Spark's footer reading fails as a (Scala-thrown, checked) SparkException: keep the root
      // cause's own words, not the task-failure preamble.
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String why = root.getMessage() == null ? root.toString() : root.getMessage();
      throw new InputError(at.display, -1, null, "is not readable Parquet ("
          + why.lines().findFirst().orElse(why) + ")");
    }
    StructType actual = raw.schema();
    for (StructField f : schema.fields()) {
      if (!Arrays.asList(actual.fieldNames()).contains(f.name())) {
        if (f.name().equals(TraceSchema.SERVICE_RATE)) {
          throw noServiceRate(at.display, String.join(",", actual.fieldNames()));
        }
        throw new InputError(at.display, -1, f.name(), "missing column " + f.name() + " (columns are "
            + String.join(",", actual.fieldNames()) + ")");
      }
      DataType type = actual.apply(f.name()).dataType();
      boolean ok = f.dataType() == DataTypes.StringType
          ? type == DataTypes.StringType
          : type instanceof NumericType;
      if (!ok) {
        throw new InputError(at.display, -1, f.name(), "column " + f.name() + " has type "
            + type.simpleString() + "; expected " + (f.dataType() == DataTypes.StringType
            ? "string" : "a number"));
      }
    }
    List<Column> cols = new ArrayList<>();
    List<String> wholeChecks = new ArrayList<>();
    for (int c = 0; c < schema.size(); c++) {
      StructField f = schema.fields()[c];
      cols.add(col(f.name()).cast(f.dataType()).as(f.name()));
    }
    cols.add(col("_metadata.file_path").as(FILE));
    cols.add(col("_metadata.row_index").plus(1).as(LINE));
    // A cast to int would turn 2.5 into 2 and 4294967298 into 2: check integer columns on the
    // stored value, before the cast.
    for (StructField f : schema.fields()) {
      if (f.dataType() == DataTypes.IntegerType
          && !(actual.apply(f.name()).dataType() instanceof org.apache.spark.sql.types.IntegerType)
          && !(actual.apply(f.name()).dataType() instanceof org.apache.spark.sql.types.ShortType)
          && !(actual.apply(f.name()).dataType() instanceof org.apache.spark.sql.types.ByteType)) {
        Column stored = col(f.name()).cast(DataTypes.DoubleType);
        String name = "_whole_" + f.name();
        cols.add(when(col(f.name()).isNull(), lit(null).cast(DataTypes.StringType))
            .when(stored.isNaN().or(stored.notEqual(org.apache.spark.sql.functions.floor(stored))),
                org.apache.spark.sql.functions.concat(lit(f.name() + "\tnot a whole slot number: "),
                    col(f.name()).cast(DataTypes.StringType)))
            .when(stored.gt(Integer.MAX_VALUE).or(stored.lt(Integer.MIN_VALUE)),
                org.apache.spark.sql.functions.concat(lit(f.name() + "\tslot out of range (at most "
                    + Integer.MAX_VALUE + "): "), col(f.name()).cast(DataTypes.StringType)))
            .otherwise(lit(null).cast(DataTypes.StringType)).as(name));
        wholeChecks.add(name);
      }
    }
    Dataset<Row> typed = raw.select(cols.toArray(new Column[0]));
    Column problem = lit(null).cast(DataTypes.StringType);
    // Checked in reverse so the first column's problem wins.
    for (int c = schema.size() - 1; c >= 0; c--) {
      StructField f = schema.fields()[c];
      Column v = col(f.name());
      boolean nullable = f.name().equals(TraceSchema.CAPACITY)
          || f.name().equals(TraceSchema.SERVICE_RATE);
      if (f.dataType() == DataTypes.StringType) {
        problem = when(v.isNull().or(org.apache.spark.sql.functions.trim(v).equalTo("")),
            lit(f.name() + "\tmissing device id")).otherwise(problem);
      } else if (f.dataType() == DataTypes.IntegerType) {
        problem = when(v.isNull(), lit(f.name() + "\tmissing slot"))
            .when(v.lt(1), lit(f.name() + "\tslot below 1 (slots count from 1)")).otherwise(problem);
      } else {
        Column bad = v.isNaN().or(v.equalTo(Double.POSITIVE_INFINITY))
            .or(v.equalTo(Double.NEGATIVE_INFINITY));
        problem = when(v.isNull(), nullable ? problem : lit(f.name() + "\tmissing value"))
            .when(bad, lit(f.name() + "\tnot a finite number"))
            .when(v.lt(0), lit(f.name() + "\tnegative value")).otherwise(problem);
      }
    }
    if (schema.equals(TraceSchema.LINKS_SCHEMA)) {
      problem = when(col(TraceSchema.SRC).equalTo(col(TraceSchema.DST)),
          lit(TraceSchema.DST + "\tlinks a device to itself")).otherwise(problem);
    }
    // Stored integer values that do not fit come first: their cast value is meaningless.
    for (int i = wholeChecks.size() - 1; i >= 0; i--) {
      problem = org.apache.spark.sql.functions.coalesce(col(wholeChecks.get(i)), problem);
    }
    if (!checkRows) {
      return typed.drop(wholeChecks.toArray(new String[0]));
    }
    List<Row> bad = typed.withColumn("_problem", problem).filter(col("_problem").isNotNull())
        .select(FILE, LINE, "_problem").limit(1).collectAsList();
    if (!bad.isEmpty()) {
      Row b = bad.get(0);
      String[] pc = b.getString(2).split("\t", 2);
      throw new InputError(b.getString(0), "row", b.getLong(1), pc[0], pc[1]);
    }
    return typed.drop(wholeChecks.toArray(new String[0]));
  }

  /**
   * The first key problem of a trace, found from key columns only (file and line are looked up
   * afterwards by {@link Tables#locate}, for the one problem reported): duplicate device-slots,
   * duplicate links, links naming devices without rows.
   */
  static TraceProblem keyProblem(Tables t, boolean hasLinks) {
    return keyProblem(t, hasLinks, BROADCAST_IDS, HASH_CANDIDATES);
  }

  /** {@link #keyProblem(Tables, boolean)} with its size thresholds (tests take every path). */
  static TraceProblem keyProblem(Tables t, boolean hasLinks, long broadcastIds,
      int hashCandidates) {
    List<Row> dup = t.devices().groupBy(TraceSchema.DEVICE, TraceSchema.T).count()
        .filter(col("count").gt(1)).limit(1).collectAsList();
    if (!dup.isEmpty()) {
      return TraceProblem.duplicateDeviceSlot(dup.get(0).getString(0), dup.get(0).getInt(1)).problem();
    }
    if (!hasLinks) {
      return null;
    }
    TraceProblem dupLink = duplicateLink(t.links(), hashCandidates);
    if (dupLink != null) {
      return dupLink;
    }
    Dataset<Row> known = t.devices().select(col(TraceSchema.DEVICE).as("id")).distinct()
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      if (known.count() <= broadcastIds) {
        // One scan of the links against the broadcast ids: no shuffle of the largest table.
        Dataset<Row> ks = broadcast(known.select(col("id").as("_ks")));
        Dataset<Row> kd = broadcast(known.select(col("id").as("_kd")));
        Row u = t.links().select(TraceSchema.SRC, TraceSchema.DST)
            .join(ks, col(TraceSchema.SRC).equalTo(col("_ks")), "left_outer")
            .join(kd, col(TraceSchema.DST).equalTo(col("_kd")), "left_outer")
            .agg(min(when(col("_ks").isNull(), col(TraceSchema.SRC))),
                min(when(col("_kd").isNull(), col(TraceSchema.DST))))
            .first();
        if (!u.isNullAt(0)) {
          return TraceProblem.unknownSrc(u.getString(0)).problem();
        }
        return u.isNullAt(1) ? null : TraceProblem.unknownDst(u.getString(1)).problem();
      }
      Dataset<Row> named = t.links().select(col(TraceSchema.SRC).as("id"), lit(0).as("end"))
          .union(t.links().select(col(TraceSchema.DST).as("id"), lit(1).as("end"))).distinct();
      List<Row> unknown = named.join(known, "id", "left_anti").orderBy("end", "id").limit(1)
          .collectAsList();
      if (!unknown.isEmpty()) {
        Row u = unknown.get(0);
        return (u.getInt(1) == 0 ? TraceProblem.unknownSrc(u.getString(0))
            : TraceProblem.unknownDst(u.getString(0))).problem();
      }
    } finally {
      known.unpersist(false);
    }
    return null;
  }

  /** Distinct device ids up to which the unknown-device check broadcasts them. */
  static final long BROADCAST_IDS = 5_000_000L;

  /** Candidate hashes checked exactly before falling back to an exact grouping of all links. */
  static final int HASH_CANDIDATES = 1000;

  /**
   * A duplicate (src, dst, t), or null. Links are grouped by a 64-bit hash of their key (a
   * shuffle of longs rather than of two strings and a slot); the few hashes seen twice are then
   * checked exactly, so a hash collision is never reported as a duplicate.
   */
  static TraceProblem duplicateLink(Dataset<Row> links, int hashCandidates) {
    Column h = xxhash64(col(TraceSchema.SRC), col(TraceSchema.DST), col(TraceSchema.T));
    List<Row> seenTwice = links.select(h.as("_h")).groupBy("_h").count()
        .filter(col("count").gt(1)).limit(hashCandidates).collectAsList();
    if (seenTwice.isEmpty()) {
      return null;
    }
    Object[] hashes = seenTwice.stream().map(r -> r.get(0)).toArray();
    Dataset<Row> candidates = seenTwice.size() < hashCandidates
        ? links.filter(h.isin(hashes)) : links;
    List<Row> dup = candidates.groupBy(TraceSchema.SRC, TraceSchema.DST, TraceSchema.T).count()
        .filter(col("count").gt(1)).orderBy(TraceSchema.SRC, TraceSchema.DST, TraceSchema.T)
        .limit(1).collectAsList();
    if (dup.isEmpty()) {
      return null;
    }
    Row d = dup.get(0);
    return TraceProblem.duplicateLink(d.getString(0), d.getString(1), d.getInt(2)).problem();
  }

  private static String unitOf(String file) {
    return file.endsWith(".parquet") ? "row" : "line";
  }

  private static InputError located(Row r, String column, String problem) {
    String file = r.getString(r.fieldIndex(FILE));
    return new InputError(file, unitOf(file), r.getLong(r.fieldIndex(LINE)), column, problem);
  }
}
