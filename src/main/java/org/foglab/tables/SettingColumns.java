package org.foglab.tables;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.foglab.config.Setting;

/**
 * Result-table columns that record a setting: the column's name is the declaration's
 * ({@link Setting#columnName()}) and its type follows the setting's (integers as int or long,
 * numbers as double, switches as boolean, choices, strings and lists as string).
 */
public final class SettingColumns {
  private SettingColumns() {}

  /** The column of a declared setting. */
  public static StructField field(Setting<?> s, boolean nullable) {
    if (s.columnName() == null) {
      throw new IllegalArgumentException(s.key() + " declares no column");
    }
    return new StructField(s.columnName(), type(s), nullable, Metadata.empty());
  }

  static DataType type(Setting<?> s) {
    return switch (s.type()) {
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOL -> DataTypes.BooleanType;
      case STRING, CHOICE, LIST -> DataTypes.StringType;
    };
  }
}
