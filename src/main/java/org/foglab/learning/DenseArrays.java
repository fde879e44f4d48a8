package org.foglab.learning;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * float32 ND4J arrays to and from plain Java arrays in one bulk copy each.
 * {@code Nd4j.create(float[], shape, FLOAT)} and {@code toFloatVector} copy element by element,
 * which cost more than the layers' own arithmetic in split training (measured 740 us against
 * 15 us for the MLP's 157,000 local parameters). Shared by the staged models and the patch
 * convolution.
 */
public final class DenseArrays {
  private DenseArrays() {}

  /**
   * Whether {@code a} is float32 and owns its whole buffer in row-major order (a vector: in
   * order), so its buffer can be read or written as one block.
   */
  public static boolean dense(INDArray a) {
    return a.dataType() == DataType.FLOAT && !a.isView() && a.length() == a.data().length()
        && a.data().offset() == 0
        && ((a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a))
            || (a.isVector() && a.elementWiseStride() == 1));
  }

  /** {@code a}'s values in row-major order (per sample: channel, row, column). */
  public static float[] flat(INDArray a) {
    float[] out = new float[Math.toIntExact(a.length())];
    read(a, out);
    return out;
  }

  /** Copies {@code a}'s values in row-major order into the start of {@code out}. */
  public static void read(INDArray a, float[] out) {
    INDArray c = dense(a) ? a : a.dup('c');
    int n = Math.toIntExact(c.length());
    if (n > 0) {
      new FloatPointer(c.data().addressPointer()).get(out, 0, n);
    }
  }

  /**
   * Copies the buffer of {@code a}, a float32 array that owns its whole buffer in either order,
   * into the start of {@code out} in memory order (for a column-major matrix: column after
   * column).
   */
  public static void readBuffer(INDArray a, float[] out) {
    if (a.dataType() != DataType.FLOAT || a.isView() || a.length() != a.data().length()
        || a.data().offset() != 0) {
      throw new IllegalArgumentException("readBuffer needs a float32 array owning its whole "
          + "buffer, got " + a.shapeInfoToString());
    }
    int n = Math.toIntExact(a.length());
    if (n > 0) {
      new FloatPointer(a.data().addressPointer()).get(out, 0, n);
    }
  }

  /** A new row-major float32 array of {@code shape} holding {@code values}. */
  public static INDArray array(float[] values, long... shape) {
    INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
    if (a.length() != values.length) {
      throw new IllegalArgumentException("an array of shape " + Arrays.toString(shape)
          + " holds " + a.length() + " values, got " + values.length);
    }
    return fill(a, values);
  }

  /** A new row-major float32 array of {@code shape} holding the first values of {@code values}. */
  public static INDArray prefixArray(float[] values, long... shape) {
    INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
    if (a.length() > values.length) {
      throw new IllegalArgumentException("an array of shape " + Arrays.toString(shape)
          + " holds " + a.length() + " values, got " + values.length);
    }
    return fill(a, values);
  }

  private static INDArray fill(INDArray a, float[] values) {
    int n = Math.toIntExact(a.length());
    if (n > 0) {
      new FloatPointer(a.data().addressPointer()).put(values, 0, n);
    }
    return a;
  }
}
