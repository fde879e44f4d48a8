package org.foglab.network.io;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a flat table (string, int, long and double columns of a Spark schema) to one Parquet
 * file, row by row without per-row objects: each column's values go straight into a byte buffer
 * and leave it as PLAIN-encoded version-1 data pages (string and integer pages Snappy-compressed,
 * double pages, random to the last bit, stored as they are), with page and chunk statistics.
 * The file is what Spark's own Parquet writer would declare for the schema (same column types,
 * repetition and the Spark schema in the footer), so Spark and any Parquet reader read it back
 * unchanged; it exists because the general writer's per-value path (Row conversion, record
 * consumer, dictionary attempts on random doubles) was most of the time of writing a generated
 * trace. The CRC-32C and length of the bytes written are known when the file is closed.
 */
public final class ParquetTableWriter implements TableSink {
  /** Rows per data page. */
  static final int PAGE_ROWS = 20_000;
  /** Buffered (compressed) bytes at which a row group is written out. */
  static final long ROW_GROUP_BYTES = 64L << 20;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
      ByteOrder.LITTLE_ENDIAN);

  private enum Kind { STRING, INT32, INT64, DOUBLE }

  private final MessageType schema;
  private final Column[] columns;
  private final ParquetFileWriter file;
  private final ChecksummedStream stream;
  private final String sparkSchema;
  private int pageRows;
  private long groupRows;
  private long groupBytes;
  private long rows;
  private boolean closed;

  /** The Parquet schema Spark writes for a flat schema of string, int, long and double columns. */
  public static MessageType parquetSchema(StructType spark) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (StructField f : spark.fields()) {
      Type.Repetition rep = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      Kind k = kind(f.dataType(), f.name());
      switch (k) {
        case STRING -> b.primitive(PrimitiveType.PrimitiveTypeName.BINARY, rep)
            .as(LogicalTypeAnnotation.stringType()).named(f.name());
        case INT32 -> b.primitive(PrimitiveType.PrimitiveTypeName.INT32, rep).named(f.name());
        case INT64 -> b.primitive(PrimitiveType.PrimitiveTypeName.INT64, rep).named(f.name());
        default -> b.primitive(PrimitiveType.PrimitiveTypeName.DOUBLE, rep).named(f.name());
      }
    }
    return b.named("spark_schema");
  }

  private static Kind kind(DataType t, String name) {
    if (t == DataTypes.StringType) {
      return Kind.STRING;
    } else if (t == DataTypes.IntegerType) {
      return Kind.INT32;
    } else if (t == DataTypes.LongType) {
      return Kind.INT64;
    } else if (t == DataTypes.DoubleType) {
      return Kind.DOUBLE;
    }
    throw new IllegalArgumentException("column " + name + " has type " + t.simpleString()
        + "; the table writer takes string, int, bigint and double columns");
  }

  /**
   * @param out the new file's stream (closed by {@link #close()})
   * @param table the Spark schema of the rows
   */
  public ParquetTableWriter(OutputStream out, StructType table) throws IOException {
    this.schema = parquetSchema(table);
    this.columns = new Column[table.size()];
    List<ColumnDescriptor> descriptors = schema.getColumns();
    for (int c = 0; c < columns.length; c++) {
      StructField f = table.fields()[c];
      columns[c] = new Column(kind(f.dataType(), f.name()), f.nullable(), descriptors.get(c));
    }
    this.sparkSchema = table.json();
    this.stream = new ChecksummedStream(out);
    this.file = new ParquetFileWriter(new StreamFile(stream), schema,
        ParquetFileWriter.Mode.CREATE, ROW_GROUP_BYTES, 0, 64, Integer.MAX_VALUE, false);
    file.start();
  }

  /** A string value (UTF-8 bytes {@code b[off, off+len)}) of column c in the current row. */
  @Override
  public void string(int c, byte[] b, int off, int len) {
    columns[c].putBytes(b, off, len);
  }

  public void string(int c, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    columns[c].putBytes(b, 0, b.length);
  }

  @Override
  public void int32(int c, int v) {
    columns[c].putInt(v);
  }

  @Override
  public void int64(int c, long v) {
    columns[c].putLong(v);
  }

  @Override
  public void float64(int c, double v) {
    columns[c].putDouble(v);
  }

  /** Null in a nullable column of the current row. */
  @Override
  public void nullValue(int c) {
    columns[c].putNull();
  }

  /** Ends the current row: every column must have had exactly one value. */
  @Override
  public void endRow() throws IOException {
    rows++;
    if (++pageRows == PAGE_ROWS) {
      endPage();
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  /** Bytes written, known after {@link #close()}. */
  @Override
  public long length() {
    return stream.getPos();
  }

  /** CRC-32C of the bytes written, as 8 hex digits (as TraceManifest records it), after close. */
  @Override
  public String crc32c() {
    return stream.crc32c();
  }

  private void endPage() throws IOException {
    if (pageRows == 0) {
      return;
    }
    for (Column col : columns) {
      if (col.count != pageRows) {
        throw new IllegalStateException("column " + col.descriptor.getPath()[0] + " has "
            + col.count + " values in a page of " + pageRows + " rows");
      }
      groupBytes += col.endPage();
    }
    groupRows += pageRows;
    pageRows = 0;
    if (groupBytes >= ROW_GROUP_BYTES) {
      endRowGroup();
    }
  }

  private void endRowGroup() throws IOException {
    if (groupRows == 0) {
      return;
    }
    file.startBlock(groupRows);
    for (Column col : columns) {
      col.writeChunk(file, groupRows);
    }
    file.endBlock();
    groupRows = 0;
    groupBytes = 0;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      endPage();
      endRowGroup();
      file.end(Map.of("org.apache.spark.sql.parquet.row.metadata", sparkSchema));
    } finally {
      stream.close();
    }
  }

  /** One column's current page and the finished pages of its current row group. */
  private static final class Column {
    final Kind kind;
    final boolean nullable;
    final ColumnDescriptor descriptor;
    final PrimitiveType type;
    final CompressionCodecName codec;
    byte[] values = new byte[1 << 16];
    int pos;
    /** Definition levels of the page (nullable columns): 1 present, 0 null. */
    final byte[] defined;
    int count;
    int nulls;
    // Page statistics: numbers as doubles/longs, strings as an offset into values.
    double minD;
    double maxD;
    long minL;
    long maxL;
    int minOff = -1;
    int minLen;
    int maxOff = -1;
    int maxLen;
    final List<Page> pages = new ArrayList<>();

    Column(Kind kind, boolean nullable, ColumnDescriptor descriptor) {
      this.kind = kind;
      this.nullable = nullable;
      this.descriptor = descriptor;
      this.type = descriptor.getPrimitiveType();
      // Random doubles do not compress: storing them plain saves the codec both ways.
      this.codec = kind == Kind.DOUBLE ? CompressionCodecName.UNCOMPRESSED
          : CompressionCodecName.SNAPPY;
      this.defined = nullable ? new byte[PAGE_ROWS] : null;
      resetStats();
    }

    private void resetStats() {
      minD = Double.POSITIVE_INFINITY;
      maxD = Double.NEGATIVE_INFINITY;
      minL = Long.MAX_VALUE;
      maxL = Long.MIN_VALUE;
      minOff = -1;
      maxOff = -1;
    }

    private void room(int n) {
      if (pos + n > values.length) {
        values = Arrays.copyOf(values, Math.max(values.length * 2, pos + n));
      }
    }

    private void present() {
      if (nullable) {
        defined[count] = 1;
      }
      count++;
    }

    void putNull() {
      if (!nullable) {
        throw new IllegalStateException("null in required column " + descriptor.getPath()[0]);
      }
      defined[count++] = 0;
      nulls++;
    }

    void putBytes(byte[] b, int off, int len) {
      room(4 + len);
      INTS.set(values, pos, len);
      int start = pos + 4;
      System.arraycopy(b, off, values, start, len);
      pos = start + len;
      if (minOff < 0) {
        minOff = start;
        minLen = len;
        maxOff = start;
        maxLen = len;
      } else if (compare(values, start, len, minOff, minLen) < 0) {
        minOff = start;
        minLen = len;
      } else if (compare(values, start, len, maxOff, maxLen) > 0) {
        maxOff = start;
        maxLen = len;
      }
      present();
    }

    /**
     * Unsigned lexicographic order of two byte ranges of one array (ids are a few bytes: a
     * plain loop beats the vectorized mismatch's set-up).
     */
    private static int compare(byte[] b, int x, int xLen, int y, int yLen) {
      int n = Math.min(xLen, yLen);
      for (int k = 0; k < n; k++) {
        int d = (b[x + k] & 0xFF) - (b[y + k] & 0xFF);
        if (d != 0) {
          return d;
        }
      }
      return xLen - yLen;
    }

    void putInt(int v) {
      room(4);
      INTS.set(values, pos, v);
      pos += 4;
      minL = Math.min(minL, v);
      maxL = Math.max(maxL, v);
      present();
    }

    void putLong(long v) {
      room(8);
      LONGS.set(values, pos, v);
      pos += 8;
      minL = Math.min(minL, v);
      maxL = Math.max(maxL, v);
      present();
    }

    void putDouble(double v) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("NaN in column " + descriptor.getPath()[0]);
      }
      room(8);
      LONGS.set(values, pos, Double.doubleToRawLongBits(v));
      pos += 8;
      minD = Math.min(minD, v);
      maxD = Math.max(maxD, v);
      present();
    }

    /** Closes the page: levels and values, compressed; returns its stored size. */
    int endPage() throws IOException {
      byte[] levels = nullable ? levels() : new byte[0];
      int raw = levels.length + pos;
      byte[] page = new byte[raw];
      System.arraycopy(levels, 0, page, 0, levels.length);
      System.arraycopy(values, 0, page, levels.length, pos);
      byte[] stored = page;
      if (codec == CompressionCodecName.SNAPPY) {
        byte[] out = new byte[org.xerial.snappy.Snappy.maxCompressedLength(raw)];
        int n = org.xerial.snappy.Snappy.compress(page, 0, raw, out, 0);
        stored = Arrays.copyOf(out, n);
      }
      pages.add(new Page(stored, raw, count, statistics()));
      count = 0;
      nulls = 0;
      pos = 0;
      resetStats();
      return stored.length;
    }

    private Statistics<?> statistics() {
      Statistics.Builder b = Statistics.getBuilderForReading(type).withNumNulls(nulls);
      if (nulls < count) {
        byte[] min;
        byte[] max;
        switch (kind) {
          case STRING -> {
            min = Arrays.copyOfRange(values, minOff, minOff + minLen);
            max = Arrays.copyOfRange(values, maxOff, maxOff + maxLen);
          }
          case INT32 -> {
            min = new byte[4];
            max = new byte[4];
            INTS.set(min, 0, (int) minL);
            INTS.set(max, 0, (int) maxL);
          }
          case INT64 -> {
            min = new byte[8];
            max = new byte[8];
            LONGS.set(min, 0, minL);
            LONGS.set(max, 0, maxL);
          }
          default -> {
            min = new byte[8];
            max = new byte[8];
            // -0.0 and 0.0 compare equal in min/max: record the signed zero Parquet asks for.
            LONGS.set(min, 0, Double.doubleToLongBits(minD == 0.0 ? -0.0 : minD));
            LONGS.set(max, 0, Double.doubleToLongBits(maxD == 0.0 ? 0.0 : maxD));
          }
        }
        b.withMin(min).withMax(max);
      }
      return b.build();
    }

    /**
     * The page's definition levels, RLE/bit-packing hybrid at bit width 1 (runs of equal levels
     * as RLE runs), after their 4-byte length as version-1 pages store them.
     */
    private byte[] levels() {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      out.write(0);
      out.write(0);
      out.write(0);
      out.write(0);
      int i = 0;
      while (i < count) {
        int j = i + 1;
        while (j < count && defined[j] == defined[i]) {
          j++;
        }
        int header = (j - i) << 1;
        while ((header & ~0x7F) != 0) {
          out.write((header & 0x7F) | 0x80);
          header >>>= 7;
        }
        out.write(header);
        out.write(defined[i]);
        i = j;
      }
      byte[] b = out.toByteArray();
      INTS.set(b, 0, b.length - 4);
      return b;
    }

    void writeChunk(ParquetFileWriter file, long groupRows) throws IOException {
      file.startColumn(descriptor, groupRows, codec);
      for (Page p : pages) {
        file.writeDataPage(p.rows, p.rawSize, BytesInput.from(p.bytes), p.stats, p.rows,
            Encoding.BIT_PACKED, nullable ? Encoding.RLE : Encoding.BIT_PACKED, Encoding.PLAIN);
      }
      file.endColumn();
      pages.clear();
    }
  }

  private record Page(byte[] bytes, int rawSize, int rows, Statistics<?> stats) {}

  /** The stream as the OutputFile ParquetFileWriter asks for (created once, never overwritten). */
  private record StreamFile(ChecksummedStream stream) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return stream;
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
