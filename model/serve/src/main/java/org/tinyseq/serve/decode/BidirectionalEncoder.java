package org.tinyseq.serve.decode;

import java.util.HashMap;
import java.util.Map;
import org.tinyseq.serve.bundle.Tensor;

/**
 * The attention model's encoder (format version 2): a forward and a backward LSTM of {@code H/2}
 * each over one shared embedding. Each batch row runs over its own length (no padding steps): the
 * forward pass reads {@code x_1..x_S}, the backward pass {@code x_S..x_1}. It fills the memory bank
 * {@code m_s = [f_s ; b_s]} and the decoder's initial state {@code h_0 = [f_S ; b_1]}, {@code c_0 =
 * [fc_S ; bc_1]}.
 */
final class BidirectionalEncoder {
  private final RecurrentLayer forward;
  private final RecurrentLayer backward;
  private final int half;

  BidirectionalEncoder(Map<String, Tensor> t, int hidden, boolean vector) {
    this.half = hidden / 2;
    this.forward = new RecurrentLayer(t, false, half, vector);
    Map<String, Tensor> back = new HashMap<>();
    if (t.containsKey("embedding")) {
      back.put("embedding", t.get("embedding"));
    }
    for (String name : new String[] {"kernel", "recurrent_kernel", "bias"}) {
      back.put(name, t.get("backward_" + name));
    }
    this.backward = new RecurrentLayer(back, false, half, vector);
  }

  /**
   * Encodes every source; {@code h0[i]}, {@code c0[i]} (H floats) receive source {@code i}'s
   * initial decoder state and {@code memory.bank[i]} its memory bank.
   */
  void encode(int[][] src, AttentionMemory memory, float[][] h0, float[][] c0) {
    int batch = src.length;
    int longest = 0;
    for (int[] s : src) {
      longest = Math.max(longest, s.length);
    }
    Workspace ws = new Workspace(batch, half, 4, forward.accLength(), 0);
    run(src, longest, ws, memory, forward, false);
    for (int b = 0; b < batch; b++) {
      System.arraycopy(ws.h[b], 0, h0[b], 0, half);
      System.arraycopy(ws.c[b], 0, c0[b], 0, half);
      java.util.Arrays.fill(ws.h[b], 0f);
      java.util.Arrays.fill(ws.c[b], 0f);
    }
    run(src, longest, ws, memory, backward, true);
    for (int b = 0; b < batch; b++) {
      System.arraycopy(ws.h[b], 0, h0[b], half, half);
      System.arraycopy(ws.c[b], 0, c0[b], half, half);
    }
  }

  /** One direction; step {@code t} of row {@code b} reads position {@code s} and writes m_s. */
  private void run(
      int[][] src,
      int longest,
      Workspace ws,
      AttentionMemory memory,
      RecurrentLayer layer,
      boolean reverse) {
    int[] rows = ws.rows;
    int[] tokens = ws.tokens;
    int offset = reverse ? half : 0;
    for (int t = 0; t < longest; t++) {
      int n = 0;
      for (int b = 0; b < src.length; b++) {
        int len = src[b].length;
        if (t < len) {
          rows[n++] = b;
          tokens[b] = src[b][reverse ? len - 1 - t : t];
        }
      }
      layer.step(tokens, rows, n, ws.h, ws.c, ws);
      for (int r = 0; r < n; r++) {
        int b = rows[r];
        int s = reverse ? src[b].length - 1 - t : t;
        System.arraycopy(ws.h[b], 0, memory.bank[b][s], offset, half);
      }
    }
  }
}
