package org.foglab.cli;

import java.util.List;
import java.util.Map;

/**
 * A parsed command line.
 *
 * @param overrides configuration values set by options, keyed by full key, already typed
 * @param confFile the --conf file, or null
 * @param sets raw --set KEY=VALUE assignments, in order
 * @param positional positional arguments
 * @param help whether --help was given
 */
public record ParsedArgs(Map<String, Object> overrides, String confFile, List<String> sets,
    List<String> positional, boolean help) {}
