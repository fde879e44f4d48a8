package org.foglab.optimize;

import java.io.Serializable;
import org.foglab.config.Scenario;
import org.foglab.network.Trace;
import org.foglab.network.TraceDigest;
import org.foglab.network.TraceGenerator;

/**
 * The outcome of one sweep scenario, solved in the memory of one task: the trace is generated
 * with {@link TraceGenerator} and solved by {@link InMemorySolver} as the scenario's solve
 * options say (method, error model, Table III setting).
 *
 * @param scenario the scenario
 * @param summary solve summary
 * @param generateSeconds time to generate the trace
 * @param slotOffloadMin smallest per-slot offloaded fraction over slots 1..T-1 (Figure 5a's band)
 * @param slotOffloadMax largest per-slot offloaded fraction over slots 1..T-1
 * @param traceId the generated trace's {@link TraceDigest}, the key that joins the scenario
 *     with other runs on the same network
 */
public record ScenarioResult(Scenario scenario, SolveSummary summary, double generateSeconds,
    double slotOffloadMin, double slotOffloadMax, String traceId) implements Serializable {

  /** Largest scenario a task solves in memory, in link-slots. */
  public static final long MAX_LINK_SLOTS = 60_000_000L;

  public static ScenarioResult run(Scenario scenario) {
    long t0 = System.nanoTime();
    Trace trace = TraceGenerator.generate(scenario.trace());
    long t1 = System.nanoTime();
    InMemorySolver.Outcome o = InMemorySolver.solve(trace, scenario.solve());
    Plan plan = o.plan();
    int n = trace.devices();
    double min = Double.NaN;
    double max = Double.NaN;
    for (int t = 1; t < trace.slots(); t++) {
      double data = 0;
      double off = 0;
      for (int i = 0; i < n; i++) {
        int k = trace.index(i, t);
        data += trace.data(k);
        for (int l = trace.linkStart(k); l < trace.linkEnd(k); l++) {
          off += plan.offloaded(l);
        }
      }
      if (data > 0) {
        double f = off / data;
        min = Double.isNaN(min) ? f : Math.min(min, f);
        max = Double.isNaN(max) ? f : Math.max(max, f);
      }
    }
    return new ScenarioResult(scenario, o.summary(), (t1 - t0) / 1e9, min, max,
        TraceDigest.of(trace).id());
  }

  /** Rough link-slot count of a scenario, to refuse ones too large for one task. */
  public static double estimatedLinkSlots(Scenario s) {
    var net = s.trace().network();
    double n = net.devices();
    double perDevice;
    switch (net.topology()) {
      case FULL:
        perDevice = n - 1;
        break;
      case RANDOM:
        perDevice = net.linkProbability() * (n - 1);
        break;
      case SMALL_WORLD:
        perDevice = net.neighbors();
        break;
      case SCALE_FREE:
        perDevice = 2.0 * net.attach();
        break;
      case HIERARCHICAL:
        perDevice = 2.0 * net.parentsPerDevice();
        break;
      case FOG_TREE:
        perDevice = net.d2dDensity() * n / net.fogTree().clusters();
        break;
      default:
        perDevice = 0;
    }
    return n * perDevice * s.trace().model().slots();
  }
}
