package org.foglab.tables;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The theory table ({@code foglab.theory.table}, default {@code theory}): the results of the
 * {@code theory} commands (Tu et al., Theorems 1-6) in long ("tidy") format, one row per run
 * and metric, optionally at a point {@code x} of a series:
 *
 * <pre>
 *   theorem | run_id | finished_at | metric | x_name | x | value | ci95_low | ci95_high | git_commit | settings
 * </pre>
 *
 * <p><b>Why long rather than one column per result.</b> The theorems share no result: a loss
 * bound, a capacity, an optimal split, a value of offloading and a count of violated devices
 * have nothing in common but the run that produced them, so a wide table would be the union of
 * some fifty mostly-null columns that grows with every new statistic (and every Iceberg schema
 * change). In long format every theorem fits one fixed schema; {@code metric} carries exactly
 * the snake_case key of the command's {@code summary.json}, so what a user reads in a summary is
 * what they query; a Monte Carlo estimate keeps its 95% interval on the same row; series (the
 * value of offloading against the cost range {@code C}, the capacity against {@code mu}) are
 * rows with {@code x_name}/{@code x}, so plotting needs no second table; and comparisons pivot
 * directly in Spark SQL, e.g.
 *
 * <pre>
 *   SELECT * FROM (SELECT run_id, metric, value FROM theory WHERE theorem = 'violations')
 *   PIVOT (first(value) FOR metric IN ('paper_formula', 'exact', 'monte_carlo'))
 * </pre>
 *
 * The parameters of a run are in {@code settings} (the command's resolved settings as JSON:
 * {@code get_json_object(settings, '$.devices')}). Booleans are stored as 1 and 0.
 */
public final class TheoryTable {
  private TheoryTable() {}

  public static final StructType SCHEMA = new StructType()
      .add("theorem", DataTypes.StringType, false)
      .add("run_id", DataTypes.StringType, false)
      .add("finished_at", DataTypes.TimestampType, false)
      .add("metric", DataTypes.StringType, false)
      .add("x_name", DataTypes.StringType, true)
      .add("x", DataTypes.DoubleType, true)
      .add("value", DataTypes.DoubleType, true)
      .add("ci95_low", DataTypes.DoubleType, true)
      .add("ci95_high", DataTypes.DoubleType, true)
      .add("git_commit", DataTypes.StringType, false)
      .add("settings", DataTypes.StringType, false);

  /** Suffix of summary keys that hold a metric's 95% interval as {@code [low, high]}. */
  public static final String CI95_SUFFIX = "_ci95";

  /** The rows of one run, in the order they are added. */
  public static final class Rows {
    private final String theorem;
    private final RunInfo run;
    private final String settings;
    private final List<Object[]> cells = new ArrayList<>();

    /**
     * @param theorem the command's name within the group, e.g. {@code offloading-value}
     * @param settingsJson the run's resolved settings as JSON
     */
    public Rows(String theorem, RunInfo run, String settingsJson) {
      this.theorem = theorem;
      this.run = run;
      this.settings = settingsJson;
    }

    /** A metric of the run as a whole. */
    public Rows metric(String name, double value) {
      return add(null, null, name, value, null, null);
    }

    /** A metric at point {@code x} of the series {@code xName}. */
    public Rows metric(String xName, double x, String name, double value) {
      return add(xName, x, name, value, null, null);
    }

    /** An estimate with its 95% interval at point {@code x} of a series (null: the run). */
    public Rows estimate(String xName, Double x, String name, double value, double low,
        double high) {
      return add(xName, x, name, value, low, high);
    }

    /**
     * Every top-level number and boolean of a summary as a metric (at point {@code x} of
     * {@code xName}, or of the run when {@code xName} is null); a key {@code m_ci95} holding
     * {@code [low, high]} becomes the interval of metric {@code m}. Strings, lists and objects
     * are left to the summary file.
     */
    public Rows scalars(String xName, Double x, Map<String, Object> summary) {
      for (Map.Entry<String, Object> e : summary.entrySet()) {
        Double v = number(e.getValue());
        if (v == null) {
          continue;
        }
        Double low = null;
        Double high = null;
        if (summary.get(e.getKey() + CI95_SUFFIX) instanceof List<?> ci && ci.size() == 2) {
          low = number(ci.get(0));
          high = number(ci.get(1));
        }
        add(xName, x, e.getKey(), v, low, high);
      }
      return this;
    }

    private static Double number(Object o) {
      if (o instanceof Number n) {
        return n.doubleValue();
      }
      if (o instanceof Boolean b) {
        return b ? 1.0 : 0.0;
      }
      return null;
    }

    private Rows add(String xName, Double x, String metric, Double value, Double low,
        Double high) {
      cells.add(new Object[] {xName, x, metric, value, low, high});
      return this;
    }

    public int size() {
      return cells.size();
    }

    /** Spark rows of {@link #SCHEMA}, stamped with the finishing time. */
    public List<Row> rows(Instant finished) {
      Timestamp at = Timestamp.from(finished);
      List<Row> out = new ArrayList<>(cells.size());
      for (Object[] c : cells) {
        out.add(RowFactory.create(theorem, run.runId(), at, c[2], c[0], c[1], c[3], c[4], c[5],
            run.gitCommit(), settings));
      }
      return out;
    }
  }
}
