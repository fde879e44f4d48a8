package org.foglab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.foglab.learning.TrainingExperiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default dataset is the MNIST test set shipped in data/mnist, found under the installation
 * (foglab.home) when the working directory has no such directory; a directory the user names
 * relative to where they stand keeps its meaning.
 */
class ShippedDatasetTest {
  @TempDir
  Path dir;

  @Test
  void shippedFilesAreThoseItsReadmeLists() throws Exception {
    String readme = Files.readString(Path.of("data/mnist/README.md"));
    for (String name : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      byte[] bytes = Files.readAllBytes(Path.of("data/mnist", name));
      String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
      assertTrue(readme.contains("| " + name + " | " + bytes.length + " | " + md5 + " |"),
          name + " " + bytes.length + " " + md5);
    }
  }

  @Test
  void theDefaultDatasetReadsTheTenThousandShippedImages() {
    Settings root = new Settings(ConfigLoader.load(null, List.of(), Map.of(),
        Map.of("FOGLAB_HOME", Path.of("").toAbsolutePath().toString())), "foglab");
    TrainSpec spec = TrainSpec.read(root);
    assertEquals("mnist:data/mnist", spec.dataset());
    TrainingExperiment.Split split = TrainingExperiment.dataset(spec.dataset(), 1);
    assertEquals(8000, split.train().size());
    assertEquals(2000, split.test().size());
  }

  @Test
  void aRelativeDirectoryMissingHereIsLookedUpInTheInstallation() throws Exception {
    Path home = dir.resolve("foglab");
    Files.createDirectories(home.resolve("only-in-home/mnist"));
    Files.createDirectories(home.resolve("data/mnist"));
    assertEquals("mnist:" + home.resolve("only-in-home/mnist"),
        Installation.dataset("mnist:only-in-home/mnist", home.toString()));
    // The working directory (the project root) has data/mnist: that one is meant.
    assertEquals("mnist:data/mnist", Installation.dataset("mnist:data/mnist", home.toString()));
    // Neither has it: left for the reader to report; absolute and synthetic ones as given.
    assertEquals("mnist:nowhere", Installation.dataset("mnist:nowhere", home.toString()));
    assertEquals("mnist:" + home, Installation.dataset("mnist:" + home, "/elsewhere"));
    assertEquals("synthetic:samples=10", Installation.dataset("synthetic:samples=10", home.toString()));
    // Through the settings: the launcher's FOGLAB_HOME becomes foglab.home.
    Settings root = new Settings(ConfigLoader.load(null, List.of("foglab.train.dataset=mnist:only-in-home/mnist"),
        Map.of(), Map.of("FOGLAB_HOME", home.toString())), "foglab");
    assertEquals("mnist:" + home.resolve("only-in-home/mnist"), TrainSpec.read(root).dataset());
  }
}
