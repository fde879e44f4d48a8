package org.foglab.optimize.exact;

import java.io.Serializable;
import org.foglab.optimize.CapacityViolations;

/** Partial costs, feasibility and bound of one time block; blocks add up to the whole trace. */
final class BlockTotals implements Serializable {
  private static final long serialVersionUID = 1L;

  double process;
  double transfer;
  double discard;
  double primal;
  double bound;
  double totalData;
  double keptData;
  double offloadedData;
  double discardedData;
  double conservation;
  double invalid;
  CapacityViolations capacity = CapacityViolations.NONE;
  long searches;
  long settled;
  long deviceSlots;
  long links;

  BlockTotals plus(BlockTotals o) {
    BlockTotals r = new BlockTotals();
    r.process = process + o.process;
    r.transfer = transfer + o.transfer;
    r.discard = discard + o.discard;
    r.primal = primal + o.primal;
    r.bound = bound + o.bound;
    r.totalData = totalData + o.totalData;
    r.keptData = keptData + o.keptData;
    r.offloadedData = offloadedData + o.offloadedData;
    r.discardedData = discardedData + o.discardedData;
    r.conservation = Math.max(conservation, o.conservation);
    r.invalid = Math.max(invalid, o.invalid);
    r.capacity = capacity.plus(o.capacity);
    r.searches = searches + o.searches;
    r.settled = settled + o.settled;
    r.deviceSlots = deviceSlots + o.deviceSlots;
    r.links = links + o.links;
    return r;
  }
}
