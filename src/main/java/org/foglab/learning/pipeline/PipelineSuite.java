package org.foglab.learning.pipeline;

import java.util.List;
import org.foglab.config.Choice;
import org.foglab.learning.cost.Tier;

/**
 * The benchmark suites of Vainio et al. (Sparse, Section V) as placements of a model's stages;
 * the data source is always a device.
 */
public enum PipelineSuite implements Choice {
  /** Data source and cloud server: the source sends raw data, the cloud runs the whole model. */
  CLOUD(List.of(Tier.CLOUD)),
  /** As CLOUD, with the cloudlet running the whole model. */
  CLOUDLET(List.of(Tier.CLOUDLET)),
  /** Three nodes: the source sends raw data to the cloudlet, which runs the first stage; the cloud the rest. */
  HYBRID_OFF_DEVICE(List.of(Tier.CLOUDLET, Tier.CLOUD)),
  /** Two nodes: the source runs the first stage, the cloudlet the rest. */
  HYBRID_ON_DEVICE(List.of(Tier.DEVICE, Tier.CLOUDLET)),
  /** Stages placed by {@code --placement} (one tier per stage) and cut by {@code --cut}. */
  CUSTOM(List.of());

  private final List<Tier> tiers;

  PipelineSuite(List<Tier> tiers) {
    this.tiers = tiers;
  }

  /** Tiers of the model's stages in order (empty for CUSTOM). */
  public List<Tier> tiers() {
    return tiers;
  }

  @Override
  public String configName() {
    return Choice.nameOf(this);
  }
}
