package org.foglab.config;

/**
 * Where result tables live ({@code foglab.warehouse.*}): an Iceberg Hadoop catalog.
 *
 * @param path warehouse directory or URI
 * @param catalog Spark catalog name
 * @param namespace namespace of foglab's tables
 */
public record WarehouseSettings(String path, String catalog, String namespace) {
  public WarehouseSettings {
    if (!catalog.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ConfigError("foglab.warehouse.catalog", "must be an identifier (letters, digits, _), got \"" + catalog + "\"");
    }
    if (!namespace.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ConfigError("foglab.warehouse.namespace", "must be an identifier (letters, digits, _), got \"" + namespace + "\"");
    }
  }

  public static WarehouseSettings read(Settings root) {
    Settings s = root.at("warehouse");
    return new WarehouseSettings(s.string("path"), s.string("catalog"), s.string("namespace"));
  }

  /** Fully qualified name of a table. */
  public String table(String name) {
    return catalog + "." + namespace + "." + name;
  }
}
