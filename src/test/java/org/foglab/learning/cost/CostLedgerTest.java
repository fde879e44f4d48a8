package org.foglab.learning.cost;

import static org.foglab.learning.cost.LteLinkModelTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;

class CostLedgerTest {
  /*
   * Round numbers make every event's price a hand formula: links 8e6 b/s (1 byte = 1 us), 1 ms
   * latency, 2 W; every tier 1e9 FLOP/s at 10 W, no overhead, no memory limit; 3.6 kg/kWh, so
   * 1 J = 1e-6 kg.
   */
  private static final CostModels ROUND = new CostModels(ConstantLinkModel.uniform(8e6, 1e-3, 2),
      allTiers(new DeviceProfile(1e9, 10, 1, 0, Double.POSITIVE_INFINITY)), new CarbonModel(3.6));

  private static final List<Node> NODES = List.of(new Node("d0", Tier.DEVICE),
      new Node("d1", Tier.DEVICE), new Node("d2", Tier.DEVICE), new Node("fog", Tier.FOG),
      new Node("edge", Tier.CLOUDLET), new Node("cloud", Tier.CLOUD));

  private static Map<Tier, DeviceProfile> allTiers(DeviceProfile p) {
    Map<Tier, DeviceProfile> m = new EnumMap<>(Tier.class);
    for (Tier t : Tier.values()) {
      m.put(t, p);
    }
    return m;
  }

  /** One recorded call, kept by the test as the brute-force reference. */
  private record Event(boolean link, Node src, Node dst, long round, TrafficKind kind,
      String stage, double bytes, double flops, double cpu) {
    void applyTo(CostLedger l) {
      if (link) {
        l.send(src, dst, round, kind, bytes);
      } else {
        l.compute(src, round, stage, flops, 0, cpu);
      }
    }

    /** Hand prices under ROUND: seconds and joules. */
    double seconds() {
      return link ? (bytes == 0 ? 0 : 1e-3 + bytes * 1e-6) : flops / 1e9;
    }

    double joules() {
      return link ? 2 * bytes * 1e-6 : 10 * flops / 1e9;
    }

    List<Object> key() {
      return link ? List.of("link", src, dst, round, kind)
          : List.of("node", src, round, stage);
    }
  }

