package org.foglab.optimize;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.array.ByteArrayMethods;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;
import org.foglab.network.DirectTraceWriter;
import org.foglab.network.TableFormat;
import org.foglab.network.TraceSchema;
import org.foglab.network.io.HadoopConf;
import org.foglab.network.io.TableSink;
import scala.Tuple2;

/**
 * Theorem 3 on Spark in primitive arrays, for traces whose devices table fits a broadcast: the
 * devices table becomes dense per device-slot arrays ({@link DeviceSlotTable}) broadcast to every
 * task; one scan of the links table computes each link's offer {@code c_ij(t) + c_j(t+1)} and
 * keeps, per task, the cheapest offer of every device-slot it saw; one shuffle of those partial
 * minima (primitive arrays, bucketed by device range) brings every device-slot's offers together,
 * where the kernel's decision ({@link ClosedForm#decide}) is taken; a second shuffle of the
 * processed loads (kept data, and offloaded data to its receiver's next slot) checks the device
 * capacities. No row of the links table crosses a shuffle, and no Spark SQL join or sort runs.
 *
 * <p>The plan equals {@link DistributedClosedForm}'s row for row (ties go to the smaller
 * destination in Spark's string order). Sums are taken per block of {@value #BLOCK} devices in
 * device-slot order and the blocks added in order, and loads in ascending order of their source
 * device-slot, so the summary is the same to the last bit for any partitioning of the input and
 * any number of device ranges.
 */
final class CompactClosedForm {
  private CompactClosedForm() {}

  /** Devices per summing block; device ranges are whole blocks. */
  static final int BLOCK = 1024;

  /** Device-slots per device range when the range count is automatic. */
  static final long RANGE_DEVICE_SLOTS = 2_000_000L;

  /**
   * Solves, or returns null when the dense grid of device-slots would exceed {@code maxGrid}
   * (the caller then takes the SQL path).
   */
  static DistributedClosedForm.Result solve(Dataset<Row> devices, Dataset<Row> links, int horizon,
      int partitions, long maxGrid, long knownLinks, java.util.function.Consumer<String> say) {
    return solve(devices, links, horizon, partitions, maxGrid, knownLinks, BLOCK, say);
  }

  /** {@link #solve} with the devices per summing block (tests use small blocks). */
  static DistributedClosedForm.Result solve(Dataset<Row> devices, Dataset<Row> links, int horizon,
      int partitions, long maxGrid, long knownLinks, int block,
      java.util.function.Consumer<String> say) {
    long start = System.nanoTime();
    SparkSession spark = devices.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<InternalRow> deviceRows = devices.select(TraceSchema.DEVICE, TraceSchema.T,
            TraceSchema.DATA, TraceSchema.CAPACITY, TraceSchema.PROCESS_COST,
            TraceSchema.DISCARD_COST)
        .queryExecution().toRdd().toJavaRDD();
    List<DeviceChunk> chunks = deviceRows.mapPartitions(
        it -> Collections.singletonList(DeviceChunk.of(it)).iterator()).collect();
    DeviceSlotTable table = DeviceSlotTable.of(chunks, horizon, maxGrid);
    chunks = null;
    if (table == null) {
      return null;
    }
    Broadcast<DeviceSlotTable> dev = jsc.broadcast(table);
    say.accept(String.format(java.util.Locale.ROOT, "closed form: devices table broadcast as "
        + "dense arrays (%,d devices x %d slots)", table.devices, horizon));
    int ranges = partitions > 0 ? partitions
        : (int) Math.max(jsc.defaultParallelism(),
            Math.min(100_000, (table.gridSize() + RANGE_DEVICE_SLOTS - 1) / RANGE_DEVICE_SLOTS));
    Ranges rs = new Ranges(table.devices, ranges, block);

    JavaRDD<InternalRow> linkRows = links.select(TraceSchema.SRC, TraceSchema.DST, TraceSchema.T,
            TraceSchema.CAPACITY, TraceSchema.COST)
        .queryExecution().toRdd().toJavaRDD();
    JavaPairRDD<Integer, OfferChunk> offers = linkRows.mapPartitionsToPair(
        it -> OfferChunk.scan(it, dev.value(), rs).iterator());
    JavaRDD<RangeResult> decided = offers.partitionBy(rs)
        .mapPartitionsWithIndex((range, it) -> Collections.singletonList(
            RangeResult.decide(range, it, dev.value(), rs)).iterator(), true)
        .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<Sums> blockSums = decided.map(r -> r.sums);
    List<Sums> perRange = blockSums.collect();
    say.accept("closed form: links scanned, " + rs.count + " device ranges decided");
    JavaRDD<Sums> loadSums = decided.flatMapToPair(r -> r.loads(dev.value(), rs).iterator())
        .partitionBy(rs)
        .mapPartitionsWithIndex((range, it) -> Collections.singletonList(
            Loads.check(range, it, dev.value(), rs)).iterator(), true);
    List<Sums> perRangeLoads = loadSums.collect();

    Sums total = Sums.inOrder(perRange);
    Sums loads = Sums.inOrder(perRangeLoads);
    long linkCount = knownLinks >= 0 ? knownLinks : total.linkRows;
    CapacityViolations v = new CapacityViolations(loads.nodeSlots, loads.nodeExcess,
        loads.maxNodeExcess, total.links, total.linkExcess, total.maxLinkExcess);
    double seconds = (System.nanoTime() - start) / 1e9;
    SolveSummary summary = SolveSummary.closedForm(total.processCost, total.transferCost,
        total.discardCost, total.data, total.kept, total.offloaded, total.discarded, v,
        total.deviceRows, linkCount, seconds);
    // Rows go to the writer as Spark's internal rows: the ids stay the broadcast's UTF-8 bytes.
    JavaRDD<InternalRow> planRows = decided.flatMap(r -> r.planRows(dev.value()));
    Dataset<Row> plan = spark.internalCreateDataFrame(planRows.rdd(), PlanTable.SCHEMA, false);
    return new DistributedClosedForm.Result(plan, summary, () -> {
      decided.unpersist(false);
      dev.destroy();
    }, (dir, format) -> writePlan(spark, decided, dev, dir, format));
  }

