package org.foglab.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Locale;
import org.foglab.InputError;
import org.foglab.cli.OptionSpec;
import org.foglab.config.Choice;
import org.foglab.config.ConfigError;
import org.foglab.config.NetworkSpec;
import org.foglab.config.CoreSettings;
import org.foglab.config.GenerateSettings;
import org.foglab.config.Setting;
import org.foglab.config.Settings;
import org.foglab.config.TraceSpec;
import org.foglab.network.Topology;
import org.foglab.network.io.CsvRecords;
import org.foglab.network.io.FieldParser;
import org.foglab.theory.DegreeDistribution;
import org.foglab.theory.PowerSums;

/**
 * The network of Theorems 5 and 6 (Tu et al.): generated with the {@code generate} topology
 * options, read from an edge file ({@code --edges FILE} alone implies {@code --topology edges}),
 * or replaced by a degree distribution, the paper's power law ({@code --degree-distribution
 * power-law}) or an empirical one ({@code --degree-distribution empirical --degrees FILE}), which
 * have no graph and so give closed forms only. The options of each command set keys under
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
    POWER_LAW,
    /** Device counts per degree from a CSV file with columns degree,devices. */
    EMPIRICAL;

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

  /**
   * The network and degree-distribution settings of one theory command, declared under its
   * section ({@code prefix} ends in a dot). The network keys repeat {@code foglab.generate}'s
   * declarations under the command's section.
   */
  static final class Keys {
    final Setting<Topology> topology;
    final Setting<Integer> devices;
    final Setting<Integer> attach;
    final Setting<Double> linkProbability;
    final Setting<Integer> neighbors;
    final Setting<Double> rewire;
    final Setting<Integer> parentsPerDevice;
    final Setting<String> edges;
    final Setting<Boolean> directed;
    final Setting<DegreeSource> degreeDistribution;
    final Setting<String> degrees;
    final Setting<Double> gamma;
    final Setting<Long> maxDegree;
    final Setting<Exponent> exponent;

    Keys(String prefix) {
      topology = GenerateSettings.TOPOLOGY.at(prefix + "topology");
      devices = GenerateSettings.DEVICES.at(prefix + "devices");
      attach = GenerateSettings.ATTACH.at(prefix + "attach");
      linkProbability = GenerateSettings.LINK_PROBABILITY.at(prefix + "link-probability");
      neighbors = GenerateSettings.NEIGHBORS.at(prefix + "neighbors");
      rewire = GenerateSettings.REWIRE.at(prefix + "rewire");
      parentsPerDevice = GenerateSettings.PARENTS_PER_DEVICE.at(prefix + "parents-per-device");
      edges = GenerateSettings.EDGES.at(prefix + "edges");
      directed = GenerateSettings.DIRECTED.at(prefix + "directed");
      degreeDistribution = Setting.choice(prefix + "degree-distribution", DegreeSource.class)
          .option("degree-distribution");
      degrees = Setting.string(prefix + "degrees").optional().option("degrees", "FILE");
      gamma = TheorySettings.positive(prefix + "gamma").option("gamma", "G");
      maxDegree = Setting.longInt(prefix + "max-degree", 0, Long.MAX_VALUE).option("max-degree", "K");
      exponent = Setting.choice(prefix + "exponent", Exponent.class).option("exponent");
    }

    /** The command's options for these keys, with the root seed's. */
    List<OptionSpec> options() {
      return OptionSpec.of(topology, devices, attach, linkProbability, neighbors, rewire,
          parentsPerDevice, edges, directed, CoreSettings.SEED, degreeDistribution, degrees, gamma,
          maxDegree, exponent);
    }
  }

  /**
   * The network, or a degree distribution in its place (exactly one is non-null).
   *
   * @param trace the generated network (or edge file) as the foundation describes it
   * @param powerLaw the paper's degree law
   * @param degreesFile a CSV file of device counts per degree
   */
  record Source(TraceSpec trace, DegreeDistribution.PowerLaw powerLaw, String degreesFile) {
    boolean isPowerLaw() {
      return powerLaw != null;
    }

    boolean isEmpirical() {
      return degreesFile != null;
    }

    /** Whether there is a network (rather than a degree distribution). */
    boolean isNetwork() {
      return trace != null;
    }

    /** One phrase for summaries, e.g. "scale-free network of 10000 devices (m = 2)". */
    String describe() {
      if (degreesFile != null) {
        return "degree distribution of " + degreesFile;
      }
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

  /**
   * Reads a degree-distribution file: a CSV file with a header row and columns {@code degree}
   * (a non-negative integer, each at most once) and {@code devices} (the number of devices of
   * that degree, a non-negative number; zero rows are skipped).
   */
  static DegreeDistribution.Empirical readDegrees(String path) {
    java.util.TreeMap<Long, Double> counts = new java.util.TreeMap<>();
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(org.foglab.network.io.HadoopConf.driver());
      if (!fs.exists(p) || fs.getFileStatus(p).isDirectory()) {
        throw new InputError(path, -1, null, "no such degree-distribution file");
      }
      try (CsvRecords r = new CsvRecords(new java.io.BufferedReader(new java.io.InputStreamReader(
          fs.open(p), java.nio.charset.StandardCharsets.UTF_8)), path, List.of("degree", "devices"))) {
        int cd = r.column("degree");
        int cn = r.column("devices");
        while (r.next()) {
          String d = r.field(cd).trim();
          long k;
          try {
            k = Long.parseLong(d);
          } catch (NumberFormatException e) {
            throw r.error("degree", "\"" + d + "\" is not a whole number");
          }
          if (k < 0) {
            throw r.error("degree", k + " is negative");
          }
          Double n = FieldParser.number(r.field(cn).trim());
          if (n == null || n < 0) {
            throw r.error("devices", "\"" + r.field(cn).trim() + "\" is not a non-negative number");
          }
          if (counts.containsKey(k)) {
            throw r.error("degree", "degree " + k + " appears twice");
          }
          counts.put(k, n);
        }
      }
    } catch (java.io.IOException e) {
      throw new InputError(path, -1, null, "cannot read the file: " + e.getMessage());
    }
    counts.values().removeIf(v -> v == 0);
    if (counts.isEmpty()) {
      throw new InputError(path, -1, null, "no degree has a positive device count");
    }
    long[] k = new long[counts.size()];
    double[] w = new double[counts.size()];
    int i = 0;
    for (var e : counts.entrySet()) {
      k[i] = e.getKey();
      w[i++] = e.getValue();
    }
    return new DegreeDistribution.Empirical(k, w);
  }

  /** Reads the source from a command's settings {@code s}; errors name the command's keys. */
  static Source read(Settings root, Settings s, Keys keys) {
    DegreeSource source = root.get(keys.degreeDistribution);
    boolean edges = root.get(keys.edges) != null;
    boolean topologyGiven = TheorySettings.explicit(s, "topology");
    String degrees = root.get(keys.degrees);
    if (degrees != null && source != DegreeSource.EMPIRICAL) {
      throw keys.degrees.error("is only used with degree-distribution = empirical; remove it or "
          + "set --degree-distribution empirical");
    }
    if (source != DegreeSource.GRAPH) {
      String name = source.configName();
      if (edges) {
        throw keys.edges.error("cannot be combined with degree-distribution = " + name + " (the "
            + "distribution replaces the network); remove one of them");
      }
      if (topologyGiven) {
        throw keys.topology.error("cannot be combined with degree-distribution = " + name
            + " (the distribution replaces the network); remove one of them");
      }
    }
    if (source == DegreeSource.EMPIRICAL) {
      if (degrees == null) {
        throw keys.degrees.error("is required when degree-distribution = empirical (a CSV file "
            + "with columns degree,devices)");
      }
      return new Source(null, null, degrees);
    }
    if (source == DegreeSource.POWER_LAW) {
      double gamma = root.get(keys.gamma);
      long k = root.get(keys.maxDegree);
      Exponent e = root.get(keys.exponent);
      long max = k == 0 ? PowerSums.INFINITE : k;
      if (k == 0 && !(e.law().decay(gamma) > 1)) {
        throw keys.maxDegree.error("must be finite (not 0) when the law's exponent "
            + Settings.fmt(e.law().decay(gamma)) + " is at most 1: the law cannot be normalised");
      }
      return new Source(null, new DegreeDistribution.PowerLaw(gamma, max, e.law()), null);
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
      return new Source(TraceSpec.read(new Settings(c, "foglab")), null, null);
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
