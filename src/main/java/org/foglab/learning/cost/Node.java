package org.foglab.learning.cost;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.Serializable;
import java.util.Objects;

/**
 * A node of the learning system: an id (a trace device id, {@code "cloud"}, ...) and its tier.
 * Two nodes are the same node when both id and tier are equal. Kryo (which cannot rebuild
 * records) falls back to Java serialization for it.
 */
@DefaultSerializer(JavaSerializer.class)
public record Node(String id, Tier tier) implements Serializable {
  public Node {
    Objects.requireNonNull(id, "a node needs an id");
    Objects.requireNonNull(tier, "node " + id + " needs a tier");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a node id must not be empty");
    }
  }

  @Override
  public String toString() {
    return tier.configName() + ":" + id;
  }
}
