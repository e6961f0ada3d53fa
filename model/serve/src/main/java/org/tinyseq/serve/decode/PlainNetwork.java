package org.tinyseq.serve.decode;

import java.util.Map;
import org.tinyseq.serve.bundle.Tensor;

/** The design of format version 1: encoder and decoder LSTM or GRU, output from h. */
final class PlainNetwork implements Network {
  private final RecurrentLayer encoder;
  private final RecurrentLayer decoder;
  private final int hidden;

  PlainNetwork(
      Map<String, Tensor> enc, Map<String, Tensor> dec, boolean gru, int hidden, boolean vector) {
    this.hidden = hidden;
    this.encoder = new RecurrentLayer(enc, gru, hidden, vector);
    this.decoder = new RecurrentLayer(dec, gru, hidden, vector);
  }

  private Workspace workspace(int rows) {
    return new Workspace(rows, hidden, encoder.gates, encoder.accLength(), OutputLayer.BLOCK);
  }

  @Override
  public Workspace start(int[][] src, int[] sourceOf) {
    Workspace encoded = workspace(src.length);
    encode(src, encoded);
    if (isIdentity(sourceOf, src.length)) {
      return encoded;
    }
    Workspace ws = workspace(sourceOf.length);
    for (int b = 0; b < sourceOf.length; b++) {
      System.arraycopy(encoded.h[sourceOf[b]], 0, ws.h[b], 0, hidden);
      System.arraycopy(encoded.c[sourceOf[b]], 0, ws.c[b], 0, hidden);
    }
    return ws;
  }

  static boolean isIdentity(int[] sourceOf, int sources) {
    if (sourceOf.length != sources) {
      return false;
    }
    for (int b = 0; b < sources; b++) {
      if (sourceOf[b] != b) {
        return false;
      }
    }
    return true;
  }

  /** Runs the encoder from zero state; each row stops at its own length, keeping its state. */
  private void encode(int[][] src, Workspace ws) {
    int longest = 0;
    for (int[] s : src) {
      longest = Math.max(longest, s.length);
    }
    int[] rows = ws.rows;
    int[] tokens = ws.tokens;
    for (int t = 0; t < longest; t++) {
      int n = 0;
      for (int b = 0; b < src.length; b++) {
        if (t < src[b].length) {
          rows[n++] = b;
          tokens[b] = src[b][t];
        }
      }
      encoder.step(tokens, rows, n, ws.h, ws.c, ws);
    }
  }

  @Override
  public void step(Workspace ws, int[] tokens, int[] rows, int n) {
    decoder.step(tokens, rows, n, ws.h, ws.c, ws);
  }

  @Override
  public float[][] outputs(Workspace ws) {
    return ws.h;
  }

  @Override
  public void reorder(Workspace ws, int[] from, int[] to, int n) {
    ws.reorder(from, to, n, null);
  }
}
