package org.foglab.sql;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SetCatalogAndNamespace;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * A Spark SQL extension for {@code serve}: {@code USE default} in the default catalog, when that
 * catalog has no namespace {@code default}, switches to the catalog's own default namespace.
 * JDBC clients send {@code USE default} when a session opens (a URL without a database), and
 * foglab's tables live in their own namespace ({@code results}).
 */
public final class DefaultNamespaceExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectResolutionRule(new AbstractFunction1<SparkSession, Rule<LogicalPlan>>() {
      @Override
      public Rule<LogicalPlan> apply(SparkSession session) {
        return new UseDefault();
      }
    });
    return BoxedUnit.UNIT;
  }

  /** The rewrite of {@code USE default}. */
  static final class UseDefault extends Rule<LogicalPlan> {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
      if (plan instanceof SetCatalogAndNamespace use
          && use.child() instanceof ResolvedNamespace ns
          && ns.namespace().size() == 1 && ns.namespace().head().equals("default")
          && ns.catalog() instanceof SupportsNamespaces catalog
          && !catalog.namespaceExists(new String[] {"default"})) {
        String[] home = catalog.defaultNamespace();
        if (home != null && home.length > 0 && !(home.length == 1 && home[0].equals("default"))) {
          return use.copy(new ResolvedNamespace(ns.catalog(),
              scala.collection.JavaConverters.asScalaBuffer(java.util.Arrays.asList(home)).toList()));
        }
      }
      return plan;
    }
  }
}
