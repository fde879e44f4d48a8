package org.foglab.config;

import java.io.Serializable;
import java.util.Map;

/**
 * One point of a sweep grid: a fully resolved trace spec and how to solve it.
 *
 * @param key stable id: a hash of every setting that affects the result, so a rerun finds it
 * @param grid the grid values of this scenario, by key relative to {@code foglab}
 * @param trace the synthetic trace
 * @param solve method, error model, Table III setting and gap tolerance
 * @param settingsJson the scenario's resolved settings as canonical JSON (recorded in the table)
 * @param train the training run of a training sweep ({@code sweep.kind = train}), else null
 */
public record Scenario(String key, Map<String, Object> grid, TraceSpec trace, SolveOptions solve,
    String settingsJson, TrainSpec train) implements Serializable {

  public Scenario {
    grid = Map.copyOf(grid);
  }
}
