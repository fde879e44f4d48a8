package org.foglab.testutil;

import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.foglab.config.ConfigLoader;
import org.foglab.config.Settings;
import org.foglab.config.TraceSpec;

/** Trace specs from reference.conf plus overrides, as a user's options would give them. */
public final class Specs {
  private Specs() {}

  /** Overrides are keys relative to foglab.generate, except "seed". */
  public static TraceSpec trace(Map<String, Object> overrides) {
    java.util.Map<String, Object> full = new java.util.HashMap<>();
    overrides.forEach((k, v) -> full.put(k.equals("seed") ? "foglab.seed" : "foglab.generate." + k, v));
    return TraceSpec.read(new Settings(ConfigFactory.parseMap(full)
        .withFallback(ConfigLoader.reference()).resolve(), "foglab"));
  }
}
