package org.foglab.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.foglab.optimize.ErrorModel;

/**
 * A sweep specification (HOCON):
 *
 * <pre>
 * sweep {
 *   name = quickstart            # rows carry it; reruns of the same name resume
 *   kind = solve                 # solve: plan each scenario (default); train: also train a model
 *   table = sweeps               # result table (default sweeps; trainings for kind = train)
 *   settings { generate { topology = full, slots = 100 } }   # shared, keys as in reference.conf
 *   grid { generate.devices = [10, 20, 50], seed = [1, 2, 3] } # every combination is a scenario
 * }
 * </pre>
 *
 * Grid and settings keys are relative to {@code foglab} and must be keys of reference.conf; the
 * scenario's settings layer the grid over the command line ({@code --set}, options) over
 * {@code settings} over the user's file and reference.conf. Every scenario is validated when the
 * spec is read, before anything runs.
 *
 * @param file the spec file
 * @param name sweep name
 * @param kind what each scenario runs
 * @param table result table name
 * @param gridKeys grid keys in expansion order
 * @param scenarios all scenarios, in grid order
 * @param figures the figure group {@code plot --spec} draws from this sweep's rows: its name unless
 *     the spec's {@code figures} key names another sweep's (a reduced run of a shipped spec)
 */
public record SweepSpec(String file, String name, Kind kind, String table, List<String> gridKeys,
    List<Scenario> scenarios, String figures) {

  /** What a sweep's scenarios run. */
  public enum Kind implements Choice {
    /** Generate a trace and solve its data movement (one row of the sweeps table). */
    SOLVE,
    /**
     * Generate a fog network, plan its data movement and train a model on the data each device
     * processes (one row of the trainings table).
     */
    TRAIN;

    @Override
    public String configName() {
      return Choice.nameOf(this);
    }
  }

  /** Largest grid a spec may expand to. */
  public static final int MAX_SCENARIOS = 1_000_000;

  /** Settings that change where output goes, not what a scenario computes (keys in generate). */
  private static final List<String> OUTPUT_ONLY = within("foglab.generate.", GenerateSettings.OUT,
      GenerateSettings.FORMAT, GenerateSettings.OVERWRITE, GenerateSettings.PARTITIONS,
      GenerateSettings.GRAPH_STATS);

  /** Training settings that change where or how fast a run goes, not its result (in train). */
  private static final List<String> TRAIN_OUTPUT_ONLY = within("foglab.train.", TrainSettings.OUT,
      TrainSettings.OVERWRITE, TrainSettings.TABLE, TrainSettings.EXECUTOR,
      TrainSettings.PARTITIONS, TrainSettings.SPARK_PERIODS);

  /** The declarations' keys relative to a section. */
  private static List<String> within(String section, Setting<?>... settings) {
    return java.util.Arrays.stream(settings).map(x -> x.key().substring(section.length()))
        .toList();
  }

  /** The keys a {@code sweep { }} block may hold. */
  public static final List<String> SWEEP_KEYS = List.of("name", "kind", "table", "figures", "settings", "grid");

  /** A spec read over {@code base} alone, as if nothing were typed on the command line. */
  public static SweepSpec read(String file, Config base) {
    return read(file, base, ConfigFactory.empty());
  }

  /**
   * Reads and expands a spec. A scenario's settings are, from lowest to highest: {@code base}
   * without the command line (reference.conf, the user's file), the spec's {@code settings}, the
   * command line ({@code --set}, options), the scenario's grid values. A key both the command
   * line and the grid set is refused: the grid would not vary.
   *
   * @param base the command's resolved settings (full keys), command line included
   * @param commandLine the part of {@code base} typed on the command line (full keys)
   */
  public static SweepSpec read(String file, Config base, Config commandLine) {
    File f = new File(file);
    if (!f.isFile()) {
      throw new ConfigError(null, "--spec " + file + ": no such file");
    }
    Config spec;
    try {
      spec = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    } catch (ConfigException e) {
      throw new ConfigError(null, file + " is not valid HOCON: " + e.getMessage());
    }
    Settings s = new Settings(spec, "sweep");
    if (!spec.hasPath("sweep")) {
      throw new ConfigError(null, file + " has no sweep { ... } block");
    }
    checkLayout(file, spec);
    String name;
    Kind kind;
    try {
      name = s.string("name");
      kind = s.isSet("kind") ? s.choice("kind", Kind.class) : Kind.SOLVE;
    } catch (ConfigError e) {
      throw named(file, e);
    }
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw named(file, s.error("name", "must use letters, digits, '_', '.' or '-', got \"" + name + "\""));
    }
    if (kind == null) {
      throw named(file, s.error("kind", "must be solve or train"));
    }
    String table = s.isSet("table") ? s.string("table")
        : kind == Kind.TRAIN ? "trainings" : "sweeps";
    String figures = name;
    if (s.isSet("figures")) {
      try {
        figures = s.string("figures");
      } catch (ConfigError e) {
        throw named(file, e);
      }
      if (!figures.matches("[A-Za-z0-9_.-]+")) {
        throw named(file, s.error("figures", "must name a sweep's figures (letters, digits, '_', "
            + "'.' or '-'), got \"" + figures + "\""));
      }
    }
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw named(file, s.error("table", "must be an identifier (letters, digits, _), got \"" + table + "\""));
    }
    Config settings = ConfigFactory.empty();
    if (spec.hasPath("sweep.settings")) {
      try {
        settings = spec.getConfig("sweep.settings");
      } catch (ConfigException e) {
        throw named(file, s.error("settings", "must be an object of foglab settings"));
      }
      for (String key : SettingKeys.leaves(settings.root()).keySet()) {
        checkKnown(file, "settings", key);
      }
    }
    if (!spec.hasPath("sweep.grid")) {
      throw named(file, s.error("grid", "is required: an object of setting = [values]"));
    }
    Map<String, List<Object>> grid = new TreeMap<>();
    flatten(file, spec.getObject("sweep.grid"), "", grid);
    if (grid.isEmpty()) {
      throw named(file, s.error("grid", "is empty; give at least one setting = [values]"));
    }
    long total = 1;
    List<SettingKeys.Leaf> typed = SettingKeys.leafList(commandLine.root()).stream()
        .filter(l -> l.key().startsWith("foglab.")).toList();
    for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
      checkKnown(file, "grid", e.getKey());
      for (SettingKeys.Leaf l : typed) {
        if (SettingKeys.overlap(l.key(), "foglab." + e.getKey())) {
          throw new ConfigError(null, file + ": " + typedAs(l) + " would give every scenario the same "
              + e.getKey() + ", which sweep.grid varies; drop it from the command line or from the grid");
        }
      }
      total *= e.getValue().size();
      if (total > MAX_SCENARIOS) {
        throw named(file, s.error("grid", "expands to more than " + MAX_SCENARIOS + " scenarios"));
      }
    }
    List<String> keys = new ArrayList<>(grid.keySet());
    List<Scenario> scenarios = new ArrayList<>();
    int[] index = new int[keys.size()];
    // The command line's values (resolved, from base) go over the spec's settings.
    Config typedValues = ConfigFactory.empty();
    for (SettingKeys.Leaf l : typed) {
      typedValues = typedValues.withFallback(base.withOnlyPath(l.path()));
    }
    Config shared = typedValues.withFallback(settings.atPath("foglab")).withFallback(base);
    for (long n = 0; n < total; n++) {
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, Object> prefixed = new LinkedHashMap<>();
      for (int k = 0; k < keys.size(); k++) {
        Object v = grid.get(keys.get(k)).get(index[k]);
        values.put(keys.get(k), v);
        prefixed.put("foglab." + keys.get(k), v);
      }
      scenarios.add(scenario(file, kind, values, ConfigFactory.parseMap(prefixed, file + " grid")
          .withFallback(shared)));
      for (int k = keys.size() - 1; k >= 0; k--) {
        if (++index[k] < grid.get(keys.get(k)).size()) {
          break;
        }
        index[k] = 0;
      }
    }
    return new SweepSpec(file, name, kind, table, keys, scenarios, figures);
  }

  private static Scenario scenario(String file, Kind kind, Map<String, Object> values, Config c) {
    Settings root = new Settings(c, "foglab");
    TraceSpec trace;
    SolveOptions solve;
    TrainSpec train = null;
    try {
      trace = TraceSpec.read(root);
      solve = SolveOptions.read(root.at("solve"));
      solve.checkIntervals(trace.model().slots(), "solve.intervals");
      if (kind == Kind.TRAIN) {
        train = TrainSpec.read(root);
      }
    } catch (ConfigError e) {
      throw new ConfigError(null, file + ", scenario " + values + ": " + e.getMessage());
    }
    if (kind == Kind.TRAIN) {
      String json = trainSettingsJson(c, train.trace());
      return new Scenario(sha256(json).substring(0, 16), values, train.trace(), solve, json, train);
    }
    Map<String, Object> canonical = network(c, trace);
    canonical.put("solve.method", solve.method().configName());
    if (solve.error() != ErrorModel.LINEAR) {
      canonical.put("solve.error", solve.error().configName());
    }
    if (solve.setting() != null) {
      canonical.put("solve.setting", solve.setting().configName());
      if (solve.setting().imperfect()) {
        canonical.put("solve.intervals", solve.intervals());
      }
    }
    if (solve.gapTolerance() != SolveOptions.DEFAULT_GAP_TOLERANCE) {
      canonical.put("solve.gap-tolerance", solve.gapTolerance());
    }
    String json = org.foglab.tables.Json.compact(canonical);
    return new Scenario(sha256(json).substring(0, 16), values, trace, solve, json, null);
  }

  /**
   * The canonical settings of a training run (a {@code train} command or a training scenario):
   * its network and seed, and its training settings without those that only say where output
   * goes. The data column is the dataset's and the solve settings do not apply (train.setting
   * plans the movement), so both are left out.
   */
  public static String trainSettingsJson(Config c, TraceSpec trace) {
    Map<String, Object> canonical = network(c, trace);
    ((Map<?, ?>) canonical.get("generate")).remove("data");
    Map<String, Object> t = canonicalize(c.getConfig("foglab.train").root().unwrapped());
    TRAIN_OUTPUT_ONLY.forEach(t::remove);
    canonical.put("train", t);
    return org.foglab.tables.Json.compact(canonical);
  }

  /** The generate settings that affect a result, and the seed. */
  private static Map<String, Object> network(Config c, TraceSpec trace) {
    Map<String, Object> canonical = new TreeMap<>();
    Map<String, Object> gen = canonicalize(c.getConfig("foglab.generate").root().unwrapped());
    OUTPUT_ONLY.forEach(gen::remove);
    // Settings added after sweeps existed are left out where they cannot change the result, so
    // the scenario keys of existing sweeps stay the same: the straggler model's settings under
    // the uniform capacity model, per-slot costs, and the solve settings at their defaults.
    if (!trace.model().straggler() && gen.get("capacities") instanceof Map<?, ?> caps) {
      caps.remove("model");
      caps.remove("service-rate");
      caps.remove("wait-bound");
    }
    if (!trace.model().timeInvariantCosts() && gen.get("costs") instanceof Map<?, ?> costs) {
      costs.remove("time-invariant");
    }
    canonical.put("generate", gen);
    canonical.put("seed", trace.seed());
    return canonical;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> canonicalize(Map<String, Object> m) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object v = e.getValue();
      out.put(e.getKey(), v instanceof Map ? canonicalize((Map<String, Object>) v) : v);
    }
    return out;
  }

  private static void flatten(String file, ConfigObject o, String prefix,
      Map<String, List<Object>> out) {
    for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.OBJECT) {
        flatten(file, (ConfigObject) v, key, out);
      } else if (v.valueType() == ConfigValueType.LIST) {
        List<Object> values = new ArrayList<>();
        for (ConfigValue item : (ConfigList) v) {
          if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST) {
            throw new ConfigError(null, file + ": sweep.grid." + key + " must list plain values");
          }
          values.add(item.unwrapped());
        }
        if (values.isEmpty()) {
          throw new ConfigError(null, file + ": sweep.grid." + key + " is an empty list");
        }
        out.put(key, values);
      } else {
        throw new ConfigError(null, file + ": sweep.grid." + key
            + " must be a list of values, e.g. [" + v.render() + "]; put fixed values in sweep.settings");
      }
    }
  }

  /** A spec holds one sweep block, and that block only the sweep keys. */
  private static void checkLayout(String file, Config spec) {
    for (String top : spec.root().keySet()) {
      if (!top.equals("sweep")) {
        throw new ConfigError(null, file + ": " + top + " is outside sweep { }; a spec holds one "
            + "sweep { " + String.join(", ", SWEEP_KEYS) + " } block and nothing else");
      }
    }
    if (!(spec.root().get("sweep") instanceof ConfigObject sweep)) {
      throw new ConfigError(null, file + ": sweep must be a { ... } block");
    }
    for (String key : sweep.keySet()) {
      if (SWEEP_KEYS.contains(key)) {
        continue;
      }
      String p = SettingKeys.problem("foglab." + key);
      String hint = p == null || p.startsWith("is a group")
          ? "; settings go in grid (to vary them, as lists) or in settings (to fix them)"
          : SWEEP_KEYS.stream().filter(k -> SettingKeys.distance(k, key) <= 2).findFirst()
              .map(k -> "; did you mean " + k + "?").orElse("");
      throw new ConfigError(null, file + ": sweep." + key + " is not a sweep key (a sweep holds "
          + String.join(", ", SWEEP_KEYS) + ")" + hint);
    }
  }

  private static void checkKnown(String file, String where, String key) {
    if (key.startsWith("spark.")) {
      throw new ConfigError(null, file + ": sweep." + where + "." + key + " is a Spark setting, "
          + "which the whole sweep shares: give it on the command line with --set");
    }
    String problem = SettingKeys.problem("foglab." + key);
    if (problem != null) {
      // Spec keys are relative to foglab; so are the suggestions.
      throw new ConfigError(null, file + ": sweep." + where + "." + key + " "
          + problem.replace("foglab.", ""));
    }
  }

  /** How a command-line value was given: "--set k=v" or "the option setting k". */
  private static String typedAs(SettingKeys.Leaf l) {
    String origin = l.value().origin() == null ? "" : l.value().origin().description();
    if (origin.startsWith("--set ")) {
      // The description ends with the line number of the one-line "file".
      String line = ": " + l.value().origin().lineNumber();
      return origin.endsWith(line) ? origin.substring(0, origin.length() - line.length()) : origin;
    }
    return "the option that sets " + l.key();
  }

  private static ConfigError named(String file, ConfigError e) {
    return new ConfigError(null, file + ": " + e.getMessage());
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