  /**
   * The plan's part files, one per device range, written by the tasks that hold the range's
   * decisions (no row objects; a retried task's file has the same bytes).
   */
  static long writePlan(SparkSession spark, JavaRDD<RangeResult> decided,
      Broadcast<DeviceSlotTable> dev, String dir, TableFormat format) {
    Broadcast<SerializableConfiguration> hadoop = HadoopConf.broadcast(spark);
    try {
      Path path = new Path(dir);
      path.getFileSystem(spark.sparkContext().hadoopConfiguration()).mkdirs(path);
      List<Long> rows = decided.map(r -> {
        FileSystem fs = DirectTraceWriter.raw(path.getFileSystem(hadoop.value().value()));
        return DirectTraceWriter.writePart(fs, dir, "plan", r.range,
            w -> r.writePlan(w, dev.value()), PlanTable.SCHEMA, format).rows();
      }).collect();
      DirectTraceWriter.removeHidden(spark, dir);
      long total = 0;
      for (long n : rows) {
        total += n;
      }
      return total;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write the plan to " + dir + ": " + e.getMessage(), e);
    } finally {
      hadoop.destroy();
    }
  }

  /** Devices cut into ranges of whole blocks; keys are range numbers. */
  static final class Ranges extends Partitioner {
    private static final long serialVersionUID = 1L;
    final int count;
    final int devicesPerRange;
    final int block;

    Ranges(int devices, int requested, int block) {
      this.block = block;
      int blocks = Math.max(1, (devices + block - 1) / block);
      int blocksPerRange = (blocks + requested - 1) / requested;
      this.devicesPerRange = blocksPerRange * block;
      this.count = Math.max(1, (blocks + blocksPerRange - 1) / blocksPerRange);
    }

    int rangeOf(int device) {
      return device / devicesPerRange;
    }

    @Override
    public int numPartitions() {
      return count;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ranges r && r.count == count && r.devicesPerRange == devicesPerRange
          && r.block == block;
    }

    @Override
    public int hashCode() {
      return count * 31 + devicesPerRange;
    }
  }

