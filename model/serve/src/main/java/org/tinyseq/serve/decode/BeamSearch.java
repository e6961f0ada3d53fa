package org.tinyseq.serve.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Beam search over a {@link Network}, all sources of a batch together: source {@code i} owns the
 * decoder rows {@code i·k .. i·k+k-1}, and one step advances every live row of every source.
 *
 * <p>Per source and step (as fairseq does): the {@code 2k} best continuations of its live
 * hypotheses by total log-probability; an end marker among the first {@code k} of them finishes
 * that hypothesis, the first {@code k} continuations without end marker stay live. A source is done
 * when {@code k} hypotheses finished; at the step limit its live ones finish as cut. The answer is
 * the finished hypothesis with the best length-normalised score {@code log P / lp}, with GNMT's
 * length penalty {@code lp = ((5 + |Y|) / 6)^α}, {@code α =} {@value #ALPHA} (Wu et al. 2016), |Y|
 * counting the end marker. Without normalisation beam search favours short outputs (every character
 * costs log-probability); dividing by the length (α = 1) favours long repetitive ones; α = 0.6 is
 * the value GNMT tuned between the two.
 *
 * <p>With {@code k = 1} this is greedy decoding exactly: the best continuation is the argmax of the
 * logits (lowest id on ties, as {@link OutputLayer#argmax}), an end marker finishes the source, and
 * the logits are bit for bit the greedy ones.
 */
final class BeamSearch {
  static final double ALPHA = 0.6;

  private final Network network;
  private final OutputLayer output;
  private final Vocabulary target;
  private final int k;
  private final ReplyRules rules;
  private final WordRepeats repeats;

  BeamSearch(Network network, OutputLayer output, Vocabulary target, int beam) {
    this(network, output, target, beam, ReplyRules.NONE);
  }

  BeamSearch(Network network, OutputLayer output, Vocabulary target, int beam, ReplyRules rules) {
    this.network = network;
    this.output = output;
    this.target = target;
    this.k = beam;
    this.rules = rules;
    this.repeats =
        rules.noRepeatWordNgram() > 0 ? new WordRepeats(target, rules.noRepeatWordNgram()) : null;
  }

  private record Finished(int[] ids, float[] logits, double logProbability, double score) {}

  /** The best finished hypothesis of each source. */
  List<Decoded> decode(int[][] src, int limit) {
    List<Decoded> out = new ArrayList<>(src.length);
    for (List<Hypothesis> f : search(src, limit)) {
      out.add(f.get(0).decoded());
    }
    return out;
  }

  /**
   * Every finished hypothesis of each source ({@code k} of them, or more when the step limit cut
   * live ones; fewer, possibly none, when {@link ReplyRules#dropCut()} drops the cut ones), best
   * first by length-normalised score; on equal scores the one finished first.
   */
  List<List<Hypothesis>> search(int[][] src, int limit) {
    int sources = src.length;
    int rows = sources * k;
    int[] sourceOf = new int[rows];
    for (int b = 0; b < rows; b++) {
      sourceOf[b] = b / k;
    }
    Workspace ws = network.start(src, sourceOf);
    float[][] logits = new float[rows][output.logitsLength()];
    int vt = target.size();
    int[][] ids = new int[rows][];
    float[][] chosen = new float[rows][];
    double[] total = new double[rows];
    List<List<Finished>> finished = new ArrayList<>();
    int[] live = new int[rows];
    int n = 0;
    for (int s = 0; s < sources; s++) {
      finished.add(new ArrayList<>());
      int b = s * k;
      live[n++] = b;
      ids[b] = new int[0];
      chosen[b] = new float[0];
      ws.tokens[b] = Vocabulary.START;
    }
    int[] nextLive = new int[rows];
    int[] from = new int[rows];
    int[] to = new int[rows];
    int[] nextToken = new int[rows];
    int[][] nextIds = new int[rows][];
    float[][] nextChosen = new float[rows][];
    double[] nextTotal = new double[rows];
    double[] logZ = new double[rows];
    Candidates best = new Candidates(2 * k);
    for (int step = 0; step < limit && n > 0; step++) {
      network.step(ws, ws.tokens, live, n);
      output.logits(network.outputs(ws), live, n, ws, logits);
      for (int r = 0; r < n; r++) {
        logZ[live[r]] = logSumExp(logits[live[r]], vt);
      }
      int m = 0;
      for (int r = 0; r < n; ) {
        int s = sourceOf[live[r]];
        best.clear();
        for (; r < n && sourceOf[live[r]] == s; r++) {
          int b = live[r];
          float[] l = logits[b];
          double base = total[b] - logZ[b];
          if (repeats != null && repeats.lastWordRepeats(ids[b])) {
            // ending the current word would repeat a word n-gram: only word characters may follow
            for (int v = 0; v < vt; v++) {
              if (repeats.isWordChar(v)) {
                best.offer(base + l[v], b, v);
              }
            }
          } else {
            for (int v = 0; v < vt; v++) {
              best.offer(base + l[v], b, v);
            }
          }
        }
        List<Finished> done = finished.get(s);
        int slot = 0;
        for (int c = 0; c < best.size && done.size() < k; c++) {
          int b = best.row[c];
          int id = best.id[c];
          int[] grown = Arrays.copyOf(ids[b], ids[b].length + 1);
          grown[grown.length - 1] = id;
          float[] grownLogits = Arrays.copyOf(chosen[b], chosen[b].length + 1);
          grownLogits[grownLogits.length - 1] = logits[b][id];
          if (id == Vocabulary.END) {
            if (c < k) {
              done.add(
                  new Finished(
                      grown, grownLogits, best.score[c], normalised(best.score[c], grown.length)));
            }
          } else if (slot < k) {
            int dst = s * k + slot++;
            from[m] = b;
            to[m] = dst;
            nextLive[m] = dst;
            nextToken[m] = id;
            nextIds[m] = grown;
            nextChosen[m] = grownLogits;
            nextTotal[m] = best.score[c];
            m++;
          }
        }
        if (done.size() >= k) {
          while (m > 0 && sourceOf[nextLive[m - 1]] == s) {
            m--; // this source is done: its continuations stop here
          }
        }
      }
      network.reorder(ws, from, to, m);
      for (int i = 0; i < m; i++) {
        int b = nextLive[i];
        live[i] = b;
        ws.tokens[b] = nextToken[i];
        ids[b] = nextIds[i];
        chosen[b] = nextChosen[i];
        total[b] = nextTotal[i];
      }
      n = m;
    }
    for (int r = 0; r < n && !rules.dropCut(); r++) {
      int b = live[r];
      finished
          .get(sourceOf[b])
          .add(new Finished(ids[b], chosen[b], total[b], normalised(total[b], ids[b].length)));
    }
    List<List<Hypothesis>> out = new ArrayList<>(sources);
    for (List<Finished> f : finished) {
      List<Finished> sorted = new ArrayList<>(f);
      // stable: on equal scores the hypothesis finished first stays first
      sorted.sort((x, y) -> Double.compare(y.score, x.score));
      List<Hypothesis> hyps = new ArrayList<>(sorted.size());
      for (Finished x : sorted) {
        hyps.add(
            new Hypothesis(
                GreedyDecoder.decoded(target, x.ids, x.logits), x.logProbability, x.score));
      }
      out.add(hyps);
    }
    return out;
  }

  /** GNMT's length-normalised score: {@code logP / ((5 + length) / 6)^α}. */
  static double normalised(double logProbability, int length) {
    return logProbability / Math.pow((5.0 + length) / 6.0, ALPHA);
  }

  /** {@code log Σ exp(l[v])} over {@code v < n}, stable. */
  static double logSumExp(float[] l, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int v = 0; v < n; v++) {
      max = Math.max(max, l[v]);
    }
    double sum = 0;
    for (int v = 0; v < n; v++) {
      sum += Kernels.exp(l[v] - max);
    }
    return max + Math.log(sum);
  }

  /**
   * The best {@code capacity} of the offered (score, row, id), best first; on equal scores the one
   * offered first ranks higher (lower row, then lower id).
   */
  static final class Candidates {
    final double[] score;
    final int[] row;
    final int[] id;
    int size;

    Candidates(int capacity) {
      score = new double[capacity];
      row = new int[capacity];
      id = new int[capacity];
    }

    void clear() {
      size = 0;
    }

    void offer(double s, int r, int v) {
      int cap = score.length;
      if (size == cap && !(s > score[cap - 1])) {
        return;
      }
      int i = size < cap ? size++ : cap - 1;
      while (i > 0 && s > score[i - 1]) {
        score[i] = score[i - 1];
        row[i] = row[i - 1];
        id[i] = id[i - 1];
        i--;
      }
      score[i] = s;
      row[i] = r;
      id[i] = v;
    }
  }
}
