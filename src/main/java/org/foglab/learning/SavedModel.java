package org.foglab.learning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.foglab.InputError;
import org.foglab.tables.Json;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained model on disk: {@code model.zip} in DL4J's own format (configuration and
 * parameters, no updater state; {@link ModelSerializer#restoreMultiLayerNetwork} opens it) and
 * {@code model.json} with what the model cannot say about itself: the run id and commit, the
 * training mode, the dataset and seed whose test split it was scored on, the test accuracy and
 * loss it reached, and the run's resolved settings.
 */
public final class SavedModel {
  private SavedModel() {}

  public static final String MODEL_FILE = "model.zip";
  public static final String METADATA_FILE = "model.json";
  /** The layout version {@code model.json} records. */
  public static final int FORMAT = 1;

  /**
   * A saved model, opened.
   *
   * @param network the network with its trained parameters
   * @param metadata the contents of {@code model.json}
   */
  public record Loaded(MultiLayerNetwork network, Map<String, Object> metadata) {
    /** The dataset the model was trained on ({@code mnist:DIR} or {@code synthetic:...}). */
    public String dataset() {
      return (String) metadata.get("dataset");
    }

    /** The seed of the run (it fixes the train/test split). */
    public long seed() {
      return ((Number) metadata.get("seed")).longValue();
    }
  }

  /** The network of {@code model} with parameters {@code params} (DL4J's flat layout). */
  public static MultiLayerNetwork network(ModelConfig model, float[] params) {
    NativeThreads.singleThreaded();
    MultiLayerNetwork net = NetworkFactory.create(model);
    if (params.length != net.numParams()) {
      throw new IllegalArgumentException("the model has " + net.numParams()
          + " parameters, got " + params.length);
    }
    net.setParams(Nd4j.create(params, new long[] {params.length}, DataType.FLOAT));
    return net;
  }

  /** Writes the model and its metadata into {@code dir} of {@code fs}. */
  public static void write(FileSystem fs, Path dir, MultiLayerNetwork net,
      Map<String, Object> metadata) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.putAll(metadata);
    try (OutputStream out = fs.create(new Path(dir, MODEL_FILE), true)) {
      ModelSerializer.writeModel(net, out, false);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + MODEL_FILE + ": " + e.getMessage(), e);
    }
    try (OutputStream out = fs.create(new Path(dir, METADATA_FILE), true)) {
      out.write(Json.write(m).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + METADATA_FILE + ": " + e.getMessage(), e);
    }
  }

  /** Opens the model {@link #write} saved in {@code dir}; one sentence if it is not one. */
  public static Loaded read(String dir, Configuration hadoop) {
    Path root = new Path(dir);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root)) {
        throw new InputError(dir, -1, null, "no such model directory (train --save-model DIR "
            + "writes one)");
      }
      Path zip = new Path(root, MODEL_FILE);
      Path json = new Path(root, METADATA_FILE);
      if (!fs.exists(zip) || !fs.exists(json)) {
        throw new InputError(dir, -1, null, "not a saved model: it needs " + MODEL_FILE + " and "
            + METADATA_FILE + " (train --save-model DIR writes them)");
      }
      Map<String, Object> metadata;
      try (InputStream in = fs.open(json)) {
        metadata = Json.readMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        throw new InputError(json.toString(), -1, null, "is not valid JSON");
      }
      Object format = metadata.get("format");
      if (!(format instanceof Number f) || f.intValue() != FORMAT) {
        throw new InputError(json.toString(), -1, "format", "is " + format + "; this foglab "
            + "reads saved models of format " + FORMAT);
      }
      for (String key : new String[] {"dataset", "seed", "features"}) {
        if (metadata.get(key) == null) {
          throw new InputError(json.toString(), -1, key, "is missing");
        }
      }
      NativeThreads.singleThreaded();
      MultiLayerNetwork net;
      try (InputStream in = fs.open(zip)) {
        net = ModelSerializer.restoreMultiLayerNetwork(in, false);
      } catch (IOException | RuntimeException e) {
        throw new InputError(zip.toString(), -1, null, "is not a DL4J model: " + e.getMessage());
      }
      return new Loaded(net, metadata);
    } catch (IOException e) {
      throw new InputError(dir, -1, null, "cannot read the model: " + e.getMessage());
    }
  }
}