  /**
   * One task's cheapest offer per device-slot, for one device range: device-slot, offer, its
   * destination, the link's cost and capacity; and, in range 0's chunk, the link rows scanned.
   */
  static final class OfferChunk implements Serializable {
    private static final long serialVersionUID = 1L;
    int n;
    int[] slot;
    double[] offer;
    int[] dst;
    double[] cost;
    double[] capacity;
    long linkRows;

    /** A task's links: partial minima per device-slot, bucketed by the source's range. */
    static List<Tuple2<Integer, OfferChunk>> scan(Iterator<InternalRow> it, DeviceSlotTable dev,
        Ranges rs) {
      int T = dev.slots;
      SlotMap best = new SlotMap(T);
      long rows = 0;
      // Traces list a link's slots, and a device's links, next to each other: the previous row's
      // ends are looked up again only when their bytes change.
      IdCache srcs = new IdCache(dev);
      IdCache dsts = new IdCache(dev);
      while (it.hasNext()) {
        InternalRow r = it.next();
        rows++;
        int t = r.getInt(2);
        if (t >= T) {
          continue;
        }
        int d = dsts.index(r.getUTF8String(1));
        int s = srcs.index(r.getUTF8String(0));
        if (s < 0 || d < 0) {
          throw new IllegalStateException("link " + r.getUTF8String(0) + " -> "
              + r.getUTF8String(1) + " names a device the devices table does not have");
        }
        if (t < 1) {
          throw new IllegalStateException("link " + r.getUTF8String(0) + " -> "
              + r.getUTF8String(1) + " has slot " + t);
        }
        int next = d * T + t;
        if (!dev.present(next)) {
          continue;
        }
        double cost = r.getDouble(4);
        best.offer(s * T + t - 1, cost + dev.processCost[next], d, cost,
            r.isNullAt(3) ? Double.POSITIVE_INFINITY : r.getDouble(3));
      }
      List<Tuple2<Integer, OfferChunk>> out = best.byRange(rs, T);
      if (out.isEmpty() || out.get(0)._1() != 0) {
        out.add(0, new Tuple2<>(0, new OfferChunk(0)));
      }
      out.get(0)._2().linkRows = rows;
      return out;
    }

    OfferChunk(int n) {
      this.n = 0;
      slot = new int[n];
      offer = new double[n];
      dst = new int[n];
      cost = new double[n];
      capacity = new double[n];
    }

    void add(int k, double o, int d, double c, double cap) {
      slot[n] = k;
      offer[n] = o;
      dst[n] = d;
      cost[n] = c;
      capacity[n] = cap;
      n++;
    }
  }

  /** The index of the last id looked up, kept while the next ones have the same bytes. */
  static final class IdCache {
    private final DeviceSlotTable dev;
    private byte[] last = new byte[64];
    private int lastLength = -1;
    private int lastIndex;

    IdCache(DeviceSlotTable dev) {
      this.dev = dev;
    }

    int index(UTF8String id) {
      int n = id.numBytes();
      if (n == lastLength && ByteArrayMethods.arrayEquals(id.getBaseObject(), id.getBaseOffset(),
          last, Platform.BYTE_ARRAY_OFFSET, n)) {
        return lastIndex;
      }
      if (n > last.length) {
        last = new byte[Math.max(n, last.length * 2)];
      }
      id.writeToMemory(last, Platform.BYTE_ARRAY_OFFSET);
      lastLength = n;
      lastIndex = dev.index(id);
      return lastIndex;
    }
  }

  /**
   * Open-addressing map from device-slot to the cheapest offer seen (ties: smaller dst). A
   * device's slots hash to neighbouring buckets (the device's hash plus the slot), so the runs of
   * one link's slots that traces hold touch one stretch of memory.
   */
  static final class SlotMap {
    private final int slots;
    private int[] keys = new int[1 << 12];
    private int[] at = new int[1 << 12];
    private int size;
    private int[] slot = new int[1 << 11];
    private double[] offer = new double[1 << 11];
    private int[] dst = new int[1 << 11];
    private double[] cost = new double[1 << 11];
    private double[] capacity = new double[1 << 11];

    SlotMap(int slots) {
      this.slots = slots;
      Arrays.fill(keys, -1);
    }

    private int bucket(int k, int mask) {
      int device = k / slots;
      return ((device * 0x9E3779B9) >>> 5) + k - device * slots & mask;
    }

