package org.tinyseq.train.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.Tensor;
import org.tinyseq.serve.text.Vocabulary;
import org.tinyseq.train.training.EncodedPair;

/**
 * docs/bundle-format.md's arithmetic written out literally (double precision, no tricks), to check
 * that the training graphs compute what the bundle promises.
 */
final class ReferenceArithmetic {
  private final Map<String, Tensor> enc;
  private final Map<String, Tensor> dec;
  private final boolean gru;
  private final int h;

  ReferenceArithmetic(Map<String, Tensor> enc, Map<String, Tensor> dec, boolean gru, int h) {
    this.enc = enc;
    this.dec = dec;
    this.gru = gru;
    this.h = h;
  }

  /**
   * Token-weighted mean cross-entropy of {@code pairs} over the exported tensors of {@code
   * parameters}: what training computes for a batch of them.
   */
  static double meanLoss(Parameters parameters, ModelConfig config, List<EncodedPair> pairs) {
    ReferenceArithmetic reference =
        new ReferenceArithmetic(
            byName(BundleTensors.encoder(parameters)),
            byName(BundleTensors.decoder(parameters)),
            config.gru(),
            config.latentDim());
    double sum = 0;
    int tokens = 0;
    for (EncodedPair p : pairs) {
      double loss =
          config.luong()
              ? reference.attentionLoss(p.source(), p.target())
              : reference.loss(p.source(), p.target(), config.teacherForcing());
      sum += loss * (p.target().length + 1);
      tokens += p.target().length + 1;
    }
    return sum / tokens;
  }

