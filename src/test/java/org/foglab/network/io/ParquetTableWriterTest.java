package org.foglab.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of the row-by-row Parquet writer read back by Spark (vectorized and row readers) as
 * exactly the rows written, over several pages and row groups' worth of nulls and strings, with
 * the length and CRC-32C of the bytes on disk.
 */
class ParquetTableWriterTest {
  @TempDir
  Path dir;

  static final StructType SCHEMA = new StructType()
      .add("name", DataTypes.StringType, false)
      .add("t", DataTypes.IntegerType, false)
      .add("big", DataTypes.LongType, false)
      .add("x", DataTypes.DoubleType, false)
      .add("maybe", DataTypes.DoubleType, true)
      .add("label", DataTypes.StringType, true);

  private static String name(int i) {
    // Non-ASCII ids too: lengths in bytes differ from lengths in chars.
    return i % 7 == 0 ? "dévice-" + i : "d" + i;
  }

  @Test
  void sparkReadsBackExactlyTheRowsWritten() throws Exception {
    int n = 2 * ParquetTableWriter.PAGE_ROWS + 123;
    Path file = dir.resolve("t").resolve("part-00000.parquet");
    Files.createDirectories(file.getParent());
    List<String> expected = new ArrayList<>();
    ParquetTableWriter w = new ParquetTableWriter(Files.newOutputStream(file), SCHEMA);
    java.util.Random rnd = new java.util.Random(7);
    long negative = 0;
    long nullMaybes = 0;
    for (int i = 0; i < n; i++) {
      String s = name(i);
      long big = (long) i * 3_000_000_007L - 5;
      double x = rnd.nextDouble() * (i % 2 == 0 ? 1 : -1e300);
      negative += x < 0 ? 1 : 0;
      // Nulls in runs and alone: whole stretches, then every third row.
      boolean nullMaybe = (i / 1000) % 3 == 1 || i % 3 == 0;
      double maybe = rnd.nextDouble();
      nullMaybes += nullMaybe ? 1 : 0;
      boolean nullLabel = i >= ParquetTableWriter.PAGE_ROWS && i < 2 * ParquetTableWriter.PAGE_ROWS;
      w.string(0, s);
      w.int32(1, i - 10);
      w.int64(2, big);
      w.float64(3, x);
      if (nullMaybe) {
        w.nullValue(4);
      } else {
        w.float64(4, maybe);
      }
      if (nullLabel) {
        w.nullValue(5);
      } else {
        w.string(5, "L" + (i % 5));
      }
      w.endRow();
      expected.add(s + "|" + (i - 10) + "|" + big + "|" + x + "|" + (nullMaybe ? "null" : maybe)
          + "|" + (nullLabel ? "null" : "L" + (i % 5)));
    }
    w.close();
    assertEquals(n, w.rows());
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(bytes.length, w.length());
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    assertEquals(HexFormat.of().toHexDigits((int) crc.getValue()), w.crc32c());

    SparkSession spark = SparkTestSession.get();
    Collections.sort(expected);
    for (String vectorized : List.of("true", "false")) {
      spark.conf().set("spark.sql.parquet.enableVectorizedReader", vectorized);
      try {
        Dataset<Row> back = spark.read().parquet(file.getParent().toString());
        assertEquals(SCHEMA.asNullable(), back.schema().asNullable());
        List<String> got = new ArrayList<>();
        for (Row r : back.collectAsList()) {
          got.add(r.getString(0) + "|" + r.getInt(1) + "|" + r.getLong(2) + "|" + r.getDouble(3)
              + "|" + (r.isNullAt(4) ? "null" : r.getDouble(4)) + "|"
              + (r.isNullAt(5) ? "null" : r.getString(5)));
        }
        Collections.sort(got);
        assertEquals(expected, got, "vectorized " + vectorized);
        // Page statistics let filters skip pages; they must never skip a matching row.
        assertEquals(expected.stream().filter(e -> e.startsWith("dévice-7|")).count(),
            back.filter("name = 'dévice-7'").count());
        assertEquals(n - negative, back.filter("x >= 0").count());
        assertEquals(negative, back.filter("x < 0").count());
        assertEquals(nullMaybes, back.filter("maybe is null").count());
        assertEquals(n - nullMaybes, back.filter("maybe >= 0").count());
        assertEquals(1, back.filter("t = 5000").count());
      } finally {
        spark.conf().unset("spark.sql.parquet.enableVectorizedReader");
      }
    }
  }

  @Test
  void anEmptyFileIsATableWithNoRows() throws Exception {
    Path file = dir.resolve("e").resolve("part-00000.parquet");
    Files.createDirectories(file.getParent());
    ParquetTableWriter w = new ParquetTableWriter(Files.newOutputStream(file), SCHEMA);
    w.close();
    Dataset<Row> back = SparkTestSession.get().read().parquet(file.getParent().toString());
    assertEquals(0, back.count());
    assertEquals(SCHEMA.fieldNames().length, back.schema().size());
  }

  @Test
  void refusesWhatParquetCannotHold() throws Exception {
    Path file = dir.resolve("bad.parquet");
    ParquetTableWriter w = new ParquetTableWriter(Files.newOutputStream(file), SCHEMA);
    assertThrows(IllegalStateException.class, () -> w.nullValue(0));
    assertThrows(IllegalArgumentException.class, () -> w.float64(3, Double.NaN));
    w.close();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParquetTableWriter.parquetSchema(new StructType().add("d", DataTypes.DateType)));
    assertTrue(e.getMessage().contains("column d"), e.getMessage());
  }
}
