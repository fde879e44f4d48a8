package org.foglab.cli;

import java.util.Objects;
import org.foglab.config.Choice;

/**
 * One command-line option and the configuration key it sets. Options are thin: the key's
 * default and documentation live in {@code reference.conf}; the typed record that reads the key
 * validates it.
 *
 * @param name option name without dashes, e.g. {@code devices}
 * @param key full configuration key, e.g. {@code foglab.generate.devices}
 * @param kind value type, checked while parsing
 * @param choices the enum of a {@link Kind#CHOICE} option, else null
 * @param metavar placeholder shown in help, e.g. {@code N}
 * @param help one line
 * @param optional whether a null default means "not set" rather than "required"
 */
public record OptionSpec(String name, String key, Kind kind, Class<? extends Enum<?>> choices,
    String metavar, String help, boolean optional) {

  /** Value types. FLAG options take no value on the command line. */
  public enum Kind { STRING, INT, LONG, DOUBLE, BOOL, CHOICE, FLAG }

  public OptionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.CHOICE && choices == null) {
      throw new IllegalArgumentException("choice option --" + name + " needs its enum");
    }
  }

  public static OptionSpec string(String name, String key, String metavar, String help) {
    return new OptionSpec(name, key, Kind.STRING, null, metavar, help, false);
  }

  public static OptionSpec integer(String name, String key, String metavar, String help) {
    return new OptionSpec(name, key, Kind.INT, null, metavar, help, false);
  }

  public static OptionSpec longInt(String name, String key, String metavar, String help) {
    return new OptionSpec(name, key, Kind.LONG, null, metavar, help, false);
  }

  public static OptionSpec number(String name, String key, String metavar, String help) {
    return new OptionSpec(name, key, Kind.DOUBLE, null, metavar, help, false);
  }

  public static OptionSpec bool(String name, String key, String help) {
    return new OptionSpec(name, key, Kind.BOOL, null, "true|false", help, false);
  }

  public static <E extends Enum<E> & Choice> OptionSpec choice(String name, String key,
      Class<E> type, String help) {
    StringBuilder mv = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      mv.append(mv.length() == 0 ? "" : "|").append(e.configName());
    }
    return new OptionSpec(name, key, Kind.CHOICE, type, mv.toString(), help, false);
  }

  /** An option without a value (e.g. --help); key may be null. */
  public static OptionSpec flag(String name, String key, String help) {
    return new OptionSpec(name, key, Kind.FLAG, null, "", help, false);
  }

  /** The same option, whose null default means "not set". */
  public OptionSpec asOptional() {
    return new OptionSpec(name, key, kind, choices, metavar, help, true);
  }

  public String display() {
    return "--" + name;
  }
}
