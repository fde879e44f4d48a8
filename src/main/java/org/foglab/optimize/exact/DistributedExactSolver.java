package org.foglab.optimize.exact;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.foglab.network.Trace;
import org.foglab.network.TraceProblem;
import org.foglab.optimize.PlanTable;
import scala.Tuple2;

/**
 * Exact solver of the linear data-movement problem (5)-(9) of Tu et al. on Spark, for traces
 * given as the {@code devices} and {@code links} tables of {@code docs/formats.md}.
 *
 * <p><b>Decomposition by time.</b> A source of slot {@code t} only feeds sinks of slots {@code t}
 * and {@code t + 1}, so the constraint matrix is block-bidiagonal in time: cutting between slots
 * {@code b} and {@code b + 1} severs only the links of slot {@code b}. (Cutting by device ranges
 * would sever a constant fraction of all links of a scale-free graph.) The horizon is split into
 * {@code blocks} contiguous slot ranges, one Spark partition each:
 * <ol>
 *   <li>Each block is solved exactly and in parallel by {@link FlowEngine} (Theorem 3 start,
 *       successive shortest paths) with the sources of its last slot held back, which makes it
 *       a closed sub-problem. All blocks share the super-sink, whose potential is fixed at 0, so
 *       their potentials live in one frame.</li>
 *   <li>The held-back sources of each seam are placed at the current prices inside a window of
 *       slots around the seam (4 on each side by default, with the fixed inflow into its first
 *       slot) and the overloads repaired by the same searches, confined to the window. A search
 *       that would settle a node outside the window aborts; the window then doubles (merging
 *       with neighbours when they meet; in the worst case one window spans the horizon, which is
 *       the in-memory solve) and is redone. Windows with disjoint slot ranges share no arc
 *       between the nodes they may change, so they run in parallel and their results combine.
 *       Repairs are local in time (on the benchmark instance no search reaches more than four
 *       slots from its start), so the windows are small.</li>
 *   <li>The union is a flow satisfying the reduced-cost optimality conditions everywhere with no
 *       imbalance left: an optimal plan, and its sink potentials are optimal LP duals. The plan's
 *       cost and the Lagrangian bound {@link DualBound} at those prices are summed per block
 *       (neighbouring blocks exchange only one slot of prices and inflows) and certify the
 *       gap.</li>
 * </ol>
 * This is the same algorithm as {@link ExactSolver} with the searches organised by blocks: the
 * optimal cost does not depend on the number of blocks (to rounding, about 1e-12 relative); the
 * plan is the same whenever the optimum is unique, and may differ between alternative optima
 * otherwise.
 *
 * <p><b>Driver state.</b> Nothing that grows with the devices or links passes through the
 * driver: device ids travel with the rows in per-partition dictionaries ({@link Chunk}) and each
 * block sorts their union itself; blocks exchange their boundary slot with their neighbours by a
 * cogroup; seam windows get their slabs and ids from the blocks by a shuffle. The driver holds
 * the blocks' slot ranges, the seam windows with three counters each per round (at most
 * {@code blocks - 1} windows) and one record of sums per block; {@link
 * DistributedExactResult#driverBytes()} tallies them (about 2 KB for 4 blocks at 100,000 devices
 * x 100 slots).
 *
 * <p>Ties are broken deterministically (ascending sink index, then node index in the searches;
 * process, then links by destination, then discard in the placements), so a given trace and
 * block count always yield the same plan.
 */
public final class DistributedExactSolver {
  /** Schema of the plan table. */
  public static final StructType PLAN_SCHEMA = PlanTable.SCHEMA;

  private final int blocks;
  private final int windowSlots;
  private final double gapTolerance;

