package org.tinyseq.serve.decode;

import java.util.Arrays;
import java.util.Map;
import org.tinyseq.serve.bundle.Tensor;

/**
 * Luong "general" attention with the attentional vector (format version 2): {@code score_s = h ·
 * (m_s·A)} over the real source steps, softmax, context {@code c = Σ a_s m_s}, {@code ĥ = tanh([c ;
 * h]·W_c)}.
 *
 * <p>The keys {@code m_s·A} are computed once per decode call for every source step of the batch
 * (one product over all of them). Scores and context differ per row (each row has its own memory),
 * so they are {@link Kernels#axpy} loops over that row's arrays; {@code [c ; h]·W_c} is one batched
 * product per half of {@code W_c}. An empty source has no memory: its context is zero.
 */
final class AttentionLayer {
  private final int hidden;
  private final Dense keys;
  private final Dense fromContext;
  private final Dense fromState;
  private final GateFunctions functions;

  AttentionLayer(Map<String, Tensor> t, int hidden, boolean vector) {
    this.hidden = hidden;
    this.keys = new Dense(t.get("attention_kernel").data(), hidden, hidden, vector);
    float[] wc = t.get("attention_output_kernel").data();
    this.fromContext =
        new Dense(Dense.slice(wc, hidden, 0, hidden, 0, hidden), hidden, hidden, vector);
    this.fromState =
        new Dense(Dense.slice(wc, hidden, hidden, 2 * hidden, 0, hidden), hidden, hidden, vector);
    this.functions = vector ? GateFunctions.vector() : GateFunctions.SCALAR;
  }

  /** Accumulator length of the attentional vector (see {@link Dense#accLength}). */
  int accLength() {
    return Math.max(keys.accLength(), fromContext.accLength());
  }

  /** Fills {@code memory.keys} from {@code memory.bank}: one product for every source step. */
  void precomputeKeys(AttentionMemory memory) {
    int total = 0;
    for (int len : memory.length) {
      total += len;
    }
    float[][] x = new float[total][];
    float[][] acc = new float[total][accLength()];
    int[] rows = new int[total];
    int i = 0;
    for (int src = 0; src < memory.length.length; src++) {
      for (int s = 0; s < memory.length[src]; s++, i++) {
        x[i] = memory.bank[src][s];
        rows[i] = i;
      }
    }
    keys.multiplyAdd(x, rows, total, acc);
    i = 0;
    for (int src = 0; src < memory.length.length; src++) {
      float[][] k = memory.keys[src];
      for (int s = 0; s < memory.length[src]; s++, i++) {
        for (int j = 0; j < hidden; j++) {
          k[j][s] = acc[i][j];
        }
      }
    }
  }

  /**
   * For the batch rows {@code rows[0, n)}: {@code memory.feed[b] = ĥ} from the state {@code h[b]}.
   */
  void attend(AttentionMemory memory, float[][] h, int[] rows, int n) {
    for (int r = 0; r < n; r++) {
      int b = rows[r];
      context(memory, b, h[b]);
    }
    float[][] feed = memory.feed;
    for (int r = 0; r < n; r++) {
      Arrays.fill(feed[rows[r]], 0f);
    }
    fromContext.multiplyAdd(memory.context, rows, n, feed);
    fromState.multiplyAdd(h, rows, n, feed);
    for (int r = 0; r < n; r++) {
      functions.tanh(feed[rows[r]], hidden);
    }
  }

  /** Scores, softmax and context of one row. */
  private void context(AttentionMemory memory, int b, float[] state) {
    int src = memory.sourceOf[b];
    int len = memory.length[src];
    float[] w = memory.weights[b];
    float[] ctx = memory.context[b];
    Arrays.fill(ctx, 0f);
    if (len == 0) {
      return;
    }
    Arrays.fill(w, 0, len, 0f);
    float[][] k = memory.keys[src];
    for (int j = 0; j < hidden; j++) {
      Kernels.axpy(w, k[j], state[j], len);
    }
    float max = w[0];
    for (int s = 1; s < len; s++) {
      max = Math.max(max, w[s]);
    }
    float sum = 0f;
    for (int s = 0; s < len; s++) {
      w[s] = Kernels.exp(w[s] - max);
      sum += w[s];
    }
    float[][] bank = memory.bank[src];
    for (int s = 0; s < len; s++) {
      Kernels.axpy(ctx, bank[s], w[s] / sum, hidden);
    }
  }
}
