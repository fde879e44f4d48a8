package org.foglab.optimize.exact;

import org.apache.spark.Partitioner;

/**
 * One time block per partition: an {@code Integer} key {@code m} (a block index) goes to partition
 * {@code m}, and so does a {@code Long} chunk key {@code 2m + kind} (kind 0 for device rows, 1 for
 * links, so that sorting a block's chunks by key puts its device rows first). One partitioner for
 * both keeps the solved blocks partitioned as their chunks were, with no second shuffle.
 */
final class BlockPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int blocks;

  BlockPartitioner(int blocks) {
    this.blocks = blocks;
  }

  @Override
  public int numPartitions() {
    return blocks;
  }

  @Override
  public int getPartition(Object key) {
    return key instanceof Long c ? (int) (c >> 1) : (Integer) key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockPartitioner p && p.blocks == blocks;
  }

  @Override
  public int hashCode() {
    return 31 * blocks + 7;
  }
}
