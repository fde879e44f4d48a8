package org.foglab.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum constant with the lower-case, hyphenated name users type ({@code small-world}). */
public interface Choice {
  String configName();

  /** The constant of {@code type} named {@code value}, or null. */
  static <E extends Enum<E> & Choice> E parse(Class<E> type, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.configName().equalsIgnoreCase(value.trim())) {
        return e;
      }
    }
    return null;
  }

  /** "a, b or c". */
  static <E extends Enum<E> & Choice> String allowed(Class<E> type) {
    String[] names = Arrays.stream(type.getEnumConstants()).map(Choice::configName)
        .toArray(String[]::new);
    if (names.length == 1) {
      return names[0];
    }
    return Arrays.stream(names, 0, names.length - 1).collect(Collectors.joining(", "))
        + " or " + names[names.length - 1];
  }

  /** The usual config name of an enum constant: lower case, underscores as hyphens. */
  static String nameOf(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
