package org.tinyseq.spark.training;

import java.util.Collection;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named arrays as one {@code float[]} (in the map's order, each row-major) and back: what Spark
 * broadcasts and aggregates. Parameter maps are built from the model's shape in a fixed order, so
 * the driver and every executor agree on the layout.
 */
final class FlatArrays {
  private FlatArrays() {}

  static float[] flatten(Collection<INDArray> arrays) {
    long total = arrays.stream().mapToLong(INDArray::length).sum();
    float[] out = new float[Math.toIntExact(total)];
    int offset = 0;
    for (INDArray a : arrays) {
      float[] values = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
      System.arraycopy(values, 0, out, offset, values.length);
      offset += values.length;
    }
    return out;
  }

  /** Overwrites {@code arrays} in place with the values of {@code flat}. */
  static void assign(Collection<INDArray> arrays, float[] flat) {
    int offset = 0;
    for (INDArray a : arrays) {
      int n = Math.toIntExact(a.length());
      float[] slice = java.util.Arrays.copyOfRange(flat, offset, offset + n);
      a.assign(Nd4j.createFromArray(slice).reshape(a.shape()));
      offset += n;
    }
    if (offset != flat.length) {
      throw new IllegalStateException(
          "layout mismatch: " + flat.length + " values for " + offset + " array entries");
    }
  }

  /** {@code flat} cut into new arrays shaped like {@code like}'s entries for {@code names}. */
  static Map<String, INDArray> unflatten(Map<String, INDArray> like, String[] names, float[] flat) {
    Map<String, INDArray> out = new java.util.LinkedHashMap<>();
    int offset = 0;
    for (String name : names) {
      INDArray shape = like.get(name);
      int n = Math.toIntExact(shape.length());
      float[] slice = java.util.Arrays.copyOfRange(flat, offset, offset + n);
      out.put(name, Nd4j.createFromArray(slice).reshape(shape.shape()));
      offset += n;
    }
    return out;
  }

  /** {@code a + weight * b}, element by element; {@code a} may be null (taken as zeros). */
  static float[] addScaled(float[] a, float[] b, float weight) {
    float[] out = a == null ? new float[b.length] : a.clone();
    for (int i = 0; i < b.length; i++) {
      out[i] += weight * b[i];
    }
    return out;
  }

  static void scale(float[] a, float factor) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= factor;
    }
  }
}
