package org.tinyseq.serve.bundle;

import java.util.Arrays;

/**
 * A named dense float32 tensor in row-major order.
 *
 * @param name tensor name inside its file
 * @param shape dimensions, outermost first
 * @param data {@code product(shape)} values, row-major
 */
public record Tensor(String name, int[] shape, float[] data) {

  public Tensor {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + name);
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          name
              + ": shape "
              + Arrays.toString(shape)
              + " does not match "
              + data.length
              + " values");
    }
  }

  public int rows() {
    return shape[0];
  }

  public int cols() {
    return shape.length > 1 ? shape[1] : 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && Arrays.equals(shape, t.shape)
        && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