  private static List<Event> events(long seed, int n) {
    Random r = new Random(seed);
    String[] stages = {"local", "remote", "stage-2"};
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Node a = NODES.get(r.nextInt(NODES.size()));
      long round = r.nextInt(4);
      if (r.nextBoolean()) {
        Node b;
        do {
          b = NODES.get(r.nextInt(NODES.size()));
        } while (b.equals(a));
        TrafficKind k = TrafficKind.values()[r.nextInt(TrafficKind.values().length)];
        out.add(new Event(true, a, b, round, k, null, r.nextInt(5) * 1000.0, 0, Double.NaN));
      } else {
        double cpu = r.nextInt(3) == 0 ? Double.NaN : r.nextInt(100) / 100.0;
        out.add(new Event(false, a, null, round, null, stages[r.nextInt(3)], 0,
            r.nextInt(1000) * 1e6, cpu));
      }
    }
    return out;
  }

  private static CostLedger ledgerOf(List<Event> events) {
    CostLedger l = new CostLedger(ROUND);
    events.forEach(e -> e.applyTo(l));
    return l;
  }

  @Test
  void totalsAreTheSumsOfTheRecordedEvents() {
    List<Event> events = events(1, 600);
    CostLedger l = new CostLedger(ROUND);
    for (Event e : events) {
      double returned = e.link ? l.send(e.src, e.dst, e.round, e.kind, e.bytes)
          : l.compute(e.src, e.round, e.stage, e.flops, 0, e.cpu);
      assertEquals(e.seconds(), returned, 1e-12, "returned seconds of " + e);
    }
    long messages = 0;
    long steps = 0;
    double bytes = 0;
    double flops = 0;
    double cpu = 0;
    double commSeconds = 0;
    double compSeconds = 0;
    double commJoules = 0;
    double compJoules = 0;
    Map<TrafficKind, Double> byKind = new EnumMap<>(TrafficKind.class);
    for (Event e : events) {
      if (e.link) {
        messages++;
        bytes += e.bytes;
        byKind.merge(e.kind, e.bytes, Double::sum);
        commSeconds += e.seconds();
        commJoules += e.joules();
      } else {
        steps++;
        flops += e.flops;
        cpu += Double.isNaN(e.cpu) ? 0 : e.cpu;
        compSeconds += e.seconds();
        compJoules += e.joules();
      }
    }
    CostLedger.Totals t = l.totals();
    assertEquals(messages, t.messages());
    assertEquals(steps, t.computeSteps());
    assertEquals(bytes, t.bytes()); // whole numbers: exact
    assertEquals(flops, t.flops());
    assertEquals(cpu, t.cpuSeconds(), 1e-9);
    assertEquals(commSeconds, t.communicationSeconds(), 1e-9);
    assertEquals(compSeconds, t.computeSeconds(), 1e-9);
    assertEquals(commJoules, t.communicationJoules(), 1e-9);
    assertEquals(compJoules, t.computeJoules(), 1e-9);
    assertEquals((commJoules + compJoules) * 1e-6, t.carbonKg(), 1e-12);
    for (TrafficKind k : TrafficKind.values()) {
      double want = byKind.getOrDefault(k, 0.0);
      assertEquals(want, t.bytes(k));
      assertEquals(want, l.bytesByKind().get(k));
      assertEquals(want, l.totals(k).bytes());
      assertEquals(0, l.totals(k).computeSteps());
    }

    // Entries: one per distinct key, with that group's sums.
    Map<List<Object>, double[]> groups = new HashMap<>();
    for (Event e : events) {
      double[] g = groups.computeIfAbsent(e.key(), k -> new double[3]);
      g[0]++;
      g[1] += e.bytes;
      g[2] += e.flops;
    }
    List<CostLedger.Entry> entries = l.entries();
    assertEquals(groups.size(), entries.size());
    for (CostLedger.Entry en : entries) {
      Node src = new Node(en.src(), en.srcTier());
      List<Object> key = en.isLink()
          ? List.of("link", src, new Node(en.dst(), en.dstTier()), en.round(), en.trafficKind())
          : List.of("node", src, en.round(), en.stage());
      double[] g = Objects.requireNonNull(groups.get(key), "entry without events: " + en);
      assertEquals(g[0], en.count());
      assertEquals(g[1], en.bytes());
      assertEquals(g[2], en.flops());
    }
  }

  @Test
  void entriesAreSortedByRoundEntityKindAndNodes() {
    List<CostLedger.Entry> entries = ledgerOf(events(2, 300)).entries();
    for (int i = 1; i < entries.size(); i++) {
      CostLedger.Entry a = entries.get(i - 1);
      CostLedger.Entry b = entries.get(i);
      assertTrue(a.round() <= b.round(), "rounds ascend");
      if (a.round() == b.round()) {
        assertTrue(a.entity().compareTo(b.entity()) <= 0, "links before nodes within a round");
        if (a.entity().equals(b.entity())) {
          assertTrue(a.kind().compareTo(b.kind()) <= 0, "kinds ascend: " + a + " / " + b);
        }
      }
    }
  }

  @Test
  void mergeIsAssociativeAndCommutativeOnTotals() {
    List<Event> all = events(3, 900);
    List<Event> x = all.subList(0, 250);
    List<Event> y = all.subList(250, 700);
    List<Event> z = all.subList(700, 900);
    CostLedger left = ledgerOf(x).merge(ledgerOf(y)).merge(ledgerOf(z));
    CostLedger right = ledgerOf(x).merge(ledgerOf(y).merge(ledgerOf(z)));
    CostLedger reversed = ledgerOf(z).merge(ledgerOf(y)).merge(ledgerOf(x));
    CostLedger whole = ledgerOf(all);
    for (CostLedger l : List.of(right, reversed, whole)) {
      assertTotalsClose(left.totals(), l.totals());
      List<CostLedger.Entry> a = left.entries();
      List<CostLedger.Entry> b = l.entries();
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        // Same keys in the same order; counts and whole-number bytes exactly.
        assertEquals(a.get(i).src(), b.get(i).src());
        assertEquals(a.get(i).dst(), b.get(i).dst());
        assertEquals(a.get(i).kind(), b.get(i).kind());
        assertEquals(a.get(i).stage(), b.get(i).stage());
        assertEquals(a.get(i).round(), b.get(i).round());
        assertEquals(a.get(i).count(), b.get(i).count());
        assertEquals(a.get(i).bytes(), b.get(i).bytes());
      }
    }
    // A ledger merged into itself doubles.
    CostLedger once = ledgerOf(x);
    CostLedger twice = ledgerOf(x);
    assertSame(twice, twice.merge(twice));
    assertEquals(2 * once.totals().messages(), twice.totals().messages());
    assertEquals(2 * once.totals().bytes(), twice.totals().bytes());
  }

  private static void assertTotalsClose(CostLedger.Totals a, CostLedger.Totals b) {
    // Floating-point sums in another order differ in the last bits: relative 1e-12.
    assertEquals(a.messages(), b.messages());
    assertEquals(a.computeSteps(), b.computeSteps());
    assertEquals(a.bytes(), b.bytes());
    assertEquals(a.bytesByKind(), b.bytesByKind());
    assertEquals(a.flops(), b.flops());
    assertEquals(a.cpuSeconds(), b.cpuSeconds(), 1e-12 * a.cpuSeconds());
    assertEquals(a.communicationSeconds(), b.communicationSeconds(),
        1e-12 * a.communicationSeconds());
    assertEquals(a.computeSeconds(), b.computeSeconds(), 1e-12 * a.computeSeconds());
    assertEquals(a.energyJoules(), b.energyJoules(), 1e-12 * a.energyJoules());
    assertEquals(a.carbonKg(), b.carbonKg(), 1e-12 * a.carbonKg());
  }

  @Test
  void carbonByHandWithTheDefaultIntensity() {
    // One hour at 70 W: 252000 J = 0.07 kWh; x 0.243 kg/kWh (seed 004) = 0.01701 kg.
    CostModels m = CostModels.defaults()
        .withProfile(Tier.CLOUD, new DeviceProfile(1e12, 70, 0, 0, Double.POSITIVE_INFINITY));
    CostLedger l = new CostLedger(m);
    assertEquals(3600, l.compute(new Node("cloud", Tier.CLOUD), 0, "full", 3.6e15, 1e9, 1.5),
        1e-9);
    assertEquals(252000, l.totals().energyJoules(), 1e-6);
    assertEquals(0.01701, l.totals().carbonKg(), 1e-12);
    assertEquals(0.01701, l.entries().get(0).carbonKg(), 1e-12);
    assertEquals(1.5, l.totals().cpuSeconds());
  }

  @Test
  void defaultModelsPriceATransferByHand() {
    CostLedger l = new CostLedger(CostModels.defaults());
    Node phone = new Node("17", Tier.DEVICE);
    Node cloud = new Node("cloud", Tier.CLOUD);
    // 1 MB up: 9.5 ms + 0.8 s (see ConstantLinkModelTest); 0.008 J; 0.008 / 3.6e6 x 0.243 kg.
    assertEquals(0.8095, l.send(phone, cloud, 2, TrafficKind.PARAMETERS, 1e6), 1e-12);
    CostLedger.Entry e = l.entries().get(0);
    assertEquals("link", e.entity());
    assertEquals("parameters", e.kind());
    assertEquals(0.008, e.energyJoules(), 1e-15);
    assertEquals(0.008 / 3.6e6 * 0.243, e.carbonKg(), 1e-20);
    assertTrue(Double.isNaN(e.cpuSeconds()));
    assertEquals(0, l.totals().cpuSeconds(), "no compute step: nothing unknown");
  }

  @Test
  void cpuSecondsCountOnlyMeasuredSteps() {
    CostLedger l = new CostLedger(ROUND);
    Node n = NODES.get(0);
    l.compute(n, 0, "local", 1e9, 0, Double.NaN);
    assertTrue(Double.isNaN(l.totals().cpuSeconds()), "no measurement: unknown");
    l.compute(n, 0, "local", 1e9, 0, 0.25);
    l.compute(n, 0, "local", 1e9, 0, 0.5);
    assertEquals(0.75, l.totals().cpuSeconds());
    assertEquals(3, l.entries().get(0).count());
  }

  @Test
  void sameCallsGiveIdenticalLedgers() {
    CostModels lte = CostModels.defaults().withLinks(LteLinkModel.withSeed(5));
    CostLedger a = new CostLedger(lte);
    CostLedger b = new CostLedger(lte);
    for (Event e : events(4, 400)) {
      e.applyTo(a);
      e.applyTo(b);
    }
    assertEquals(a.entries(), b.entries());
    assertEquals(a.totals(), b.totals());
  }

  @Test
  void badCallsAreRejected() {
    CostLedger l = new CostLedger(ROUND);
    Node a = NODES.get(0);
    Node b = NODES.get(5);
    assertMessage(() -> l.send(a, b, -1, TrafficKind.GRADIENTS, 1), "round");
    assertMessage(() -> l.send(a, a, 0, TrafficKind.GRADIENTS, 1), "itself");
    assertMessage(() -> l.send(a, b, 0, TrafficKind.GRADIENTS, Double.NaN), "bytes");
    assertMessage(() -> l.compute(a, 0, " ", 1, 0, 0), "stage");
    assertMessage(() -> l.compute(a, 0, "local", 1, 0, -1), "cpuSeconds");
    assertMessage(() -> l.compute(a, 0, "local", -1, 0, 0), "flops");
    assertThrows(NullPointerException.class, () -> l.send(a, b, 0, null, 1));
    assertMessage(() -> new Node(" ", Tier.FOG), "id");
    assertTrue(l.isEmpty(), "rejected calls record nothing");
  }

  @Test
  void roundTripsThroughJavaSerialization() throws Exception {
    CostLedger l = ledgerOf(events(6, 200));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(l);
    }
    CostLedger back;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (CostLedger) in.readObject();
    }
    assertSameLedger(l, back);
  }

  @Test
  void roundTripsThroughSparkKryo() {
    SerializerInstance kryo = new KryoSerializer(new SparkConf()).newInstance();
    ClassTag<CostLedger> tag = scala.reflect.ClassTag$.MODULE$.apply(CostLedger.class);
    for (CostModels m : List.of(ROUND,
        CostModels.defaults().withLinks(LteLinkModel.builder(8).resourceBlocks(10).build()))) {
      CostLedger l = new CostLedger(m);
      events(7, 200).forEach(e -> e.applyTo(l));
      ByteBuffer buf = kryo.serialize(l, tag);
      CostLedger back = kryo.deserialize(buf, tag);
      assertSameLedger(l, back);
    }
    ClassTag<CostLedger.Totals> totalsTag =
        scala.reflect.ClassTag$.MODULE$.apply(CostLedger.Totals.class);
    CostLedger.Totals t = ledgerOf(events(9, 50)).totals();
    assertEquals(t, kryo.deserialize(kryo.serialize(t, totalsTag), totalsTag));
  }

  private static void assertSameLedger(CostLedger want, CostLedger got) {
    assertEquals(want.models(), got.models());
    assertEquals(want.entries(), got.entries());
    assertEquals(want.totals(), got.totals());
    // The copy keeps recording like the original.
    Node src = NODES.get(1);
    Node dst = NODES.get(4);
    assertEquals(want.send(src, dst, 3, TrafficKind.ACTIVATIONS, 4096),
        got.send(src, dst, 3, TrafficKind.ACTIVATIONS, 4096));
    assertEquals(want.entries(), got.entries());
  }
}
