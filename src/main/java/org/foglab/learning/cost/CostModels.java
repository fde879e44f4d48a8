package org.foglab.learning.cost;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The models a {@link CostLedger} prices its entries with: links (time and transmit energy of a
 * transfer), one compute profile per tier, and the carbon intensity of electricity.
 *
 * @param links rate, latency and transmit power of every link
 * @param profiles a profile for every {@link Tier} (kept as an unmodifiable copy)
 * @param carbon kg CO2 per kWh
 */
@DefaultSerializer(JavaSerializer.class)
public record CostModels(LinkModel links, Map<Tier, DeviceProfile> profiles, CarbonModel carbon)
    implements Serializable {
  public CostModels {
    Objects.requireNonNull(links, "cost models need a link model");
    Objects.requireNonNull(profiles, "cost models need device profiles");
    Objects.requireNonNull(carbon, "cost models need a carbon model");
    for (Tier t : Tier.values()) {
      if (profiles.get(t) == null) {
        throw new IllegalArgumentException("cost models need a device profile for tier "
            + t.configName());
      }
    }
    profiles = Collections.unmodifiableMap(new EnumMap<>(profiles));
  }

  /** The compute profile of tier {@code t}. */
  public DeviceProfile profile(Tier t) {
    return profiles.get(Objects.requireNonNull(t, "tier"));
  }

  /** Constant links, the default profile of every tier and seed 004's carbon intensity. */
  public static CostModels defaults() {
    return new CostModels(ConstantLinkModel.defaults(), defaultProfiles(),
        CarbonModel.defaults());
  }

  /** {@link DeviceProfile#of} for every tier. */
  public static Map<Tier, DeviceProfile> defaultProfiles() {
    Map<Tier, DeviceProfile> p = new EnumMap<>(Tier.class);
    for (Tier t : Tier.values()) {
      p.put(t, DeviceProfile.of(t));
    }
    return p;
  }

  /** These models with other links. */
  public CostModels withLinks(LinkModel l) {
    return new CostModels(l, profiles, carbon);
  }

  /** These models with tier {@code t}'s profile replaced. */
  public CostModels withProfile(Tier t, DeviceProfile p) {
    Map<Tier, DeviceProfile> m = new EnumMap<>(profiles);
    m.put(Objects.requireNonNull(t, "tier"), Objects.requireNonNull(p, "profile"));
    return new CostModels(links, m, carbon);
  }

  /** These models with another carbon intensity. */
  public CostModels withCarbon(CarbonModel c) {
    return new CostModels(links, profiles, c);
  }
}
