package org.foglab.data;

import java.io.Serializable;
import java.util.Arrays;
import org.foglab.network.Trace;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * The per-device data streams of Section V-A of Tu et al. (INFOCOM 2020): the sample ids
 * {@code D_i(t)} collected by every device-slot, drawn without replacement from a training set.
 * Device-slots use the {@link Trace} layout {@code k = (t - 1) * n + i}; the ids of one
 * device-slot are sorted ascending.
 *
 * <p>Everything is computed once, on one machine, as a pure function of (counts, training set,
 * seed, sampling), so it does not depend on how a later job is partitioned:
 * <ul>
 *   <li>{@link #uniformCounts}: {@code |D_i(t)| ~ U{0, .., floor(|D_V| / (n T))}} with
 *       {@code Streams.below(hash(seed, DATA, i, t), m + 1)}; the total can never exceed
 *       {@code |D_V|}, so drawing without replacement always succeeds.</li>
 *   <li>IID ids: position {@code p} of the concatenation of all device-slots (in index order)
 *       gets the training id {@link SamplePermutation}{@code (|D_V|, seed).apply(p)}.</li>
 *   <li>Label skew: device {@code i} draws a class mix {@code p_i ~ Dirichlet(alpha)}; datapoint
 *       {@code j} of device-slot {@code k} takes class {@code c} by inverse CDF of
 *       {@code unit(hash(seed, SAMPLING, 3, k, j))}, and the next unused sample of that class
 *       (classes' samples in seeded random order, handed out in device-slot order). A class that
 *       has run out passes the draw to the next class (cyclically) with samples left.</li>
 * </ul>
 * A {@link Trace} is consistent with these streams when its {@code data} column holds exactly
 * the counts ({@link #requireConsistent(Trace)}).
 */
public final class DeviceData implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final int devices;
  private final int slots;
  private final int trainingSetSize;
  private final Sampling sampling;
  private final long seed;
  private final int[] start;
  private final int[] ids;

  private DeviceData(int devices, int slots, int trainingSetSize, Sampling sampling, long seed,
      int[] start, int[] ids) {
    this.devices = devices;
    this.slots = slots;
    this.trainingSetSize = trainingSetSize;
    this.sampling = sampling;
    this.seed = seed;
    this.start = start;
    this.ids = ids;
  }

  /**
   * Integer data counts {@code |D_i(t)|} uniform on {@code 0 .. floor(trainingSetSize / (n T))},
   * indexed {@code k = (t - 1) * n + i}.
   */
  public static int[] uniformCounts(int devices, int slots, int trainingSetSize, long seed) {
    checkShape(devices, slots);
    long cells = (long) devices * slots;
    long max = trainingSetSize / cells;
    if (max < 1) {
      throw new DatasetException("a training set of " + trainingSetSize + " samples gives "
          + devices + " devices x " + slots + " slots less than one datapoint each "
          + "(|D_V| / (n T) < 1); use more samples, devices or slots to match");
    }
    int[] counts = new int[(int) cells];
    for (int t = 1; t <= slots; t++) {
      for (int i = 0; i < devices; i++) {
        counts[(t - 1) * devices + i] =
            (int) Streams.below(Streams.hash(seed, Purpose.DATA, i, t), max + 1);
      }
    }
    return counts;
  }

  /** Uniform counts ({@link #uniformCounts}) and their sample ids, in one call. */
  public static DeviceData generate(int devices, int slots, SampleSource train, long seed,
      Sampling sampling) {
    return forCounts(devices, slots, uniformCounts(devices, slots, train.size(), seed), train, seed,
        sampling);
  }

  /**
   * IID streams from the sizes alone: uniform counts for {@code n} devices over {@code T} slots
   * and their sample ids in a training set of {@code trainingSetSize} samples.
   */
  public static DeviceData iid(int devices, int slots, int trainingSetSize, long seed) {
    int[] counts = uniformCounts(devices, slots, trainingSetSize, seed);
    int[] start = prefix(counts, trainingSetSize);
    int[] ids = iidIds(start[counts.length], trainingSetSize, seed);
    return sorted(devices, slots, trainingSetSize, Sampling.iid(), seed, start, ids);
  }

  /** Sample ids for the integer {@code data} column of a trace (absent device-slots hold none). */
  public static DeviceData forTrace(Trace trace, SampleSource train, long seed, Sampling sampling) {
    int[] counts = new int[trace.deviceSlots()];
    for (int k = 0; k < counts.length; k++) {
      if (!trace.present(k)) {
        continue;
      }
      double d = trace.data(k);
      if (!(d >= 0) || d != Math.rint(d) || d > Integer.MAX_VALUE) {
        throw new DatasetException("trace data of device " + trace.deviceId(trace.deviceOf(k))
            + " in slot " + trace.slotOf(k) + " is " + d + ", but learning needs whole "
            + "datapoints: generate the trace with integer data");
      }
      counts[k] = (int) d;
    }
    return forCounts(trace.devices(), trace.slots(), counts, train, seed, sampling);
  }

  /** Sample ids for given counts, indexed {@code k = (t - 1) * n + i}. */
  public static DeviceData forCounts(int devices, int slots, int[] counts, SampleSource train,
      long seed, Sampling sampling) {
    checkShape(devices, slots);
    if (counts.length != devices * slots) {
      throw new IllegalArgumentException("counts must have " + devices * slots
          + " entries (devices x slots), got " + counts.length);
    }
    int[] start = prefix(counts, train.size());
    int[] ids = sampling.isIid()
        ? iidIds(start[counts.length], train.size(), seed)
        : skewedIds(devices, counts, start, train, seed, sampling.dirichletAlpha());
    return sorted(devices, slots, train.size(), sampling, seed, start, ids);
  }

  private static int[] prefix(int[] counts, int trainingSetSize) {
    int[] start = new int[counts.length + 1];
    long total = 0;
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] < 0) {
        throw new IllegalArgumentException("count of device-slot " + k + " is negative: "
            + counts[k]);
      }
      total += counts[k];
      if (total > trainingSetSize) {
        throw new DatasetException("the device-slots collect more datapoints than the "
            + trainingSetSize + " samples of the training set");
      }
      start[k + 1] = (int) total;
    }
    return start;
  }

  private static DeviceData sorted(int devices, int slots, int trainingSetSize,
      Sampling sampling, long seed, int[] start, int[] ids) {
    for (int k = 0; k + 1 < start.length; k++) {
      Arrays.sort(ids, start[k], start[k + 1]);
    }
    return new DeviceData(devices, slots, trainingSetSize, sampling, seed, start, ids);
  }

  private static void checkShape(int devices, int slots) {
    if (devices < 1) {
      throw new IllegalArgumentException("devices must be at least 1, got " + devices);
    }
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
    if ((long) devices * slots > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(devices + " devices x " + slots
          + " slots exceed the in-memory limit of 2^31 device-slots");
    }
  }

  private static int[] iidIds(int total, int trainSize, long seed) {
    int[] ids = new int[total];
    if (total == 0) {
      return ids;
    }
    SamplePermutation perm = new SamplePermutation(trainSize, seed);
    for (int p = 0; p < total; p++) {
      ids[p] = (int) perm.apply(p);
    }
    return ids;
  }

  private static int[] skewedIds(int devices, int[] counts, int[] start, SampleSource train,
      long seed, double alpha) {
    int classes = train.classCount();
    // Each class's samples in seeded random order: (33 hash bits, 31 id bits) sorts by hash.
    int[] perClass = new int[classes];
    for (int id = 0; id < train.size(); id++) {
      perClass[train.label(id)]++;
    }
    long[][] keyed = new long[classes][];
    for (int c = 0; c < classes; c++) {
      keyed[c] = new long[perClass[c]];
    }
    int[] fill = new int[classes];
    for (int id = 0; id < train.size(); id++) {
      int c = train.label(id);
      long h = Streams.hash(seed, Purpose.SAMPLING, DataStreams.CLASS_POOL, id);
      keyed[c][fill[c]++] = ((h >>> 31) << 31) | id;
    }
    int[][] pool = new int[classes][];
    for (int c = 0; c < classes; c++) {
      // Signed order of the packed keys is a fixed total order: all that determinism needs.
      Arrays.sort(keyed[c]);
      pool[c] = new int[keyed[c].length];
      for (int p = 0; p < pool[c].length; p++) {
        pool[c][p] = (int) (keyed[c][p] & 0x7FFFFFFFL);
      }
    }
    double[][] cdf = new double[devices][];
    for (int i = 0; i < devices; i++) {
      cdf[i] = dirichletCdf(seed, i, classes, alpha);
    }
    int[] cursor = new int[classes];
    int[] ids = new int[start[counts.length]];
    for (int k = 0; k < counts.length; k++) {
      double[] f = cdf[k % devices];
      for (int j = 0; j < counts[k]; j++) {
        double u = Streams.unit(Streams.hash(seed, Purpose.SAMPLING, DataStreams.CLASS_DRAW, k, j));
        int c = 0;
        while (c < classes - 1 && u >= f[c]) {
          c++;
        }
        int tries = 0;
        while (cursor[c] == pool[c].length) {
          c = (c + 1) % classes;
          if (++tries > classes) {
            throw new IllegalStateException("training set exhausted although counts fit it");
          }
        }
        ids[start[k] + j] = pool[c][cursor[c]++];
      }
    }
    return ids;
  }

  /** Cumulative class probabilities of device {@code i}: normalised Gamma(alpha) draws. */
  static double[] dirichletCdf(long seed, int device, int classes, double alpha) {
    double[] logG = new double[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      long h = Streams.hash(seed, Purpose.SAMPLING, DataStreams.DIRICHLET, device, c);
      logG[c] = logGamma(alpha, h);
      max = Math.max(max, logG[c]);
    }
    double[] cdf = new double[classes];
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      // Normalising in log space keeps tiny alphas (where Gamma draws underflow) well defined.
      sum += Math.exp(logG[c] - max);
      cdf[c] = sum;
    }
    for (int c = 0; c < classes; c++) {
      cdf[c] /= sum;
    }
    cdf[classes - 1] = 1.0;
    return cdf;
  }

  /**
   * The log of a Gamma(alpha, 1) draw (Marsaglia and Tsang, ACM TOMS 2000; for alpha below 1
   * the boost {@code Gamma(alpha) = Gamma(alpha + 1) U^(1/alpha)}), from the hash sequence
   * {@code h, mix(h + G), mix(mix(h + G) + G), ...}.
   */
  static double logGamma(double alpha, long h) {
    double boost = 0;
    long s = h;
    if (alpha < 1) {
      s = Streams.mix(s + GOLDEN);
      boost = Math.log(Streams.unitOpen(s)) / alpha;
      alpha += 1;
    }
    double d = alpha - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      s = Streams.mix(s + GOLDEN);
      double u1 = Streams.unitOpen(s);
      s = Streams.mix(s + GOLDEN);
      double u2 = Streams.unit(s);
      double x = Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
      double v = 1.0 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      s = Streams.mix(s + GOLDEN);
      double u = Streams.unitOpen(s);
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return Math.log(d * v) + boost;
      }
    }
  }

  public int devices() {
    return devices;
  }

  public int slots() {
    return slots;
  }

  public int deviceSlots() {
    return start.length - 1;
  }

  /** Size {@code |D_V|} of the training set the ids index. */
  public int trainingSetSize() {
    return trainingSetSize;
  }

  public Sampling sampling() {
    return sampling;
  }

  public long seed() {
    return seed;
  }

  /** Flat index of device-slot (i, t), t from 1. */
  public int index(int device, int slot) {
    return (slot - 1) * devices + device;
  }

  /** {@code |D_i(t)|} of device-slot {@code k}. */
  public int count(int k) {
    return start[k + 1] - start[k];
  }

  /** The {@code j}-th (ascending) sample id of device-slot {@code k}. */
  public int sampleId(int k, int j) {
    if (j < 0 || j >= count(k)) {
      throw new IndexOutOfBoundsException("device-slot " + k + " has " + count(k)
          + " samples, asked for " + j);
    }
    return ids[start[k] + j];
  }

  /** The sample ids of device-slot {@code k}, ascending (a copy). */
  public int[] samples(int k) {
    return Arrays.copyOfRange(ids, start[k], start[k + 1]);
  }

  /** Every sample device {@code i} collects over the horizon, slot by slot (a new array). */
  public int[] deviceSamples(int i) {
    int n = 0;
    for (int t = 1; t <= slots; t++) {
      n += count(index(i, t));
    }
    int[] out = new int[n];
    int p = 0;
    for (int t = 1; t <= slots; t++) {
      int k = index(i, t);
      System.arraycopy(ids, start[k], out, p, count(k));
      p += count(k);
    }
    return out;
  }

  /** All counts, indexed like the trace. */
  public int[] counts() {
    int[] c = new int[deviceSlots()];
    for (int k = 0; k < c.length; k++) {
      c[k] = count(k);
    }
    return c;
  }

  /** Total collected datapoints {@code sum |D_i(t)|}. */
  public int totalCount() {
    return start[start.length - 1];
  }

  /** Every collected sample id, device-slot by device-slot (a copy). */
  public int[] allSamples() {
    return ids.clone();
  }

  /**
   * Checks that a trace has this shape and that its {@code data} column holds exactly these
   * counts; throws a {@link DatasetException} naming the first mismatch.
   */
  public void requireConsistent(Trace trace) {
    if (trace.devices() != devices || trace.slots() != slots) {
      throw new DatasetException("the trace has " + trace.devices() + " devices x "
          + trace.slots() + " slots but the device data streams have " + devices + " x " + slots);
    }
    for (int k = 0; k < deviceSlots(); k++) {
      double d = trace.present(k) ? trace.data(k) : 0;
      if (d != count(k)) {
        throw new DatasetException("trace data of device " + trace.deviceId(trace.deviceOf(k))
            + " in slot " + trace.slotOf(k) + " is " + d + " but its data stream holds "
            + count(k) + " samples");
      }
    }
  }
}
