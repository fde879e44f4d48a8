package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.foglab.learning.LocalModel;
import org.foglab.learning.ModelEvaluation;
import org.foglab.learning.SavedModel;
import org.foglab.learning.TrainingExperiment;
import org.foglab.tables.Json;
import org.foglab.testutil.Cli;
import org.foglab.testutil.SparkTestSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pipeline from trace to model: {@code generate} writes a network, {@code solve} a plan,
 * {@code train --trace --plan} trains on them, {@code evaluate} scores the saved model. The
 * references are the other path through foglab: the same network generated and solved inside
 * {@code train}, which must give the same trace identity and bit-identical training.
 */
class TrainOnTraceTest {
  @TempDir
  static Path dir;

  /** 400 training samples: the trace's data total, in whole datapoints. */
  private static final String DATA = "synthetic:classes=3,features=8,samples=400,test=100,seed=2";
  private static final String[] NET = {"--devices", "4", "--slots", "10", "--capacities",
      "false", "--seed", "5"};

  private static Path trace;
  private static Path plan;

  @BeforeAll
  static void generateAndSolve() {
    trace = dir.resolve("net");
    plan = dir.resolve("plan");
    Cli.Run g = Cli.run(concat(new String[] {"generate", "--topology", "full", "--integer-data",
        "true", "--data-total", "400", "--out", trace.toString()}, NET));
    assertEquals(0, g.code(), g.err());
    Cli.Run s = Cli.run("solve", "--trace", trace.toString(), "--method", "closed-form",
        "--out", plan.toString());
    assertEquals(0, s.code(), s.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private String[] train(String catalog, String... more) {
    return concat(new String[] {"--set", "foglab.warehouse.path=" + dir.resolve("wh-" + catalog),
        "--set", "foglab.warehouse.catalog=" + catalog, "train", "--dataset", DATA, "--tau", "5",
        "--passes", "2", "--executor", "local"}, more);
  }

  private static Map<String, Object> summary(Path out) throws Exception {
    return Json.readMap(Files.readString(out.resolve("summary.json")));
  }

  /**
   * The trace read from files is the one train generates from the same settings: same
   * identity, and training on it (with solve's closed-form plan, or planning setting B itself)
   * gives the accuracy and loss of the in-memory path to the last bit.
   */
  @Test
  void trainingOnAGeneratedTraceAndItsPlanEqualsTheInMemoryPath() throws Exception {
    Path inMemory = dir.resolve("mem");
    Path onTrace = dir.resolve("ontrace");
    Path withPlan = dir.resolve("withplan");
    Cli.Run a = Cli.run(train("tt1", concat(new String[] {"--setting", "B", "--out",
        inMemory.toString(), "--topology", "full"}, NET)));
    assertEquals(0, a.code(), a.err());
    // The seed draws the model's initial weights and which samples each device collects; the
    // trace fixes only the network.
    Cli.Run b = Cli.run(train("tt1", "--setting", "B", "--trace", trace.toString(), "--seed",
        "5", "--out", onTrace.toString()));
    assertEquals(0, b.code(), b.err());
    Cli.Run c = Cli.run(train("tt1", "--trace", trace.toString(), "--plan", plan.toString(),
        "--seed", "5", "--out", withPlan.toString()));
    assertEquals(0, c.code(), c.err());
    Map<String, Object> m = summary(inMemory);
    Map<String, Object> t = summary(onTrace);
    Map<String, Object> p = summary(withPlan);
    assertTrue(((String) m.get("trace_id")).matches("t[0-9a-f]{16}"), m.toString());
    for (Map<String, Object> x : List.of(t, p)) {
      assertEquals(m.get("trace_id"), x.get("trace_id"));
      assertEquals(m.get("unit_cost"), x.get("unit_cost"), x.toString());
      assertEquals(m.get("loss"), x.get("loss"), x.toString());
      assertEquals(m.get("accuracy"), x.get("accuracy"));
      assertEquals(4, ((Number) x.get("devices")).intValue());
      assertEquals("full", x.get("topology"));
    }
    assertEquals(plan.toString(), p.get("plan"));
    // The tables join on the trace identity.
    long joined = SparkTestSession.get().sql("SELECT count(*) FROM tt1.results.trainings a JOIN "
        + "tt1.results.trainings b ON a.trace_id = b.trace_id AND a.run_id < b.run_id")
        .first().getLong(0);
    assertEquals(3, joined);
  }

  @Test
  void aSavedModelScoresAgainAsTrainingReported() throws Exception {
    Path out = dir.resolve("saved-run");
    Path model = dir.resolve("model");
    Cli.Run r = Cli.run(train("tt2", "--mode", "federated", "--trace", trace.toString(),
        "--save-model", model.toString(), "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    Map<String, Object> s = summary(out);
    SavedModel.Loaded loaded = SavedModel.read(model.toString(), new Configuration());
    assertEquals(s.get("run_id"), loaded.metadata().get("run_id"));
    ModelEvaluation e = LocalModel.evaluate(loaded.network(),
        TrainingExperiment.dataset(DATA, loaded.seed()).test());
    assertEquals(((Number) s.get("accuracy")).doubleValue(), e.accuracy(), 0.0);
    assertEquals(((Number) s.get("loss")).doubleValue(), e.loss(), 1e-12);
    Cli.Run ev = Cli.run("evaluate", "--model", model.toString());
    assertEquals(0, ev.code(), ev.err());
    assertTrue(ev.out().contains(String.format(java.util.Locale.ROOT, "test accuracy %.4f",
        e.accuracy())), ev.out());
    Cli.Run other = Cli.run("evaluate", "--model", model.toString(), "--seed", "99");
    assertEquals(0, other.code(), other.err());
    assertFalse(other.out().contains("reported"), other.out());
    Cli.Run wrongShape = Cli.run("evaluate", "--model", model.toString(), "--dataset",
        "synthetic:classes=3,features=9,samples=50,test=20");
    assertEquals(2, wrongShape.code());
    assertTrue(wrongShape.err().contains("takes 8 features"), wrongShape.err());
    Cli.Run none = Cli.run("evaluate", "--model", dir.resolve("nomodel").toString());
    assertNotEquals(0, none.code());
    assertTrue(none.err().contains("no such model directory"), none.err());
  }

  @Test
  void aPlanForAnotherTraceOrOptionsThatDoNotFitAreRefusedBeforeTraining() throws Exception {
    Path other = dir.resolve("other-net");
    Path otherPlan = dir.resolve("other-plan");
    assertEquals(0, Cli.run(concat(new String[] {"generate", "--topology", "full",
        "--integer-data", "true", "--data-total", "400", "--out", other.toString()},
        "--devices", "4", "--slots", "10", "--capacities", "false", "--seed", "6")).code());
    assertEquals(0, Cli.run("solve", "--trace", other.toString(), "--out",
        otherPlan.toString()).code());
    Path out = dir.resolve("refused");
    Cli.Run mismatch = Cli.run(train("tt3", "--trace", trace.toString(), "--plan",
        otherPlan.toString(), "--out", out.toString()));
    assertEquals(3, mismatch.code(), mismatch.err());
    assertTrue(mismatch.err().contains("is not for this trace"), mismatch.err());
    assertFalse(mismatch.err().contains("\tat "), mismatch.err());
    Cli.Run noTrace = Cli.run(train("tt3", "--plan", plan.toString(), "--out", out.toString()));
    assertEquals(2, noTrace.code());
    assertTrue(noTrace.err().contains("needs --trace"), noTrace.err());
    Cli.Run wrongMode = Cli.run(train("tt3", "--mode", "federated", "--trace", trace.toString(),
        "--plan", plan.toString(), "--out", out.toString()));
    assertEquals(2, wrongMode.code());
    assertTrue(wrongMode.err().contains("network-aware"), wrongMode.err());
    Cli.Run missing = Cli.run(train("tt3", "--trace", dir.resolve("nowhere").toString(),
        "--out", out.toString()));
    assertEquals(3, missing.code());
    assertTrue(missing.err().contains("no such trace directory"), missing.err());
    Cli.Run inside = Cli.run(train("tt3", "--trace", trace.toString(), "--out",
        trace.resolve("out").toString(), "--overwrite", "true"));
    assertEquals(2, inside.code());
    assertTrue(inside.err().contains("sits inside the input --trace"), inside.err());
    Path fractional = dir.resolve("fractional");
    Cli.Run gen = Cli.run(concat(new String[] {"generate", "--topology", "full", "--out",
        fractional.toString()}, NET));
    assertEquals(0, gen.code(), gen.err());
    Cli.Run notWhole = Cli.run(train("tt3", "--trace", fractional.toString(), "--out",
        out.toString()));
    assertEquals(3, notWhole.code(), notWhole.err());
    assertTrue(notWhole.err().contains("--integer-data true"), notWhole.err());
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(dir.resolve("wh-tt3").resolve("results").resolve("trainings")),
        "no refused run wrote a table row");
  }
}
