package org.foglab.cli;

import java.util.Objects;
import org.foglab.config.Choice;
import org.foglab.config.Setting;

/**
 * One command-line option and the configuration key it sets. An option that sets a setting is
 * derived from the setting's declaration ({@link #of(Setting)}): its name, metavar and type from
 * the {@link Setting}, its help line from the key's comment in {@code reference.conf} (which also
 * holds the default). Options without a key (--conf, --set, --help) are written out here.
 *
 * @param name option name without dashes, e.g. {@code devices}
 * @param key full configuration key, e.g. {@code foglab.generate.devices}
 * @param kind value type, checked while parsing
 * @param choices the enum of a {@link Kind#CHOICE} option, else null
 * @param metavar placeholder shown in help, e.g. {@code N}
 * @param help one line
 * @param optional whether a null default means "not set" rather than "required"
 * @param setting the declaration this option was derived from, or null for an option without a
 *     key
 */
public record OptionSpec(String name, String key, Kind kind, Class<? extends Enum<?>> choices,
    String metavar, String help, boolean optional, Setting<?> setting) {

  /** Value types. FLAG options take no value on the command line. */
  public enum Kind { STRING, INT, LONG, DOUBLE, BOOL, CHOICE, FLAG }

  public OptionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.CHOICE && choices == null) {
      throw new IllegalArgumentException("choice option --" + name + " needs its enum");
    }
  }

  /** The option of a declared setting: everything from the declaration and reference.conf. */
  public static OptionSpec of(Setting<?> s) {
    if (s.optionName() == null) {
      throw new IllegalArgumentException(s.key() + " declares no option");
    }
    Kind kind = switch (s.type()) {
      case INT -> Kind.INT;
      case LONG -> Kind.LONG;
      case DOUBLE -> Kind.DOUBLE;
      case BOOL -> Kind.BOOL;
      case CHOICE -> Kind.CHOICE;
      case STRING, LIST -> Kind.STRING;
    };
    return new OptionSpec(s.optionName(), s.key(), kind, s.choices(), s.metavar(), s.help(),
        s.isOptional(), s);
  }

  /** The options of declared settings, in order. */
  public static java.util.List<OptionSpec> of(Setting<?>... settings) {
    java.util.List<OptionSpec> out = new java.util.ArrayList<>();
    for (Setting<?> s : settings) {
      out.add(of(s));
    }
    return java.util.List.copyOf(out);
  }

  /** An option with a value that sets no key (e.g. --conf FILE). */
  public static OptionSpec unkeyed(String name, String metavar, String help) {
    return new OptionSpec(name, null, Kind.STRING, null, metavar, help, false, null);
  }

  /** An option without a value that sets no key (e.g. --help). */
  public static OptionSpec flag(String name, String help) {
    return new OptionSpec(name, null, Kind.FLAG, null, "", help, false, null);
  }

  public String display() {
    return "--" + name;
  }
}
