package org.foglab.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The closed form's dense devices table against sorted lists and direct lookups. */
class DeviceSlotTableTest {

  private static InternalRow row(String id, int t, double data, Double cap) {
    return new GenericInternalRow(new Object[] {UTF8String.fromString(id), t, data, cap, 1.0, 2.0});
  }

  private static DeviceChunk chunk(List<InternalRow> rows) {
    Iterator<InternalRow> it = rows.iterator();
    return DeviceChunk.of(it);
  }

  @Test
  void idsAreSortedAsSparkComparesStringsAndEveryOneIsFound() {
    Random r = new Random(7);
    List<String> ids = new ArrayList<>();
    // Different lengths, shared prefixes, non-ASCII (UTF-8 byte order differs from UTF-16 order
    // for characters above U+FFFF against U+E000..U+FFFF), and many ids for probe chains.
    ids.addAll(List.of("a", "ab", "abc", "b", "\uE000x", "\uD83D\uDE00y", "\u00e9", "Z", ""));
    for (int i = 0; i < 5000; i++) {
      ids.add(Long.toString(r.nextLong() & 0xffffffL, 36));
    }
    List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
    // Two chunks, rows of one device not necessarily together.
    List<InternalRow> first = new ArrayList<>();
    List<InternalRow> second = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i++) {
      (i % 2 == 0 ? first : second).add(row(distinct.get(i), 1, i, i % 3 == 0 ? null : 5.0));
      second.add(row(distinct.get(i), 2, -i, 7.0));
    }
    DeviceSlotTable t = DeviceSlotTable.of(List.of(chunk(first), chunk(second)), 2, Long.MAX_VALUE);
    UTF8String[] sorted = distinct.stream().map(UTF8String::fromString).toArray(UTF8String[]::new);
    // Spark's string order: unsigned UTF-8 bytes, which is UTF8String.compareTo.
    Arrays.sort(sorted, (x, y) -> Arrays.compareUnsigned(x.getBytes(), y.getBytes()));
    assertEquals(sorted.length, t.devices);
    for (int d = 0; d < sorted.length; d++) {
      assertEquals(sorted[d], t.id(d));
      assertEquals(d, t.index(sorted[d]));
      int i = distinct.indexOf(sorted[d].toString());
      assertEquals(i, t.data[d * 2], 0.0);
      assertEquals(i % 3 == 0 ? Double.POSITIVE_INFINITY : 5.0, t.capacity[d * 2], 0.0);
      assertEquals(-i, t.data[d * 2 + 1], 0.0);
    }
    assertEquals(-1, t.index(UTF8String.fromString("not-there")));
    // A prefix of a known id, as a view into a longer buffer.
    assertEquals(-1, t.index(UTF8String.fromBytes("abdx".getBytes(StandardCharsets.UTF_8), 0, 3)));
    assertEquals(t.index(UTF8String.fromString("ab")),
        t.index(UTF8String.fromBytes("xabx".getBytes(StandardCharsets.UTF_8), 1, 2)));
  }

  @Test
  void missingSlotsAreAbsentAndTwoRowsForOneSlotAreRefused() {
    DeviceSlotTable t = DeviceSlotTable.of(List.of(chunk(List.of(row("x", 3, 1.0, null)))), 4,
        Long.MAX_VALUE);
    assertEquals(false, t.present(0));
    assertEquals(true, t.present(2));
    assertThrows(IllegalStateException.class, () -> DeviceSlotTable.of(List.of(
        chunk(List.of(row("x", 1, 1.0, null))), chunk(List.of(row("x", 1, 2.0, null)))), 1,
        Long.MAX_VALUE));
    // A grid over the limit is declined (the caller takes the joins).
    assertNull(DeviceSlotTable.of(List.of(chunk(List.of(row("x", 1, 1.0, null)))), 3, 2));
  }
}
