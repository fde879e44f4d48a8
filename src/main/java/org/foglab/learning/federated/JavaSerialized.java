package org.foglab.learning.federated;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A value shipped as Java-serialized bytes, so it survives whichever serializer a Spark session
 * is configured with: Kryo cannot rebuild Java records, which the training context is made of.
 * The value is decoded once per JVM and instance.
 */
public final class JavaSerialized<T extends Serializable> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private transient volatile T value;

  private JavaSerialized(byte[] bytes, T value) {
    this.bytes = bytes;
    this.value = value;
  }

  public static <T extends Serializable> JavaSerialized<T> of(T value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialize " + value.getClass().getName(), e);
    }
    return new JavaSerialized<>(out.toByteArray(), value);
  }

  @SuppressWarnings("unchecked")
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            v = (T) in.readObject();
          } catch (IOException e) {
            throw new UncheckedIOException("could not deserialize a broadcast value", e);
          } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class missing on an executor: " + e.getMessage(), e);
          }
          value = v;
        }
      }
    }
    return v;
  }
}
