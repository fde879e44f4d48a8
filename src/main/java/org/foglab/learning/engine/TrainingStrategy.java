package org.foglab.learning.engine;

/**
 * How a paradigm trains: turns the rounds of a run into device, fog and cloud work, aggregations
 * and evaluations, and records in the run's {@link org.foglab.learning.cost.CostLedger} every
 * byte it moves and every compute step it takes. One implementation per paradigm (centralized,
 * federated / network-aware, split, pipeline); {@link Trainer} picks it by {@link TrainingMode}.
 *
 * <p>Implementations are stateless: everything a run needs is in its {@link TrainingRun}, so
 * runs can go side by side.
 */
public interface TrainingStrategy {

  /**
   * Rejects inputs this strategy cannot train on, with one sentence naming what to change
   * ({@link IllegalArgumentException}). Called when the run is built, before any work.
   */
  default void check(TrainingRun run) {}

  /** Trains and evaluates. */
  TrainingResult train(TrainingRun run);
}
