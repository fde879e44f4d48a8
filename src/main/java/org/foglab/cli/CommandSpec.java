package org.foglab.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command's name, purpose, options and examples: everything {@code --help} prints and the
 * parser accepts.
 *
 * @param name command word, e.g. {@code generate}
 * @param summary one line for the command list
 * @param description a paragraph for the command's help
 * @param options options specific to the command (global options are added by the parser)
 * @param examples example invocations
 * @param positional name of positional arguments (e.g. {@code QUERY}), or null if none
 */
public record CommandSpec(String name, String summary, String description,
    List<OptionSpec> options, List<String> examples, String positional) {

  public CommandSpec {
    options = List.copyOf(options);
    examples = List.copyOf(examples);
  }

  /** Options of this command followed by the global ones. */
  public List<OptionSpec> allOptions() {
    List<OptionSpec> all = new ArrayList<>(options);
    all.addAll(GlobalOptions.ALL);
    return all;
  }

  public OptionSpec option(String name) {
    for (OptionSpec o : allOptions()) {
      if (o.name().equals(name)) {
        return o;
      }
    }
    return null;
  }

  /** The option that sets a configuration key, or null. */
  public OptionSpec optionForKey(String key) {
    for (OptionSpec o : allOptions()) {
      if (key.equals(o.key())) {
        return o;
      }
    }
    return null;
  }
}