  private DistributedExactSolver(Builder b) {
    this.blocks = b.blocks;
    this.windowSlots = b.windowSlots;
    this.gapTolerance = b.gapTolerance;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Solves the trace given by its tables.
   *
   * <p>The rows must be valid as {@link org.foglab.network.TraceReader} checks them row by row
   * (ids present, {@code t >= 1}, finite non-negative numbers, no self-links). What only the
   * whole tables show is checked here and thrown as {@link TraceProblem.Found} (which
   * {@code TraceReader.Tables#locate} turns into an error with file and line): duplicate
   * device-slots and links, links naming unknown devices, device rows beyond the horizon. Links
   * of slots beyond the horizon carry nothing and are left out.
   *
   * @param devices {@code (device string, t int, data double, capacity double (null = unbounded),
   *     process_cost double, discard_cost double)}
   * @param links {@code (src string, dst string, t int, capacity double (null = unbounded), cost
   *     double)}
   * @param slots the horizon {@code T}
   */
  public DistributedExactResult solve(Dataset<Row> devices, Dataset<Row> links, int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots (the horizon T) must be at least 1, got " + slots);
    }
    long t0 = System.nanoTime();
    SparkSession spark = devices.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    DriverBytes driver = new DriverBytes();

    // The driver knows the blocks' slot ranges (O(blocks)) and nothing about the devices: the
    // device ids travel with the rows (Chunk's dictionaries) and every block sorts their union.
    int nb = Math.min(blocks, slots);
    int[] lo = new int[nb];
    int[] hi = new int[nb];
    for (int m = 0; m < nb; m++) {
      lo[m] = 1 + (int) ((long) m * slots / nb);
      hi[m] = (int) ((long) (m + 1) * slots / nb);
    }
    int[][] ranges = {lo, hi};
    Broadcast<int[][]> bBlocks = jsc.broadcast(ranges);
    driver.broadcast(ranges);

    JavaPairRDD<Long, Chunk> devChunks = devices
        .select(col("device").cast("string"), col("t").cast("int"), col("data").cast("double"),
            col("capacity").cast("double"), col("process_cost").cast("double"),
            col("discard_cost").cast("double"))
        .javaRDD()
        .mapPartitionsToPair(rows -> deviceChunks(rows, bBlocks.value(), slots));
    JavaPairRDD<Long, Chunk> linkChunks = links
        .select(col("src").cast("string"), col("dst").cast("string"), col("t").cast("int"),
            col("capacity").cast("double"), col("cost").cast("double"))
        .javaRDD()
        .mapPartitionsToPair(rows -> linkChunks(rows, bBlocks.value(), slots));
    BlockPartitioner part = new BlockPartitioner(nb);
    // Chunk keys 2m (device chunks) and 2m + 1 (link chunks) of block m, sorted: a block reads its
    // device chunks, hence all device ids, before the links.
    JavaPairRDD<Integer, TraceBlock> phaseOne = devChunks.union(linkChunks)
        .repartitionAndSortWithinPartitions(part)
        .mapPartitionsToPair(it -> {
          int m = TaskContext.getPartitionId();
          int[][] bb = bBlocks.value();
          TraceBlock tb = buildAndSolve(m, bb[0][m], bb[1][m], slots, it);
          return List.of(new Tuple2<>(m, tb)).iterator();
        }, true)
        .persist(StorageLevel.MEMORY_ONLY());
    phaseOne.count();
    double blockSeconds = (System.nanoTime() - t0) * 1e-9;
    long tw = System.nanoTime();

    // Phase two: seam windows, grown until no search leaves its window. The driver holds the
    // windows' slot ranges and, per round, three counters per pending window: O(seams), at most
    // blocks - 1 windows whatever the number of devices.
    int[] nextId = {0};
    List<SeamWindow> windows = new ArrayList<>();
    for (int m = 0; m + 1 < nb; m++) {
      windows.add(SeamWindow.around(nextId[0]++, new int[] {hi[m]}, windowSlots, slots));
    }
    windows = SeamWindow.merge(windows, slots, nextId);
    Map<Integer, JavaPairRDD<Integer, SeamWindow.Result>> done = new HashMap<>();
    List<JavaPairRDD<Integer, SeamWindow.Result>> toRelease = new ArrayList<>();
    long windowSearches = 0;
    long windowSettled = 0;
    int rounds = 0;
    while (true) {
      List<SeamWindow> pending = new ArrayList<>();
      for (SeamWindow w : windows) {
        if (!done.containsKey(w.id())) {
          pending.add(w);
        }
      }
      if (pending.isEmpty()) {
        break;
      }
      rounds++;
      Broadcast<List<SeamWindow>> bPending = jsc.broadcast(pending);
      driver.broadcast(new ArrayList<>(pending));
      JavaPairRDD<Integer, SeamWindow.Result> res = phaseOne
          .flatMapToPair(e -> windowPieces(e._2, bPending.value(), slots))
          .groupByKey(new HashPartitioner(Math.max(1, Math.min(pending.size(), nb))))
          .mapToPair(e -> {
            SeamWindow w = find(bPending.value(), e._1);
            List<Slab> slabs = new ArrayList<>();
            double[] inflow = null;
            String[] ids = null;
            for (Object piece : e._2) {
              if (piece instanceof Slab sl) {
                slabs.add(sl);
              } else if (piece instanceof String[] x) {
                ids = x;
              } else {
                inflow = (double[]) piece;
              }
            }
            slabs.sort((x, y) -> Integer.compare(x.t, y.t));
            return new Tuple2<>(e._1, w.solve(ids, slots, slabs, inflow));
          })
          .persist(StorageLevel.MEMORY_ONLY());
      toRelease.add(res);
      Map<Integer, long[]> stats = new HashMap<>(res
          .mapValues(r -> new long[] {r.aborted() ? 1 : 0, r.searches(), r.settled()})
          .collectAsMap());
      driver.collected(stats);
      List<SeamWindow> next = new ArrayList<>();
      for (SeamWindow w : windows) {
        long[] st = stats.get(w.id());
        if (st == null) {
          next.add(w); // finished in an earlier round
          continue;
        }
        windowSearches += st[1];
        windowSettled += st[2];
        if (st[0] == 0) {
          done.put(w.id(), res);
          next.add(w);
        } else {
          next.add(SeamWindow.around(nextId[0]++, w.seams(), 2 * w.halfWidth(), slots));
        }
      }
      windows = SeamWindow.merge(next, slots, nextId);
      Set<Integer> live = new HashSet<>();
      for (SeamWindow w : windows) {
        live.add(w.id());
      }
      done.keySet().retainAll(live);
    }

    double windowSeconds = (System.nanoTime() - tw) * 1e-9;
    // Phase three: write the windows into the blocks, exchange one slot with the neighbours.
    JavaPairRDD<Integer, TraceBlock> solved = phaseOne;
    if (!done.isEmpty()) {
      Set<Integer> finalIds = new HashSet<>(done.keySet());
      JavaPairRDD<Integer, Slab> updates = null;
      for (JavaPairRDD<Integer, SeamWindow.Result> r : new HashSet<>(done.values())) {
        JavaPairRDD<Integer, Slab> u = r
            .filter(e -> finalIds.contains(e._1))
            .flatMapToPair(e -> {
              int[][] bb = bBlocks.value();
              List<Tuple2<Integer, Slab>> out = new ArrayList<>();
              for (Slab s : e._2.slabs()) {
                out.add(new Tuple2<>(blockOf(bb[0], s.t), s));
              }
              return out.iterator();
            });
        updates = updates == null ? u : updates.union(u);
      }
      long ws = windowSearches;
      long wn = windowSettled;
      solved = phaseOne.cogroup(updates.partitionBy(part))
          .mapValues(p -> {
            TraceBlock tb = p._1.iterator().next();
            // Window work is credited to block 0 so that totals add up once.
            return tb.withSlabs(p._2, tb.id == 0 ? ws : 0, tb.id == 0 ? wn : 0);
          });
    }
    solved = solved.persist(StorageLevel.MEMORY_ONLY());
    // Each block sends the potentials of its first sinks to the previous block (its halo) and
    // the inflow over its last links to the next one, block to block: nothing of size n passes
    // through the driver.
    JavaPairRDD<Integer, double[][]> halo = solved.flatMapToPair(e -> {
      TraceBlock tb = e._2;
      List<Tuple2<Integer, double[][]>> out = new ArrayList<>(2);
      if (tb.id > 0) {
        out.add(new Tuple2<>(tb.id - 1, new double[][] {tb.firstSinkPhi(), null}));
      }
      if (tb.id + 1 < nb) {
        out.add(new Tuple2<>(tb.id + 1, new double[][] {null, tb.cutInflow()}));
      }
      return out.iterator();
    });
    JavaPairRDD<Integer, TraceBlock> finished = solved.cogroup(halo.partitionBy(part))
        .mapValues(p -> {
          TraceBlock tb = p._1.iterator().next();
          double[] haloPhi = null;
          double[] prevIn = null;
          for (double[][] x : p._2) {
            haloPhi = x[0] != null ? x[0] : haloPhi;
            prevIn = x[1] != null ? x[1] : prevIn;
          }
          return tb.withHalo(haloPhi, prevIn);
        })
        .persist(StorageLevel.MEMORY_ONLY());
    // O(blocks): one fixed-size record of sums per block, added in block order.
    Map<Integer, BlockTotals> perBlock = new HashMap<>(
        finished.mapValues(TraceBlock::totals).collectAsMap());
    driver.collected(perBlock);
    BlockTotals tot = new BlockTotals();
    for (int m = 0; m < nb; m++) {
      tot = tot.plus(perBlock.get(m));
    }
    solved.unpersist(false);
    phaseOne.unpersist(false);
    for (JavaPairRDD<Integer, SeamWindow.Result> r : toRelease) {
      r.unpersist(false);
    }

    JavaRDD<Row> planRows = finished.values().flatMap(TraceBlock::planRows);
    Dataset<Row> plan = spark.createDataFrame(planRows, PLAN_SCHEMA);
    double gap = ExactResult.relativeGap(tot.primal, tot.bound);
    double scale = Math.max(1.0, tot.totalData);
    boolean feasible = tot.conservation <= 1e-9 * scale && tot.invalid <= 1e-9 * scale
        && !tot.capacity.any();
    int widest = 0;
    for (SeamWindow w : windows) {
      widest = Math.max(widest, w.hi() - w.lo() + 1);
    }
    ExactSummary summary = new ExactSummary(tot.process, tot.transfer, tot.discard,
        tot.process + tot.transfer + tot.discard, tot.totalData, tot.keptData, tot.offloadedData,
        tot.discardedData, tot.primal, tot.bound, gap,
        ExactSolver.status(feasible, gap, gapTolerance), tot.conservation, tot.capacity,
        tot.searches, tot.settled, nb, rounds, windows.size(), widest, blockSeconds,
        windowSeconds, (System.nanoTime() - t0) * 1e-9, tot.deviceSlots, tot.links);
    return new DistributedExactResult(plan, summary, finished, driver.total());
  }

  private static SeamWindow find(List<SeamWindow> ws, int id) {
    for (SeamWindow w : ws) {
      if (w.id() == id) {
        return w;
      }
    }
    throw new IllegalStateException("unknown window " + id);
  }

  /** The block holding slot {@code t}, from the blocks' first slots {@code lo} (ascending). */
  static int blockOf(int[] lo, int t) {
    int m = Arrays.binarySearch(lo, t);
    return m >= 0 ? m : -m - 2;
  }

  /** Codes of a map partition's device ids, in order of first appearance. */
  private static final class Dictionary {
    private final Map<String, Integer> code = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private String[] frozen;

    int code(String id) {
      Integer c = code.get(id);
      if (c == null) {
        c = ids.size();
        code.put(id, c);
        ids.add(id);
      }
      return c;
    }

    String[] ids() {
      if (frozen == null) {
        frozen = ids.toArray(new String[0]);
      }
      return frozen;
    }
  }

  private static Iterator<Tuple2<Long, Chunk>> deviceChunks(Iterator<Row> rows, int[][] bb,
      int slots) {
    int nb = bb[0].length;
    Chunk[] per = new Chunk[nb];
    Dictionary dict = new Dictionary();
    while (rows.hasNext()) {
      Row r = rows.next();
      String id = r.getString(0);
      int i = dict.code(id);
      int t = r.getInt(1);
      if (t > slots) {
        throw TraceProblem.beyondHorizon(id, t);
      }
      double data = r.getDouble(2);
      double cap = r.isNullAt(3) ? Double.POSITIVE_INFINITY : r.getDouble(3);
      double pc = r.getDouble(4);
      double dc = r.getDouble(5);
      int m = blockOf(bb[0], t);
      chunk(per, m, false).device(i, t, data, cap, pc, dc);
      if (m > 0 && t == bb[0][m]) {
        // The previous block's halo: receivers of the links crossing into this block.
        chunk(per, m - 1, false).device(i, t, data, cap, pc, dc);
      }
    }
    if (dict.ids().length == 0) {
      return List.<Tuple2<Long, Chunk>>of().iterator();
    }
    // Every block gets this partition's whole dictionary, rows or not: the union over the map
    // partitions is the set of devices, the same in every block.
    List<Tuple2<Long, Chunk>> out = new ArrayList<>(nb);
    for (int m = 0; m < nb; m++) {
      Chunk c = chunk(per, m, false);
      c.dict = dict.ids();
      out.add(new Tuple2<>(2L * m, c));
    }
    return out.iterator();
  }

  private static Iterator<Tuple2<Long, Chunk>> linkChunks(Iterator<Row> rows, int[][] bb,
      int slots) {
    int nb = bb[0].length;
    Chunk[] per = new Chunk[nb];
    Dictionary dict = new Dictionary();
    while (rows.hasNext()) {
      Row r = rows.next();
      int i = dict.code(r.getString(0));
      int j = dict.code(r.getString(1));
      int t = r.getInt(2);
      double cap = r.isNullAt(3) ? Double.POSITIVE_INFINITY : r.getDouble(3);
      // A link beyond the horizon carries nothing (its source device-slot does not exist) but
      // its ends must still be known devices: the last block checks them and drops it.
      int m = t > slots ? nb - 1 : blockOf(bb[0], t);
      chunk(per, m, true).link(i, j, t, cap, r.getDouble(4));
    }
    List<Tuple2<Long, Chunk>> out = new ArrayList<>();
    for (int m = 0; m < nb; m++) {
      if (per[m] != null) {
        per[m].dict = dict.ids();
        out.add(new Tuple2<>(2L * m + 1, per[m]));
      }
    }
    return out.iterator();
  }

  private static Chunk chunk(Chunk[] per, int m, boolean links) {
    if (per[m] == null) {
      per[m] = new Chunk(links);
    }
    return per[m];
  }

  /** Global indices of a chunk's codes in the sorted ids, -1 for an id not among them. */
  private static int[] remap(String[] dict, Map<String, Integer> index) {
    int[] g = new int[dict.length];
    for (int c = 0; c < dict.length; c++) {
      g[c] = index.getOrDefault(dict[c], -1);
    }
    return g;
  }

  private static TraceBlock buildAndSolve(int m, int a, int b, int slots,
      Iterator<Tuple2<Long, Chunk>> chunks) {
    // Device chunks come first (even keys): their dictionaries give all device ids.
    List<Chunk> devs = new ArrayList<>();
    Chunk firstLinks = null;
    while (chunks.hasNext()) {
      Chunk c = chunks.next()._2;
      if (c.links) {
        firstLinks = c;
        break;
      }
      devs.add(c);
    }
    Set<String> all = new HashSet<>();
    for (Chunk c : devs) {
      all.addAll(Arrays.asList(c.dict));
    }
    String[] ids = all.toArray(new String[0]);
    all = null;
    // Java string order, as Trace requires; it fixes every tie-break by device index.
    Arrays.sort(ids);
    Map<String, Integer> index = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
    boolean last = b == slots;
    int own = b - a + 1;
    Trace.Builder tb = Trace.builder(ids, last ? own : own + 1);
    try {
      for (Chunk c : devs) {
        int[] g = remap(c.dict, index);
        for (int q = 0; q < c.size; q++) {
          tb.device(g[c.i[q]], c.t[q] - a + 1, c.v0[q], c.v1[q], c.v2[q], c.v3[q]);
        }
      }
      devs = null;
      for (Chunk c = firstLinks; c != null; c = chunks.hasNext() ? chunks.next()._2 : null) {
        int[] g = remap(c.dict, index);
        for (int q = 0; q < c.size; q++) {
          int i = g[c.i[q]];
          int j = g[c.j[q]];
          if (i < 0) {
            throw TraceProblem.unknownSrc(c.dict[c.i[q]]);
          }
          if (j < 0) {
            throw TraceProblem.unknownDst(c.dict[c.j[q]]);
          }
          if (c.t[q] <= slots) {
            tb.link(i, j, c.t[q] - a + 1, c.v0[q], c.v1[q]);
          }
        }
      }
    } catch (TraceProblem.Found f) {
      // The block numbers its slots from 1; the reader locates problems by the trace's slots.
      throw f.problem().shiftedSlots(a - 1);
    }
    return TraceBlock.solveAlone(m, a, b, tb.build(), last);
  }

  /**
   * What block {@code tb} contributes to each pending window: the slabs of its slots inside the
   * window's trace, and, if it holds slot {@code lo - 1}, the inflow from there into slot
   * {@code lo} (a {@code double[]}).
   */
  private static Iterator<Tuple2<Integer, Object>> windowPieces(TraceBlock tb,
      List<SeamWindow> pending, int slots) {
    List<Tuple2<Integer, Object>> out = new ArrayList<>();
    for (SeamWindow w : pending) {
      int from = Math.max(w.lo(), tb.a);
      int to = Math.min(w.traceHi(slots), tb.b);
      for (int t = from; t <= to; t++) {
        out.add(new Tuple2<>(w.id(), tb.slab(t, t <= w.hi())));
      }
      if (w.lo() > 1 && w.lo() - 1 >= tb.a && w.lo() - 1 <= tb.b) {
        out.add(new Tuple2<>(w.id(), tb.inflowInto(w.lo())));
      }
      if (w.lo() >= tb.a && w.lo() <= tb.b) {
        // The device ids, from the block holding the window's first slot: they exist only in
        // the blocks, never on the driver.
        out.add(new Tuple2<>(w.id(), tb.ids()));
      }
    }
    return out.iterator();
  }

  /** Options of {@link DistributedExactSolver}. */
  public static final class Builder {
    private int blocks = 2;
    private int windowSlots = 4;
    private double gapTolerance = ExactSolver.DEFAULT_GAP_TOLERANCE;

    /** Time blocks, one Spark partition each (at most the horizon is used). */
    public Builder partitions(int blocks) {
      if (blocks < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, got " + blocks);
      }
      this.blocks = blocks;
      return this;
    }

    /** Initial half-width of the seam windows in slots (doubled when a search leaves one). */
    public Builder windowSlots(int slots) {
      if (slots < 2) {
        throw new IllegalArgumentException("windowSlots must be at least 2 (a seam's own and "
            + "next slot must both be inside), got " + slots);
      }
      this.windowSlots = slots;
      return this;
    }

    /** Relative gap below which the result is reported {@link ExactStatus#OPTIMAL}. */
    public Builder gapTolerance(double tol) {
      if (!(tol >= 0) || tol >= 1) {
        throw new IllegalArgumentException("gapTolerance must be in [0, 1), got " + tol);
      }
      this.gapTolerance = tol;
      return this;
    }

    public DistributedExactSolver build() {
      return new DistributedExactSolver(this);
    }
  }
}
