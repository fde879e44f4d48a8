package org.foglab.jobs;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Makes foglab's payloads travel under Spark's KryoSerializer, the serializer many clusters set
 * in {@code spark-defaults.conf}. Kryo 4 (Spark 3.5's) cannot serialize Java records: its field
 * serializer needs field offsets, which the JVM refuses for record fields. This registrator makes
 * every record go through {@link RecordSerializer} (the record's components, rebuilt with its
 * canonical constructor, so validation runs again on arrival). {@link SparkSessions} lists it in
 * {@code spark.kryo.registrator} for every session, whatever serializer is configured.
 */
public final class KryoRegistration implements KryoRegistrator {
  /** The registrators foglab's sessions use: foglab's records, then ND4J's arrays. */
  public static final String REGISTRATORS =
      KryoRegistration.class.getName() + ",org.nd4j.kryo.Nd4jRegistrator";

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.addDefaultSerializer(Record.class, RecordSerializer.class);
    // Java 9+ immutable collections (List.of, List.copyOf, Stream.toList, Map.copyOf ...) have no
    // constructor Kryo's collection serializers can fill: send their elements, rebuild a copy.
    ImmutableSerializer immutable = new ImmutableSerializer();
    for (Object o : new Object[] {List.of(), List.of(1), List.of(1, 2, 3), Set.of(), Set.of(1),
        Set.of(1, 2, 3), Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2, 3, 3),
        java.util.stream.Stream.of(1).toList(), java.util.Collections.unmodifiableList(
            new java.util.ArrayList<>()), java.util.Collections.unmodifiableMap(new HashMap<>()),
        java.util.Collections.unmodifiableSet(new HashSet<>()),
        java.util.Collections.unmodifiableList(new java.util.LinkedList<>())}) {
      kryo.addDefaultSerializer(o.getClass(), immutable);
    }
    // Kryo 4 builds an EnumMap without its key type, so the first put fails.
    kryo.addDefaultSerializer(EnumMap.class, EnumMapSerializer.class);
  }

  /** An EnumMap as its key type and entries. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static final class EnumMapSerializer extends Serializer<EnumMap> {
    @Override
    public void write(Kryo kryo, Output output, EnumMap map) {
      Class<?> keyType;
      if (map.isEmpty()) {
        // EnumMap keeps its key type private: an empty map's comes from a copy's complement.
        keyType = keyTypeOfEmpty(map);
      } else {
        keyType = ((Enum<?>) map.keySet().iterator().next()).getDeclaringClass();
      }
      kryo.writeClass(output, keyType);
      output.writeInt(map.size(), true);
      for (Object o : map.entrySet()) {
        Map.Entry e = (Map.Entry) o;
        output.writeInt(((Enum<?>) e.getKey()).ordinal(), true);
        kryo.writeClassAndObject(output, e.getValue());
      }
    }

    private static Class<?> keyTypeOfEmpty(EnumMap map) {
      try {
        java.lang.reflect.Field f = EnumMap.class.getDeclaredField("keyType");
        f.setAccessible(true);
        return (Class<?>) f.get(map);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new KryoException("cannot find the key type of an empty EnumMap", e);
      }
    }

    @Override
    public EnumMap read(Kryo kryo, Input input, Class<EnumMap> type) {
      Class keyType = kryo.readClass(input).getType();
      Object[] constants = keyType.getEnumConstants();
      EnumMap map = new EnumMap(keyType);
      int n = input.readInt(true);
      for (int i = 0; i < n; i++) {
        Object key = constants[input.readInt(true)];
        map.put(key, kryo.readClassAndObject(input));
      }
      return map;
    }
  }

  /**
   * Unmodifiable lists, sets and maps: written as their elements (entries), read back as an
   * unmodifiable copy with the same iteration order.
   */
  static final class ImmutableSerializer extends Serializer<Object> {
    ImmutableSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Object o) {
      if (o instanceof Map<?, ?> m) {
        output.writeByte(2);
        output.writeInt(m.size(), true);
        for (Map.Entry<?, ?> e : m.entrySet()) {
          kryo.writeClassAndObject(output, e.getKey());
          kryo.writeClassAndObject(output, e.getValue());
        }
        return;
      }
      output.writeByte(o instanceof Set<?> ? 1 : 0);
      Collection<?> c = (Collection<?>) o;
      output.writeInt(c.size(), true);
      for (Object e : c) {
        kryo.writeClassAndObject(output, e);
      }
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<Object> type) {
      int kind = input.readByte();
      int n = input.readInt(true);
      if (kind == 2) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          Object k = kryo.readClassAndObject(input);
          m.put(k, kryo.readClassAndObject(input));
        }
        return Collections.unmodifiableMap(m);
      }
      List<Object> l = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        l.add(kryo.readClassAndObject(input));
      }
      return kind == 1 ? Collections.unmodifiableSet(new LinkedHashSet<>(l))
          : Collections.unmodifiableList(l);
    }
  }

  /**
   * Writes a record as its components (each with its class, nulls allowed) and reads it back
   * through the canonical constructor.
   */
  public static final class RecordSerializer extends Serializer<Record> {
    private final Method[] accessors;
    private final Constructor<?> constructor;

    public RecordSerializer(Kryo kryo, Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      accessors = new Method[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        accessors[i].setAccessible(true);
        types[i] = components[i].getType();
      }
      try {
        constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new KryoException("record " + type.getName() + " has no canonical constructor", e);
      }
    }

    @Override
    public void write(Kryo kryo, Output output, Record record) {
      try {
        for (Method a : accessors) {
          kryo.writeClassAndObject(output, a.invoke(record));
        }
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new KryoException("cannot read a component of " + record.getClass().getName(), e);
      }
    }

    @Override
    public Record read(Kryo kryo, Input input, Class<Record> type) {
      Object[] args = new Object[accessors.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = kryo.readClassAndObject(input);
      }
      try {
        return (Record) constructor.newInstance(args);
      } catch (InstantiationException | IllegalAccessException e) {
        throw new KryoException("cannot rebuild " + type.getName(), e);
      } catch (InvocationTargetException e) {
        throw new KryoException("cannot rebuild " + type.getName() + ": " + e.getCause(), e.getCause());
      }
    }
  }
}
