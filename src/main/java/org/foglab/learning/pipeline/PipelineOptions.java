package org.foglab.learning.pipeline;

import java.io.Serializable;
import java.util.List;
import org.foglab.learning.cost.Tier;

/**
 * Options of a pipeline run.
 *
 * @param suite the placement preset
 * @param cuts layers each later stage starts at (one fewer than the stages)
 * @param placement tiers of the stages for {@link PipelineSuite#CUSTOM}, else empty
 * @param batchSize samples per training step (or per inference request)
 * @param microBatches micro-batches a batch is split into for pipelined execution (GPipe); a
 *     batch of fewer samples is split into single samples
 * @param inference forward only, over the test set, without training
 * @param source index of the data-source device in the run's trace
 * @param seed seed of the batch order
 */
public record PipelineOptions(PipelineSuite suite, List<String> cuts, List<Tier> placement,
    int batchSize, int microBatches, boolean inference, int source, long seed)
    implements Serializable {

  public PipelineOptions {
    if (suite == null) {
      throw new IllegalArgumentException("--suite must be one of cloud, cloudlet, "
          + "hybrid-off-device, hybrid-on-device, custom");
    }
    cuts = List.copyOf(cuts);
    placement = List.copyOf(placement);
    if (suite == PipelineSuite.CUSTOM && placement.isEmpty()) {
      throw new IllegalArgumentException("--suite custom needs --placement, one tier per stage, "
          + "e.g. device,cloudlet,cloud");
    }
    if (suite != PipelineSuite.CUSTOM && !placement.isEmpty()) {
      throw new IllegalArgumentException("--placement applies to --suite custom only; suite "
          + suite.configName() + " places its stages on " + suite.tiers());
    }
    List<Tier> tiers = suite == PipelineSuite.CUSTOM ? placement : suite.tiers();
    if (tiers.size() != cuts.size() + 1) {
      throw new IllegalArgumentException("--cut must name " + (tiers.size() - 1) + " layer(s) for "
          + tiers.size() + " stage(s) on " + tiers + ", got " + cuts);
    }
    if (tiers.stream().allMatch(t -> t == Tier.DEVICE)) {
      throw new IllegalArgumentException("a pipeline needs at least 2 stages on different nodes: "
          + "--placement " + tiers + " runs everything on the data source");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
    if (microBatches < 1) {
      throw new IllegalArgumentException("--micro-batches must be at least 1, got "
          + microBatches);
    }
    if (source < 0) {
      throw new IllegalArgumentException("--source must be a device index, got " + source);
    }
  }

  /** Micro-batches a full batch is split into: at most one per sample. */
  public int effectiveMicroBatches() {
    return Math.min(microBatches, batchSize);
  }

  /** Tiers of the model's stages. */
  public List<Tier> tiers() {
    return suite == PipelineSuite.CUSTOM ? placement : suite.tiers();
  }
}
