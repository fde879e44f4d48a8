package org.foglab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.foglab.config.Choice;
import org.foglab.config.ConfigError;
import org.foglab.config.SettingKeys;

/**
 * Parses {@code --name value}, {@code --name=value} and flags against a {@link CommandSpec},
 * checking each value's type as it goes so an error names the option the user typed.
 */
public final class ArgParser {
  private ArgParser() {}

  public static ParsedArgs parse(CommandSpec spec, List<String> args) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> positional = new ArrayList<>();
    String conf = null;
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        positional.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (a.equals("-h")) {
        help = true;
        continue;
      }
      if (!a.startsWith("--")) {
        if (spec.positional() == null) {
          throw new ConfigError(null, "unexpected argument \"" + a + "\" for '" + spec.name()
              + "'; options start with -- (see foglab " + spec.name() + " --help)");
        }
        positional.add(a);
        continue;
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      OptionSpec o = spec.option(name);
      if (o == null) {
        throw new ConfigError(null, "unknown option --" + name + " for '" + spec.name() + "'"
            + suggestion(spec, name) + " (see foglab " + spec.name() + " --help)");
      }
      if (o.kind() == OptionSpec.Kind.FLAG) {
        if (value != null) {
          throw new ConfigError(null, "option --" + name + " takes no value");
        }
        if (o == GlobalOptions.HELP) {
          help = true;
        } else if (o.key() != null) {
          overrides.put(o.key(), Boolean.TRUE);
        }
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new ConfigError(null, "option --" + name + " needs a value (" + o.metavar() + ")");
        }
        value = args.get(++i);
      }
      if (o == GlobalOptions.CONF) {
        conf = value;
      } else if (o == GlobalOptions.SET) {
        if (value.indexOf('=') <= 0) {
          throw new ConfigError(null, "--set needs KEY=VALUE, got \"" + value + "\"");
        }
        sets.add(value);
      } else {
        overrides.put(o.key(), convert(o, value));
      }
    }
    return new ParsedArgs(overrides, conf, sets, positional, help);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object convert(OptionSpec o, String raw) {
    String v = raw.trim();
    try {
      switch (o.kind()) {
        case INT:
          return Integer.valueOf(v.replace("_", ""));
        case LONG:
          return Long.valueOf(v.replace("_", ""));
        case DOUBLE: {
          double d = Double.parseDouble(v);
          if (!Double.isFinite(d)) {
            throw new NumberFormatException();
          }
          return d;
        }
        case BOOL:
          if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.valueOf(v);
          }
          throw new ConfigError(null, o.display() + " must be true or false, got \"" + raw + "\"");
        case CHOICE: {
          Class c = o.choices();
          if (Choice.parse(c, v) == null) {
            throw new ConfigError(null, o.display() + " must be " + Choice.allowed(c) + ", got \""
                + raw + "\"");
          }
          return v;
        }
        default:
          if (v.isEmpty()) {
            throw new ConfigError(null, o.display() + " must not be empty");
          }
          return v;
      }
    } catch (NumberFormatException e) {
      String what = o.kind() == OptionSpec.Kind.DOUBLE ? "a finite number" : "an integer";
      throw new ConfigError(null, o.display() + " must be " + what + ", got \"" + raw + "\"");
    }
  }

  private static String suggestion(CommandSpec spec, String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (OptionSpec o : spec.allOptions()) {
      int d = SettingKeys.distance(name, o.name());
      if (d < bestDistance) {
        bestDistance = d;
        best = o.name();
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3)
        ? "; did you mean --" + best + "?" : "";
  }
}
