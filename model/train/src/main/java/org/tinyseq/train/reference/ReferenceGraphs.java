package org.tinyseq.train.reference;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Tensor;

/**
 * Builds SameDiff graphs from a bundle's tensors, literally per docs/bundle-format.md, from basic
 * operations (gather or one-hot, mmul, add, sigmoid, tanh, slicing by gate block): transparent, and
 * free of the {@code lstmLayer} argument traps. Weights enter the graphs as constants holding the
 * bundle's arrays unchanged (fused gate kernels, row vectors).
 */
final class ReferenceGraphs {
  static final String SOURCE = "source";
  static final String TOKEN = "token";
  static final String H_IN = "h";
  static final String C_IN = "c";
  static final String H_OUT = "h_out";
  static final String C_OUT = "c_out";
  static final String SCORES = "scores";
  static final String BEST = "best";

  private final Architecture architecture;
  private final boolean gru;
  private final int hidden;

  ReferenceGraphs(Architecture architecture) {
    this.architecture = architecture;
    this.gru = architecture.cell() == org.tinyseq.serve.bundle.Cell.GRU;
    this.hidden = architecture.latentDim();
  }

  /**
   * The encoder unrolled over {@code steps} tokens: placeholder {@link #SOURCE} int32 [1, steps];
   * outputs {@link #H_OUT} (and {@link #C_OUT} for LSTM), the final state, starting from zeros.
   */
  SameDiff encoder(Map<String, Tensor> weights, int steps) {
    SameDiff sd = SameDiff.create();
    Cell cell = new Cell(sd, weights, "enc");
    SDVariable source = sd.placeHolder(SOURCE, DataType.INT32, 1, steps);
    SDVariable h = sd.constant("h0", Nd4j.zeros(DataType.FLOAT, 1, hidden));
    SDVariable c = gru ? null : sd.constant("c0", Nd4j.zeros(DataType.FLOAT, 1, hidden));
    for (int t = 0; t < steps; t++) {
      SDVariable token = sd.reshape(source.get(SDIndex.all(), SDIndex.point(t)), 1);
      SDVariable[] next = cell.step(token, h, c);
      h = next[0];
      c = next[1];
    }
    sd.identity(H_OUT, h);
    if (!gru) {
      sd.identity(C_OUT, c);
    }
    return sd;
  }

  /**
   * One decoder step: placeholders {@link #TOKEN} int32 [1], {@link #H_IN} (and {@link #C_IN})
   * float [1, H]; outputs {@link #SCORES} [1, Vt] (the logits), {@link #BEST} (their argmax) and
   * the new state {@link #H_OUT} (and {@link #C_OUT}).
   */
  SameDiff decoderStep(Map<String, Tensor> weights) {
    SameDiff sd = SameDiff.create();
    Cell cell = new Cell(sd, weights, "dec");
    SDVariable token = sd.placeHolder(TOKEN, DataType.INT32, 1);
    SDVariable h = sd.placeHolder(H_IN, DataType.FLOAT, 1, hidden);
    SDVariable c = gru ? null : sd.placeHolder(C_IN, DataType.FLOAT, 1, hidden);
    SDVariable[] next = cell.step(token, h, c);
    sd.identity(H_OUT, next[0]);
    if (!gru) {
      sd.identity(C_OUT, next[1]);
    }
    SDVariable scores =
        next[0]
            .mmul(constant(sd, "output_kernel", weights.get("output_kernel")))
            .add(SCORES, rowVector(sd, "output_bias", weights.get("output_bias")));
    sd.argmax(BEST, scores, 1);
    return sd;
  }

  private static SDVariable constant(SameDiff sd, String name, Tensor t) {
    long[] shape = new long[t.shape().length];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = t.shape()[i];
    }
    return sd.constant(name, Nd4j.create(t.data(), shape, 'c'));
  }

  private static SDVariable rowVector(SameDiff sd, String name, Tensor t) {
    return sd.constant(name, Nd4j.create(t.data(), new long[] {1, t.data().length}, 'c'));
  }

  /** The weights of one recurrent layer inside one graph, and its step. */
  private final class Cell {
    private final SameDiff sd;
    private final SDVariable embedding;
    private final SDVariable kernel;
    private final SDVariable recurrentKernel;
    private final SDVariable bias;
    private final SDVariable recurrentBias;
    private final int vocab;

    Cell(SameDiff sd, Map<String, Tensor> w, String prefix) {
      this.sd = sd;
      Tensor emb = w.get("embedding");
      this.embedding = emb == null ? null : constant(sd, prefix + "_embedding", emb);
      this.kernel = constant(sd, prefix + "_kernel", w.get("kernel"));
      this.vocab = emb == null ? w.get("kernel").rows() : emb.rows();
      this.recurrentKernel = constant(sd, prefix + "_recurrent_kernel", w.get("recurrent_kernel"));
      this.bias = rowVector(sd, prefix + "_bias", w.get("bias"));
      this.recurrentBias =
          gru ? rowVector(sd, prefix + "_recurrent_bias", w.get("recurrent_bias")) : null;
    }

    /** token int32 [1]; returns {h', c'} (c' null for GRU). */
    SDVariable[] step(SDVariable token, SDVariable h, SDVariable c) {
      SDVariable x =
          embedding == null
              ? sd.oneHot(token, vocab, -1, 1.0, 0.0, DataType.FLOAT)
              : sd.gather(embedding, token, 0);
      SDVariable a = x.mmul(kernel).add(bias);
      if (gru) {
        SDVariable b = h.mmul(recurrentKernel).add(recurrentBias);
        SDVariable r = sd.nn().sigmoid(block(a, 0).add(block(b, 0)));
        SDVariable u = sd.nn().sigmoid(block(a, 1).add(block(b, 1)));
        SDVariable n = sd.math().tanh(block(a, 2).add(r.mul(block(b, 2))));
        SDVariable hNext = u.rsub(1.0).mul(n).add(u.mul(h));
        return new SDVariable[] {hNext, null};
      }
      SDVariable z = a.add(h.mmul(recurrentKernel));
      SDVariable i = sd.nn().sigmoid(block(z, 0));
      SDVariable f = sd.nn().sigmoid(block(z, 1));
      SDVariable g = sd.math().tanh(block(z, 2));
      SDVariable o = sd.nn().sigmoid(block(z, 3));
      SDVariable cNext = f.mul(c).add(i.mul(g));
      SDVariable hNext = o.mul(sd.math().tanh(cNext));
      return new SDVariable[] {hNext, cNext};
    }

    private SDVariable block(SDVariable z, int gate) {
      return z.get(SDIndex.all(), SDIndex.interval(gate * hidden, (gate + 1) * hidden));
    }
  }

  static INDArray ids(int[] ids) {
    return Nd4j.createFromArray(new int[][] {ids});
  }
}
