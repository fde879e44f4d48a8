package org.foglab.learning.cost;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every byte that crosses a link and every compute step of a training run, per node or link,
 * round and kind, priced in time, energy and carbon by {@link CostModels}, as Malandrino and
 * Chiasserini (seed 004) compare strategies by network overhead (Fig. 6(d)), learning time
 * (Fig. 6(c)) and energy and carbon (Table I).
 *
 * <p>Each event is priced when it is recorded, by this ledger's models: a transfer by
 * {@link LinkModel#transferSeconds} and {@link LinkModel#transferJoules} (sender's transmit power
 * times airtime), a compute step by {@link DeviceProfile#computeSeconds} and active power times
 * those seconds; carbon is {@link CarbonModel#kilograms} of the joules. Events with the same
 * (kind, src, dst, stage, round) add into one {@link Entry}; {@link #merge} adds another ledger's
 * entries as they were priced there.
 *
 * <p>Seconds are summed busy times, not a schedule: overlapping transfers or steps are not
 * discounted. Not thread-safe: strategies record on the driver, or build a ledger per Spark task
 * and merge. Deterministic: the same calls in the same order give identical doubles. Java
 * serializable, and Kryo serializes it through Java serialization (Kryo cannot rebuild records).
 */
@DefaultSerializer(JavaSerializer.class)
public final class CostLedger implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@link Entry#entity()} of a transfer. */
  public static final String LINK = "link";
  /** {@link Entry#entity()} of a compute step. */
  public static final String NODE = "node";
  /** {@link Entry#kind()} of a compute step. */
  public static final String COMPUTE = "compute";

  private final CostModels models;
  private final TreeMap<Key, Sums> cells = new TreeMap<>();

  public CostLedger(CostModels models) {
    this.models = Objects.requireNonNull(models, "a ledger needs cost models");
  }

  public CostModels models() {
    return models;
  }

  /**
   * Records {@code bytes} of {@code kind} sent from {@code src} to {@code dst} in {@code round}
   * (the caller's bucket, e.g. a pass or epoch) and returns the transfer's seconds. A node does
   * not send to itself: that is rejected, so self-traffic never inflates the totals.
   */
  public double send(Node src, Node dst, long round, TrafficKind kind, double bytes) {
    Objects.requireNonNull(src, "send needs a source node");
    Objects.requireNonNull(dst, "send needs a destination node");
    Objects.requireNonNull(kind, "send needs a traffic kind");
    checkRound(round);
    Checks.nonNegative("bytes", bytes);
    if (src.equals(dst)) {
      throw new IllegalArgumentException("node " + src + " cannot send to itself: record only "
          + "traffic that crosses a link");
    }
    LinkModel links = models.links();
    double seconds = links.transferSeconds(src, dst, round, bytes);
    double joules = links.transferJoules(src, dst, round, bytes);
    Sums s = cells.computeIfAbsent(
        new Key(LINK, src.id(), src.tier(), dst.id(), dst.tier(), round, kind.configName(), null),
        k -> new Sums());
    s.add(1, bytes, 0, Double.NaN, seconds, joules, models.carbon().kilograms(joules));
    return seconds;
  }

  /**
   * Records a compute step at {@code node} in {@code round}: {@code flops} (model estimate) over
   * a working set of {@code workingSetBytes}, measured {@code cpuSeconds} of this JVM (NaN if
   * unknown), for {@code stage} ("local", "remote", "stage-2", "full", ...). Returns the step's
   * simulated seconds from the node's tier profile.
   */
  public double compute(Node node, long round, String stage, double flops,
      double workingSetBytes, double cpuSeconds) {
    Objects.requireNonNull(node, "compute needs a node");
    checkRound(round);
    if (stage == null || stage.isBlank()) {
      throw new IllegalArgumentException("compute needs a stage name, e.g. \"local\"");
    }
    if (!Double.isNaN(cpuSeconds)) {
      Checks.nonNegative("cpuSeconds", cpuSeconds);
    }
    DeviceProfile p = models.profile(node.tier());
    double seconds = p.computeSeconds(flops, workingSetBytes);
    double joules = p.computeJoules(seconds);
    Sums s = cells.computeIfAbsent(
        new Key(NODE, node.id(), node.tier(), null, null, round, COMPUTE, stage),
        k -> new Sums());
    s.add(1, 0, flops, cpuSeconds, seconds, joules, models.carbon().kilograms(joules));
    return seconds;
  }

  /** Adds another ledger's entries (e.g. built in Spark tasks) into this one; returns this. */
  public CostLedger merge(CostLedger other) {
    Objects.requireNonNull(other, "merge needs a ledger");
    // A snapshot, so that merging a ledger into itself doubles it instead of looping.
    List<Map.Entry<Key, Sums>> theirs = new ArrayList<>();
    for (Map.Entry<Key, Sums> e : other.cells.entrySet()) {
      theirs.add(Map.entry(e.getKey(), e.getValue().copy()));
    }
    for (Map.Entry<Key, Sums> e : theirs) {
      cells.computeIfAbsent(e.getKey(), k -> new Sums()).add(e.getValue());
    }
    return this;
  }

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return cells.isEmpty();
  }

  /**
   * One aggregated line per (entity, kind, src, dst, stage, round), sorted by round, entity
   * ({@code link} before {@code node}), kind, source tier and id, destination tier and id, stage.
   */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>(cells.size());
    for (Map.Entry<Key, Sums> e : cells.entrySet()) {
      Key k = e.getKey();
      Sums s = e.getValue();
      out.add(new Entry(k.entity, k.src, k.srcTier, k.dst, k.dstTier, k.round, k.kind, k.stage,
          s.count, s.bytes, s.flops, s.cpuMeasured ? s.cpuSeconds : Double.NaN, s.seconds,
          s.energyJoules, s.carbonKg));
    }
    return Collections.unmodifiableList(out);
  }

  /** Totals of the whole run. */
  public Totals totals() {
    return totals(e -> true);
  }

  /** Totals of the transfers of one kind (no compute). */
  public Totals totals(TrafficKind kind) {
    Objects.requireNonNull(kind, "kind");
    String name = kind.configName();
    return totals(e -> e.kind().equals(name));
  }

  /** Totals of the entries {@code filter} accepts, summed in {@link #entries()} order. */
  public Totals totals(Predicate<Entry> filter) {
    Objects.requireNonNull(filter, "filter");
    long messages = 0;
    long steps = 0;
    double bytes = 0;
    Map<TrafficKind, Double> byKind = new EnumMap<>(TrafficKind.class);
    for (TrafficKind k : TrafficKind.values()) {
      byKind.put(k, 0.0);
    }
    double flops = 0;
    double cpu = 0;
    boolean cpuMeasured = false;
    boolean anyCompute = false;
    double commSeconds = 0;
    double compSeconds = 0;
    double commJoules = 0;
    double compJoules = 0;
    double carbon = 0;
    for (Entry e : entries()) {
      if (!filter.test(e)) {
        continue;
      }
      carbon += e.carbonKg();
      if (e.isLink()) {
        messages += e.count();
        bytes += e.bytes();
        byKind.merge(e.trafficKind(), e.bytes(), Double::sum);
        commSeconds += e.seconds();
        commJoules += e.energyJoules();
      } else {
        anyCompute = true;
        steps += e.count();
        flops += e.flops();
        if (!Double.isNaN(e.cpuSeconds())) {
          cpu += e.cpuSeconds();
          cpuMeasured = true;
        }
        compSeconds += e.seconds();
        compJoules += e.energyJoules();
      }
    }
    return new Totals(messages, bytes, byKind, steps, flops,
        anyCompute && !cpuMeasured ? Double.NaN : cpu, commSeconds, compSeconds, commJoules,
        compJoules, carbon);
  }

  /** Bytes sent per traffic kind (every kind present, 0 when none was sent). */
  public Map<TrafficKind, Double> bytesByKind() {
    return totals().bytesByKind();
  }

  private static void checkRound(long round) {
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0, got " + round);
    }
  }

  @Override
  public String toString() {
    return "CostLedger[" + cells.size() + " entries, " + totals() + "]";
  }

  /**
   * One aggregated line of the ledger.
   *
   * @param entity {@code "link"} (a transfer) or {@code "node"} (a compute step)
   * @param src sending node's id, or the computing node's
   * @param srcTier its tier
   * @param dst receiving node's id; null for a node
   * @param dstTier its tier; null for a node
   * @param round the caller's bucket (pass, epoch), >= 0
   * @param kind {@code "compute"} or a {@link TrafficKind#configName()}
   * @param stage compute stage name; null for a link
   * @param count messages or steps added into this line
   * @param bytes bytes sent (0 for a node)
   * @param flops floating-point operations (0 for a link)
   * @param cpuSeconds measured CPU seconds of the steps that had a measurement; NaN when none
   *     had (always NaN for a link)
   * @param seconds simulated seconds, summed
   * @param energyJoules sender's transmit energy or the node's compute energy
   * @param carbonKg kg CO2 of that energy
   */
  @DefaultSerializer(JavaSerializer.class)
  public record Entry(String entity, String src, Tier srcTier, String dst, Tier dstTier,
      long round, String kind, String stage, long count, double bytes, double flops,
      double cpuSeconds, double seconds, double energyJoules, double carbonKg)
      implements Serializable {
    public Entry {
      Objects.requireNonNull(src, "src");
      Objects.requireNonNull(srcTier, "srcTier");
      Objects.requireNonNull(kind, "kind");
      if (LINK.equals(entity)) {
        if (dst == null || dstTier == null || stage != null || kindOf(kind) == null) {
          throw new IllegalArgumentException("a link entry needs dst, dstTier and a traffic kind "
              + "and no stage: " + src + " -> " + dst + ", " + kind + ", stage " + stage);
        }
      } else if (NODE.equals(entity)) {
        if (dst != null || dstTier != null || stage == null || !COMPUTE.equals(kind)) {
          throw new IllegalArgumentException("a node entry has kind compute, a stage and no dst: "
              + src + ", " + kind + ", stage " + stage + ", dst " + dst);
        }
      } else {
        throw new IllegalArgumentException("entity must be link or node, got " + entity);
      }
      checkRound(round);
      if (count < 0) {
        throw new IllegalArgumentException("count must be >= 0, got " + count);
      }
      Checks.nonNegative("bytes", bytes);
      Checks.nonNegative("flops", flops);
      if (!Double.isNaN(cpuSeconds)) {
        Checks.nonNegative("cpuSeconds", cpuSeconds);
      }
      Checks.nonNegative("seconds", seconds);
      Checks.nonNegative("energyJoules", energyJoules);
      Checks.nonNegative("carbonKg", carbonKg);
    }

    /** Whether this is a transfer. */
    public boolean isLink() {
      return LINK.equals(entity);
    }

    /** The traffic kind of a transfer; null for a compute step. */
    public TrafficKind trafficKind() {
      return isLink() ? kindOf(kind) : null;
    }
  }

  /** The traffic kind named {@code name}, or null. */
  private static TrafficKind kindOf(String name) {
    return org.foglab.config.Choice.parse(TrafficKind.class, name);
  }

  /**
   * Totals over a set of entries.
   *
   * @param messages transfers
   * @param bytes bytes sent, all kinds
   * @param bytesByKind bytes per traffic kind, every kind present
   * @param computeSteps compute steps
   * @param flops floating-point operations
   * @param cpuSeconds measured CPU seconds (steps without a measurement add nothing); NaN when
   *     there were steps and none was measured
   * @param communicationSeconds simulated transfer seconds, summed
   * @param computeSeconds simulated compute seconds, summed
   * @param communicationJoules senders' transmit energy
   * @param computeJoules compute energy
   * @param carbonKg kg CO2 of all that energy
   */
  @DefaultSerializer(JavaSerializer.class)
  public record Totals(long messages, double bytes, Map<TrafficKind, Double> bytesByKind,
      long computeSteps, double flops, double cpuSeconds, double communicationSeconds,
      double computeSeconds, double communicationJoules, double computeJoules, double carbonKg)
      implements Serializable {
    public Totals {
      Objects.requireNonNull(bytesByKind, "bytesByKind");
      Map<TrafficKind, Double> copy = new EnumMap<>(TrafficKind.class);
      for (TrafficKind k : TrafficKind.values()) {
        Double b = bytesByKind.get(k);
        copy.put(k, Checks.nonNegative("bytes of " + k.configName(), b == null ? 0.0 : b));
      }
      bytesByKind = Collections.unmodifiableMap(copy);
    }

    /** Bytes of one traffic kind. */
    public double bytes(TrafficKind kind) {
      return bytesByKind.get(Objects.requireNonNull(kind, "kind"));
    }

    /** Communication plus compute energy. */
    public double energyJoules() {
      return communicationJoules + computeJoules;
    }

    /** Communication plus compute seconds (busy time, not a schedule's makespan). */
    public double seconds() {
      return communicationSeconds + computeSeconds;
    }
  }

  /** The aggregation key; its order is the order of {@link #entries()}. */
  private record Key(String entity, String src, Tier srcTier, String dst, Tier dstTier,
      long round, String kind, String stage) implements Comparable<Key>, Serializable {
    private static final Comparator<String> STRINGS =
        Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Tier> TIERS =
        Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::round)
        .thenComparing(Key::entity)
        .thenComparing(Key::kind)
        .thenComparing(Key::srcTier)
        .thenComparing(Key::src)
        .thenComparing(Key::dstTier, TIERS)
        .thenComparing(Key::dst, STRINGS)
        .thenComparing(Key::stage, STRINGS);

    @Override
    public int compareTo(Key o) {
      return ORDER.compare(this, o);
    }
  }

  /** Running sums of one key. */
  private static final class Sums implements Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    double bytes;
    double flops;
    double cpuSeconds;
    boolean cpuMeasured;
    double seconds;
    double energyJoules;
    double carbonKg;

    void add(long n, double b, double f, double cpu, double s, double j, double kg) {
      count += n;
      bytes += b;
      flops += f;
      if (!Double.isNaN(cpu)) {
        cpuSeconds += cpu;
        cpuMeasured = true;
      }
      seconds += s;
      energyJoules += j;
      carbonKg += kg;
    }

    void add(Sums o) {
      add(o.count, o.bytes, o.flops, o.cpuMeasured ? o.cpuSeconds : Double.NaN, o.seconds,
          o.energyJoules, o.carbonKg);
    }

    Sums copy() {
      Sums c = new Sums();
      c.add(this);
      return c;
    }
  }
}
