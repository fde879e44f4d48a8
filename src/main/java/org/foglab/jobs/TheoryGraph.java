package org.foglab.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Locale;
import org.foglab.cli.OptionSpec;
import org.foglab.config.Choice;
import org.foglab.config.ConfigError;
import org.foglab.config.NetworkSpec;
import org.foglab.config.Settings;
import org.foglab.config.TraceSpec;
import org.foglab.network.Topology;
import org.foglab.theory.DegreeDistribution;
import org.foglab.theory.PowerSums;

/**
 * The network of Theorems 5 and 6 (Tu et al.): generated with the {@code generate} topology
 * options, read from an edge file ({@code --edges FILE} alone implies {@code --topology edges}),
 * or replaced by the paper's power-law degree law ({@code --degree-distribution power-law}),
 * which has no graph and so gives closed forms only. The options of each command set keys under
 * its own section ({@code foglab.theory.<command>.*}); a generated network is then described by
 * the foundation's {@link TraceSpec}, so it is exactly the network {@code generate} would write
 * with the same options and seed.
 */
final class TheoryGraph {
  private TheoryGraph() {}

  /** Where the degrees come from. */
  enum DegreeSource implements Choice {
    /** The network's own degrees (generated or from an edge file). */
    GRAPH,
    /** The paper's {@code N(k) = Gamma k^(1-gamma)}, k = 1..max-degree. */
    POWER_LAW;

    @Override
    public String configName() {
      return Choice.nameOf(this);
    }
  }

  /** How the power law's exponent is read ({@link DegreeDistribution.Exponent}). */
  enum Exponent implements Choice {
    /** As printed, {@code N(k) ~ k^(1-gamma)}. */
    PAPER,
    /** The usual scale-free law {@code N(k) ~ k^-gamma}. */
    STANDARD;

    @Override
    public String configName() {
      return Choice.nameOf(this);
    }

    DegreeDistribution.Exponent law() {
      return this == PAPER ? DegreeDistribution.Exponent.PAPER_LITERAL
          : DegreeDistribution.Exponent.STANDARD;
    }
  }

  /** Network keys copied to {@code foglab.generate.*} to describe a generated network. */
  static final List<String> NETWORK_KEYS = List.of("topology", "devices", "link-probability",
      "neighbors", "rewire", "attach", "parents-per-device", "edges", "directed");

  /** The options of a command whose settings live under {@code prefix} (ending in a dot). */
  static List<OptionSpec> options(String prefix) {
    return List.of(
        OptionSpec.choice("topology", prefix + "topology", Topology.class,
            "network model (edges is implied by --edges)"),
        OptionSpec.integer("devices", prefix + "devices", "N", "number of devices n"),
        OptionSpec.integer("attach", prefix + "attach", "M", "scale-free: links per new device (mean degree ~2m)"),
        OptionSpec.number("link-probability", prefix + "link-probability", "RHO",
            "random: probability of each directed link"),
        OptionSpec.integer("neighbors", prefix + "neighbors", "K",
            "small-world: ring neighbours k, even; 0 = the even number nearest n/5"),
        OptionSpec.number("rewire", prefix + "rewire", "P", "small-world: rewiring probability"),
        OptionSpec.integer("parents-per-device", prefix + "parents-per-device", "N",
            "hierarchical: parents each leaf links to"),
        OptionSpec.string("edges", prefix + "edges", "FILE",
            "CSV file with header src,dst (device ids): the network instead of a generated one"),
        OptionSpec.bool("directed", prefix + "directed", "edges: rows are directed links (else both directions)"),
        OptionSpec.longInt("seed", "foglab.seed", "S", "root seed of the network and of every draw"),
        OptionSpec.choice("degree-distribution", prefix + "degree-distribution", DegreeSource.class,
            "graph: the network's degrees; power-law: the paper's N(k) (closed form only)"),
        OptionSpec.number("gamma", prefix + "gamma", "G", "power-law: exponent gamma"),
        OptionSpec.longInt("max-degree", prefix + "max-degree", "K", "power-law: largest degree (0 = unbounded)"),
        OptionSpec.choice("exponent", prefix + "exponent", Exponent.class,
            "power-law: paper = N(k) ~ k^(1-gamma) as printed, standard = k^-gamma"));
  }

