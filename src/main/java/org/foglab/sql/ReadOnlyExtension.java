package org.foglab.sql;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.analysis.LocalTempView$;
import org.apache.spark.sql.catalyst.analysis.GlobalTempView$;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.CreateViewCommand;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * A Spark SQL extension ({@code spark.sql.extensions}) that makes every session of a
 * SparkSession read-only: after analysis, a plan holding any command other than the listed
 * read-only ones (SHOW, DESCRIBE, EXPLAIN, USE, SET, CACHE, temporary views) is rejected with
 * one sentence, before it runs. An allow-list, so commands added later (INSERT, CREATE, DROP,
 * ALTER, DELETE, UPDATE, MERGE, Iceberg's CALL procedures, ...) stay rejected. Clients cannot
 * lift it: extensions are fixed when the SparkContext's first session is built.
 */
public final class ReadOnlyExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  /** Simple class names of commands that read or only change the session's own state. */
  static final Set<String> READ_ONLY_COMMANDS = Set.of(
      // Catalyst's logical commands (v2 catalogs).
      "ShowColumns", "ShowCreateTable", "ShowFunctions", "ShowNamespaces", "ShowPartitions",
      "ShowTableExtended", "ShowTableProperties", "ShowTables", "ShowViews", "DescribeColumn",
      "DescribeFunction", "DescribeNamespace", "DescribeRelation", "SetCatalogAndNamespace",
      "RefreshTable", "RefreshFunction", "CacheTable", "CacheTableAsSelect", "UncacheTable",
      // Spark's run-able commands (session catalog, session state).
      "ClearCacheCommand", "DescribeColumnCommand", "DescribeDatabaseCommand",
      "DescribeFunctionCommand", "DescribeQueryCommand", "DescribeTableCommand", "ExplainCommand",
      "ListArchivesCommand", "ListFilesCommand", "ListJarsCommand", "RefreshFunctionCommand",
      "RefreshTableCommand", "RefreshResource", "ResetCommand", "SetCatalogCommand", "SetCommand",
      "SetNamespaceCommand", "ShowCatalogsCommand", "ShowColumnsCommand",
      "ShowCreateTableAsSerdeCommand", "ShowCreateTableCommand", "ShowCurrentNamespaceCommand",
      "ShowFunctionsCommand", "ShowPartitionsCommand", "ShowTablePropertiesCommand",
      "ShowTablesCommand", "ShowViewsCommand", "CacheTableCommand", "UncacheTableCommand",
      "CreateTempViewUsing");

  /** What the user typed, for the plans of the common writes. */
  private static final java.util.Map<String, String> SQL_NAMES = java.util.Map.ofEntries(
      java.util.Map.entry("AppendData", "INSERT"),
      java.util.Map.entry("OverwriteByExpression", "INSERT OVERWRITE"),
      java.util.Map.entry("OverwritePartitionsDynamic", "INSERT OVERWRITE"),
      java.util.Map.entry("CreateTable", "CREATE TABLE"),
      java.util.Map.entry("CreateTableAsSelect", "CREATE TABLE"),
      java.util.Map.entry("ReplaceTable", "REPLACE TABLE"),
      java.util.Map.entry("ReplaceTableAsSelect", "REPLACE TABLE"),
      java.util.Map.entry("DropTable", "DROP TABLE"),
      java.util.Map.entry("DropView", "DROP VIEW"),
      java.util.Map.entry("CreateView", "CREATE VIEW"),
      java.util.Map.entry("CreateIcebergView", "CREATE VIEW"),
      java.util.Map.entry("DropIcebergView", "DROP VIEW"),
      java.util.Map.entry("RenameTable", "ALTER TABLE RENAME"),
      java.util.Map.entry("AddColumns", "ALTER TABLE"),
      java.util.Map.entry("DropColumns", "ALTER TABLE"),
      java.util.Map.entry("RenameColumn", "ALTER TABLE"),
      java.util.Map.entry("AlterColumn", "ALTER TABLE"),
      java.util.Map.entry("ReplaceColumns", "ALTER TABLE"),
      java.util.Map.entry("SetTableProperties", "ALTER TABLE"),
      java.util.Map.entry("UnsetTableProperties", "ALTER TABLE"),
      java.util.Map.entry("DeleteFromTable", "DELETE"),
      java.util.Map.entry("UpdateTable", "UPDATE"),
      java.util.Map.entry("MergeIntoTable", "MERGE"),
      java.util.Map.entry("ReplaceData", "DELETE, UPDATE or MERGE"),
      java.util.Map.entry("WriteDelta", "DELETE, UPDATE or MERGE"),
      java.util.Map.entry("TruncateTable", "TRUNCATE"),
      java.util.Map.entry("CreateNamespace", "CREATE NAMESPACE"),
      java.util.Map.entry("DropNamespace", "DROP NAMESPACE"),
      java.util.Map.entry("Call", "CALL"));

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectCheckRule(new AbstractFunction1<SparkSession, scala.Function1<LogicalPlan, BoxedUnit>>() {
      @Override
      public scala.Function1<LogicalPlan, BoxedUnit> apply(SparkSession session) {
        return new AbstractFunction1<LogicalPlan, BoxedUnit>() {
          @Override
          public BoxedUnit apply(LogicalPlan plan) {
            check(plan);
            return BoxedUnit.UNIT;
          }
        };
      }
    });
    return BoxedUnit.UNIT;
  }

  /** Throws a ReadOnlyException naming the first writing command in the plan. */
  static void check(LogicalPlan plan) {
    String refused = refusedCommand(plan);
    if (refused != null) {
      throw new ReadOnlyException("this server is read-only: " + refused + " is not allowed "
          + "(start jobs/foglab serve with --writable true to change tables)");
    }
  }

  /** A readable name of the first writing command in the plan, or null. */
  static String refusedCommand(LogicalPlan plan) {
    if (plan instanceof InsertIntoStatement || plan instanceof InsertIntoDir) {
      return "INSERT";
    }
    if (plan instanceof CreateViewCommand v) {
      Object type = v.viewType();
      if (type != LocalTempView$.MODULE$ && type != GlobalTempView$.MODULE$) {
        return "CREATE VIEW (only temporary views)";
      }
    } else if (plan instanceof Command && !READ_ONLY_COMMANDS.contains(plan.getClass().getSimpleName())) {
      return SQL_NAMES.getOrDefault(plan.nodeName(), plan.nodeName());
    }
    for (LogicalPlan child : scala.collection.JavaConverters.seqAsJavaList(plan.children())) {
      String r = refusedCommand(child);
      if (r != null) {
        return r;
      }
    }
    return null;
  }
}
