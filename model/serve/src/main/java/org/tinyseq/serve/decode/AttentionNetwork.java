package org.tinyseq.serve.decode;

import java.util.Map;
import org.tinyseq.serve.bundle.Tensor;

/**
 * The attention design of format version 2: {@link BidirectionalEncoder}, an LSTM decoder with
 * input feeding (its input is {@code [embedding(y) ; ĥ_prev]}: the token part from a table, the fed
 * part one batched product per step) and {@link AttentionLayer}; the output layer reads ĥ.
 */
final class AttentionNetwork implements Network {
  private final BidirectionalEncoder encoder;
  private final RecurrentLayer decoder;
  private final AttentionLayer attention;
  private final int hidden;

  AttentionNetwork(Map<String, Tensor> enc, Map<String, Tensor> dec, int hidden, boolean vector) {
    this.hidden = hidden;
    this.encoder = new BidirectionalEncoder(enc, hidden, vector);
    this.decoder = new RecurrentLayer(dec, false, hidden, vector, hidden);
    this.attention = new AttentionLayer(dec, hidden, vector);
  }

  @Override
  public Workspace start(int[][] src, int[] sourceOf) {
    Workspace ws =
        new Workspace(sourceOf.length, hidden, 4, decoder.accLength(), OutputLayer.BLOCK);
    AttentionMemory memory =
        new AttentionMemory(src, sourceOf, hidden, Math.max(attention.accLength(), hidden));
    float[][] h0 = new float[src.length][hidden];
    float[][] c0 = new float[src.length][hidden];
    encoder.encode(src, memory, h0, c0);
    attention.precomputeKeys(memory);
    for (int b = 0; b < sourceOf.length; b++) {
      System.arraycopy(h0[sourceOf[b]], 0, ws.h[b], 0, hidden);
      System.arraycopy(c0[sourceOf[b]], 0, ws.c[b], 0, hidden);
    }
    ws.attention = memory;
    return ws;
  }

  @Override
  public void step(Workspace ws, int[] tokens, int[] rows, int n) {
    AttentionMemory memory = ws.attention;
    decoder.step(tokens, rows, n, ws.h, ws.c, ws, memory.feed);
    attention.attend(memory, ws.h, rows, n);
  }

  @Override
  public float[][] outputs(Workspace ws) {
    return ws.attention.feed;
  }

  @Override
  public void reorder(Workspace ws, int[] from, int[] to, int n) {
    ws.reorder(from, to, n, ws.attention.feed);
  }
}
