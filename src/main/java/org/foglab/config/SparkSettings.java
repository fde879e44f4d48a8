package org.foglab.config;

import java.util.Map;

/**
 * How jobs get their SparkSession ({@code foglab.spark.*}).
 *
 * @param master master for runs not launched by spark-submit
 * @param appName application name prefix
 * @param conf extra Spark properties
 */
public record SparkSettings(String master, String appName, Map<String, String> conf) {
  /** Declarations of {@code foglab.spark.*}; {@code conf} is the one open group. */
  public static final Setting<String> MASTER = Setting.string("foglab.spark.master")
      .rule(SparkSettings::masterProblem).option("master", "URL");
  public static final Setting<String> APP_NAME = Setting.string("foglab.spark.app-name");

  public SparkSettings {
    MASTER.check(master);
    APP_NAME.check(appName);
    conf = Map.copyOf(conf);
  }

  private static final java.util.regex.Pattern LOCAL =
      java.util.regex.Pattern.compile("local(?:\\[([^\\],]*)(?:,([^\\]]*))?\\])?");
  private static final java.util.regex.Pattern CLUSTER_URL =
      java.util.regex.Pattern.compile("(?:spark|mesos)://[^\\s/]+(?::\\d+)?(?:,[^\\s/]+(?::\\d+)?)*|k8s://\\S+");

  /**
   * What is wrong with a Spark master value (as Spark would find only after starting, with a
   * stack trace), or null when it has one of Spark's forms: {@code local}, {@code local[N]},
   * {@code local[*]}, {@code local[N,F]}, {@code local-cluster[W,C,M]}, {@code spark://host:port},
   * {@code yarn}, {@code k8s://...}, {@code mesos://...}.
   */
  public static String masterProblem(String master) {
    if (master == null || master.isBlank()) {
      return "is empty; give a Spark master such as local[*] or spark://host:7077";
    }
    java.util.regex.Matcher m = LOCAL.matcher(master);
    if (m.matches()) {
      if (m.group(1) == null) {
        return null;
      }
      String threads = m.group(1).trim();
      if (!threads.equals("*") && !positive(threads)) {
        return "'" + master + "' needs a positive thread count or * inside local[...], e.g. local[4] or local[*]";
      }
      if (m.group(2) != null && !positive(m.group(2).trim())) {
        return "'" + master + "' needs a positive number of task attempts after the comma, e.g. local[4,2]";
      }
      return null;
    }
    if (master.startsWith("local-cluster[")) {
      return master.matches("local-cluster\\[\\s*[1-9]\\d*\\s*,\\s*[1-9]\\d*\\s*,\\s*[1-9]\\d*\\s*]") ? null
          : "'" + master + "' must be local-cluster[workers,cores,memoryMB] with positive numbers";
    }
    if (master.equals("yarn") || CLUSTER_URL.matcher(master).matches()) {
      return null;
    }
    return "'" + master + "' is not a Spark master; use local[*], local[N], spark://host:port, yarn or k8s://https://host:port";
  }

  private static boolean positive(String s) {
    if (!s.matches("\\d{1,9}")) {
      return false;
    }
    return Integer.parseInt(s) > 0;
  }

  public static SparkSettings read(Settings root) {
    return new SparkSettings(root.get(MASTER), root.get(APP_NAME),
        root.at("spark").stringMap("conf"));
  }
}
