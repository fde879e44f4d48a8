package org.foglab.tables;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A row built by column name against a schema, so that a reordered or widened schema can never
 * shift values into the wrong column. Every column must be given exactly once, no unknown name
 * is accepted, a non-nullable column takes no null, and a value of a string, long, int, double
 * or boolean column must have that Java type; each violation is an
 * {@link IllegalArgumentException} naming the column. The row carries its schema, so
 * {@code row.getAs("col")} works.
 */
public final class NamedRow {
  private final StructType schema;
  private final Map<String, Object> values = new LinkedHashMap<>();

  private NamedRow(StructType schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
  }

  /** A builder for one row of {@code schema}. */
  public static NamedRow builder(StructType schema) {
    return new NamedRow(schema);
  }

  /** The row of {@code schema} with these column values (every column, nothing else). */
  public static Row of(StructType schema, Map<String, Object> values) {
    NamedRow b = builder(schema);
    Objects.requireNonNull(values, "values").forEach(b::set);
    return b.build();
  }

  /** Sets column {@code column}; it must exist and not have been set. */
  public NamedRow set(String column, Object value) {
    Objects.requireNonNull(column, "column name");
    StructField f = field(column);
    if (values.containsKey(column)) {
      throw new IllegalArgumentException("column " + column + " is given twice");
    }
    check(f, value);
    values.put(column, value);
    return this;
  }

  /** Sets the column that records a declared setting ({@link SettingColumns}). */
  public NamedRow set(org.foglab.config.Setting<?> setting, Object value) {
    return set(Objects.requireNonNull(setting.columnName(), setting.key() + " has no column"),
        value);
  }

  /** The row, in the schema's column order; every column must have been set. */
  public Row build() {
    StructField[] fields = schema.fields();
    Object[] row = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      if (!values.containsKey(fields[i].name())) {
        throw new IllegalArgumentException("column " + fields[i].name() + " is missing");
      }
      row[i] = values.get(fields[i].name());
    }
    return new GenericRowWithSchema(row, schema);
  }

  private StructField field(String column) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    throw new IllegalArgumentException("column " + column + " is not in the schema ("
        + String.join(", ", schema.fieldNames()) + ")");
  }

  private static void check(StructField f, Object value) {
    if (value == null) {
      if (!f.nullable()) {
        throw new IllegalArgumentException("column " + f.name() + " must not be null");
      }
      return;
    }
    Class<?> want = javaType(f.dataType());
    if (want != null && !want.isInstance(value)) {
      throw new IllegalArgumentException("column " + f.name() + " is " + f.dataType().simpleString()
          + " and needs a " + want.getSimpleName() + ", got a " + value.getClass().getSimpleName());
    }
  }

  private static Class<?> javaType(DataType t) {
    if (t instanceof StringType) {
      return String.class;
    }
    if (t instanceof LongType) {
      return Long.class;
    }
    if (t instanceof IntegerType) {
      return Integer.class;
    }
    if (t instanceof DoubleType) {
      return Double.class;
    }
    if (t instanceof BooleanType) {
      return Boolean.class;
    }
    return null; // other types are left to Spark's own conversion checks
  }
}
