package org.foglab.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Locale;

/** Renders the launcher's help: the command list, and each command's options with defaults. */
public final class Help {
  private Help() {}

  public static String commands(List<CommandSpec> commands) {
    StringBuilder b = new StringBuilder();
    b.append("usage: jobs/foglab <command> [options]\n\n");
    b.append("foglab: distributed learning in fog networks on Apache Spark.\n\n");
    b.append("commands:\n");
    int width = 10;
    for (CommandSpec c : commands) {
      width = Math.max(width, c.name().length());
    }
    for (CommandSpec c : commands) {
      b.append(String.format(Locale.ROOT, "  %-" + width + "s %s%n", c.name(), c.summary()));
    }
    b.append("\nRun 'jobs/foglab <command> --help' for a command's options and examples.\n");
    b.append("Every command also takes: --master URL, --conf FILE, --set KEY=VALUE, --help.\n");
    b.append("Settings: reference.conf defaults < conf/foglab.conf (or --conf FILE, $FOGLAB_CONF)"
        + " < --set < options;\n--set spark.KEY=VALUE sets a Spark property.\n");
    b.append("Exit codes: 0 success, 1 internal failure, 2 bad option or setting, 3 bad input data.\n");
    return b.toString();
  }

  public static String command(CommandSpec spec, Config resolved) {
    StringBuilder b = new StringBuilder();
    b.append("usage: jobs/foglab ").append(spec.name()).append(" [options]");
    if (spec.positional() != null) {
      b.append(' ').append(spec.positional());
    }
    b.append("\n\n").append(wrap(spec.description(), 92, "")).append("\n\noptions:\n");
    appendOptions(b, spec.options(), resolved);
    b.append("\nglobal options:\n");
    appendOptions(b, GlobalOptions.ALL, resolved);
    if (!spec.examples().isEmpty()) {
      b.append("\nexamples:\n");
      for (String e : spec.examples()) {
        b.append("  ").append(e).append('\n');
      }
    }
    return b.toString();
  }

  private static void appendOptions(StringBuilder b, List<OptionSpec> options, Config resolved) {
    for (OptionSpec o : options) {
      String head = "  --" + o.name() + (o.metavar().isEmpty() ? "" : " " + o.metavar());
      String text = o.help();
      if (o.key() != null) {
        String d = defaultOf(resolved, o.key());
        text += " (default: " + (o.optional() && d.equals("required") ? "none" : d) + "; key " + o.key() + ")";
      }
      if (head.length() > 30) {
        b.append(head).append('\n').append(wrap(text, 92, " ".repeat(32))).append('\n');
      } else {
        String padded = String.format(Locale.ROOT, "%-32s", head);
        String w = wrap(text, 92, " ".repeat(32));
        b.append(padded).append(w.substring(32)).append('\n');
      }
    }
  }

  static String defaultOf(Config c, String key) {
    if (c == null || !c.hasPathOrNull(key)) {
      return "none";
    }
    if (c.getIsNull(key)) {
      return "required";
    }
    return render(c.getValue(key));
  }

  /**
   * A value as an option takes it: strings bare, lists comma-separated ("0.5,1,2"; "empty" for
   * none), objects as concise JSON. Never HOCON's rendering, which carries origin comments.
   */
  static String render(ConfigValue v) {
    if (v.valueType() == ConfigValueType.LIST) {
      List<String> items = new java.util.ArrayList<>();
      for (ConfigValue item : (ConfigList) v) {
        items.add(render(item));
      }
      return items.isEmpty() ? "empty" : String.join(",", items);
    }
    if (v.valueType() == ConfigValueType.STRING) {
      return (String) v.unwrapped();
    }
    return v.render(ConfigRenderOptions.concise());
  }

  /** Wraps text to a width, indenting every line (the first included) by indent. */
  static String wrap(String text, int width, String indent) {
    StringBuilder out = new StringBuilder();
    for (String para : text.split("\n")) {
      StringBuilder line = new StringBuilder(indent);
      for (String word : para.split(" ")) {
        if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
          out.append(line).append('\n');
          line = new StringBuilder(indent);
        }
        if (line.length() > indent.length()) {
          line.append(' ');
        }
        line.append(word);
      }
      out.append(line).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }
}
