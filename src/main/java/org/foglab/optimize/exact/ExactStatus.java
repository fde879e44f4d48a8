package org.foglab.optimize.exact;

/** How far a solver result can be trusted. */
public enum ExactStatus {
  /** Feasible plan whose certified gap is within the requested tolerance. */
  OPTIMAL,
  /** Feasible plan, but the dual bound does not certify the requested gap. */
  GAP_NOT_CERTIFIED,
  /** The plan violates conservation or a capacity beyond the 1e-9 relative tolerance. */
  INFEASIBLE
}
