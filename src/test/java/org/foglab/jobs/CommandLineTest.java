package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.foglab.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, option parsing and configuration errors: one sentence, exit code 2, nothing written. */
class CommandLineTest {
  @TempDir
  Path dir;

  @Test
  void helpListsCommandsAndEveryOptionWithItsDefault() {
    Cli.Run top = Cli.run("--help");
    assertEquals(0, top.code());
    for (String c : new String[] {"generate", "solve", "sweep", "sql"}) {
      assertTrue(top.out().contains("  " + c + " "), c);
    }
    Cli.Run gen = Cli.run("generate", "--help");
    assertEquals(0, gen.code());
    String help = gen.out().replaceAll("\\s+", " ");
    for (var o : new GenerateJob().spec().allOptions()) {
      assertTrue(help.contains("--" + o.name()), o.name());
    }
    assertTrue(help.contains("(default: 10; key foglab.generate.devices)"), help);
    assertTrue(help.contains("(default: required; key foglab.generate.out)"), help);
    // Help shows the value options and --set resolve to.
    Cli.Run set = Cli.run("generate", "--devices", "77", "--help");
    assertTrue(set.out().replaceAll("\\s+", " ").contains("(default: 77; key foglab.generate.devices)"));
    assertEquals(2, Cli.run().code(), "no command");
  }

