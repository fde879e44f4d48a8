package org.foglab.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting, declared once: its key, value type, validation, command-line option and result
 * column. Its default and documentation are reference.conf's (the comment above the key, see
 * {@link ReferenceDocs}); everything else about it (the option, its help line, the typed read,
 * the error sentence, a table column's name) is derived from this declaration, as Spark ML's
 * {@code Param}s are.
 *
 * <p>The same rules check a value read from the settings ({@link Settings#get}) and a value a
 * record's constructor is given ({@link #check}), so both give the same sentence, e.g.
 * "foglab.generate.devices must be an integer in [1, 2147483639], got 0".
 *
 * @param <T> the value's Java type
 */
public final class Setting<T> {
  /** Value types; each maps to one option kind. */
  public enum Type { STRING, INT, LONG, DOUBLE, BOOL, CHOICE, LIST }

  /** A rule on a value: the problem ("must be ..., got ...") or null when the value is allowed. */
  @FunctionalInterface
  public interface Rule<T> {
    String problem(T value);
  }

  private final String key;
  private final Type type;
  private final Class<? extends Enum<?>> choices;
  private final BiFunction<Settings, String, T> reader;
  private final List<Rule<T>> rules;
  private final boolean optional;
  private final String option;
  private final String metavar;
  private final String column;

  private Setting(String key, Type type, Class<? extends Enum<?>> choices,
      BiFunction<Settings, String, T> reader, List<Rule<T>> rules, boolean optional, String option,
      String metavar, String column) {
    this.key = Objects.requireNonNull(key, "key");
    this.type = Objects.requireNonNull(type, "type");
    this.choices = choices;
    this.reader = Objects.requireNonNull(reader, "reader");
    this.rules = List.copyOf(rules);
    this.optional = optional;
    this.option = option;
    this.metavar = metavar;
    this.column = column;
  }

  // ---- declarations -------------------------------------------------------------------------

  /** An integer in [min, max]. */
  public static Setting<Integer> integer(String key, int min, int max) {
    return new Setting<Integer>(key, Type.INT, null,
        (s, k) -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
            readInteger(s, k, min, max))), List.of(), false, null, "N", null)
        .rule(x -> x < min || x > max ? intRange(min, max, x) : null);
  }

  /** A long integer in [min, max]. */
  public static Setting<Long> longInt(String key, long min, long max) {
    return new Setting<Long>(key, Type.LONG, null, (s, k) -> readInteger(s, k, min, max),
        List.of(), false, null, "N", null)
        .rule(x -> x < min || x > max ? intRange(min, max, x) : null);
  }

  /** A finite number in [min, max]. */
  public static Setting<Double> number(String key, double min, double max) {
    return new Setting<Double>(key, Type.DOUBLE, null,
        (s, k) -> s.number(k, "a number").doubleValue(), List.of(),
        false, null, "X", null)
        .rule(x -> !Double.isFinite(x) || x < min || x > max
            ? "must be a number in [" + Settings.fmt(min) + ", " + Settings.fmt(max) + "], got "
                + Settings.fmt(x) : null);
  }

  /** A probability in [0, 1]. */
  public static Setting<Double> probability(String key) {
    return number(key, 0, 1).metavar("P");
  }

  public static Setting<Boolean> bool(String key) {
    return new Setting<>(key, Type.BOOL, null, (s, k) -> s.bool(k),
        List.of(), false, null, "true|false", null);
  }

  /** A non-empty single value. */
  public static Setting<String> string(String key) {
    return new Setting<String>(key, Type.STRING, null, (s, k) -> s.string(k),
        List.of(), false, null, "S", null)
        .rule(x -> x.isBlank() ? "must not be empty" : null);
  }

  /** A name Spark SQL takes unquoted: a table, catalog or namespace. */
  public static Setting<String> identifier(String key) {
    return string(key).require(x -> x.matches("[A-Za-z_][A-Za-z0-9_]*"),
        x -> "must be an identifier (letters, digits, _), got \"" + x + "\"");
  }

  /** One of an enum's configuration names. */
  public static <E extends Enum<E> & Choice> Setting<E> choice(String key, Class<E> type) {
    StringBuilder mv = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      mv.append(mv.length() == 0 ? "" : "|").append(e.configName());
    }
    return new Setting<>(key, Type.CHOICE, type,
        (s, k) -> s.choice(k, type), List.of(), false, null,
        mv.toString(), null);
  }

  /**
   * A list of strings, written as a HOCON list ({@code [a, b]}) or comma-separated text
   * ({@code "a,b"}, as typed on the command line); blank items are dropped; unset = empty.
   */
  public static Setting<List<String>> list(String key) {
    return new Setting<>(key, Type.LIST, null, (s, k) -> readList(s, k),
        List.of(), false, null, "A,B,..", null);
  }

  /** A list of numbers (see {@link #list}); each item is checked by the item rules given. */
  public static Setting<List<Double>> numbers(String key) {
    return new Setting<List<Double>>(key, Type.LIST, null, (s, k) -> {
      String path = k;
      List<Double> out = new ArrayList<>();
      for (String item : readList(s, path)) {
        try {
          double x = Double.parseDouble(item);
          if (!Double.isFinite(x)) {
            throw new NumberFormatException(item);
          }
          out.add(x);
        } catch (NumberFormatException e) {
          throw s.error(path, "must be a list of numbers such as 0.5,1,2, got \"" + item + "\"");
        }
      }
      return List.copyOf(out);
    }, List.of(), false, null, "X1,X2,..", null);
  }

  /** A value of a type of its own, read by {@code reader} (root settings, full key). */
  public static <T> Setting<T> custom(String key, Type type, BiFunction<Settings, String, T> reader) {
    return new Setting<>(key, type, null, reader, List.of(), false, null, "S", null);
  }

  /**
   * The same declaration (type, rules, option) for another key: a section that repeats another's
   * settings (the theory commands' network keys repeat {@code foglab.generate}'s). No column.
   */
  public Setting<T> at(String otherKey) {
    return new Setting<>(otherKey, type, choices, reader, rules, optional, option, metavar, null);
  }

  /** This setting with one more rule; rules run in order and the first problem is reported. */
  public Setting<T> rule(Rule<T> rule) {
    List<Rule<T>> r = new ArrayList<>(rules);
    r.add(rule);
    return new Setting<>(key, type, choices, reader, r, optional, option, metavar, column);
  }

  /** A rule from a test and the problem to report when it fails. */
  public Setting<T> require(Predicate<T> ok, Function<T, String> problem) {
    return rule(x -> ok.test(x) ? null : problem.apply(x));
  }

  /** Null (reference.conf's {@code null}) means "not set" rather than "required". */
  public Setting<T> optional() {
    return new Setting<>(key, type, choices, reader, rules, true, option, metavar, column);
  }

  /** The command-line option {@code --name} that sets this key, with its metavar. */
  public Setting<T> option(String name, String metavar) {
    return new Setting<>(key, type, choices, reader, rules, optional, name, metavar, column);
  }

  /** The command-line option {@code --name}, with the type's metavar. */
  public Setting<T> option(String name) {
    return option(name, metavar);
  }

  public Setting<T> metavar(String metavar) {
    return new Setting<>(key, type, choices, reader, rules, optional, option, metavar, column);
  }

  /** The result-table column (and sweep-grid column) that records this setting. */
  public Setting<T> column(String name) {
    return new Setting<>(key, type, choices, reader, rules, optional, option, metavar, name);
  }

  /** The column named after the option (dashes as underscores). */
  public Setting<T> column() {
    return column(Objects.requireNonNull(option, "column() needs an option").replace('-', '_'));
  }

  // ---- derived ------------------------------------------------------------------------------

  /** The full key, e.g. {@code foglab.generate.devices}. */
  public String key() {
    return key;
  }

  public Type type() {
    return type;
  }

  /** The enum of a {@link Type#CHOICE} setting, else null. */
  public Class<? extends Enum<?>> choices() {
    return choices;
  }

  public boolean isOptional() {
    return optional;
  }

  /** The option name (without dashes), or null when no option sets this key. */
  public String optionName() {
    return option;
  }

  public String metavar() {
    return metavar;
  }

  /** The result column, or null. */
  public String columnName() {
    return column;
  }

  /** reference.conf's comment for this key. */
  public String doc() {
    return ReferenceDocs.doc(key);
  }

  /** The doc's first sentence: the option's help line. */
  public String help() {
    return ReferenceDocs.firstSentence(doc());
  }

  /**
   * The value in the settings (full key, whatever {@code s}'s prefix), type-checked and
   * validated; null for an optional setting that is not set.
   */
  public T read(Settings s) {
    Settings root = new Settings(s.config(), "", s.commandLine());
    if (optional && !root.isSet(key)) {
      return null;
    }
    T value = reader.apply(root, key);
    String problem = problem(value);
    if (problem != null) {
      throw new ConfigError(key, problem);
    }
    return value;
  }

  /** The first rule's problem with a value, or null. Null values are allowed when optional. */
  public String problem(T value) {
    if (value == null) {
      return optional ? null : "is required";
    }
    for (Rule<T> r : rules) {
      String p = r.problem(value);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  /** Checks a value (a record's constructor does): returns it, or throws the read's sentence. */
  public T check(T value) {
    String problem = problem(value);
    if (problem != null) {
      throw new ConfigError(key, problem);
    }
    return value;
  }

  /** An error about this setting, e.g. a rule that involves other settings. */
  public ConfigError error(String problem) {
    return new ConfigError(key, problem);
  }

  @Override
  public String toString() {
    return key;
  }

  // ---- readers ------------------------------------------------------------------------------

  private static long readInteger(Settings s, String key, long min, long max) {
    String path = key;
    Number n = s.number(path, "an integer");
    double d = n.doubleValue();
    if (d != Math.rint(d) || Double.isInfinite(d)) {
      throw s.error(path, "must be an integer, got " + Settings.fmt(d));
    }
    if (d < min || d > max) {
      // Reported here so a value beyond the type's range is not wrapped before the rule sees it.
      throw s.error(path, intRange(min, max, d));
    }
    return n.longValue();
  }

  private static String intRange(long min, long max, double got) {
    return "must be an integer in [" + min + ", " + max + "], got " + Settings.fmt(got);
  }

  static List<String> readList(Settings s, String path) {
    if (!s.isSet(path)) {
      return List.of();
    }
    ConfigValue v = s.config().getValue(s.full(path));
    if (v.valueType() == ConfigValueType.LIST) {
      return s.stringList(path).stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
    if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER) {
      throw s.error(path, "must be a list, e.g. [a, b], or a comma-separated string \"a,b\"");
    }
    List<String> out = new ArrayList<>();
    for (String x : String.valueOf(v.unwrapped()).split(",")) {
      if (!x.trim().isEmpty()) {
        out.add(x.trim());
      }
    }
    return List.copyOf(out);
  }
}