  private static Map<String, Tensor> byName(List<Tensor> tensors) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    tensors.forEach(t -> m.put(t.name(), t));
    return m;
  }

  /**
   * Mean cross-entropy per target token of one pair: teacher forced (decoder reads start marker
   * then the true target) or fed back (decoder reads its previous argmax).
   */
  double loss(int[] source, int[] target, boolean teacherForcing) {
    double[][] state = {new double[h], new double[h]};
    for (int id : source) {
      state = step(enc, id, state);
    }
    double sum = 0;
    int input = Vocabulary.START;
    for (int t = 0; t <= target.length; t++) {
      int label = t < target.length ? target[t] : Vocabulary.END;
      state = step(dec, input, state);
      double[] logits = logits(state[0]);
      double max = Double.NEGATIVE_INFINITY;
      int argmax = 0;
      for (int k = 0; k < logits.length; k++) {
        if (logits[k] > max) {
          max = logits[k];
          argmax = k;
        }
      }
      double z = 0;
      for (double l : logits) {
        z += Math.exp(l - max);
      }
      sum += -(logits[label] - max - Math.log(z));
      input = teacherForcing ? label : argmax;
    }
    return sum / (target.length + 1);
  }

  /**
   * Mean cross-entropy per target token of one pair under the attention model of
   * docs/bundle-format.md, version 2 (teacher forced).
   */
  double attentionLoss(int[] source, int[] target) {
    int he = h / 2;
    int n = source.length;
    double[][] forward = new double[n][];
    double[][] backward = new double[n][];
    double[][] state = {new double[he], new double[he]};
    for (int t = 0; t < n; t++) {
      state = lstm(enc, "", source[t], null, state, he);
      forward[t] = state[0];
    }
    double[][] last = state;
    state = new double[][] {new double[he], new double[he]};
    for (int t = n - 1; t >= 0; t--) {
      state = lstm(enc, "backward_", source[t], null, state, he);
      backward[t] = state[0];
    }
    double[][] memory = new double[n][];
    for (int t = 0; t < n; t++) {
      memory[t] = concat(forward[t], backward[t]);
    }
    double[][] dec = {concat(last[0], state[0]), concat(last[1], state[1])};
    double[] hat = new double[h];
    double[] a = toDouble(this.dec.get("attention_kernel").data());
    double[] wc = toDouble(this.dec.get("attention_output_kernel").data());
    double sum = 0;
    int input = Vocabulary.START;
    for (int t = 0; t <= target.length; t++) {
      int label = t < target.length ? target[t] : Vocabulary.END;
      dec = lstm(this.dec, "", input, hat, dec, h);
      double[] hidden = dec[0];
      double[] scores = new double[n];
      double max = Double.NEGATIVE_INFINITY;
      for (int s = 0; s < n; s++) {
        double[] key = times(memory[s], a, h, h);
        for (int k = 0; k < h; k++) {
          scores[s] += hidden[k] * key[k];
        }
        max = Math.max(max, scores[s]);
      }
      double z = 0;
      for (int s = 0; s < n; s++) {
        z += Math.exp(scores[s] - max);
      }
      double[] context = new double[h];
      for (int s = 0; s < n; s++) {
        double weight = Math.exp(scores[s] - max) / z;
        for (int k = 0; k < h; k++) {
          context[k] += weight * memory[s][k];
        }
      }
      hat = times(concat(context, hidden), wc, 2 * h, h);
      for (int k = 0; k < h; k++) {
        hat[k] = Math.tanh(hat[k]);
      }
      sum += crossEntropy(logits(hat), label);
      input = label;
    }
    return sum / (target.length + 1);
  }

  private static double crossEntropy(double[] logits, int label) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double z = 0;
    for (double l : logits) {
      z += Math.exp(l - max);
    }
    return -(logits[label] - max - Math.log(z));
  }

  /** One LSTM step with input [x(id) ; extra] (extra may be null) and the given tensor prefix. */
  private static double[][] lstm(
      Map<String, Tensor> g, String prefix, int id, double[] extra, double[][] state, int hidden) {
    int width = 4 * hidden;
    Tensor emb = g.get("embedding");
    double[] kernel = toDouble(g.get(prefix + "kernel").data());
    double[] z = toDouble(g.get(prefix + "bias").data());
    int inputRows;
    if (emb == null) {
      inputRows = g.get(prefix + "kernel").rows() - (extra == null ? 0 : extra.length);
      for (int j = 0; j < width; j++) {
        z[j] += kernel[id * width + j];
      }
    } else {
      inputRows = emb.cols();
      for (int i = 0; i < inputRows; i++) {
        double x = emb.data()[id * inputRows + i];
        for (int j = 0; j < width; j++) {
          z[j] += x * kernel[i * width + j];
        }
      }
    }
    if (extra != null) {
      for (int i = 0; i < extra.length; i++) {
        for (int j = 0; j < width; j++) {
          z[j] += extra[i] * kernel[(inputRows + i) * width + j];
        }
      }
    }
    double[] rk = toDouble(g.get(prefix + "recurrent_kernel").data());
    for (int i = 0; i < hidden; i++) {
      for (int j = 0; j < width; j++) {
        z[j] += state[0][i] * rk[i * width + j];
      }
    }
    double[] hn = new double[hidden];
    double[] cn = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      double i = sig(z[j]);
      double f = sig(z[hidden + j]);
      double gg = Math.tanh(z[2 * hidden + j]);
      double o = sig(z[3 * hidden + j]);
      cn[j] = f * state[1][j] + i * gg;
      hn[j] = o * Math.tanh(cn[j]);
    }
    return new double[][] {hn, cn};
  }

  /** Row vector x [rows] times matrix m [rows, cols]. */
  private static double[] times(double[] x, double[] m, int rows, int cols) {
    double[] out = new double[cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[j] += x[i] * m[i * cols + j];
      }
    }
    return out;
  }

  private static double[] concat(double[] x, double[] y) {
    double[] out = java.util.Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }

  private double[] logits(double[] hidden) {
    Tensor k = dec.get("output_kernel");
    Tensor b = dec.get("output_bias");
    double[] out = new double[b.data().length];
    for (int j = 0; j < out.length; j++) {
      double s = b.data()[j];
      for (int i = 0; i < h; i++) {
        s += hidden[i] * k.data()[i * out.length + j];
      }
      out[j] = s;
    }
    return out;
  }

  private double[][] step(Map<String, Tensor> g, int id, double[][] state) {
    int width = (gru ? 3 : 4) * h;
    double[] x;
    Tensor emb = g.get("embedding");
    Tensor kernel = g.get("kernel");
    double[] a = new double[width];
    if (emb == null) {
      for (int j = 0; j < width; j++) {
        a[j] = kernel.data()[id * width + j];
      }
    } else {
      int e = emb.cols();
      x = new double[e];
      for (int i = 0; i < e; i++) {
        x[i] = emb.data()[id * e + i];
      }
      for (int j = 0; j < width; j++) {
        double s = 0;
        for (int i = 0; i < e; i++) {
          s += x[i] * kernel.data()[i * width + j];
        }
        a[j] = s;
      }
    }
    double[] hPrev = state[0];
    double[] rec = new double[width];
    Tensor rk = g.get("recurrent_kernel");
    for (int j = 0; j < width; j++) {
      double s = 0;
      for (int i = 0; i < h; i++) {
        s += hPrev[i] * rk.data()[i * width + j];
      }
      rec[j] = s;
    }
    double[] bias = toDouble(g.get("bias").data());
    if (gru) {
      double[] rb = toDouble(g.get("recurrent_bias").data());
      double[] hn = new double[h];
      for (int j = 0; j < h; j++) {
        double r = sig(a[j] + bias[j] + rec[j] + rb[j]);
        double u = sig(a[h + j] + bias[h + j] + rec[h + j] + rb[h + j]);
        double n = Math.tanh(a[2 * h + j] + bias[2 * h + j] + r * (rec[2 * h + j] + rb[2 * h + j]));
        hn[j] = (1 - u) * n + u * hPrev[j];
      }
      return new double[][] {hn, new double[h]};
    }
    double[] hn = new double[h];
    double[] cn = new double[h];
    for (int j = 0; j < h; j++) {
      double i = sig(a[j] + rec[j] + bias[j]);
      double f = sig(a[h + j] + rec[h + j] + bias[h + j]);
      double gg = Math.tanh(a[2 * h + j] + rec[2 * h + j] + bias[2 * h + j]);
      double o = sig(a[3 * h + j] + rec[3 * h + j] + bias[3 * h + j]);
      cn[j] = f * state[1][j] + i * gg;
      hn[j] = o * Math.tanh(cn[j]);
    }
    return new double[][] {hn, cn};
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  private static double sig(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
