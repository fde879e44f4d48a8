package org.foglab.optimize.exact;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The exact benchmark with the OR-Tools baselines (test scope, since OR-Tools is a test
 * dependency): {@code devices slots attach seed partitions timeLimitSeconds [methods]}, methods a
 * comma list of mcf, glop, pdlp (default all). Master from {@code -Dspark.master}.
 */
public final class OrToolsComparison {
  private OrToolsComparison() {}

  public static void main(String[] args) {
    if (args.length < 6) {
      throw new IllegalArgumentException(
          "usage: OrToolsComparison devices slots attach seed partitions timeLimitSeconds [mcf,glop,pdlp]");
    }
    int n = Integer.parseInt(args[0]);
    ExactBenchmark.Options o = ExactBenchmark.Options.of(n, Integer.parseInt(args[1]),
        Integer.parseInt(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]));
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
    SparkSession spark = SparkSession.builder().appName("foglab-bench-exact-ortools")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
    try {
      ExactBenchmark.run(spark, o, baselines, System.out);
    } finally {
      spark.stop();
    }
  }
}
