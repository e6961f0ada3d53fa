package org.tinyseq.serve.decode;

import java.util.Map;
import org.tinyseq.serve.bundle.Tensor;

/**
 * One recurrent layer (encoder or decoder) with its weights rearranged for the step loop.
 *
 * <p>The input projection {@code x·kernel + bias} depends only on the token, so it is precomputed
 * for every vocabulary entry into a {@code [V, G·H]} table and an input step becomes a row copy
 * (for one-hot input the table is {@code kernel + bias}). Only when that table would be large (big
 * word vocabularies with an embedding) is the projection computed per step from the embedding.
 *
 * <p>The recurrent kernel {@code [H, G·H]} is stored in column tiles of {@link Kernels#TILE}
 * columns, each tile contiguous ({@code [H, TILE]}), so that the batched product streams each tile
 * once per step for the whole batch while it sits in the L2 cache.
 */
final class RecurrentLayer {
  /** Input tables above this many floats (64 MB) are not precomputed. */
  static final long MAX_TABLE_FLOATS = 16L << 20;

  final boolean gru;
  final int hidden;
  final int width;
  private final float[] table;
  private final float[] embedding;
  private final int embeddingDim;
  private final float[] kernel;
  private final float[] bias;
  private final float[] recurrentTiles;
  private final float[] recurrentBias;

  RecurrentLayer(Map<String, Tensor> t, boolean gru, int hidden) {
    this.gru = gru;
    this.hidden = hidden;
    this.width = (gru ? 3 : 4) * hidden;
    this.bias = t.get("bias").data();
    this.recurrentTiles = Kernels.tile(t.get("recurrent_kernel").data(), hidden, width);
    this.recurrentBias = gru ? t.get("recurrent_bias").data() : null;
    Tensor emb = t.get("embedding");
    float[] k = t.get("kernel").data();
    if (emb == null) {
      int vocab = t.get("kernel").rows();
      table = new float[vocab * width];
      for (int v = 0; v < vocab; v++) {
        for (int j = 0; j < width; j++) {
          table[v * width + j] = k[v * width + j] + bias[j];
        }
      }
      embedding = null;
      embeddingDim = 0;
      kernel = null;
    } else if ((long) emb.rows() * width <= MAX_TABLE_FLOATS) {
      int vocab = emb.rows();
      int e = emb.cols();
      table = new float[vocab * width];
      float[] ed = emb.data();
      for (int v = 0; v < vocab; v++) {
        int row = v * width;
        System.arraycopy(bias, 0, table, row, width);
        for (int d = 0; d < e; d++) {
          Kernels.axpy(table, row, k, d * width, ed[v * e + d], width);
        }
      }
      embedding = null;
      embeddingDim = 0;
      kernel = null;
    } else {
      table = null;
      embedding = emb.data();
      embeddingDim = emb.cols();
      kernel = k;
    }
  }

  /** Writes {@code x·kernel + bias} of {@code token} into {@code dst[off, off + width)}. */
  void input(int token, float[] dst, int off) {
    if (table != null) {
      System.arraycopy(table, token * width, dst, off, width);
      return;
    }
    System.arraycopy(bias, 0, dst, off, width);
    int e = token * embeddingDim;
    for (int d = 0; d < embeddingDim; d++) {
      Kernels.axpy(dst, off, kernel, d * width, embedding[e + d], width);
    }
  }

  /**
   * One step for the batch rows {@code rows[0, n)}: row {@code b} reads {@code tokens[b]} and
   * updates {@code h[b·H, (b+1)·H)} (and {@code c} for LSTM) in place.
   */
  void step(int[] tokens, int[] rows, int n, float[] h, float[] c, Workspace ws) {
    float[] acc = ws.acc;
    float[] xin = ws.xin;
    for (int r = 0; r < n; r++) {
      int b = rows[r];
      if (gru) {
        input(tokens[b], xin, b * width);
        System.arraycopy(recurrentBias, 0, acc, b * width, width);
      } else {
        input(tokens[b], acc, b * width);
      }
    }
    Kernels.addProduct(h, hidden, rows, n, recurrentTiles, width, acc, width);
    for (int r = 0; r < n; r++) {
      int b = rows[r];
      if (gru) {
        gruGates(acc, xin, b * width, h, b * hidden);
      } else {
        lstmGates(acc, b * width, h, c, b * hidden);
      }
    }
  }

  private void lstmGates(float[] z, int zo, float[] h, float[] c, int ho) {
    int hh = hidden;
    for (int j = 0; j < hh; j++) {
      float i = Kernels.sigmoid(z[zo + j]);
      float f = Kernels.sigmoid(z[zo + hh + j]);
      float g = Kernels.tanh(z[zo + 2 * hh + j]);
      float o = Kernels.sigmoid(z[zo + 3 * hh + j]);
      float cn = f * c[ho + j] + i * g;
      c[ho + j] = cn;
      h[ho + j] = o * Kernels.tanh(cn);
    }
  }

  private void gruGates(float[] b, float[] a, int zo, float[] h, int ho) {
    int hh = hidden;
    for (int j = 0; j < hh; j++) {
      float r = Kernels.sigmoid(a[zo + j] + b[zo + j]);
      float u = Kernels.sigmoid(a[zo + hh + j] + b[zo + hh + j]);
      float nn = Kernels.tanh(a[zo + 2 * hh + j] + r * b[zo + 2 * hh + j]);
      h[ho + j] = (1 - u) * nn + u * h[ho + j];
    }
  }
}
