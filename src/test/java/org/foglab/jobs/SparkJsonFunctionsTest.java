package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.Test;

/**
 * Spark SQL's JSON functions work on foglab's classpath: analysts parse the trainings table's
 * {@code report} and {@code settings} JSON with them (a jackson-core older than Spark's
 * databind broke them with a missing class).
 */
class SparkJsonFunctionsTest {
  @Test
  void fromJsonAndGetJsonObjectParse() {
    var row = SparkTestSession.get().sql("SELECT from_json('{\"epochs\": 12, \"loss\": [0.5, "
        + "0.25]}', 'epochs INT, loss ARRAY<DOUBLE>') AS r, get_json_object('{\"a\": "
        + "{\"b\": 7}}', '$.a.b') AS b").first();
    assertEquals(12, row.getStruct(0).getInt(0));
    assertEquals(0.25, row.getStruct(0).getList(1).get(1));
    assertEquals("7", row.getString(1));
  }
}
