package org.tinyseq.serve.decode;

import java.util.Map;
import org.tinyseq.serve.bundle.Tensor;

/**
 * One recurrent layer (encoder or decoder) with its weights rearranged for the step loop.
 *
 * <p>The input projection {@code x·kernel + bias} depends only on the token, so it is precomputed
 * for every vocabulary entry into a {@code [V, G, H]} table and an input step is a row copy (for
 * one-hot input the table is {@code kernel + bias}). Only when that table would be large (a big
 * word vocabulary with an embedding) is the projection computed per step from the embedding
 * instead.
 *
 * <p>The recurrent kernel {@code [H, G·H]} is split by gate into {@code G} matrices {@code [H, H]}
 * of row arrays, so that the gate pre-activations of a batch row are {@code G} arrays of {@code H}
 * and the product is a sequence of {@code y += h[k]·row} over whole arrays (see {@link Kernels}).
 * Each weight row is read once per step for the whole batch.
 *
 * <p>With input feeding (the attention decoder) the kernel's last {@code fedRows} rows take a dense
 * vector that changes every step (the previous attentional vector): they are kept apart as one
 * {@link Dense} per gate and applied to the whole batch in one product per step, while the token
 * part keeps its table.
 */
final class RecurrentLayer {
  /**
   * Input tables above this many floats (8 MB) are not precomputed: the table trades heap for one
   * input product per token, and with word vocabularies it grows large (the chat model's 9,329
   * source words: 19 MB per encoder direction) where the product it saves is small beside the
   * recurrent one.
   */
  static final long MAX_TABLE_FLOATS = 2L << 20;

  final boolean gru;
  final int hidden;
  final int gates;

  /** [token][gate] -> H floats of x·kernel + bias; null when computed per step. */
  private final float[][][] table;

  private final float[][] embedding;
  private final float[][][] kernel;
  private final float[][] bias;
  private final float[][][] recurrent;
  private final float[][] recurrentBias;

  /** Gate non-linearities and state update: SIMD with the vector kernels, else scalar loops. */
  private final GateFunctions functions;

  /** The recurrent kernel per gate for the Vector API kernels; null when they are not in use. */
  private final Matrix[] recurrentVector;

  /** Per gate, the kernel rows of the fed dense input; null without input feeding. */
  private final Dense[] fed;

  RecurrentLayer(Map<String, Tensor> t, boolean gru, int hidden, boolean vector) {
    this(t, gru, hidden, vector, 0);
  }

  /**
   * @param fedRows how many of the kernel's last rows take a fed dense input (0: none)
   */
  RecurrentLayer(Map<String, Tensor> t, boolean gru, int hidden, boolean vector, int fedRows) {
    this.gru = gru;
    this.hidden = hidden;
    this.gates = gru ? 3 : 4;
    int width = gates * hidden;
    this.bias = Kernels.blocks(t.get("bias").data(), hidden);
    this.recurrent =
        vector
            ? null
            : Kernels.columnBlocks(t.get("recurrent_kernel").data(), hidden, width, hidden);
    this.recurrentBias = gru ? Kernels.blocks(t.get("recurrent_bias").data(), hidden) : null;
    this.recurrentVector = vector ? perGate(t.get("recurrent_kernel").data()) : null;
    this.functions = vector ? GateFunctions.vector() : GateFunctions.SCALAR;
    Tensor k = t.get("kernel");
    Tensor emb = t.get("embedding");
    int tokenRows = k.rows() - fedRows;
    if (fedRows > 0) {
      fed = new Dense[gates];
      for (int g = 0; g < gates; g++) {
        float[] part = Dense.slice(k.data(), width, tokenRows, k.rows(), g * hidden, hidden);
        fed[g] = new Dense(part, fedRows, hidden, vector);
      }
    } else {
      fed = null;
    }
    float[][][] kernelByGate = Kernels.columnBlocks(k.data(), tokenRows, width, hidden);
    if (emb == null) {
      table = new float[tokenRows][gates][];
      for (int v = 0; v < tokenRows; v++) {
        for (int g = 0; g < gates; g++) {
          float[] row = kernelByGate[g][v].clone();
          Kernels.axpy(row, bias[g], 1f, hidden);
          table[v][g] = row;
        }
      }
      embedding = null;
      kernel = null;
    } else {
      embedding = rows(emb);
      kernel = kernelByGate;
      if ((long) emb.rows() * width <= MAX_TABLE_FLOATS) {
        float[][][] tab = new float[emb.rows()][gates][hidden];
        for (int v = 0; v < emb.rows(); v++) {
          projectInto(v, tab[v]);
        }
        table = tab;
      } else {
        table = null;
      }
    }
  }

