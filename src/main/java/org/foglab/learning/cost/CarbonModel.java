package org.foglab.learning.cost;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;

/**
 * Carbon intensity of the electricity used: {@code kg = joules / 3.6e6 x kgPerKwh}, the
 * conversion Malandrino and Chiasserini (seed 004, Table I) apply to their measured energy.
 *
 * @param kgPerKwh kilograms of CO2 equivalent per kilowatt-hour, finite and >= 0
 */
@DefaultSerializer(JavaSerializer.class)
public record CarbonModel(double kgPerKwh) implements Serializable {
  public CarbonModel {
    Checks.nonNegative("kgPerKwh", kgPerKwh);
  }

  /** Kilograms of CO2 of {@code joules} of electricity. */
  public double kilograms(double joules) {
    return Checks.nonNegative("joules", joules) / CostDefaults.JOULES_PER_KWH * kgPerKwh;
  }

  /** Seed 004's 0.243 kg/kWh ({@link CostDefaults#KG_CO2_PER_KWH}). */
  public static CarbonModel defaults() {
    return new CarbonModel(CostDefaults.KG_CO2_PER_KWH);
  }
}