    void offer(int k, double o, int d, double c, double cap) {
      int mask = keys.length - 1;
      int h = bucket(k, mask);
      while (keys[h] != -1) {
        if (keys[h] == k) {
          int i = at[h];
          if (o < offer[i] || (o == offer[i] && d < dst[i])) {
            offer[i] = o;
            dst[i] = d;
            cost[i] = c;
            capacity[i] = cap;
          }
          return;
        }
        h = (h + 1) & mask;
      }
      if (size == slot.length) {
        int n = size * 2;
        slot = Arrays.copyOf(slot, n);
        offer = Arrays.copyOf(offer, n);
        dst = Arrays.copyOf(dst, n);
        cost = Arrays.copyOf(cost, n);
        capacity = Arrays.copyOf(capacity, n);
      }
      keys[h] = k;
      at[h] = size;
      slot[size] = k;
      offer[size] = o;
      dst[size] = d;
      cost[size] = c;
      capacity[size] = cap;
      size++;
      if (size * 2 > keys.length) {
        rehash();
      }
    }

    private void rehash() {
      int[] k2 = new int[keys.length * 2];
      int[] a2 = new int[keys.length * 2];
      Arrays.fill(k2, -1);
      int mask = k2.length - 1;
      for (int i = 0; i < size; i++) {
        int h = bucket(slot[i], mask);
        while (k2[h] != -1) {
          h = (h + 1) & mask;
        }
        k2[h] = slot[i];
        a2[h] = i;
      }
      keys = k2;
      at = a2;
    }

    /** The entries as one chunk per device range that has any, ranges ascending. */
    List<Tuple2<Integer, OfferChunk>> byRange(Ranges rs, int T) {
      int[] counts = new int[rs.count];
      for (int i = 0; i < size; i++) {
        counts[rs.rangeOf(slot[i] / T)]++;
      }
      OfferChunk[] chunks = new OfferChunk[rs.count];
      List<Tuple2<Integer, OfferChunk>> out = new ArrayList<>();
      for (int r = 0; r < rs.count; r++) {
        if (counts[r] > 0) {
          chunks[r] = new OfferChunk(counts[r]);
          out.add(new Tuple2<>(r, chunks[r]));
        }
      }
      for (int i = 0; i < size; i++) {
        chunks[rs.rangeOf(slot[i] / T)].add(slot[i], offer[i], dst[i], cost[i], capacity[i]);
      }
      return out;
    }
  }

  /** Sums of a range's blocks, or of the whole trace. */
  static final class Sums implements Serializable {
    private static final long serialVersionUID = 1L;
    int range;
    double processCost;
    double transferCost;
    double discardCost;
    double data;
    double kept;
    double offloaded;
    double discarded;
    long deviceRows;
    long linkRows;
    long links;
    double linkExcess;
    double maxLinkExcess;
    long nodeSlots;
    double nodeExcess;
    double maxNodeExcess;
    /** Per block of the range: the sums above, in block order (summed last, in order). */
    double[][] blocks;

    /** Adds the blocks of every range in range order, then block order. */
    static Sums inOrder(List<Sums> ranges) {
      List<Sums> sorted = new ArrayList<>(ranges);
      sorted.sort((a, b) -> Integer.compare(a.range, b.range));
      Sums s = new Sums();
      for (Sums r : sorted) {
        for (double[] b : r.blocks) {
          s.processCost += b[0];
          s.transferCost += b[1];
          s.discardCost += b[2];
          s.data += b[3];
          s.kept += b[4];
          s.offloaded += b[5];
          s.discarded += b[6];
          s.linkExcess += b[7];
          s.nodeExcess += b[8];
        }
        s.deviceRows += r.deviceRows;
        s.linkRows += r.linkRows;
        s.links += r.links;
        s.maxLinkExcess = Math.max(s.maxLinkExcess, r.maxLinkExcess);
        s.nodeSlots += r.nodeSlots;
        s.maxNodeExcess = Math.max(s.maxNodeExcess, r.maxNodeExcess);
      }
      return s;
    }
  }

  /** One device range's decisions: per device-slot the receiver (or a code), and its sums. */
  static final class RangeResult implements Serializable {
    private static final long serialVersionUID = 1L;
    /** No row in the trace. */
    static final int ABSENT = -2;
    /** Discarded. */
    static final int DISCARDED = -1;
    int range;
    int firstDevice;
    int devices;
    /** Per device-slot of the range: the device that processes its data, or a code. */
    int[] receiver;
    Sums sums;

