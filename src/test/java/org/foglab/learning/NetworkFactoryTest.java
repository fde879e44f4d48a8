package org.foglab.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;

class NetworkFactoryTest {
  private static List<String> configuredNames(ModelConfig model) {
    MultiLayerConfiguration conf = NetworkFactory.configuration(model);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < conf.getConfs().size(); i++) {
      names.add(conf.getConf(i).getLayer().getLayerName());
    }
    return names;
  }

  @Test
  void layersCarryTheirStableNames() {
    ModelConfig mlp = ModelConfig.mlp(10, 3, List.of(8, 6, 4));
    assertEquals(List.of("hidden1", "hidden2", "hidden3", "output"),
        NetworkFactory.layerNames(mlp));
    assertEquals(NetworkFactory.layerNames(mlp), configuredNames(mlp));
    assertEquals(List.of("output"), NetworkFactory.layerNames(ModelConfig.mlp(3, 2, List.of())));
    ModelConfig cnn = ModelConfig.mnistCnn();
    assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "dense", "output"),
        NetworkFactory.layerNames(cnn));
    assertEquals(NetworkFactory.layerNames(cnn), configuredNames(cnn));
  }
}
