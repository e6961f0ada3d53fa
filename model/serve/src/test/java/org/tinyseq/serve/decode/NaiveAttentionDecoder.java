package org.tinyseq.serve.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.Tensor;

/**
 * docs/bundle-format.md "Version 2: Luong attention" written down literally, in double precision,
 * one source at a time: the test oracle of the attention decoder.
 */
final class NaiveAttentionDecoder {
  private final Bundle bundle;
  private final int h;
  private final int he;

  NaiveAttentionDecoder(Bundle bundle) {
    this.bundle = bundle;
    this.h = bundle.architecture().latentDim();
    this.he = h / 2;
  }

  /** The greedy result, and the logits of every step (for comparing beam search's scores). */
  NaiveDecoder.Result decode(int[] source, int maxSteps) {
    return run(source, maxSteps, null);
  }

  /** {@code log p(target | source)} by teacher forcing; {@code target} ends with the end marker. */
  double logProbability(int[] source, int[] target) {
    double sum = 0;
    for (double lp : run(source, target.length, target).scores()) {
      sum += lp;
    }
    return sum;
  }

  /** Greedy when {@code forced} is null; else feeds {@code forced} and returns its log-softmax. */
  private NaiveDecoder.Result run(int[] source, int maxSteps, int[] forced) {
    Map<String, Tensor> enc = bundle.encoder();
    int len = source.length;
    double[][] fwd = new double[len][];
    double[][] bwd = new double[len][];
    double[] fh = new double[he];
    double[] fc = new double[he];
    for (int s = 0; s < len; s++) {
      lstm(input(enc, source[s], null), enc, "", he, fh, fc);
      fwd[s] = fh.clone();
    }
    double[] bh = new double[he];
    double[] bc = new double[he];
    double[] bhFirst = new double[he];
    double[] bcFirst = new double[he];
    for (int s = len - 1; s >= 0; s--) {
      lstm(input(enc, source[s], null), enc, "backward_", he, bh, bc);
      bwd[s] = bh.clone();
      if (s == 0) {
        bhFirst = bh.clone();
        bcFirst = bc.clone();
      }
    }
    double[][] memory = new double[len][];
    for (int s = 0; s < len; s++) {
      memory[s] = concat(fwd[s], bwd[s]);
    }
    double[] hs = concat(fh, bhFirst);
    double[] cs = concat(fc, bcFirst);
    Map<String, Tensor> dec = bundle.decoder();
    float[] a = dec.get("attention_kernel").data();
    float[] wc = dec.get("attention_output_kernel").data();
    float[] wo = dec.get("output_kernel").data();
    float[] bo = dec.get("output_bias").data();
    int vt = bo.length;
    double[][] keys = new double[len][];
    for (int s = 0; s < len; s++) {
      keys[s] = times(memory[s], a, h);
    }
    double[] feed = new double[h];
    int token = 1;
    List<Integer> ids = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    int limit =
        forced != null
            ? forced.length
            : Math.min(maxSteps, bundle.architecture().maxTargetLength());
    for (int step = 0; step < limit; step++) {
      lstm(input(dec, token, feed), dec, "", h, hs, cs);
      double[] ctx = new double[h];
      if (len > 0) {
        double[] score = new double[len];
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < len; s++) {
          for (int k = 0; k < h; k++) {
            score[s] += hs[k] * keys[s][k];
          }
          max = Math.max(max, score[s]);
        }
        double sum = 0;
        for (int s = 0; s < len; s++) {
          score[s] = Math.exp(score[s] - max);
          sum += score[s];
        }
        for (int s = 0; s < len; s++) {
          for (int k = 0; k < h; k++) {
            ctx[k] += score[s] / sum * memory[s][k];
          }
        }
      }
      double[] hat = times(concat(ctx, hs), wc, h);
      for (int k = 0; k < h; k++) {
        hat[k] = Math.tanh(hat[k]);
      }
      feed = hat;
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      double[] zs = new double[vt];
      for (int v = 0; v < vt; v++) {
        double z = bo[v];
        for (int k = 0; k < h; k++) {
          z += hat[k] * wo[k * vt + v];
        }
        zs[v] = z;
        if (z > bestScore) {
          bestScore = z;
          best = v;
        }
      }
      if (forced != null) {
        double sum = 0;
        for (double z : zs) {
          sum += Math.exp(z - bestScore);
        }
        best = forced[step];
        bestScore = zs[best] - bestScore - Math.log(sum); // the log-softmax of the forced symbol
      }
      ids.add(best);
      scores.add(bestScore);
      token = best;
      if (best == 2) {
        break;
      }
    }
    return new NaiveDecoder.Result(ids, scores);
  }

  /** {@code x·W} for a row-major W of {@code cols} columns. */
  private static double[] times(double[] x, float[] w, int cols) {
    double[] out = new double[cols];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < cols; j++) {
        out[j] += x[i] * w[i * cols + j];
      }
    }
    return out;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** [embedding[token] or one-hot ; fed] (fed absent for the encoder). */
  private static double[] input(Map<String, Tensor> g, int token, double[] fed) {
    Tensor emb = g.get("embedding");
    int fedLength = fed == null ? 0 : fed.length;
    double[] x;
    if (emb == null) {
      x = new double[g.get("kernel").rows() - fedLength];
      x[token] = 1;
    } else {
      x = new double[emb.cols()];
      for (int i = 0; i < x.length; i++) {
        x[i] = emb.data()[token * emb.cols() + i];
      }
    }
    return fed == null ? x : concat(x, fed);
  }

  /** The LSTM step of version 1 (gates i, f, g, o) with the tensors {@code prefix + name}. */
  private static void lstm(
      double[] x, Map<String, Tensor> g, String prefix, int n, double[] hs, double[] cs) {
    double[] z = times(x, g.get(prefix + "kernel").data(), 4 * n);
    double[] r = times(hs, g.get(prefix + "recurrent_kernel").data(), 4 * n);
    float[] bias = g.get(prefix + "bias").data();
    for (int j = 0; j < 4 * n; j++) {
      z[j] += r[j] + bias[j];
    }
    for (int j = 0; j < n; j++) {
      double i = sig(z[j]);
      double f = sig(z[n + j]);
      double gg = Math.tanh(z[2 * n + j]);
      double o = sig(z[3 * n + j]);
      cs[j] = f * cs[j] + i * gg;
      hs[j] = o * Math.tanh(cs[j]);
    }
  }

  private static double sig(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