    static RangeResult decide(int range, Iterator<Tuple2<Integer, OfferChunk>> it,
        DeviceSlotTable dev, Ranges rs) {
      int T = dev.slots;
      RangeResult out = new RangeResult();
      Sums sums = new Sums();
      out.sums = sums;
      List<OfferChunk> chunks = new ArrayList<>();
      while (it.hasNext()) {
        chunks.add(it.next()._2());
      }
      out.range = range;
      sums.range = range;
      out.firstDevice = range * rs.devicesPerRange;
      out.devices = Math.max(0, Math.min(dev.devices, out.firstDevice + rs.devicesPerRange)
          - out.firstDevice);
      int n = out.devices * T;
      int base = out.firstDevice * T;
      double[] offer = new double[n];
      Arrays.fill(offer, Double.POSITIVE_INFINITY);
      int[] dst = new int[n];
      Arrays.fill(dst, -1);
      double[] cost = new double[n];
      double[] capacity = new double[n];
      for (OfferChunk c : chunks) {
        sums.linkRows += c.linkRows;
        for (int i = 0; i < c.n; i++) {
          int k = c.slot[i] - base;
          double o = c.offer[i];
          if (o < offer[k] || (o == offer[k] && (dst[k] < 0 || c.dst[i] < dst[k]))) {
            offer[k] = o;
            dst[k] = c.dst[i];
            cost[k] = c.cost[i];
            capacity[k] = c.capacity[i];
          }
        }
      }
      out.receiver = new int[n];
      int blocks = (out.devices + rs.block - 1) / rs.block;
      sums.blocks = new double[blocks][9];
      for (int i = 0; i < n; i++) {
        int k = base + i;
        if (!dev.present(k)) {
          out.receiver[i] = ABSENT;
          continue;
        }
        double[] b = sums.blocks[i / T / rs.block];
        double data = dev.data[k];
        double pc = dev.processCost[k];
        int choice = ClosedForm.decide(pc, dev.discardCost[k], offer[i], dst[i] >= 0 ? 0 : -1);
        sums.deviceRows++;
        b[3] += data;
        if (choice == ClosedForm.PROCESS) {
          out.receiver[i] = out.firstDevice + i / T;
          b[0] += data * pc;
          b[4] += data;
        } else if (choice == ClosedForm.DISCARD) {
          out.receiver[i] = DISCARDED;
          b[2] += data * dev.discardCost[k];
          b[6] += data;
        } else {
          int d = dst[i];
          out.receiver[i] = d;
          b[0] += data * dev.processCost[d * T + k % T + 1];
          b[1] += data * cost[i];
          b[5] += data;
          if (CapacityViolations.exceeds(data, capacity[i])) {
            double excess = data - capacity[i];
            sums.links++;
            b[7] += excess;
            sums.maxLinkExcess = Math.max(sums.maxLinkExcess, excess);
          }
        }
      }
      return out;
    }

    /**
     * Processed loads, bucketed by the receiver's range, each bucket in ascending order of the
     * source device-slot: data kept at (i, t) loads (i, t); data offloaded at (i, t) to j loads
     * (j, t + 1).
     */
    List<Tuple2<Integer, LoadChunk>> loads(DeviceSlotTable dev, Ranges rs) {
      int T = dev.slots;
      int base = firstDevice * T;
      int[] counts = new int[rs.count];
      for (int i = 0; i < receiver.length; i++) {
        if (receiver[i] >= 0 && dev.data[base + i] > 0) {
          counts[rs.rangeOf(receiver[i])]++;
        }
      }
      LoadChunk[] chunks = new LoadChunk[rs.count];
      List<Tuple2<Integer, LoadChunk>> out = new ArrayList<>();
      for (int r = 0; r < rs.count; r++) {
        if (counts[r] > 0) {
          chunks[r] = new LoadChunk(range, counts[r]);
          out.add(new Tuple2<>(r, chunks[r]));
        }
      }
      for (int i = 0; i < receiver.length; i++) {
        int j = receiver[i];
        double data = dev.data[base + i];
        if (j >= 0 && data > 0) {
          int t = i % T;
          int target = j == firstDevice + i / T ? base + i : j * T + t + 1;
          chunks[rs.rangeOf(j)].add(target, data);
        }
      }
      return out;
    }

