package org.foglab.jobs;

import java.util.List;

/** The registry of commands, in the order {@code --help} lists them. */
public final class Commands {
  private Commands() {}

  public static List<Job<?>> all() {
    return List.of(new GenerateJob(), new SolveJob(), new SweepJob(), new SqlJob(),
        new ServeJob(), new PlotJob(), new TrainJob(), new EvaluateJob(), new FogTrainJob(),
        new FogLearningJob(),
        new BenchClosedFormJob(), new BenchExactJob(), new BenchFederatedJob(), new BenchFplJob(),
        new BenchSplitJob(), new BenchFogJob(),
        new TheoryBoundJob(), new TheoryCapacityJob(), new TheoryHierarchyJob(),
        new TheoryOffloadingValueJob(), new TheoryViolationsJob());
  }
}
