package org.foglab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.foglab.cli.GlobalOptions;
import org.foglab.cli.OptionSpec;
import org.foglab.cost.CapacityModel;
import org.foglab.jobs.Commands;
import org.foglab.jobs.Job;
import org.foglab.network.D2dGraph;
import org.foglab.network.Topology;
import org.foglab.optimize.ErrorModel;
import org.foglab.optimize.SolveMethod;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.Test;

/**
 * Every setting is declared once ({@link Setting}) and everything else is derived from the
 * declaration: reference.conf and the declarations cover each other exactly, every keyed option
 * of every command is a declaration's, records built directly are checked with the sentence the
 * settings path gives, and --help shows reference.conf's defaults as values.
 */
class SettingDeclarationsTest {

  /** Every declaration: static Setting fields of foglab's classes, and Settings held by them. */
  static Map<Setting<?>, String> declarations() throws Exception {
    Path classes = Path.of(Setting.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      files.filter(p -> p.toString().endsWith(".class")).forEach(p -> names.add(
          classes.relativize(p).toString().replace('/', '.').replace(".class", "")));
    }
    Map<Setting<?>, String> out = new IdentityHashMap<>();
    List<String> unreadable = new ArrayList<>();
    ClassLoader loader = SettingDeclarationsTest.class.getClassLoader();
    for (String name : names) {
      Field[] fields;
      try {
        fields = Class.forName(name, false, loader).getDeclaredFields();
      } catch (LinkageError | ClassNotFoundException e) {
        unreadable.add(name + ": " + e);
        continue;
      }
      for (Field f : fields) {
        if (!Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        boolean setting = Setting.class.isAssignableFrom(f.getType());
        boolean holder = f.getType().getName().startsWith("org.foglab.")
            && Stream.of(f.getType().getDeclaredFields())
                .anyMatch(g -> Setting.class.isAssignableFrom(g.getType()));
        if (!setting && !holder) {
          continue;
        }
        f.setAccessible(true);
        Object v = f.get(null);
        if (v instanceof Setting<?> s) {
          out.putIfAbsent(s, name + "." + f.getName());
        } else if (v != null) {
          for (Field g : v.getClass().getDeclaredFields()) {
            if (Setting.class.isAssignableFrom(g.getType()) && !Modifier.isStatic(g.getModifiers())) {
              g.setAccessible(true);
              if (g.get(v) != null) {
                out.putIfAbsent((Setting<?>) g.get(v), name + "." + f.getName() + "." + g.getName());
              }
            }
          }
        }
      }
    }
    assertTrue(unreadable.stream().noneMatch(u -> u.startsWith("org.foglab.config.")
        || u.startsWith("org.foglab.jobs.")), "classes that could not be scanned: " + unreadable);
    return out;
  }

  @Test
  void referenceConfAndTheDeclarationsCoverEachOtherExactly() throws Exception {
    Map<Setting<?>, String> decls = declarations();
    assertTrue(decls.size() > 250, "found only " + decls.size() + " declarations");
    Map<String, String> byKey = new LinkedHashMap<>();
    for (Map.Entry<Setting<?>, String> e : decls.entrySet()) {
      String key = e.getKey().key();
      String before = byKey.put(key, e.getValue());
      assertEquals(null, before, key + " is declared twice: " + before + " and " + e.getValue());
      assertTrue(SettingKeys.all().contains(key), e.getValue() + " declares " + key
          + ", which is not a leaf of reference.conf");
      assertFalse(e.getKey().doc().isBlank(), key + " has no comment in reference.conf");
    }
    Set<String> undeclared = new TreeSet<>(SettingKeys.all());
    undeclared.removeAll(byKey.keySet());
    assertEquals(Set.of(), undeclared, "reference.conf keys without a declaration");
  }

  @Test
  void everyKeyedOptionOfEveryCommandIsDerivedFromADeclaration() throws Exception {
    Set<Setting<?>> decls = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    decls.addAll(declarations().keySet());
    int keyed = 0;
    List<OptionSpec> all = new ArrayList<>(GlobalOptions.ALL);
    for (Job<?> job : Commands.all()) {
      all.addAll(job.spec().options());
    }
    for (OptionSpec o : all) {
      if (o.key() == null) {
        assertEquals(null, o.setting(), o.display());
        continue;
      }
      keyed++;
      Setting<?> s = o.setting();
      assertNotNull(s, o.display() + " sets " + o.key() + " without a declaration");
      assertTrue(decls.contains(s), o.display() + ": its Setting is not a declared constant");
      assertEquals(s.key(), o.key(), o.display());
      assertEquals(s.optionName(), o.name(), o.key());
      assertEquals(ReferenceDocs.firstSentence(ReferenceDocs.doc(o.key())), o.help(), o.key());
      assertFalse(o.help().isBlank(), o.key());
    }
    assertTrue(keyed > 280, "only " + keyed + " keyed options");
  }

  @Test
  void aCommentAboveARunOfKeysOrAnInlineObjectDocumentsEachKey() {
    assertEquals("c_i(t) ~ U(min, max): cost of processing one datapoint.",
        ReferenceDocs.doc("foglab.generate.costs.process.min"));
    // warehouse.namespace follows catalog without a comment of its own: the run shares it.
    assertEquals(ReferenceDocs.doc("foglab.warehouse.catalog"),
        ReferenceDocs.doc("foglab.warehouse.namespace"));
    assertFalse(ReferenceDocs.doc("foglab.warehouse.namespace").isEmpty());
    assertTrue(ReferenceDocs.doc("foglab.generate.devices").startsWith("Number of devices n"));
    assertEquals("Root seed.", GenerateSettingsHelp.seedHelp());
    assertEquals("Nodes per layer, e.g. 625,125 or 5,1.",
        ReferenceDocs.firstSentence("Nodes per layer, e.g. 625,125 or 5,1. Second. Third."));
    assertEquals("A list or \"0.5,1,2\"; i.e. values.",
        ReferenceDocs.firstSentence("A list or \"0.5,1,2\"; i.e. values. more"));
  }

  /** Reads settings as the command line would, with --set assignments. */
  private static Settings settings(String... sets) {
    Config c = ConfigLoader.load(null, List.of(sets), Map.of(), Map.of());
    return new Settings(c, "foglab");
  }

  private static String readError(java.util.function.Function<Settings, ?> reader,
      String... sets) {
    return assertThrows(ConfigError.class, () -> reader.apply(settings(sets))).getMessage();
  }

  @Test
  void recordsBuiltDirectlyAreCheckedWithTheSentenceOfTheSettingsPath() {
    NetworkSpec ok = NetworkSpec.read(settings());
    // devices = 0
    String viaSet = readError(NetworkSpec::read, "foglab.generate.devices=0");
    assertEquals("foglab.generate.devices must be an integer in [1, " + NetworkSpec.MAX_DEVICES
        + "], got 0", viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new NetworkSpec(Topology.FULL, 0,
        0.5, 0, 0.1, 2, 2, null, false, null, D2dGraph.RGG, 0.3)).getMessage());
    // small-world k odd (a rule across two settings)
    viaSet = readError(NetworkSpec::read, "foglab.generate.topology=small-world",
        "foglab.generate.neighbors=3");
    assertTrue(viaSet.startsWith("foglab.generate.neighbors must be even"), viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new NetworkSpec(
        Topology.SMALL_WORLD, 10, 0.5, 3, 0.1, 2, 2, null, false, null, D2dGraph.RGG, 0.3))
        .getMessage());
    // scale-free attach >= devices
    viaSet = readError(NetworkSpec::read, "foglab.generate.topology=scale-free",
        "foglab.generate.attach=10");
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new NetworkSpec(
        Topology.SCALE_FREE, 10, 0.5, 0, 0.1, 10, 2, null, false, null, D2dGraph.RGG, 0.3))
        .getMessage());
    // rewire out of [0, 1]
    viaSet = readError(NetworkSpec::read, "foglab.generate.rewire=1.5");
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new NetworkSpec(Topology.FULL, 10,
        ok.linkProbability(), 0, 1.5, 2, 2, null, false, null, D2dGraph.RGG, 0.3)).getMessage());

    SyntheticModel m = SyntheticModel.read(settings());
    viaSet = readError(SyntheticModel::read, "foglab.generate.costs.process.max=-1");
    assertEquals("foglab.generate.costs.process.max must be a number in [0, 1000000000000], got -1",
        viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new SyntheticModel(m.slots(),
        m.dataTotal(), false, 0, -1, 0, 1, 0, 1, true, false, true, CapacityModel.UNIFORM, 4, 4,
        1, 1, 0, 240, 1)).getMessage());
    viaSet = readError(SyntheticModel::read, "foglab.generate.costs.process.min=2");
    assertEquals("foglab.generate.costs.process.max must be at least costs.process.min (2), got 1",
        viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new SyntheticModel(m.slots(),
        m.dataTotal(), false, 2, 1, 0, 1, 0, 1, true, false, true, CapacityModel.UNIFORM, 4, 4,
        1, 1, 0, 240, 1)).getMessage());
    viaSet = readError(SyntheticModel::read, "foglab.generate.slots=0");
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new SyntheticModel(0,
        m.dataTotal(), false, 0, 1, 0, 1, 0, 1, true, false, true, CapacityModel.UNIFORM, 4, 4,
        1, 1, 0, 240, 1)).getMessage());

    viaSet = readError(s -> SolveOptions.read(s), "foglab.solve.method=closed-form",
        "foglab.solve.error=sqrt");
    assertTrue(viaSet.startsWith("foglab.solve.error sqrt has no closed form"), viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new SolveOptions(
        SolveMethod.CLOSED_FORM, ErrorModel.SQRT, null, 1, 1e-6)).getMessage());
    viaSet = readError(s -> SolveOptions.read(s), "foglab.solve.gap-tolerance=0.9");
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new SolveOptions(
        SolveMethod.AUTO, ErrorModel.LINEAR, null, 1, 0.9)).getMessage());

    viaSet = readError(WarehouseSettings::read, "foglab.warehouse.catalog=\"my-cat\"");
    assertEquals("foglab.warehouse.catalog must be an identifier (letters, digits, _), got \"my-cat\"",
        viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class,
        () -> new WarehouseSettings("w", "my-cat", "results")).getMessage());

    viaSet = readError(SparkSettings::read, "foglab.spark.master=\"local[two]\"");
    assertEquals(viaSet, assertThrows(ConfigError.class,
        () -> new SparkSettings("local[two]", "foglab", Map.of())).getMessage());

    TrainSpec t = TrainSpec.read(settings());
    viaSet = readError(TrainSpec::read, "foglab.train.tau=1000");
    assertEquals("foglab.train.tau must be at most the horizon of 100 slots, got 1000", viaSet);
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new TrainSpec(t.dataset(),
        t.architecture(), t.hiddenUnits(), t.learningRate(), t.mode(), t.setting(), t.intervals(),
        1000, t.passes(), t.dirichletAlpha(), t.evaluateEvery(), t.deviceLosses(), t.trace(),
        t.split(), t.pipeline(), t.ledger(), t.multiSource())).getMessage());
    viaSet = readError(TrainSpec::read, "foglab.train.passes=0");
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new TrainSpec(t.dataset(),
        t.architecture(), t.hiddenUnits(), t.learningRate(), t.mode(), t.setting(), t.intervals(),
        t.tau(), 0, t.dirichletAlpha(), t.evaluateEvery(), t.deviceLosses(), t.trace(),
        t.split(), t.pipeline(), t.ledger(), t.multiSource())).getMessage());

    LedgerSpec l = t.ledger();
    viaSet = readError(LedgerSpec::read, "foglab.train.ledger.carbon-kg-per-kwh=11");
    assertEquals(viaSet, assertThrows(ConfigError.class, () -> new LedgerSpec(l.links(), 11,
        l.gflops(), l.memoryMb(), l.table())).getMessage());
  }

  @Test
  void theCommandLineGivesTheSameSentenceAsTheRecord() throws IOException {
    Path out = Files.createTempDirectory("decl").resolve("out");
    Cli.Run r = Cli.run("generate", "--devices", "0", "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("foglab generate: --devices must be an integer in [1, " + NetworkSpec.MAX_DEVICES
        + "], got 0", r.err().trim());
    r = Cli.run("generate", "--set", "foglab.generate.devices=0", "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    String record = assertThrows(ConfigError.class, () -> new NetworkSpec(Topology.FULL, 0,
        0.5, 0, 0.1, 2, 2, null, false, null, D2dGraph.RGG, 0.3)).problem();
    assertTrue(r.err().contains(record), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void helpShowsReferenceDefaultsAsValuesAndTheDocsFirstSentence() {
    Cli.Run r = Cli.run("theory", "capacity", "--help");
    assertEquals(0, r.code(), r.err());
    String mu = line(r.out(), "--mu ");
    assertTrue(mu.contains("(default: 1; key foglab.theory.capacity.mu)"), mu);
    assertFalse(r.out().contains("SimpleConfig") || r.out().contains("ConfigList")
        || r.out().contains("reference.conf @"), r.out());
    assertTrue(mu.contains(ReferenceDocs.firstSentence(ReferenceDocs.doc(
        "foglab.theory.capacity.mu"))), mu);

    r = Cli.run("theory", "capacity", "--set", "foglab.theory.capacity.mu=[0.5, 2]", "--help");
    assertTrue(line(r.out(), "--mu ").contains("(default: 0.5,2;"), r.out());

    r = Cli.run("generate", "--help");
    assertTrue(line(r.out(), "--layers ").contains("(default: empty;"), r.out());
    assertTrue(line(r.out(), "--devices ").contains("Number of devices n"), r.out());
    assertTrue(line(r.out(), "--edges ").contains("(default: none;"), r.out());

    r = Cli.run("bench", "fog-learning", "--help");
    assertTrue(line(r.out(), "--layers ").contains("(default: 100000,20000,1000,100,1;"), r.out());

    r = Cli.run("train", "--help");
    assertTrue(line(r.out(), "--view-missing ").contains("(default: empty;"), r.out());
  }

  /** The help entry of an option (its lines up to the next option), joined. */
  private static String line(String help, String head) {
    int i = help.indexOf("  " + head);
    assertTrue(i >= 0, head + " not in help:\n" + help);
    int end = help.indexOf("\n  --", i + 1);
    return help.substring(i, end < 0 ? help.length() : end).replaceAll("\\s+", " ");
  }

  /** Small indirection so the seed's help is read the way the option reads it. */
  static final class GenerateSettingsHelp {
    static String seedHelp() {
      return CoreSettings.SEED.help();
    }
  }
}