    /** Writes the plan rows of {@link #planRows} to a part file. */
    void writePlan(TableSink w, DeviceSlotTable dev) throws java.io.IOException {
      int T = dev.slots;
      for (int i = 0; i < receiver.length; i++) {
        if (!hasPlanRow(i, dev)) {
          continue;
        }
        int j = receiver[i];
        dev.writeId(w, 0, firstDevice + i / T);
        w.int32(1, i % T + 1);
        if (j == DISCARDED) {
          w.nullValue(2);
        } else {
          dev.writeId(w, 2, j);
        }
        w.float64(3, dev.data[firstDevice * T + i]);
        w.endRow();
      }
    }

    /** Whether the range's device-slot i has a plan row: a row in the trace with data. */
    boolean hasPlanRow(int i, DeviceSlotTable dev) {
      return receiver[i] != ABSENT && dev.data[firstDevice * dev.slots + i] > 0;
    }

    /** Plan rows: (src, t, dst, amount) of every device-slot with data. */
    Iterator<InternalRow> planRows(DeviceSlotTable dev) {
      int T = dev.slots;
      int base = firstDevice * T;
      return new Iterator<InternalRow>() {
        private int i = advance(0);

        private int advance(int from) {
          int j = from;
          while (j < receiver.length && !hasPlanRow(j, dev)) {
            j++;
          }
          return j;
        }

        @Override
        public boolean hasNext() {
          return i < receiver.length;
        }

        @Override
        public InternalRow next() {
          if (i >= receiver.length) {
            throw new java.util.NoSuchElementException();
          }
          int src = firstDevice + i / T;
          int j = receiver[i];
          InternalRow r = new GenericInternalRow(new Object[] {dev.id(src), i % T + 1,
              j == DISCARDED ? null : dev.id(j), dev.data[base + i]});
          i = advance(i + 1);
          return r;
        }
      };
    }
  }

  /** Processed loads bound for one range, from one source range, in source order. */
  static final class LoadChunk implements Serializable {
    private static final long serialVersionUID = 1L;
    final int sourceRange;
    int n;
    final int[] slot;
    final double[] amount;

    LoadChunk(int sourceRange, int size) {
      this.sourceRange = sourceRange;
      this.slot = new int[size];
      this.amount = new double[size];
    }

    void add(int k, double a) {
      slot[n] = k;
      amount[n] = a;
      n++;
    }
  }

  /** A range's processed loads against its device-slots' capacities. */
  static final class Loads {
    private Loads() {}

    static Sums check(int range, Iterator<Tuple2<Integer, LoadChunk>> it, DeviceSlotTable dev,
        Ranges rs) {
      int T = dev.slots;
      List<LoadChunk> chunks = new ArrayList<>();
      while (it.hasNext()) {
        chunks.add(it.next()._2());
      }
      Sums sums = new Sums();
      sums.range = range;
      chunks.sort((a, b) -> Integer.compare(a.sourceRange, b.sourceRange));
      int first = range * rs.devicesPerRange;
      int devices = Math.max(0, Math.min(dev.devices, first + rs.devicesPerRange) - first);
      int base = first * T;
      double[] load = new double[devices * T];
      boolean[] loaded = new boolean[devices * T];
      for (LoadChunk c : chunks) {
        for (int i = 0; i < c.n; i++) {
          int k = c.slot[i] - base;
          load[k] += c.amount[i];
          loaded[k] = true;
        }
      }
      sums.blocks = new double[(devices + rs.block - 1) / rs.block][9];
      for (int i = 0; i < load.length; i++) {
        if (!loaded[i]) {
          continue;
        }
        double cap = dev.capacity[base + i];
        if (CapacityViolations.exceeds(load[i], cap)) {
          double excess = load[i] - cap;
          sums.nodeSlots++;
          sums.blocks[i / T / rs.block][8] += excess;
          sums.maxNodeExcess = Math.max(sums.maxNodeExcess, excess);
        }
      }
      return sums;
    }
  }
}