  /**
   * The network, or the power law in its place.
   *
   * @param trace the generated network (or edge file) as the foundation describes it; null for
   *     a power law
   * @param powerLaw the degree law; null for a network
   */
  record Source(TraceSpec trace, DegreeDistribution.PowerLaw powerLaw) {
    boolean isPowerLaw() {
      return powerLaw != null;
    }

    /** Whether {@code generate} would write each link in both directions. */
    boolean undirected() {
      NetworkSpec n = trace.network();
      switch (n.topology()) {
        case RANDOM:
          return false;
        case EDGES:
          return !n.directed();
        default:
          return true;
      }
    }

    /** One phrase for summaries, e.g. "scale-free network of 10000 devices (m = 2)". */
    String describe() {
      if (powerLaw != null) {
        String k = powerLaw.maxDegree() == PowerSums.INFINITE ? "unbounded"
            : Long.toString(powerLaw.maxDegree());
        return String.format(Locale.ROOT, "power law N(k) ~ k^-%s (gamma %s, %s exponent), k = 1..%s",
            Settings.fmt(powerLaw.decay()), Settings.fmt(powerLaw.gamma()),
            powerLaw.exponent() == DegreeDistribution.Exponent.PAPER_LITERAL ? "paper's" : "standard", k);
      }
      NetworkSpec n = trace.network();
      int d = n.devices();
      switch (n.topology()) {
        case FULL:
          return "complete network of " + d + " devices";
        case RANDOM:
          return "random network of " + d + " devices (rho = " + Settings.fmt(n.linkProbability()) + ", directed links)";
        case SMALL_WORLD:
          return "small-world network of " + d + " devices (k = " + n.neighbors() + ", p = "
              + Settings.fmt(n.rewire()) + ")";
        case SCALE_FREE:
          return "scale-free network of " + d + " devices (m = " + n.attach() + ")";
        case HIERARCHICAL:
          return "hierarchical network of " + d + " devices (" + n.parentsPerDevice() + " parents per leaf)";
        default:
          return "network of edge file " + n.edges() + (n.directed() ? " (directed links)" : "");
      }
    }
  }

  /** Reads the source from a command's settings {@code s}; errors name the command's keys. */
  static Source read(Settings root, Settings s) {
    DegreeSource source = s.choice("degree-distribution", DegreeSource.class);
    boolean edges = s.isSet("edges");
    boolean topologyGiven = TheorySettings.explicit(s, "topology");
    if (source == DegreeSource.POWER_LAW) {
      if (edges) {
        throw s.error("edges", "cannot be combined with degree-distribution = power-law (the law "
            + "replaces the network); remove one of them");
      }
      if (topologyGiven) {
        throw s.error("topology", "cannot be combined with degree-distribution = power-law (the "
            + "law replaces the network); remove one of them");
      }
      double gamma = TheorySettings.positive(s, "gamma");
      long k = s.longValue("max-degree", 0, Long.MAX_VALUE);
      Exponent e = s.choice("exponent", Exponent.class);
      long max = k == 0 ? PowerSums.INFINITE : k;
      if (k == 0 && !(e.law().decay(gamma) > 1)) {
        throw s.error("max-degree", "must be finite (not 0) when the law's exponent "
            + Settings.fmt(e.law().decay(gamma)) + " is at most 1: the law cannot be normalised");
      }
      return new Source(null, new DegreeDistribution.PowerLaw(gamma, max, e.law()));
    }
    Config c = root.config();
    for (String k : NETWORK_KEYS) {
      String full = s.full(k);
      c = c.withValue("foglab.generate." + k, s.config().getIsNull(full)
          ? ConfigValueFactory.fromAnyRef(null) : s.config().getValue(full));
    }
    if (edges && !topologyGiven) {
      c = c.withValue("foglab.generate.topology", ConfigValueFactory.fromAnyRef("edges"));
    }
    // Only the base graph matters: one slot keeps automatic partitioning by devices.
    c = c.withValue("foglab.generate.slots", ConfigValueFactory.fromAnyRef(1));
    try {
      return new Source(TraceSpec.read(new Settings(c, "foglab")), null);
    } catch (ConfigError e) {
      String prefix = "foglab.generate.";
      if (e.key() != null && e.key().startsWith(prefix)
          && NETWORK_KEYS.contains(e.key().substring(prefix.length()))) {
        throw s.error(e.key().substring(prefix.length()), e.problem());
      }
      throw e;
    }
  }
}
