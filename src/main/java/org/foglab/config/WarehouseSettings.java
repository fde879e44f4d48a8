package org.foglab.config;

/**
 * Where result tables live ({@code foglab.warehouse.*}): an Iceberg Hadoop catalog.
 *
 * @param path warehouse directory or URI
 * @param catalog Spark catalog name
 * @param namespace namespace of foglab's tables
 */
public record WarehouseSettings(String path, String catalog, String namespace) {
  /** Declarations of {@code foglab.warehouse.*}. */
  public static final Setting<String> PATH =
      Setting.string("foglab.warehouse.path").option("warehouse", "DIR");
  public static final Setting<String> CATALOG = Setting.identifier("foglab.warehouse.catalog");
  public static final Setting<String> NAMESPACE = Setting.identifier("foglab.warehouse.namespace");

  public WarehouseSettings {
    PATH.check(path);
    CATALOG.check(catalog);
    NAMESPACE.check(namespace);
  }

  public static WarehouseSettings read(Settings root) {
    return new WarehouseSettings(root.get(PATH), root.get(CATALOG), root.get(NAMESPACE));
  }

  /** Fully qualified name of a table. */
  public String table(String name) {
    return catalog + "." + namespace + "." + name;
  }
}
