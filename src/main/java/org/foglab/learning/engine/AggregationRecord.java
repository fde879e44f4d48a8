package org.foglab.learning.engine;

/**
 * The global model after one aggregation of equation (4), evaluated on the test set.
 * (CENTRALIZED: the model after one pass over the data.)
 *
 * @param index aggregation number {@code k}, from 1
 * @param pass pass over the horizon the aggregation falls in, from 1
 * @param slot slot {@code t} of the horizon (1..T) at which it happened
 * @param globalSlot slots elapsed since the start over all passes ({@code k tau} except for a
 *     final partial period)
 * @param weight {@code sum_i H_i}: datapoints processed since the previous aggregation
 * @param accuracy test accuracy of {@code w(k)}
 * @param loss mean test cross-entropy of {@code w(k)}
 */
public record AggregationRecord(int index, int pass, int slot, long globalSlot, long weight,
    double accuracy, double loss) {}
