package org.tinyseq.serve.decode;

/** Scratch arrays of one decodeBatch call, sized once so that the step loop allocates nothing. */
final class Workspace {
  final float[] h;
  final float[] c;
  final float[] acc;
  final float[] xin;
  final float[] seg;
  final int[] tokens;
  final int[] rows;
  final float[] best;
  final int[] bestId;

  Workspace(int batch, int hidden, int width) {
    h = new float[batch * hidden];
    c = new float[batch * hidden];
    acc = new float[batch * width];
    xin = new float[batch * width];
    seg = new float[Kernels.TILE];
    tokens = new int[batch];
    rows = new int[batch];
    best = new float[batch];
    bestId = new int[batch];
  }
}