  @Test
  void badValuesNameTheOptionAndWriteNothing() {
    Path out = dir.resolve("never");
    String[][] cases = {
        {"--devices", "0", "--devices must be an integer in [1, "},
        {"--devices", "ten", "--devices must be an integer, got \"ten\""},
        {"--topology", "ring", "--topology must be full, random, small-world, scale-free, hierarchical, edges or fog-tree, got \"ring\""},
        {"--link-probability", "1.5", "--link-probability must be a number in [0, 1], got 1.5"},
        {"--format", "json", "--format must be csv or parquet"},
        {"--capacities", "maybe", "--capacities must be true or false"},
    };
    for (String[] c : cases) {
      Cli.Run r = Cli.run("generate", "--out", out.toString(), c[0], c[1]);
      assertEquals(2, r.code(), c[0] + ": " + r.err());
      assertTrue(r.err().contains(c[2]), c[0] + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
      assertFalse(Files.exists(out));
    }
    Cli.Run sw = Cli.run("generate", "--out", out.toString(), "--topology", "small-world",
        "--devices", "10", "--neighbors", "3");
    assertEquals(2, sw.code());
    assertTrue(sw.err().contains("--neighbors must be even for small-world"), sw.err());
    Cli.Run sf = Cli.run("generate", "--out", out.toString(), "--topology", "scale-free",
        "--devices", "3", "--attach", "3");
    assertTrue(sf.err().contains("--attach must be less than the number of devices (3), got 3"), sf.err());
    Cli.Run missing = Cli.run("generate");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--out (foglab.generate.out) is required"), missing.err());
    Cli.Run range = Cli.run("generate", "--out", out.toString(), "--process-cost-min", "2");
    assertTrue(range.err().contains("foglab.generate.costs.process.max"), range.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownOptionsAndCommandsSuggestTheRightOne() {
    Cli.Run r = Cli.run("generate", "--device", "5");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown option --device for 'generate'; did you mean --devices?"), r.err());
    Cli.Run c = Cli.run("generat");
    assertEquals(2, c.code());
    assertTrue(c.err().contains("unknown command 'generat'"), c.err());
    Cli.Run v = Cli.run("generate", "--out");
    assertTrue(v.err().contains("option --out needs a value"), v.err());
  }

  @Test
  void settingsFilesAndSetAreLayeredUnderOptions() throws Exception {
    Path conf = dir.resolve("my.conf");
    Files.writeString(conf, "foglab.generate { devices = 0 }\n");
    Cli.Run r = Cli.run("generate", "--conf", conf.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("foglab.generate.devices (set in " + conf), r.err());
    Cli.Run s = Cli.run("generate", "--conf", conf.toString(), "--set", "foglab.generate.devices=-3",
        "--out", dir.resolve("x").toString());
    assertTrue(s.err().contains("--set foglab.generate.devices=-3"), s.err());
    Cli.Run missingConf = Cli.run("generate", "--conf", dir.resolve("nope.conf").toString());
    assertTrue(missingConf.err().contains("no such file"), missingConf.err());
  }

  /** Runs without a SparkSession: a job that asked for one would fail as an internal error. */
  private static Cli.Run runWithoutSpark(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = org.foglab.Foglab.run(args, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true),
        java.util.Map.of(), s -> {
          throw new AssertionError("Spark started");
        });
    return new Cli.Run(code, out.toString(), err.toString());
  }

  @Test
  void unknownSettingsStopEveryCommandBeforeSparkStarts() throws Exception {
    Path out = dir.resolve("never");
    Cli.Run r = runWithoutSpark("generate", "--set", "foglab.generate.devicez=3", "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("foglab generate: foglab.generate.devicez is not a setting; did you mean "
        + "foglab.generate.devices?", r.err().strip());
    assertFalse(Files.exists(out));
    Path conf = dir.resolve("typo.conf");
    Files.writeString(conf, "foglab.solve { methd = exact }\n");
    Cli.Run f = runWithoutSpark("solve", "--conf", conf.toString(), "--trace", "t", "--out", out.toString());
    assertEquals(2, f.code(), f.err());
    assertTrue(f.err().strip().endsWith("is not a setting; did you mean foglab.solve.method?"), f.err());
    assertEquals(1, f.err().strip().lines().count(), f.err());
    Cli.Run sweep = runWithoutSpark("sweep", "--spec", "jobs/quickstart.conf", "--set", "foglab.sed=2");
    assertEquals(2, sweep.code(), sweep.err());
    assertTrue(sweep.err().contains("foglab.sed is not a setting; did you mean foglab.seed?"), sweep.err());
  }

  @Test
  void sparkSubmitStyleConfIsAnsweredWithAHint() {
    Cli.Run r = runWithoutSpark("--conf", "spark.executor.memory=4g", "generate", "--out",
        dir.resolve("x").toString());
    assertEquals(2, r.code(), r.err());
    assertEquals("foglab generate: --conf spark.executor.memory=4g: --conf takes a settings file; "
        + "for a Spark or foglab setting use --set spark.executor.memory=4g", r.err().strip());
  }

  @Test
  void helpShowsListDefaultsAsValues() {
    Cli.Run capacity = runWithoutSpark("theory", "capacity", "--help");
    assertEquals(0, capacity.code(), capacity.err());
    String help = capacity.out().replaceAll("\\s+", " ");
    // reference.conf: foglab.theory.capacity.mu = [1.0], a one-element list, shown as --mu takes it.
    assertTrue(help.contains("--mu MU1,MU2,.. Service rates mu_i, datapoints per slot: one capacity "
        + "each (a list, or \"0.5,1,2\"). (default: 1; key foglab.theory.capacity.mu)"), help);
    Cli.Run set = runWithoutSpark("theory", "capacity", "--mu", "0.5,2", "--help");
    assertTrue(set.out().replaceAll("\\s+", " ").contains("(default: 0.5,2; key foglab.theory.capacity.mu)"),
        set.out());
    // No command's help shows HOCON's rendering (origin comments, brackets of lists).
    for (var job : Commands.all()) {
      String[] words = (job.spec().name() + " --help").split(" ");
      Cli.Run r = runWithoutSpark(words);
      assertEquals(0, r.code(), job.spec().name());
      assertFalse(r.out().contains("# ") || r.out().contains("reference.conf @")
          || r.out().contains("merge of"), job.spec().name() + ": " + r.out());
      assertFalse(r.out().matches("(?s).*\\(default: \\[.*"), job.spec().name() + ": " + r.out());
    }
  }
}
