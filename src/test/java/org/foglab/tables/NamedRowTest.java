package org.foglab.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NamedRowTest {
  private static final StructType SCHEMA = new StructType()
      .add("a", DataTypes.StringType, false)
      .add("b", DataTypes.LongType, true)
      .add("c", DataTypes.DoubleType, false);

  @Test
  void valuesLandInTheirColumnsWhateverTheOrderGiven() {
    Row r = NamedRow.builder(SCHEMA).set("c", 2.5).set("a", "x").set("b", 7L).build();
    assertEquals("x", r.getString(0));
    assertEquals(7L, r.getLong(1));
    assertEquals(2.5, r.getDouble(2));
    assertEquals(2.5, (double) r.getAs("c"));
    Map<String, Object> m = new HashMap<>();
    m.put("b", null);
    m.put("c", 1.0);
    m.put("a", "y");
    Row s = NamedRow.of(SCHEMA, m);
    assertEquals("y", s.get(0));
    assertNull(s.get(1));
    assertEquals(1.0, s.get(2));
  }

  @Test
  void missingUnknownDuplicateNullAndMistypedColumnsAreNamed() {
    assertNames(() -> NamedRow.builder(SCHEMA).set("a", "x").set("c", 1.0).build(), "b",
        "missing");
    assertNames(() -> NamedRow.builder(SCHEMA).set("d", 1), "d", "not in the schema");
    assertNames(() -> NamedRow.builder(SCHEMA).set("a", "x").set("a", "y"), "a", "twice");
    assertNames(() -> NamedRow.builder(SCHEMA).set("c", null), "c", "null");
    assertNames(() -> NamedRow.builder(SCHEMA).set("b", 7), "b", "Long");
    Map<String, Object> extra = new HashMap<>(Map.of("a", "x", "b", 1L, "c", 1.0, "z", 0));
    assertNames(() -> NamedRow.of(SCHEMA, extra), "z", "not in the schema");
    assertNames(() -> NamedRow.of(SCHEMA, Map.of("a", "x", "b", 1L)), "c", "missing");
  }

  private static void assertNames(Executable call, String column, String what) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith("column " + column + " ")
        && e.getMessage().contains(what), e.getMessage());
  }
}
