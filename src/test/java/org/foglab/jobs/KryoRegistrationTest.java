package org.foglab.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.foglab.learning.cost.Tier;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;

/**
 * The shapes foglab's payloads take (records nesting records, immutable and unmodifiable
 * collections, enum maps, nulls) round-trip through Spark's KryoSerializer with foglab's
 * registrators, and fail without them (so the registrators are what makes them work).
 */
class KryoRegistrationTest {
  private static final ClassTag<Object> ANY = scala.reflect.ClassTag$.MODULE$.apply(Object.class);

  record Inner(String name, double[] values, Tier tier) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Inner i && name.equals(i.name) && java.util.Arrays.equals(values, i.values)
          && tier == i.tier;
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  record Outer(long id, Inner inner, List<Inner> list, Map<String, Integer> map, Set<String> set,
      EnumMap<Tier, Double> byTier, EnumMap<Tier, Double> emptyByTier, String missing,
      List<String> streamed) {
    Outer {
      if (id < 0) {
        throw new IllegalArgumentException("id must be non-negative");
      }
      list = List.copyOf(list);
      map = Map.copyOf(map);
      set = Set.copyOf(set);
    }
  }

  private static Outer sample() {
    EnumMap<Tier, Double> byTier = new EnumMap<>(Tier.class);
    byTier.put(Tier.FOG, 1.5);
    byTier.put(Tier.CLOUD, null);
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("a", 1);
    m.put("b", 2);
    List<String> withNull = new ArrayList<>();
    withNull.add("x");
    withNull.add(null);
    return new Outer(7, new Inner("i", new double[] {1, 2.5}, Tier.DEVICE),
        List.of(new Inner("j", new double[0], Tier.CLOUDLET), new Inner("k", new double[] {3}, null)),
        m, Set.of("s", "t", "u"), byTier, new EnumMap<>(Tier.class), null,
        withNull.stream().toList());
  }

  private static Object roundTrip(SerializerInstance s, Object o) {
    ByteBuffer bytes = s.serialize(o, ANY);
    return s.deserialize(bytes, ANY);
  }

  @Test
  void recordsAndCollectionsRoundTrip() {
    SerializerInstance kryo = new KryoSerializer(new SparkConf()
        .set("spark.kryo.registrator", KryoRegistration.REGISTRATORS)).newInstance();
    Outer o = sample();
    Outer back = (Outer) roundTrip(kryo, o);
    assertEquals(o, back);
    back.emptyByTier().put(Tier.FOG, 2.0); // the key type survived
    assertEquals(List.of("a", "b"), List.copyOf(back.map().keySet()).stream().sorted().toList());
    assertThrows(UnsupportedOperationException.class, () -> back.list().add(null),
        "an immutable list stays unmodifiable");
    // In an array, as Spark ships parallelized collections.
    Object[] arr = (Object[]) roundTrip(kryo, new Object[] {o, List.of(1, 2), Map.of()});
    assertEquals(o, arr[0]);
    assertEquals(List.of(1, 2), arr[1]);
    assertEquals(Map.of(), arr[2]);
  }

  @Test
  void withoutTheRegistratorRecordsFail() {
    SerializerInstance plain = new KryoSerializer(new SparkConf()).newInstance();
    assertThrows(RuntimeException.class, () -> roundTrip(plain, sample()));
  }
}
