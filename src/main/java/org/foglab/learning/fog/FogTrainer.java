package org.foglab.learning.fog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.foglab.data.SampleSource;

/**
 * The driver's loop of a fog run: for each global round, the executor runs every subtree from
 * the root's model and returns the exact weighted sum, which becomes the next root model (kept
 * when no cluster took part); the root model is evaluated on the test data every
 * {@code evaluateEvery} rounds and after the last. Only the model and fixed-size counters reach
 * the driver.
 */
public final class FogTrainer {
  private FogTrainer() {}

  /**
   * One global round as recorded.
   *
   * @param round global round from 1
   * @param devices devices that trained
   * @param clusters bottom clusters that took part
   * @param accuracy test accuracy of the root model after the round (NaN if not evaluated)
   * @param loss test loss (NaN if not evaluated)
   * @param up cumulative model transfers from layer l to l + 1
   * @param down cumulative model transfers from layer l + 1 to l
   * @param d2dMessages cumulative D2D model messages
   * @param flDeviceTransfers cumulative transfers federated averaging would have made with the
   *     same participating devices (one upload and one download per device and round)
   * @param offloadedSamples cumulative samples moved by D2D data offloading (before round 1)
   */
  public record RoundRecord(int round, long devices, long clusters, double accuracy, double loss,
      long[] up, long[] down, long d2dMessages, long flDeviceTransfers, long offloadedSamples) {

    /** Cumulative parameter transfers over all tree links, both directions (no D2D). */
    public long treeTransfers() {
      long s = 0;
      for (int l = 0; l < up.length; l++) {
        s += up[l] + down[l];
      }
      return s;
    }
  }

  /**
   * A finished run.
   *
   * @param records one per global round
   * @param model the final root model
   * @param steps local SGD steps
   * @param samples samples processed
   * @param nanosLocal task time in local steps (summed over tasks)
   * @param nanosConsensus task time in consensus rounds
   * @param nanosAggregation task time in aggregation and broadcast
   * @param seconds wall time without evaluation
   * @param evaluationSeconds wall time of evaluations
   * @param sampleBytes bytes of one training sample on the wire (float32 features), what an
   *     offloaded sample costs
   */
  public record Result(List<RoundRecord> records, double[] model, long steps, long samples,
      long nanosLocal, long nanosConsensus, long nanosAggregation, double seconds,
      double evaluationSeconds, double sampleBytes) {

    public RoundRecord last() {
      return records.get(records.size() - 1);
    }

    /** The last evaluated accuracy. */
    public double accuracy() {
      for (int i = records.size() - 1; i >= 0; i--) {
        if (!Double.isNaN(records.get(i).accuracy())) {
          return records.get(i).accuracy();
        }
      }
      return Double.NaN;
    }
  }

  public static Result train(FogContext ctx, FogExecutor executor, SampleSource test,
      int evaluateEvery, Consumer<RoundRecord> listener) {
    FogOptions o = ctx.options();
    int links = ctx.layers();
    double[] w = new double[LinearSoftmax.parameters(ctx.data().features(),
        ctx.data().classes())];
    long[] up = new long[links];
    long[] down = new long[links];
    long d2d = 0;
    long fl = 0;
    long offloaded = 0;
    long steps = 0;
    long samples = 0;
    long nl = 0;
    long nc = 0;
    long na = 0;
    double evalSeconds = 0;
    List<RoundRecord> records = new ArrayList<>();
    long begin = System.nanoTime();
    java.util.Map<Integer, double[]> carried = java.util.Map.of();
    try (FogExecutor.Session session = executor.open(ctx)) {
      for (int r = 1; r <= o.rounds(); r++) {
        RoundResult rr = session.round(w, r, carried);
        carried = rr.carried();
        double[] next = rr.average();
        if (next != null) {
          w = next;
        }
        for (int l = 0; l < links; l++) {
          up[l] += rr.up(l);
          down[l] += rr.down(l);
        }
        d2d += rr.d2dMessages();
        offloaded += rr.offloadedSamples();
        fl += 2 * rr.devices();
        steps += rr.steps();
        samples += rr.samples();
        nl += rr.nanosLocal();
        nc += rr.nanosConsensus();
        na += rr.nanosAggregation();
        double acc = Double.NaN;
        double loss = Double.NaN;
        if (test != null && ((evaluateEvery > 0 && r % evaluateEvery == 0) || r == o.rounds())) {
          long e0 = System.nanoTime();
          double[] ev = LinearSoftmax.evaluate(w, test);
          acc = ev[0];
          loss = ev[1];
          evalSeconds += (System.nanoTime() - e0) / 1e9;
        }
        RoundRecord rec = new RoundRecord(r, rr.devices(), rr.clusters(), acc, loss, up.clone(),
            down.clone(), d2d, fl, offloaded);
        records.add(rec);
        listener.accept(rec);
      }
    }
    double seconds = (System.nanoTime() - begin) / 1e9 - evalSeconds;
    return new Result(records, w, steps, samples, nl, nc, na, seconds, evalSeconds,
        4.0 * ctx.data().features());
  }
}
