package org.foglab.learning.engine;

import org.foglab.config.Choice;
import org.foglab.learning.federated.FederatedStrategy;
import org.foglab.learning.fpl.FplStrategy;
import org.foglab.learning.fpl.GflStrategy;
import org.foglab.learning.fpl.TransferStrategy;
import org.foglab.learning.pipeline.PipelineStrategy;
import org.foglab.learning.split.SplitStrategy;

/** The training paradigms foglab runs, each carried out by its {@link TrainingStrategy}. */
public enum TrainingMode implements Choice {
  /**
   * All collected data in one place: minibatch SGD over the union of the device streams for the
   * same number of passes, by default with {@code T} steps per pass (one per slot).
   */
  CENTRALIZED,
  /**
   * The federated baseline of Tu et al. (INFOCOM 2020, Section V-B): every device processes
   * exactly what it collects ({@code G_i(t) = D_i(t)}, no offloading or discarding) and the server
   * aggregates every slot ({@code tau = 1}).
   */
  FEDERATED,
  /** Devices process what a data-movement plan assigns them; aggregation every {@code tau} slots. */
  NETWORK_AWARE,
  /**
   * Split training (Qian and Barzegaran, SEC 2021, FCDDT): fog nodes run the local stage and send
   * the cut activations and labels to the cloud, which runs the remote stage and sends the cut
   * gradient back; the local stage stays synchronised.
   */
  SPLIT,
  /**
   * A model cut into stages along a path data source, fog node(s), cloud (Vainio et al., Sparse),
   * trained by forward and backward passes across the stages.
   */
  PIPELINE,
  /**
   * Flexible parallel learning (Malandrino and Chiasserini, seed 004): the layers before the
   * junction replicated per data source and run there, a trained junction layer merging their
   * outputs and the rest of the model at the edge server.
   */
  FPL,
  /** Vertical split learning: branches per source, the first shared layer's input widened. */
  SL,
  /** Generalized federated learning: one model per source, listed layers averaged (FedProx). */
  GFL,
  /** The sources send their images once; one model trains on all views at the edge. */
  TRANSFER;

  /** The strategy that trains this mode. */
  public TrainingStrategy strategy() {
    switch (this) {
      case CENTRALIZED:
        return new CentralizedStrategy();
      case FEDERATED:
      case NETWORK_AWARE:
        return new FederatedStrategy();
      case SPLIT:
        return new SplitStrategy();
      case FPL:
      case SL:
        return new FplStrategy();
      case GFL:
        return new GflStrategy();
      case TRANSFER:
        return new TransferStrategy();
      default:
        return new PipelineStrategy();
    }
  }

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
