package org.foglab.tables;

import java.util.Arrays;
import org.apache.iceberg.MetadataTableType;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;

/**
 * The warehouse's Spark catalog: Iceberg's {@link SparkCatalog} where a metadata table of a
 * table in the default namespace also resolves under the table's plain name, so
 * {@code SELECT * FROM sweeps.snapshots} works as {@code results.sweeps.snapshots} does. Spark
 * reads a two-part name as namespace and table and never prefixes the current namespace.
 */
public class FoglabCatalog extends SparkCatalog {
  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    return orInDefaultNamespace(ident, super::loadTable);
  }

  @Override
  public Table loadTable(Identifier ident, String version) throws NoSuchTableException {
    return orInDefaultNamespace(ident, id -> super.loadTable(id, version));
  }

  @Override
  public Table loadTable(Identifier ident, long timestamp) throws NoSuchTableException {
    return orInDefaultNamespace(ident, id -> super.loadTable(id, timestamp));
  }

  /** One of the catalog's table loads. */
  @FunctionalInterface
  private interface Load {
    Table apply(Identifier ident) throws NoSuchTableException;
  }

  /** {@code load(ident)}, or, for a metadata table not found there, its default-namespace name. */
  private Table orInDefaultNamespace(Identifier ident, Load load) throws NoSuchTableException {
    try {
      return load.apply(ident);
    } catch (NoSuchTableException | org.apache.iceberg.exceptions.NoSuchTableException e) {
      Identifier inDefault = metadataTableInDefaultNamespace(ident);
      if (inDefault == null) {
        throw e;
      }
      return load.apply(inDefault);
    }
  }

  /** {@code table.snapshots} read as {@code <default namespace>.table.snapshots}, else null. */
  private Identifier metadataTableInDefaultNamespace(Identifier ident) {
    String[] ns = ident.namespace();
    String[] home = defaultNamespace();
    if (ns.length != 1 || home == null || home.length == 0 || Arrays.equals(ns, home)
        || MetadataTableType.from(ident.name()) == null) {
      return null;
    }
    String[] full = Arrays.copyOf(home, home.length + 1);
    full[home.length] = ns[0];
    return Identifier.of(full, ident.name());
  }
}
