package org.foglab.optimize;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a Table III setting planned (Tu et al., Section V-A, "Perfect information vs.
 * estimation"; {@link ImperfectInformation}).
 *
 * @param setting A, B, C or D
 * @param intervals L, the intervals the horizon is split into (used by C and D)
 * @param plannedCost the plan's cost on the trace the planner believed in (the realised trace
 *     for A and B, the estimated one for C and D)
 * @param plannedStatus the planning solver's status on that trace
 */
public record SettingDetails(InformationSetting setting, int intervals, double plannedCost,
    SolveStatus plannedStatus) implements Serializable {

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("setting", setting.configName());
    m.put("intervals", setting.imperfect() ? intervals : null);
    m.put("planned_cost", plannedCost);
    m.put("planned_status", plannedStatus.configName());
    return m;
  }
}
