package org.tinyseq.serve.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.Tensor;

/** docs/bundle-format.md written down literally (double precision, no tables): the test oracle. */
final class NaiveDecoder {
  private final Bundle bundle;
  private final boolean gru;
  private final int h;

  NaiveDecoder(Bundle bundle) {
    this.bundle = bundle;
    this.gru = bundle.architecture().cell() == Cell.GRU;
    this.h = bundle.architecture().latentDim();
  }

  record Result(List<Integer> ids, List<Double> scores) {}

  Result decode(int[] source, int maxSteps) {
    double[] hs = new double[h];
    double[] cs = new double[h];
    for (int id : source) {
      step(bundle.encoder(), id, hs, cs);
    }
    Map<String, Tensor> dec = bundle.decoder();
    Tensor wo = dec.get("output_kernel");
    float[] bo = dec.get("output_bias").data();
    int vt = bo.length;
    List<Integer> ids = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    int token = 1;
    int limit = Math.min(maxSteps, bundle.architecture().maxTargetLength());
    for (int s = 0; s < limit; s++) {
      step(dec, token, hs, cs);
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < vt; v++) {
        double z = bo[v];
        for (int k = 0; k < h; k++) {
          z += hs[k] * wo.data()[k * vt + v];
        }
        if (z > bestScore) {
          bestScore = z;
          best = v;
        }
      }
      ids.add(best);
      scores.add(bestScore);
      token = best;
      if (best == 2) {
        break;
      }
    }
    return new Result(ids, scores);
  }

  private void step(Map<String, Tensor> g, int token, double[] hs, double[] cs) {
    int width = (gru ? 3 : 4) * h;
    double[] x = input(g, token);
    double[] a = new double[width];
    double[] b = new double[width];
    float[] k = g.get("kernel").data();
    float[] r = g.get("recurrent_kernel").data();
    float[] bias = g.get("bias").data();
    for (int j = 0; j < width; j++) {
      double s = bias[j];
      for (int i = 0; i < x.length; i++) {
        s += x[i] * k[i * width + j];
      }
      a[j] = s;
      double t = gru ? g.get("recurrent_bias").data()[j] : 0;
      for (int i = 0; i < h; i++) {
        t += hs[i] * r[i * width + j];
      }
      b[j] = t;
    }
    for (int j = 0; j < h; j++) {
      if (gru) {
        double rr = sig(a[j] + b[j]);
        double u = sig(a[h + j] + b[h + j]);
        double n = Math.tanh(a[2 * h + j] + rr * b[2 * h + j]);
        hs[j] = (1 - u) * n + u * hs[j];
      } else {
        double i = sig(a[j] + b[j]);
        double f = sig(a[h + j] + b[h + j]);
        double gg = Math.tanh(a[2 * h + j] + b[2 * h + j]);
        double o = sig(a[3 * h + j] + b[3 * h + j]);
        cs[j] = f * cs[j] + i * gg;
        hs[j] = o * Math.tanh(cs[j]);
      }
    }
  }

  private static double[] input(Map<String, Tensor> g, int token) {
    Tensor emb = g.get("embedding");
    if (emb == null) {
      double[] x = new double[g.get("kernel").rows()];
      x[token] = 1;
      return x;
    }
    double[] x = new double[emb.cols()];
    for (int i = 0; i < x.length; i++) {
      x[i] = emb.data()[token * emb.cols() + i];
    }
    return x;
  }

  private static double sig(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
