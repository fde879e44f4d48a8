package org.foglab.config;

import org.foglab.FoglabError;

/**
 * An invalid setting: carries the configuration key so the command line can name the option
 * the user typed ({@code --devices}) as well as the key ({@code foglab.generate.devices}).
 */
public final class ConfigError extends FoglabError {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String problem;

  public ConfigError(String key, String problem) {
    super(key == null ? problem : key + " " + problem);
    this.key = key;
    this.problem = problem;
  }

  /** The full configuration path, or null for errors not tied to one key. */
  public String key() {
    return key;
  }

  /** The problem without the key, e.g. "must be at least 1, got 0". */
  public String problem() {
    return problem;
  }

  /** The same problem, attributed to a differently named setting (an option or a spec key). */
  public ConfigError renamed(String name) {
    ConfigError e = new ConfigError(null, name + " " + problem);
    e.initCause(this);
    return e;
  }

  @Override
  public int exitCode() {
    return EXIT_USAGE;
  }
}
