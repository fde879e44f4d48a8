package org.foglab.learning.federated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.foglab.data.DeviceData;
import org.foglab.data.SyntheticSpec;
import org.foglab.learning.ModelConfig;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;

/** The training context crosses a Kryo-configured Spark session (records alone do not). */
class JavaSerializedTest {
  private static final ClassTag<Object> ANY = scala.reflect.ClassTag$.MODULE$.apply(Object.class);

  @Test
  void contextSurvivesKryo() {
    SerializerInstance kryo = new KryoSerializer(new SparkConf()
        .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")).newInstance();
    SyntheticSpec spec = new SyntheticSpec(3, 4, 100, 0, 1, 6.0, 1.0);
    DeviceData data = DeviceData.generate(2, 5, spec.train(), 1, org.foglab.data.Sampling.iid());
    TrainingContext ctx = new TrainingContext(ModelConfig.mlp(4, 3, List.of(5)), spec.train(),
        TrainingSchedule.keepAll(data), true);
    // A record inside Kryo fails: the reason for the wrapper.
    assertThrows(RuntimeException.class, () -> kryo.serialize(ctx, ANY));
    ByteBuffer bytes = kryo.serialize(JavaSerialized.of(ctx), ANY);
    @SuppressWarnings("unchecked")
    JavaSerialized<TrainingContext> back = (JavaSerialized<TrainingContext>) kryo.deserialize(
        bytes, ANY);
    TrainingContext got = back.get();
    assertEquals(ctx.model(), got.model());
    assertEquals(((org.foglab.data.SyntheticDataset) got.train()).spec(), spec);
    for (int k = 0; k < 10; k++) {
      assertArrayEquals(ctx.schedule().batch(k), got.schedule().batch(k));
    }
  }
}
