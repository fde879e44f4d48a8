package org.foglab.config;

import org.foglab.optimize.SolveMethod;

/**
 * Everything {@code solve} needs ({@code foglab.solve.*}).
 *
 * @param trace trace directory
 * @param output output directory and plan format
 * @param method solver
 * @param partitions Spark partitions (0 = automatic)
 */
public record SolveConfig(String trace, OutputSpec output, SolveMethod method, int partitions) {
  public static SolveConfig read(Settings root) {
    Settings s = root.at("solve");
    return new SolveConfig(s.string("trace"), OutputSpec.read(s),
        s.choice("method", SolveMethod.class), s.intValue("partitions", 0, 1_000_000));
  }
}
