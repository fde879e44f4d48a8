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
  public SparkSettings {
    conf = Map.copyOf(conf);
  }

  public static SparkSettings read(Settings root) {
    Settings s = root.at("spark");
    return new SparkSettings(s.string("master"), s.string("app-name"), s.stringMap("conf"));
  }
}