  private Matrix[] perGate(float[] kernel) {
    int width = gates * hidden;
    Matrix[] out = new Matrix[gates];
    for (int g = 0; g < gates; g++) {
      float[] m = new float[hidden * hidden];
      for (int k = 0; k < hidden; k++) {
        System.arraycopy(kernel, k * width + g * hidden, m, k * hidden, hidden);
      }
      out[g] = Matrix.vector(m, hidden, hidden, null);
    }
    return out;
  }

  /**
   * Floats of the precomputed input table a layer over {@code tokenRows} tokens builds: always for
   * one-hot input, for an embedding only within {@link #MAX_TABLE_FLOATS} (see the constructor).
   */
  static long tableFloats(long tokenRows, int gates, int hidden, boolean embedded) {
    long floats = tokenRows * gates * hidden;
    return !embedded || floats <= MAX_TABLE_FLOATS ? floats : 0;
  }

  /** Accumulator length the kernels need: H, or H rounded up to the vector panel width. */
  int accLength() {
    return recurrentVector == null ? hidden : recurrentVector[0].paddedCols();
  }

  private static float[][] rows(Tensor m) {
    float[][] out = new float[m.rows()][m.cols()];
    for (int r = 0; r < m.rows(); r++) {
      System.arraycopy(m.data(), r * m.cols(), out[r], 0, m.cols());
    }
    return out;
  }

  /** {@code dst[g] = embedding[token]·kernel[:, g] + bias[g]} for every gate g. */
  private void projectInto(int token, float[][] dst) {
    float[] x = embedding[token];
    for (int g = 0; g < gates; g++) {
      float[] d = dst[g];
      System.arraycopy(bias[g], 0, d, 0, hidden);
      float[][] kg = kernel[g];
      for (int e = 0; e < x.length; e++) {
        Kernels.axpy(d, kg[e], x[e], hidden);
      }
    }
  }

  private void input(int token, float[][] dst) {
    if (table == null) {
      projectInto(token, dst);
      return;
    }
    float[][] src = table[token];
    for (int g = 0; g < gates; g++) {
      System.arraycopy(src[g], 0, dst[g], 0, hidden);
    }
  }

  /**
   * One step for the batch rows {@code rows[0, n)}: row {@code b} reads {@code tokens[b]} and
   * updates {@code h[b]} (and {@code c[b]} for LSTM) in place.
   */
  void step(int[] tokens, int[] rows, int n, float[][] h, float[][] c, Workspace ws) {
    step(tokens, rows, n, h, c, ws, null);
  }

  /** The same with input feeding: row {@code b}'s input also holds {@code fedInput[b]}. */
  void step(
      int[] tokens, int[] rows, int n, float[][] h, float[][] c, Workspace ws, float[][] fedInput) {
    float[][][] acc = ws.acc;
    for (int r = 0; r < n; r++) {
      int b = rows[r];
      if (gru) {
        input(tokens[b], ws.xin[b]);
        for (int g = 0; g < gates; g++) {
          System.arraycopy(recurrentBias[g], 0, acc[b][g], 0, hidden);
        }
      } else {
        input(tokens[b], acc[b]);
      }
    }
    if (fed != null) {
      for (int g = 0; g < gates; g++) {
        fed[g].multiplyAdd(fedInput, rows, n, ws.accByGate[g]);
      }
    }
    if (recurrentVector != null) {
      for (int g = 0; g < gates; g++) {
        recurrentVector[g].multiplyAdd(h, rows, n, ws.accByGate[g]);
      }
    }
    for (int g = 0; g < gates && recurrentVector == null; g++) {
      float[][] rg = recurrent[g];
      for (int k = 0; k < hidden; k++) {
        float[] row = rg[k];
        for (int r = 0; r < n; r++) {
          int b = rows[r];
          Kernels.axpy(acc[b][g], row, h[b][k], hidden);
        }
      }
    }
    for (int r = 0; r < n; r++) {
      int b = rows[r];
      if (gru) {
        functions.gru(acc[b], ws.xin[b], h[b], hidden);
      } else {
        functions.lstm(acc[b], h[b], c[b], hidden);
      }
    }
  }
}
