package org.foglab.config;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.foglab.learning.cost.CarbonModel;
import org.foglab.learning.cost.ConstantLinkModel;
import org.foglab.learning.cost.CostModels;
import org.foglab.learning.cost.DeviceProfile;
import org.foglab.learning.cost.LteLinkModel;
import org.foglab.learning.cost.Tier;

/**
 * The cost ledger's models as {@code foglab.train.ledger} sets them: the link model, the carbon
 * intensity, and per-tier overrides of the device profiles' speed and memory (0 keeps
 * {@link DeviceProfile#of}'s default).
 *
 * @param links constant per-tier links or the LTE model of seed 004 (equation (3))
 * @param carbonKgPerKwh kg CO2 per kWh of electricity
 * @param gflops per-tier compute speed overrides in GFLOP/s (0: default)
 * @param memoryMb per-tier memory overrides in MiB (0: default)
 * @param table the ledger table in the warehouse
 */
public record LedgerSpec(Links links, double carbonKgPerKwh, Map<Tier, Double> gflops,
    Map<Tier, Double> memoryMb, String table) implements Serializable {

  /** Link models. */
  public enum Links implements Choice {
    /** Constant bandwidth, latency and power per pair of tiers. */
    CONSTANT,
    /** LTE (seed 004, equation (3)) for device links, constant backhaul between servers. */
    LTE;

    @Override
    public String configName() {
      return Choice.nameOf(this);
    }
  }

  public LedgerSpec {
    TrainSettings.LINKS.check(links);
    TrainSettings.CARBON.check(carbonKgPerKwh);
    TrainSettings.LEDGER_TABLE.check(table);
    gflops = new EnumMap<>(gflops);
    memoryMb = new EnumMap<>(memoryMb);
    for (Tier t : Tier.values()) {
      TrainSettings.tier("gflops", t).check(gflops.getOrDefault(t, 0.0));
      TrainSettings.tier("memory-mb", t).check(memoryMb.getOrDefault(t, 0.0));
    }
  }

  /** Reads {@code foglab.train.ledger}. */
  public static LedgerSpec read(Settings root) {
    Map<Tier, Double> gflops = new EnumMap<>(Tier.class);
    Map<Tier, Double> memory = new EnumMap<>(Tier.class);
    for (Tier t : Tier.values()) {
      gflops.put(t, root.get(TrainSettings.tier("gflops", t)));
      memory.put(t, root.get(TrainSettings.tier("memory-mb", t)));
    }
    return new LedgerSpec(root.get(TrainSettings.LINKS), root.get(TrainSettings.CARBON), gflops,
        memory, root.get(TrainSettings.LEDGER_TABLE));
  }

  /** The models, with the LTE model's node placement and fading drawn from {@code seed}. */
  public CostModels models(long seed) {
    CostModels m = CostModels.defaults()
        .withLinks(links == Links.LTE ? LteLinkModel.withSeed(seed) : ConstantLinkModel.defaults())
        .withCarbon(new CarbonModel(carbonKgPerKwh));
    for (Tier t : Tier.values()) {
      DeviceProfile p = m.profile(t);
      double f = gflops.get(t) > 0 ? gflops.get(t) * 1e9 : p.flopsPerSecond();
      double mem = memoryMb.get(t) > 0 ? memoryMb.get(t) * (1 << 20) : p.memoryBytes();
      m = m.withProfile(t, new DeviceProfile(f, p.activePowerWatts(), p.idlePowerWatts(),
          p.perBatchOverheadSeconds(), mem));
    }
    return m;
  }
}
