package org.foglab.optimize.exact;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The exact benchmark with the OR-Tools baselines (test scope, since OR-Tools is a test
 * dependency): {@code devices slots attach seed partitions timeLimitSeconds [methods [inMemory]]},
 * methods a comma list of mcf, glop, pdlp (default all). Runs on local[2] unless
 * {@code -Dspark.master} says otherwise. From the project directory:
 *
 * <pre>
 * mvn -q -Portools-comparison test-compile exec:exec -Dortools.args="10000 100 5 1 2 600 mcf"
 * </pre>
 */
public final class OrToolsComparison {
  private OrToolsComparison() {}

  public static void main(String[] args) {
    if (args.length < 6) {
      throw new IllegalArgumentException("usage: OrToolsComparison devices slots attach seed "
          + "partitions timeLimitSeconds [mcf,glop,pdlp [inMemory]]");
    }
    int n = Integer.parseInt(args[0]);
    int slots = Integer.parseInt(args[1]);
    // Dmax = 100 datapoints per device-slot, as bench exact.
    ExactBenchmark.Options o = new ExactBenchmark.Options(ExactBenchmark.scaleFree(n, slots,
        Integer.parseInt(args[2]), Long.parseLong(args[3]), 100.0 * n * slots),
        Integer.parseInt(args[4]), args.length > 7 && Boolean.parseBoolean(args[7]), 4, 1e-6);
    long limitMs = Long.parseLong(args[5]) * 1000;
    String methods = args.length > 6 ? args[6] : "mcf,glop,pdlp";
    List<ExactBenchmark.Baseline> baselines = new ArrayList<>();
    for (String m : methods.split(",")) {
      switch (m.trim()) {
        // Amounts to 1e-3 datapoints, costs to 1e-8: the largest scales whose total cost in
        // integer units stays below 2^63 on the 10k x 100 instance (about 5e7 datapoints).
        case "mcf" -> baselines.add(OrToolsBaselines.minCostFlowBaseline(1e3, 1e8));
        case "glop" -> baselines.add(OrToolsBaselines.lpBaseline("GLOP", limitMs));
        case "pdlp" -> baselines.add(OrToolsBaselines.lpBaseline("PDLP", limitMs));
        default -> throw new IllegalArgumentException("unknown method " + m
            + "; use mcf, glop or pdlp");
      }
    }
    SparkSession spark = session();
    try {
      ExactBenchmark.run(spark, o, baselines, System.out);
    } finally {
      spark.stop();
    }
  }

  /** The comparison programs' embedded session: loopback, no UI, few shuffle partitions. */
  static SparkSession session() {
    return SparkSession.builder().appName("foglab-bench-exact-ortools")
        .master(System.getProperty("spark.master", "local[2]"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }
}
